//! Run summaries added up into one funnel: the totals of all versions
//! together or of one version, over the report's full step list.

use std::collections::BTreeMap;

use super::run::{RunStep, RunSummary};
use super::{percentile, rate, Dwell, Funnel, Runs, StepFunnel};
use crate::event::Reason;

/// Sums over runs, per step position of the report's full step list.
pub(super) struct Tally {
    runs: Runs,
    counts: Vec<RunStep>,
    dwells: Vec<Vec<u64>>,
    abandoned: Vec<BTreeMap<Reason, u64>>,
    failed: Vec<BTreeMap<Reason, u64>>,
    /// Whether any counted fact named the step (steps no longer in the
    /// guide only show when one did).
    seen: Vec<bool>,
}

impl Tally {
    pub(super) fn new(steps: usize) -> Self {
        Self {
            runs: Runs::default(),
            counts: vec![RunStep::default(); steps],
            dwells: vec![Vec::new(); steps],
            abandoned: vec![BTreeMap::new(); steps],
            failed: vec![BTreeMap::new(); steps],
            seen: vec![false; steps],
        }
    }

    /// Notes that a counted fact named step position `step`.
    pub(super) fn see(&mut self, step: usize) {
        if let Some(seen) = self.seen.get_mut(step) {
            *seen = true;
        }
    }

    /// Adds one run.
    pub(super) fn add(&mut self, run: &RunSummary) {
        self.runs.started += 1;
        self.runs.completed += u64::from(run.completed);
        self.runs.goal_reached += u64::from(run.goal_reached);
        self.runs.failed += u64::from(!run.failed.is_empty());
        for &(i, mark) in &run.steps {
            self.counts[i].merge(mark);
            if let Some(d) = mark.dwell_ms {
                self.dwells[i].push(super::round_dwell(d));
            }
        }
        if let Some((i, reason)) = run.abandoned {
            *self.abandoned[i].entry(reason).or_default() += 1;
        }
        for &(i, reason) in &run.failed {
            *self.failed[i].entry(reason).or_default() += 1;
        }
    }

    /// The funnel over `step_ids` (the report's full list); of the steps
    /// from position `known` on (no longer in the guide) only those a
    /// counted fact named.
    pub(super) fn finish(self, step_ids: &[&str], known: usize) -> Funnel {
        let Tally {
            mut runs,
            counts,
            dwells,
            abandoned,
            failed,
            seen,
        } = self;
        runs.completion_rate = rate(runs.completed, runs.started);
        let mut steps = Vec::with_capacity(step_ids.len());
        let mut previous = runs.started;
        let parts = step_ids
            .iter()
            .zip(counts)
            .zip(dwells)
            .zip(abandoned)
            .zip(failed)
            .zip(seen)
            .enumerate();
        for (i, (((((id, count), mut dwell), abandoned), failed), seen)) in parts {
            if i >= known && !seen {
                continue;
            }
            dwell.sort_unstable();
            let dwell = Dwell {
                runs: dwell.len() as u64,
                p50_ms: percentile(&dwell, 50),
                p90_ms: percentile(&dwell, 90),
            };
            let counts = StepCounts {
                viewed: count.viewed,
                completed: count.completed,
                back: count.back,
            };
            let step = step_funnel(
                id,
                steps.len(),
                counts,
                (abandoned, failed),
                dwell,
                (previous, runs.started),
            );
            previous = step.viewed;
            steps.push(step);
        }
        Funnel { runs, steps }
    }
}

/// Runs that viewed, completed and went back from a step.
pub(super) struct StepCounts {
    pub(super) viewed: u64,
    pub(super) completed: u64,
    pub(super) back: u64,
}

/// One step of a funnel at position `index`, with its conversions from
/// (`previous` step's viewed, runs `started`).
pub(super) fn step_funnel(
    id: &str,
    index: usize,
    counts: StepCounts,
    (abandoned, failed): (BTreeMap<Reason, u64>, BTreeMap<Reason, u64>),
    dwell: Dwell,
    (previous, started): (u64, u64),
) -> StepFunnel {
    let mut step = StepFunnel::new(id, index);
    step.viewed = counts.viewed;
    step.completed = counts.completed;
    step.back = counts.back;
    step.abandoned = abandoned;
    step.failed = failed;
    step.conversion_from_previous = rate(counts.viewed, previous);
    step.conversion_from_start = rate(counts.viewed, started);
    step.dwell = dwell;
    step
}
