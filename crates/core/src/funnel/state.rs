//! The pre-aggregated form of one run (of one guide version): everything
//! [`super::report`] needs from its facts, folded one observation at a
//! time in any order, so the store's writer can keep it current as events
//! arrive (out of order, several times) and the reports add up
//! [`Counters`] instead of reading every fact.
//!
//! Folding the same set of observations in any order, or one observation
//! twice, gives the same state: every field is a maximum, a minimum, a
//! union or a latest-by-time with the tie rule of `run::later`.

use serde::{Deserialize, Serialize};

use super::counters::{Counters, StepCounters};
use super::round_dwell;
use super::run::{later, TieKey};
use crate::event::{EventType, Reason};

/// One day in ms.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// One event, or a group of a run's events with the same type, step,
/// reason, site, locale and device (then the times are the group's
/// extremes and the dwell its largest).
#[derive(Debug, Clone, Copy)]
pub struct Observation<'a> {
    /// Site key.
    pub site: &'a str,
    /// Locale as sent.
    pub locale: &'a str,
    /// Device class as stored (`mobile`, ...).
    pub device: &'a str,
    /// Event type.
    pub kind: EventType,
    /// Step, for step events.
    pub step: Option<&'a str>,
    /// Reason, for abandonment and failure.
    pub reason: Option<Reason>,
    /// Earliest client time, ms since the epoch.
    pub first_ts: i64,
    /// Latest client time.
    pub last_ts: i64,
    /// Latest server receive time.
    pub received: i64,
    /// Largest visible time.
    pub dwell_ms: Option<u64>,
}

/// Marks of one step in a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepState {
    /// Step id.
    pub id: String,
    /// Viewed, completed, went back (bits 0, 1, 2).
    #[serde(default)]
    pub marks: u8,
    /// Largest visible time reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dwell: Option<u64>,
}

const VIEWED: u8 = 1;
const COMPLETED: u8 = 2;
const BACK: u8 = 4;

/// The latest fact of some kind: client time and tie key parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Latest {
    /// Client time.
    pub ts: i64,
    /// Event type (wire name).
    pub kind: EventType,
    /// Step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

impl Latest {
    fn key(&self) -> TieKey<'_> {
        (
            self.kind.as_str(),
            self.step.as_deref(),
            self.reason.map(Reason::as_str),
        )
    }

    fn of(o: &Observation<'_>) -> Self {
        Latest {
            ts: o.last_ts,
            kind: o.kind,
            step: o.step.map(str::to_string),
            reason: o.reason,
        }
    }

    /// Replaces `slot` with `o` when `o` is later.
    fn keep(slot: &mut Option<Latest>, o: &Observation<'_>) {
        let key = (o.kind.as_str(), o.step, o.reason.map(Reason::as_str));
        if slot
            .as_ref()
            .is_none_or(|l| later(o.last_ts, key, l.ts, l.key()))
        {
            *slot = Some(Latest::of(o));
        }
    }
}

/// What one run (of one guide version) amounts to so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunState {
    /// Smallest site key seen.
    pub site: String,
    /// Smallest locale seen.
    pub locale: String,
    /// Smallest device seen.
    pub device: String,
    /// Earliest client time.
    pub first_ts: i64,
    /// Latest client time.
    pub last_ts: i64,
    /// Latest receive time.
    pub received: i64,
    /// Events came for more than one site.
    #[serde(default)]
    pub sites: bool,
    /// Events came with more than one locale or device.
    #[serde(default)]
    pub dims: bool,
    /// The run completed the guide.
    #[serde(default)]
    pub completed: bool,
    /// The run reached the goal.
    #[serde(default)]
    pub goal: bool,
    /// Steps any fact named, in first-seen order.
    #[serde(default)]
    pub steps: Vec<StepState>,
    /// Latest abandonment with a reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandon: Option<Latest>,
    /// Latest view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewed: Option<Latest>,
    /// Latest fact of any type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Latest>,
    /// Distinct (step, reason) the run broke at.
    #[serde(default)]
    pub failed: Vec<(String, Reason)>,
}

impl RunState {
    /// A run with the one observation `o`.
    pub fn new(o: &Observation<'_>) -> Self {
        let mut state = RunState {
            site: o.site.to_string(),
            locale: o.locale.to_string(),
            device: o.device.to_string(),
            first_ts: o.first_ts,
            last_ts: o.last_ts,
            received: o.received,
            ..RunState::default()
        };
        state.fold(o);
        state
    }

    /// Folds in one more observation.
    pub fn add(&mut self, o: &Observation<'_>) {
        min_text(&mut self.site, o.site, &mut self.sites);
        min_text(&mut self.locale, o.locale, &mut self.dims);
        min_text(&mut self.device, o.device, &mut self.dims);
        self.first_ts = self.first_ts.min(o.first_ts);
        self.last_ts = self.last_ts.max(o.last_ts);
        self.received = self.received.max(o.received);
        self.fold(o);
    }

    fn step(&mut self, id: &str) -> &mut StepState {
        let at = match self.steps.iter().position(|s| s.id == id) {
            Some(at) => at,
            None => {
                self.steps.push(StepState {
                    id: id.to_string(),
                    ..StepState::default()
                });
                self.steps.len() - 1
            }
        };
        &mut self.steps[at]
    }

    fn fold(&mut self, o: &Observation<'_>) {
        Latest::keep(&mut self.last, o);
        if let Some(id) = o.step {
            let step = self.step(id);
            if let Some(d) = o.dwell_ms {
                step.dwell = Some(step.dwell.map_or(d, |m| m.max(d)));
            }
            match o.kind {
                EventType::StepViewed => step.marks |= VIEWED,
                EventType::StepCompleted | EventType::GuideCompleted => step.marks |= COMPLETED,
                EventType::StepBack => step.marks |= BACK,
                _ => {}
            }
        }
        match (o.kind, o.step, o.reason) {
            (EventType::StepViewed, Some(_), _) => Latest::keep(&mut self.viewed, o),
            (EventType::GuideCompleted, _, _) => self.completed = true,
            (EventType::GoalReached, _, _) => self.goal = true,
            (EventType::GuideAbandoned, _, Some(_)) => Latest::keep(&mut self.abandon, o),
            (EventType::StepFailed, Some(step), Some(reason))
                if !self.failed.iter().any(|(s, r)| s == step && *r == reason) =>
            {
                self.failed.push((step.to_string(), reason));
            }
            _ => {}
        }
    }

    /// Day (since the epoch, UTC) of the earliest client time.
    pub fn first_day(&self) -> i64 {
        self.first_ts.div_euclid(DAY_MS)
    }

    /// Day of the latest client time.
    pub fn last_day(&self) -> i64 {
        self.last_ts.div_euclid(DAY_MS)
    }

    /// Whether a report narrowed by time, locale or device can not decide
    /// from the run's days, locale and device alone: it spans more than
    /// two days or changed locale or device.
    pub fn spread(&self) -> bool {
        self.dims || self.last_day() - self.first_day() >= 2
    }

    /// The step the run is open at: neither completed, abandoned nor
    /// broken last, so it counts as `left` there once silent (see
    /// [`super::Options::inactivity_ms`]).
    pub fn open_step(&self) -> Option<&str> {
        if self.completed || self.abandon.is_some() {
            return None;
        }
        if self
            .last
            .as_ref()
            .is_some_and(|l| l.kind == EventType::StepFailed)
        {
            return None;
        }
        self.viewed.as_ref().and_then(|v| v.step.as_deref())
    }

    /// What the run adds to the counters of its rollup; `mixed` marks a
    /// run that also has events of another version (or site), which the
    /// counters can not add up correctly over versions.
    pub fn counters(&self, mixed: bool) -> Counters {
        let mut c = Counters::default();
        self.add_to(&mut c, mixed);
        c
    }

    /// Adds what the run amounts to ([`RunState::counters`]) to `c` in
    /// place (for reports that add up many runs' states).
    pub fn add_to(&self, c: &mut Counters, mixed: bool) {
        c.started += 1;
        c.completed += i64::from(self.completed);
        c.goal += i64::from(self.goal);
        c.failed += i64::from(!self.failed.is_empty());
        c.mixed += i64::from(mixed || self.sites);
        c.spread += i64::from(self.spread());
        for s in &self.steps {
            let step = c.step(&s.id);
            step.named += 1;
            step.viewed += i64::from(s.marks & VIEWED != 0);
            step.completed += i64::from(s.marks & COMPLETED != 0);
            step.back += i64::from(s.marks & BACK != 0);
            if let Some(d) = s.dwell {
                *step.dwell.entry(round_dwell(d)).or_default() += 1;
            }
        }
        for (id, reason) in &self.failed {
            *c.step(id).failed.entry(*reason).or_default() += 1;
        }
        if !self.completed {
            if let Some(a) = &self.abandon {
                let at = a
                    .step
                    .as_deref()
                    .or_else(|| self.viewed.as_ref().and_then(|v| v.step.as_deref()));
                if let (Some(at), Some(reason)) = (at, a.reason) {
                    *c.step(at).abandoned.entry(reason).or_default() += 1;
                }
            } else if let Some(at) = self.open_step() {
                c.step(at).open += 1;
            }
        }
    }
}

/// Keeps the smaller of `slot` and `value`; notes when they differ.
fn min_text(slot: &mut String, value: &str, differs: &mut bool) {
    if slot != value {
        *differs = true;
        if value < slot.as_str() {
            *slot = value.to_string();
        }
    }
}

impl Counters {
    fn step(&mut self, id: &str) -> &mut StepCounters {
        self.steps.entry(id.to_string()).or_default()
    }
}
