//! The runner's data: where a run is ([`State`], [`Phase`]), what happens
//! ([`Input`]) and what the widget must do ([`Effect`], [`Track`]).

use crate::event::{EventType, Reason};

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// Not started yet.
    #[default]
    Idle,
    /// Looking for the target of step `index` (the widget waits for it).
    Seeking {
        /// The step being looked for.
        index: usize,
    },
    /// Step `index` is on screen.
    Showing {
        /// The step shown.
        index: usize,
        /// Shown in the middle of the viewport without a spotlight.
        centred: bool,
    },
    /// The run is over (completed, abandoned or failed).
    Ended,
}

/// The runner's state: plain data, cheap to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct State {
    /// Where the run is.
    pub phase: Phase,
    /// Whether the page is hidden (dwell time is paused).
    pub hidden: bool,
    /// Visible time on the current step accumulated before `visible_since`.
    pub dwell_ms: u64,
    /// Since when the current step has been visible, if it is.
    pub visible_since: Option<i64>,
    /// The visitor's last input (or the moment a step was shown, or the
    /// page became visible again), for the idle time-out.
    pub last_input: Option<i64>,
}

impl State {
    /// The step the run is at (seeking or showing), if any.
    pub fn index(&self) -> Option<usize> {
        match self.phase {
            Phase::Seeking { index } | Phase::Showing { index, .. } => Some(index),
            Phase::Idle | Phase::Ended => None,
        }
    }

    /// Visible time on the current step up to `now_ms`.
    pub fn dwell_at(&self, now_ms: i64) -> u64 {
        let running = self.visible_since.map_or(0, |since| {
            u64::try_from(now_ms.saturating_sub(since)).unwrap_or(0)
        });
        self.dwell_ms.saturating_add(running)
    }
}

/// Something that happened, as the widget tells the runner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Begin a new run at the first step.
    Start,
    /// Begin a new run at step `index` (the JavaScript API's
    /// `Lotse.start(id, {step})`); ignored when there is no such step.
    StartAt {
        /// The step to begin with.
        index: usize,
    },
    /// Continue a run (e.g. on the next page) at step `index`, without a new
    /// `guide_started`; see [`arrival`].
    Resume {
        /// The step the run was at.
        index: usize,
        /// Reaching this page completed that step (its `advance` is a URL).
        completed: bool,
    },
    /// The target of the step being sought was found by locator `locator`.
    TargetFound {
        /// 0-based index of the locator that matched.
        locator: u32,
    },
    /// The target did not appear within the step's wait time.
    TargetMissing,
    /// The Next (or Done) button.
    Next,
    /// The Back button.
    Back,
    /// The step's own advance condition happened (click, input, submit, ...).
    Advanced,
    /// The visitor left the guide.
    Close(Reason),
    /// The visitor clicked the dimmed page around the spotlight: closes a
    /// step on screen with `overlay_click` (nothing is dimmed while seeking).
    OverlayClick,
    /// The visitor did something (pointer, key, wheel): the idle clock restarts.
    Activity,
    /// A check of the idle clock: a run without visitor input for `limit_ms`
    /// (while the page is visible) ends with `idle_timeout`.
    IdleCheck {
        /// How long a visitor may do nothing.
        limit_ms: u64,
    },
    /// The widget hit an error and gives up.
    Fail,
    /// The page became hidden (tab switched, minimised).
    PageHidden,
    /// The page became visible again.
    PageVisible,
}

/// An analytics event without the fields the widget knows (ids, time, page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Track {
    /// The event type.
    pub kind: EventType,
    /// The step index it concerns.
    pub step: usize,
    /// Why, for `guide_abandoned` and `step_failed`.
    pub reason: Option<Reason>,
    /// Visible time on the step, for events that leave a step.
    pub dwell_ms: Option<u64>,
    /// Which locator matched, for `step_viewed`.
    pub locator: Option<u32>,
}

impl Track {
    pub(super) fn new(kind: EventType, step: usize) -> Self {
        Self {
            kind,
            step,
            reason: None,
            dwell_ms: None,
            locator: None,
        }
    }
}

/// What the widget must do, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Look for the target of step `index`, waiting up to its `wait_for_ms`;
    /// answer with [`Input::TargetFound`] or [`Input::TargetMissing`].
    Seek {
        /// The step whose target to find.
        index: usize,
    },
    /// Show step `index`: scroll its target into view, spotlight it and
    /// place the popover (or centre it, without a spotlight).
    Show {
        /// The step to show.
        index: usize,
        /// No target: centre the popover, no spotlight.
        centred: bool,
    },
    /// Send an analytics event.
    Track(Track),
    /// Remember that the run is at step `index` (for the next page).
    Persist {
        /// The step reached.
        index: usize,
    },
    /// Forget the run's progress, remove the overlay, send what is queued.
    End,
}
