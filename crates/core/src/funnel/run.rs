//! What one run amounts to: the steps it saw, completed and went back
//! from, where it gave up or broke, and its longest visible time per step.
//! Steps are positions in the report's step list, so a run costs no
//! string lookups or allocations once the caller has indexed its facts.

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

/// A fact with the position of its step in the report's step list.
#[derive(Clone, Copy)]
pub(super) struct Indexed<'a> {
    pub(super) fact: &'a Fact,
    pub(super) step: Option<usize>,
}

/// What one run amounts to. Reused from run to run (see [`summarize`]).
#[derive(Default)]
pub(super) struct RunSummary {
    pub(super) completed: bool,
    pub(super) goal_reached: bool,
    /// Marks per step position, each position at most once.
    pub(super) steps: Vec<(usize, RunStep)>,
    pub(super) abandoned: Option<(usize, Reason)>,
    /// Distinct (step position, reason) pairs the run broke at.
    pub(super) failed: Vec<(usize, Reason)>,
}

impl RunSummary {
    fn mark(&mut self, step: usize) -> &mut RunStep {
        let at = match self.steps.iter().position(|(s, _)| *s == step) {
            Some(at) => at,
            None => {
                self.steps.push((step, RunStep::default()));
                self.steps.len() - 1
            }
        };
        &mut self.steps[at].1
    }
}

/// Whether `a` happened after `b`: a later client time, or in a tie of
/// client times the smaller [`tie_key`] (so the outcome never depends on
/// the order facts arrive in; the pre-aggregated summaries use the same
/// rule, see `state`).
pub(super) fn later(a_ts: i64, a: TieKey<'_>, b_ts: i64, b: TieKey<'_>) -> bool {
    a_ts > b_ts || (a_ts == b_ts && a < b)
}

/// What orders facts with the same client time: type name, step, reason
/// name (absent ones first).
pub(super) type TieKey<'a> = (&'static str, Option<&'a str>, Option<&'static str>);

/// The [`TieKey`] of a fact.
pub(super) fn tie_key(fact: &Fact) -> TieKey<'_> {
    (
        fact.kind.as_str(),
        fact.step.as_deref(),
        fact.reason.map(Reason::as_str),
    )
}

fn after(a: &Fact, b: &Fact) -> bool {
    later(a.last_ts, tie_key(a), b.last_ts, tie_key(b))
}

/// Summarizes the facts of one run into `run` (cleared first). Ties in
/// client time go to the fact with the smaller [`tie_key`].
pub(super) fn summarize<'a>(
    facts: impl Iterator<Item = Indexed<'a>> + Clone,
    options: Options,
    run: &mut RunSummary,
) {
    run.completed = false;
    run.goal_reached = false;
    run.steps.clear();
    run.abandoned = None;
    run.failed.clear();
    let mut last_abandonment: Option<Indexed> = None;
    let mut last_viewed: Option<Indexed> = None;
    let mut last: Option<&Fact> = None;
    let mut last_received: Option<i64> = None;
    for item in facts {
        let fact = item.fact;
        last_received =
            Some(last_received.map_or(fact.last_received, |l| l.max(fact.last_received)));
        if last.is_none_or(|l| after(fact, l)) {
            last = Some(fact);
        }
        let step = item.step;
        if let (Some(s), Some(d)) = (step, fact.dwell_ms) {
            let mark = run.mark(s);
            mark.dwell_ms = Some(mark.dwell_ms.map_or(d, |m| m.max(d)));
        }
        match (fact.kind, step) {
            (EventType::StepViewed, Some(s)) => {
                run.mark(s).viewed = 1;
                if last_viewed.is_none_or(|l| after(fact, l.fact)) {
                    last_viewed = Some(item);
                }
            }
            (EventType::StepCompleted, Some(s)) => run.mark(s).completed = 1,
            (EventType::StepBack, Some(s)) => run.mark(s).back = 1,
            (EventType::GuideCompleted, step) => {
                run.completed = true;
                if let Some(s) = step {
                    run.mark(s).completed = 1;
                }
            }
            (EventType::GoalReached, _) => run.goal_reached = true,
            (EventType::GuideAbandoned, _)
                if fact.reason.is_some()
                    && last_abandonment.is_none_or(|l| after(fact, l.fact)) =>
            {
                last_abandonment = Some(item);
            }
            (EventType::StepFailed, Some(s)) => {
                if let Some(reason) = fact.reason {
                    if !run.failed.contains(&(s, reason)) {
                        run.failed.push((s, reason));
                    }
                }
            }
            _ => {}
        }
    }
    if run.completed {
        return;
    }
    let at_last_view = || last_viewed.and_then(|f| f.step);
    if let Some(item) = last_abandonment {
        let step = item.step.or_else(at_last_view);
        run.abandoned = step.zip(item.fact.reason);
        return;
    }
    let silent = options.now_ms.saturating_sub(last_received.unwrap_or(0)) >= options.inactivity_ms;
    let broke = last.is_some_and(|f| f.kind == EventType::StepFailed);
    if silent && !broke {
        run.abandoned = at_last_view().map(|s| (s, Reason::Left));
    }
}
