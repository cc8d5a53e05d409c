//! The guide runner: `step(guide, state, input, now) -> (state, effects)`.
//!
//! Every decision of a tour lives here: which step is shown, when it is shown
//! centred, which analytics events are due and with what dwell time. The
//! widget translates the page into [`Input`]s and carries out the returned
//! [`Effect`]s; it decides nothing itself. Time comes in as `now_ms`
//! (milliseconds since the Unix epoch); the runner reads no clock.

use crate::event::{EventType, Reason};
use crate::guide::{Advance, Guide, OnMissing};

mod types;

pub use types::{Effect, Input, Phase, State, Track};

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
                self.begin(0);
            }
            (Phase::Idle, Input::StartAt { index }) if index <= last => self.begin(index),
            (Phase::Idle, Input::Resume { index, completed }) if index <= last => {
                self.state.last_input = Some(self.now_ms);
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
                self.abandon(index, reason);
            }
            (Phase::Showing { index, .. }, Input::OverlayClick) => {
                self.abandon(index, Reason::OverlayClick);
            }
            (Phase::Seeking { .. } | Phase::Showing { .. }, Input::Activity) => {
                self.state.last_input = Some(self.now_ms);
            }
            (
                Phase::Seeking { index } | Phase::Showing { index, .. },
                Input::IdleCheck { limit_ms },
            ) if !self.state.hidden && self.idle_for() >= limit_ms => {
                self.abandon(index, Reason::IdleTimeout);
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
                self.state.last_input = Some(self.now_ms);
                if matches!(phase, Phase::Showing { .. }) {
                    self.state.visible_since = Some(self.now_ms);
                }
            }
            _ => {}
        }
    }

    /// A new run at step `index`.
    fn begin(&mut self, index: usize) {
        self.state.last_input = Some(self.now_ms);
        self.effects
            .push(Effect::Track(Track::new(EventType::GuideStarted, index)));
        self.go_to(index);
    }

    /// How long the visitor has done nothing (since the run began, a step
    /// was shown, or the page became visible, at the latest).
    fn idle_for(&self) -> u64 {
        self.state.last_input.map_or(0, |since| {
            u64::try_from(self.now_ms.saturating_sub(since)).unwrap_or(0)
        })
    }

    /// The visitor left the run at step `index` for `reason`.
    fn abandon(&mut self, index: usize, reason: Reason) {
        let dwell = self.leave_step();
        let mut track = Track::new(EventType::GuideAbandoned, index);
        track.reason = Some(reason);
        track.dwell_ms = dwell;
        self.effects.push(Effect::Track(track));
        self.end();
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
            // Remembered before it is shown: a step completed by a submit or
            // a link is sought on a page that is being left; the next page
            // must resume here, not at the completed step.
            self.effects.push(Effect::Persist { index });
            self.effects.push(Effect::Seek { index });
        } else {
            self.show(index, true, None);
        }
    }

    fn show(&mut self, index: usize, centred: bool, locator: Option<u32>) {
        self.state.phase = Phase::Showing { index, centred };
        self.state.dwell_ms = 0;
        self.state.visible_since = (!self.state.hidden).then_some(self.now_ms);
        self.state.last_input = Some(self.now_ms);
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
        self.state.last_input = None;
        self.state.dwell_ms = 0;
        self.state.visible_since = None;
        self.effects.push(Effect::End);
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_visitor;
