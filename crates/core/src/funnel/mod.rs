//! Drop-off numbers from per-run facts: which step each run reached, where
//! it completed, went back, gave up (and why) or broke, and how long it
//! stayed. Every figure counts runs, never events, so retries, reloads and
//! back-and-forth never inflate it. The store groups events by run into
//! [`Fact`]s (after applying a [`Filter`]); [`funnel`] and [`by_version`]
//! do the rest; [`broken`] assembles the broken-guide panel.

mod broken;
mod filter;
mod run;
mod stats;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::event::{EventType, Reason};

pub use broken::{broken, BrokenStep, FailureCount, LocatorCount, PathCount};
pub use filter::Filter;
pub use stats::{percentile, rate};

/// Default inactivity window after which a silent run counts as `left`.
pub const DEFAULT_INACTIVITY_MS: i64 = 30 * 60 * 1000;

/// One distinct thing a run did: every event of that run with the same
/// version, type, step and reason, collapsed into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The run id.
    pub run: String,
    /// The guide version the run used.
    pub version: u32,
    /// The event type.
    pub kind: EventType,
    /// The step, for step events.
    pub step: Option<String>,
    /// The reason, for abandonment and failure.
    pub reason: Option<Reason>,
    /// Latest client time of these events, ms since the Unix epoch (orders
    /// what happened within the run).
    pub last_ts: i64,
    /// Latest server receive time of these events, ms since the Unix epoch
    /// (decides whether the run went silent).
    pub last_received: i64,
    /// The largest visible time (`dwellMs`) these events reported.
    pub dwell_ms: Option<u64>,
}

/// The clock and window the report is computed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Now, ms since the Unix epoch.
    pub now_ms: i64,
    /// A run with no event for this long, neither completed nor abandoned,
    /// counts as abandoned at its last viewed step with reason `left`.
    pub inactivity_ms: i64,
}

/// Run totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Runs {
    /// Runs seen at all.
    pub started: u64,
    /// Runs that completed the last step.
    pub completed: u64,
    /// `completed / started` (0 to 1), `None` without runs.
    pub completion_rate: Option<f64>,
    /// Runs that reached the guide's goal.
    pub goal_reached: u64,
    /// Runs in which the guide broke at some step.
    pub failed: u64,
}

/// Visible time on a step over the runs that reported one, in ms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dwell {
    /// Runs that reported a visible time for the step.
    pub runs: u64,
    /// Median (nearest rank).
    pub p50_ms: Option<u64>,
    /// 90th percentile (nearest rank).
    pub p90_ms: Option<u64>,
}

/// The numbers of one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepFunnel {
    /// Step id.
    pub id: String,
    /// 0-based position in the guide (steps no longer in the guide follow
    /// the current ones).
    pub index: usize,
    /// Runs that saw the step.
    pub viewed: u64,
    /// Runs that completed the step.
    pub completed: u64,
    /// Runs that went back from the step.
    pub back: u64,
    /// Runs that gave up at this step, by reason (each run once, at its
    /// last abandonment).
    pub abandoned: BTreeMap<Reason, u64>,
    /// Runs in which the guide broke at this step, by reason.
    pub failed: BTreeMap<Reason, u64>,
    /// `viewed` over the previous step's `viewed` (over runs started for
    /// the first step); `None` when that is 0.
    pub conversion_from_previous: Option<f64>,
    /// `viewed` over runs started; `None` without runs.
    pub conversion_from_start: Option<f64>,
    /// Visible time on the step.
    pub dwell: Dwell,
}

impl StepFunnel {
    fn new(id: &str, index: usize) -> Self {
        Self {
            id: id.to_string(),
            index,
            viewed: 0,
            completed: 0,
            back: 0,
            abandoned: BTreeMap::new(),
            failed: BTreeMap::new(),
            conversion_from_previous: None,
            conversion_from_start: None,
            dwell: Dwell::default(),
        }
    }

    /// Runs that abandoned this step, over all reasons.
    pub fn abandoned_total(&self) -> u64 {
        self.abandoned.values().sum()
    }

    /// Runs in which this step broke, over all reasons.
    pub fn failed_total(&self) -> u64 {
        self.failed.values().sum()
    }
}

/// The drop-off report of one guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    /// Run totals.
    pub runs: Runs,
    /// Per step, in guide order.
    pub steps: Vec<StepFunnel>,
}

impl Funnel {
    /// The step (after the first) that loses the most runs from the one
    /// before it, by `viewed`; `None` when no step loses any.
    pub fn biggest_drop(&self) -> Option<usize> {
        let mut best: Option<(usize, u64)> = None;
        for i in 1..self.steps.len() {
            let lost = self.steps[i - 1]
                .viewed
                .saturating_sub(self.steps[i].viewed);
            if lost > 0 && best.is_none_or(|(_, b)| lost > b) {
                best = Some((i, lost));
            }
        }
        best.map(|(i, _)| i)
    }
}

/// The funnel of one guide version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionFunnel {
    /// The guide version.
    pub version: u32,
    /// Its numbers.
    #[serde(flatten)]
    pub funnel: Funnel,
}

/// Computes the funnel of a guide with steps `step_ids` (in order) from the
/// facts of its runs (all versions together).
pub fn funnel(step_ids: &[&str], facts: &[Fact], options: Options) -> Funnel {
    let refs: Vec<&Fact> = facts.iter().collect();
    funnel_of(step_ids, &refs, options)
}

fn funnel_of(step_ids: &[&str], facts: &[&Fact], options: Options) -> Funnel {
    let mut steps: Vec<StepFunnel> = step_ids
        .iter()
        .enumerate()
        .map(|(i, id)| StepFunnel::new(id, i))
        .collect();
    let unknown: BTreeSet<&str> = facts
        .iter()
        .filter_map(|f| f.step.as_deref())
        .filter(|s| !step_ids.contains(s))
        .collect();
    for id in unknown {
        let index = steps.len();
        steps.push(StepFunnel::new(id, index));
    }
    let index: BTreeMap<String, usize> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let position = |id: &str| index.get(id).copied();
    let mut by_run: HashMap<&str, Vec<&Fact>> = HashMap::new();
    for &fact in facts {
        by_run.entry(fact.run.as_str()).or_default().push(fact);
    }

    let mut runs = Runs::default();
    let mut counts = vec![run::RunStep::default(); steps.len()];
    let mut dwells: Vec<Vec<u64>> = vec![Vec::new(); steps.len()];
    for run_facts in by_run.values() {
        let run = run::summarize(run_facts, options);
        runs.started += 1;
        runs.completed += u64::from(run.completed);
        runs.goal_reached += u64::from(run.goal_reached);
        runs.failed += u64::from(!run.failed.is_empty());
        for (step, mark) in run.steps {
            if let Some(i) = position(step) {
                counts[i].merge(mark);
                if let Some(d) = mark.dwell_ms {
                    dwells[i].push(d);
                }
            }
        }
        if let Some((step, reason)) = run.abandoned {
            if let Some(i) = position(step) {
                *steps[i].abandoned.entry(reason).or_default() += 1;
            }
        }
        for (step, reason) in run.failed {
            if let Some(i) = position(step) {
                *steps[i].failed.entry(reason).or_default() += 1;
            }
        }
    }
    runs.completion_rate = rate(runs.completed, runs.started);
    let mut previous = runs.started;
    for ((step, count), mut dwell) in steps.iter_mut().zip(counts).zip(dwells) {
        step.viewed = count.viewed;
        step.completed = count.completed;
        step.back = count.back;
        step.conversion_from_previous = rate(step.viewed, previous);
        step.conversion_from_start = rate(step.viewed, runs.started);
        previous = step.viewed;
        dwell.sort_unstable();
        step.dwell = Dwell {
            runs: dwell.len() as u64,
            p50_ms: percentile(&dwell, 50),
            p90_ms: percentile(&dwell, 90),
        };
    }
    Funnel { runs, steps }
}

/// The funnel of each guide version that has facts, side by side
/// (ascending version).
pub fn by_version(step_ids: &[&str], facts: &[Fact], options: Options) -> Vec<VersionFunnel> {
    let mut versions: BTreeMap<u32, Vec<&Fact>> = BTreeMap::new();
    for fact in facts {
        versions.entry(fact.version).or_default().push(fact);
    }
    versions
        .into_iter()
        .map(|(version, facts)| VersionFunnel {
            version,
            funnel: funnel_of(step_ids, &facts, options),
        })
        .collect()
}
