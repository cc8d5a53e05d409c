//! The analytics event wire format v1: what the widget sends to
//! `POST /v1/events` and the server stores. Documented in `docs/events.md`.

use serde::{Deserialize, Serialize};

mod codec;

/// Version of the event wire format.
pub const SCHEMA_VERSION: u32 = 1;

/// A batch of events as posted to `POST /v1/events`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// The site key the events belong to.
    pub site: String,
    /// The events, in the order they happened.
    pub events: Vec<Event>,
}

/// One guide event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// Random, unique id: a retried event is stored once.
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Guide id.
    pub guide: String,
    /// Guide version.
    pub guide_version: u32,
    /// Random id of this run of the guide, kept across its pages; nothing
    /// else about the visitor is sent.
    pub run: String,
    /// Step id, for step events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// 0-based index of the step, for step events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_index: Option<u32>,
    /// Number of steps in the guide.
    pub step_count: u32,
    /// Client time, milliseconds since the Unix epoch.
    pub ts: i64,
    /// URL path without query string or fragment.
    pub path: String,
    /// The visitor's locale, e.g. `de-DE`.
    pub locale: String,
    /// Device class from the viewport width.
    pub device: Device,
    /// Why, for `guide_abandoned` and `step_failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// Visible time on the step (paused while hidden), for step events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dwell_ms: Option<u64>,
    /// Which locator of the step matched (0-based), for `step_viewed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<u32>,
}

/// The kinds of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A run of the guide began.
    GuideStarted,
    /// A step was shown.
    StepViewed,
    /// The visitor did what the step asked.
    StepCompleted,
    /// The visitor went back from the step.
    StepBack,
    /// The last step was completed.
    GuideCompleted,
    /// The visitor left the guide (see `reason`).
    GuideAbandoned,
    /// The guide broke at the step (see `reason`).
    StepFailed,
    /// The guide's goal was reached.
    GoalReached,
}

impl EventType {
    /// Every event type, in wire order.
    pub const ALL: [EventType; 8] = [
        EventType::GuideStarted,
        EventType::StepViewed,
        EventType::StepCompleted,
        EventType::StepBack,
        EventType::GuideCompleted,
        EventType::GuideAbandoned,
        EventType::StepFailed,
        EventType::GoalReached,
    ];

    /// The wire name, e.g. `step_viewed`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::GuideStarted => "guide_started",
            EventType::StepViewed => "step_viewed",
            EventType::StepCompleted => "step_completed",
            EventType::StepBack => "step_back",
            EventType::GuideCompleted => "guide_completed",
            EventType::GuideAbandoned => "guide_abandoned",
            EventType::StepFailed => "step_failed",
            EventType::GoalReached => "goal_reached",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Why a run was abandoned or a step failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The visitor clicked the close button.
    CloseButton,
    /// The visitor pressed Escape.
    Esc,
    /// The visitor clicked the dimmed page.
    OverlayClick,
    /// The visitor did nothing for too long.
    IdleTimeout,
    /// The visitor left for a page outside the guide.
    NavigateAway,
    /// The site's page ended the guide (`Lotse.stop()`), e.g. when its
    /// own navigation moved on.
    Stopped,
    /// Assigned by the reports, never sent: the run went silent.
    Left,
    /// The step's target never appeared (the guide is broken, not the visitor).
    TargetMissing,
    /// The widget hit an error.
    Error,
}

impl Reason {
    /// Every reason, in wire order.
    pub const ALL: [Reason; 9] = [
        Reason::CloseButton,
        Reason::Esc,
        Reason::OverlayClick,
        Reason::IdleTimeout,
        Reason::NavigateAway,
        Reason::Stopped,
        Reason::Left,
        Reason::TargetMissing,
        Reason::Error,
    ];

    /// The wire name, e.g. `close_button`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::CloseButton => "close_button",
            Reason::Esc => "esc",
            Reason::OverlayClick => "overlay_click",
            Reason::IdleTimeout => "idle_timeout",
            Reason::NavigateAway => "navigate_away",
            Reason::Stopped => "stopped",
            Reason::Left => "left",
            Reason::TargetMissing => "target_missing",
            Reason::Error => "error",
        }
    }

    /// Why visitors abandon, as the reports count it: the reasons a client
    /// sends with `guide_abandoned`, then `Left` (a run that went silent).
    /// The part of [`Reason::ALL`] before `TargetMissing`.
    pub const ABANDONED: &'static [Reason] = Self::ALL.split_at(7).0;

    /// The abandonment reasons a client sends: all of [`Reason::ABANDONED`]
    /// but `Left`, which only the reports infer.
    pub const SENT_ABANDONED: &'static [Reason] =
        Self::ABANDONED.split_at(Self::ABANDONED.len() - 1).0;

    /// Why a guide failed (`step_failed`): not the visitor's doing. The rest
    /// of [`Reason::ALL`].
    pub const FAILED: &'static [Reason] = Self::ALL.split_at(7).1;

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether this reason ends a run as a visitor abandonment (as opposed
    /// to a failure of the guide).
    pub fn is_abandonment(self) -> bool {
        !matches!(self, Reason::TargetMissing | Reason::Error)
    }
}

/// Device class, from the viewport width in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Device {
    /// Narrower than 768 px.
    Mobile,
    /// 768 px to 1023 px.
    Tablet,
    /// 1024 px and wider.
    Desktop,
}

impl Device {
    /// The class of a viewport `width` in CSS pixels.
    pub fn from_width(width: f64) -> Self {
        if width < 768.0 {
            Device::Mobile
        } else if width < 1024.0 {
            Device::Tablet
        } else {
            Device::Desktop
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Device::Mobile => "mobile",
            Device::Tablet => "tablet",
            Device::Desktop => "desktop",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for t in EventType::ALL {
            let json = serde_json::to_string(&t).expect("serializes");
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        for r in Reason::ALL {
            let json = serde_json::to_string(&r).expect("serializes");
            assert_eq!(json, format!("\"{}\"", r.as_str()));
            assert_eq!(Reason::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn device_from_width() {
        assert_eq!(Device::from_width(360.0), Device::Mobile);
        assert_eq!(Device::from_width(800.0), Device::Tablet);
        assert_eq!(Device::from_width(1280.0), Device::Desktop);
    }
}
