//! Drop-off numbers from per-run facts: which step each run reached, where
//! it completed, went back, gave up (and why) or broke, and how long it
//! stayed. Every figure counts runs, never events, so retries, reloads and
//! back-and-forth never inflate it. The store groups events by run into
//! [`Fact`]s (after applying a [`Filter`]); [`funnel`] and [`by_version`]
//! do the rest; [`broken`] assembles the broken-guide panel.

mod broken;
mod counters;
mod filter;
mod run;
mod state;
#[cfg(test)]
mod state_tests;
mod stats;
mod tally;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::event::{EventType, Reason};

pub use broken::{broken, BrokenStep, FailureCount, LocatorCount, PathCount};
pub use counters::{report_from_counters, Counters, StepCounters, VersionCounters};
pub use filter::Filter;
pub use state::{Latest, Observation, RunState, StepState, DAY_MS};
pub use stats::{percentile, percentile_of_histogram, rate, round_dwell, DWELL_DIGITS};

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
    /// The step that loses the most runs: of the runs that viewed it, the
    /// most never viewed the next one (for the last step: never completed
    /// it). This is the step where visitors give up, which is what a
    /// product owner fixes. `None` when no step loses any.
    pub fn biggest_drop(&self) -> Option<usize> {
        let mut best: Option<(usize, u64)> = None;
        for (i, step) in self.steps.iter().enumerate() {
            let onward = match self.steps.get(i + 1) {
                Some(next) => next.viewed,
                None => step.completed,
            };
            let lost = step.viewed.saturating_sub(onward);
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
    report(step_ids, facts, options).0
}

/// The funnel of each guide version that has facts, side by side
/// (ascending version).
pub fn by_version(step_ids: &[&str], facts: &[Fact], options: Options) -> Vec<VersionFunnel> {
    report(step_ids, facts, options).1
}

/// [`funnel`] and [`by_version`] together, in one pass over the runs: each
/// run is summarized once (twice only when its facts span versions).
/// Facts of a run are best passed next to each other (the store's
/// `GROUP BY run` does); any order gives the same numbers.
pub fn report(step_ids: &[&str], facts: &[Fact], options: Options) -> (Funnel, Vec<VersionFunnel>) {
    // The full step list: the guide's steps, then the others facts name.
    let mut ids: Vec<&str> = step_ids.to_vec();
    let known = ids.len();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        index.insert(id, i);
    }
    let unknown: BTreeSet<&str> = facts
        .iter()
        .filter_map(|f| f.step.as_deref())
        .filter(|s| !index.contains_key(s))
        .collect();
    for id in unknown {
        index.insert(id, ids.len());
        ids.push(id);
    }
    let items: Vec<run::Indexed> = facts
        .iter()
        .map(|fact| run::Indexed {
            fact,
            step: fact.step.as_deref().and_then(|s| index.get(s).copied()),
        })
        .collect();
    // Stable, and linear when the facts already come grouped by run.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| facts[a].run.cmp(&facts[b].run));

    let mut total = tally::Tally::new(ids.len());
    let mut versions: BTreeMap<u32, tally::Tally> = BTreeMap::new();
    let mut summary = run::RunSummary::default();
    for group in order.chunk_by(|&a, &b| facts[a].run == facts[b].run) {
        let run_items = group.iter().map(|&i| items[i]);
        run::summarize(run_items.clone(), options, &mut summary);
        total.add(&summary);
        let first = facts[group[0]].version;
        let single = group.iter().all(|&i| facts[i].version == first);
        for item in run_items.clone() {
            let tally = versions
                .entry(item.fact.version)
                .or_insert_with(|| tally::Tally::new(ids.len()));
            if let Some(s) = item.step {
                total.see(s);
                tally.see(s);
            }
        }
        if single {
            if let Some(tally) = versions.get_mut(&first) {
                tally.add(&summary);
            }
            continue;
        }
        let mut seen: Vec<u32> = Vec::new();
        for &i in group {
            let version = facts[i].version;
            if seen.contains(&version) {
                continue;
            }
            seen.push(version);
            let subset = run_items.clone().filter(|it| it.fact.version == version);
            run::summarize(subset, options, &mut summary);
            if let Some(tally) = versions.get_mut(&version) {
                tally.add(&summary);
            }
        }
    }
    let by_version = versions
        .into_iter()
        .map(|(version, tally)| VersionFunnel {
            version,
            funnel: tally.finish(&ids, known),
        })
        .collect();
    (total.finish(&ids, known), by_version)
}
