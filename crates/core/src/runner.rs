//! The guide runner: `step(guide, state, input, now) -> (state, effects)`.
//!
//! Every decision of a tour lives here: which step is shown, when it is shown
//! centred, which analytics events are due and with what dwell time. The
//! widget translates the page into [`Input`]s and carries out the returned
//! [`Effect`]s; it decides nothing itself. Time comes in as `now_ms`
//! (milliseconds since the Unix epoch); the runner reads no clock.

use crate::event::{EventType, Reason};
use crate::guide::{Advance, Guide, OnMissing};

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
    fn new(kind: EventType, step: usize) -> Self {
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

/// How a run left at step `index` on an earlier page continues on a page
/// with `path`: reaching the page the step's `advance: url` names completes
/// the step; the step's own page (or any page, for a step without `url`)
/// shows it again; on any other page the run waits (`None`).
pub fn arrival(guide: &Guide, index: usize, path: &str) -> Option<Input> {
    let step = guide.steps.get(index)?;
    if let Advance::Url(pattern) = &step.advance {
        if pattern.matches(path) {
            return Some(Input::Resume {
                index,
                completed: true,
            });
        }
    }
    step.url
        .as_ref()
        .is_none_or(|u| u.matches(path))
        .then_some(Input::Resume {
            index,
            completed: false,
        })
}

/// Advances the run of `guide` from `state` by `input` at time `now_ms`.
///
/// Inputs that make no sense in the current phase (Next while seeking, a
/// late `TargetFound` after the run ended) change nothing and return no
/// effects, so the widget can forward page events without checking.
pub fn step(guide: &Guide, state: &State, input: Input, now_ms: i64) -> (State, Vec<Effect>) {
    let mut run = Run {
        guide,
        state: *state,
        effects: Vec::new(),
        now_ms,
    };
    run.apply(input);
    (run.state, run.effects)
}

/// One call of [`step`] in progress.
struct Run<'a> {
    guide: &'a Guide,
    state: State,
    effects: Vec<Effect>,
    now_ms: i64,
}

impl Run<'_> {
    fn apply(&mut self, input: Input) {
        let last = self.guide.steps.len().saturating_sub(1);
        match (self.state.phase, input) {
            (Phase::Idle, Input::Start) if !self.guide.steps.is_empty() => {
                self.effects
                    .push(Effect::Track(Track::new(EventType::GuideStarted, 0)));
                self.go_to(0);
            }
            (Phase::Idle, Input::Resume { index, completed }) if index <= last => {
                if !completed {
                    self.go_to(index);
                } else {
                    // The dwell was on the previous page: unknown here.
                    self.track_with_dwell(EventType::StepCompleted, index, None);
                    if index >= last {
                        self.track_with_dwell(EventType::GuideCompleted, index, None);
                        self.end();
                    } else {
                        self.go_to(index + 1);
                    }
                }
            }
            (Phase::Seeking { index }, Input::TargetFound { locator }) => {
                self.show(index, false, Some(locator));
            }
            (Phase::Seeking { index }, Input::TargetMissing) => self.missing(index),
            (Phase::Showing { index, .. }, Input::Next | Input::Advanced) => {
                let dwell = self.leave_step();
                self.track_with_dwell(EventType::StepCompleted, index, dwell);
                if index >= last {
                    self.track_with_dwell(EventType::GuideCompleted, index, None);
                    self.end();
                } else {
                    self.go_to(index + 1);
                }
            }
            (Phase::Showing { index, .. }, Input::Back) if index > 0 => {
                let dwell = self.leave_step();
                self.track_with_dwell(EventType::StepBack, index, dwell);
                self.go_to(index - 1);
            }
            (Phase::Seeking { index } | Phase::Showing { index, .. }, Input::Close(reason)) => {
                let dwell = self.leave_step();
                let mut track = Track::new(EventType::GuideAbandoned, index);
                track.reason = Some(reason);
                track.dwell_ms = dwell;
                self.effects.push(Effect::Track(track));
                self.end();
            }
            (Phase::Seeking { index } | Phase::Showing { index, .. }, Input::Fail) => {
                let dwell = self.leave_step();
                let mut track = Track::new(EventType::StepFailed, index);
                track.reason = Some(Reason::Error);
                track.dwell_ms = dwell;
                self.effects.push(Effect::Track(track));
                self.end();
            }
            (_, Input::PageHidden) if !self.state.hidden => {
                self.state.hidden = true;
                self.state.dwell_ms = self.state.dwell_at(self.now_ms);
                self.state.visible_since = None;
            }
            (phase, Input::PageVisible) if self.state.hidden => {
                self.state.hidden = false;
                if matches!(phase, Phase::Showing { .. }) {
                    self.state.visible_since = Some(self.now_ms);
                }
            }
            _ => {}
        }
    }

    /// Moves to step `index`: seek its target, or show it centred if it has none.
    fn go_to(&mut self, index: usize) {
        let has_target = self
            .guide
            .steps
            .get(index)
            .is_some_and(|s| !s.target.is_empty());
        if has_target {
            self.state.phase = Phase::Seeking { index };
            self.effects.push(Effect::Seek { index });
        } else {
            self.show(index, true, None);
        }
    }

    fn show(&mut self, index: usize, centred: bool, locator: Option<u32>) {
        self.state.phase = Phase::Showing { index, centred };
        self.state.dwell_ms = 0;
        self.state.visible_since = (!self.state.hidden).then_some(self.now_ms);
        self.effects.push(Effect::Show { index, centred });
        let mut track = Track::new(EventType::StepViewed, index);
        track.locator = locator;
        self.effects.push(Effect::Track(track));
        self.effects.push(Effect::Persist { index });
    }

    /// The target of step `index` never appeared: report it, then follow
    /// the step's `onMissing`.
    fn missing(&mut self, index: usize) {
        let mut track = Track::new(EventType::StepFailed, index);
        track.reason = Some(Reason::TargetMissing);
        self.effects.push(Effect::Track(track));
        let on_missing = self
            .guide
            .steps
            .get(index)
            .map_or(OnMissing::Abort, |s| s.on_missing);
        match on_missing {
            OnMissing::Center => self.show(index, true, None),
            OnMissing::Skip if index + 1 < self.guide.steps.len() => self.go_to(index + 1),
            // Skipping past the last step finishes the guide: every step
            // was either done or could not be done.
            OnMissing::Skip => {
                self.track_with_dwell(EventType::GuideCompleted, index, None);
                self.end();
            }
            OnMissing::Abort => self.end(),
        }
    }

    /// Stops the dwell clock of the step being left; its dwell if it was shown.
    fn leave_step(&mut self) -> Option<u64> {
        let shown = matches!(self.state.phase, Phase::Showing { .. });
        let dwell = self.state.dwell_at(self.now_ms);
        self.state.dwell_ms = 0;
        self.state.visible_since = None;
        shown.then_some(dwell)
    }

    fn track_with_dwell(&mut self, kind: EventType, index: usize, dwell: Option<u64>) {
        let mut track = Track::new(kind, index);
        track.dwell_ms = dwell;
        self.effects.push(Effect::Track(track));
    }

    fn end(&mut self) {
        self.state.phase = Phase::Ended;
        self.state.dwell_ms = 0;
        self.state.visible_since = None;
        self.effects.push(Effect::End);
    }
}

#[cfg(test)]
mod tests;
