//! What one run amounts to: the steps it saw, completed and went back
//! from, where it gave up or broke, and its longest visible time per step.

use std::collections::{BTreeMap, BTreeSet};

use super::{Fact, Options};
use crate::event::{EventType, Reason};

/// Per-step marks of one run; counters are 0 or 1 per run and add up over
/// runs.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RunStep {
    pub(super) viewed: u64,
    pub(super) completed: u64,
    pub(super) back: u64,
    /// The largest visible time the run reported for the step.
    pub(super) dwell_ms: Option<u64>,
}

impl RunStep {
    pub(super) fn merge(&mut self, other: RunStep) {
        self.viewed += other.viewed;
        self.completed += other.completed;
        self.back += other.back;
    }
}

/// What one run amounts to.
pub(super) struct RunSummary<'a> {
    pub(super) completed: bool,
    pub(super) goal_reached: bool,
    pub(super) steps: BTreeMap<&'a str, RunStep>,
    pub(super) abandoned: Option<(&'a str, Reason)>,
    pub(super) failed: BTreeSet<(&'a str, Reason)>,
}

pub(super) fn summarize<'a>(facts: &[&'a Fact], options: Options) -> RunSummary<'a> {
    let mut run = RunSummary {
        completed: false,
        goal_reached: false,
        steps: BTreeMap::new(),
        abandoned: None,
        failed: BTreeSet::new(),
    };
    let mut last_abandonment: Option<&Fact> = None;
    let mut last_viewed: Option<&Fact> = None;
    let mut last: Option<&Fact> = None;
    for &fact in facts {
        if last.is_none_or(|l| fact.last_ts > l.last_ts) {
            last = Some(fact);
        }
        let step = fact.step.as_deref();
        if let (Some(s), Some(d)) = (step, fact.dwell_ms) {
            let mark = run.steps.entry(s).or_default();
            mark.dwell_ms = Some(mark.dwell_ms.map_or(d, |m| m.max(d)));
        }
        match (fact.kind, step) {
            (EventType::StepViewed, Some(s)) => {
                run.steps.entry(s).or_default().viewed = 1;
                if last_viewed.is_none_or(|l| fact.last_ts > l.last_ts) {
                    last_viewed = Some(fact);
                }
            }
            (EventType::StepCompleted, Some(s)) => run.steps.entry(s).or_default().completed = 1,
            (EventType::StepBack, Some(s)) => run.steps.entry(s).or_default().back = 1,
            (EventType::GuideCompleted, step) => {
                run.completed = true;
                if let Some(s) = step {
                    run.steps.entry(s).or_default().completed = 1;
                }
            }
            (EventType::GoalReached, _) => run.goal_reached = true,
            (EventType::GuideAbandoned, _)
                if fact.reason.is_some()
                    && last_abandonment.is_none_or(|l| fact.last_ts > l.last_ts) =>
            {
                last_abandonment = Some(fact);
            }
            (EventType::StepFailed, Some(s)) => {
                if let Some(reason) = fact.reason {
                    run.failed.insert((s, reason));
                }
            }
            _ => {}
        }
    }
    if run.completed {
        return run;
    }
    let at_last_view = || last_viewed.and_then(|f| f.step.as_deref());
    if let Some(fact) = last_abandonment {
        let step = fact.step.as_deref().or_else(at_last_view);
        run.abandoned = step.zip(fact.reason);
        return run;
    }
    let last_received = facts.iter().map(|f| f.last_received).max().unwrap_or(0);
    let silent = options.now_ms.saturating_sub(last_received) >= options.inactivity_ms;
    let broke = last.is_some_and(|f| f.kind == EventType::StepFailed);
    if silent && !broke {
        run.abandoned = at_last_view().map(|s| (s, Reason::Left));
    }
    run
}
