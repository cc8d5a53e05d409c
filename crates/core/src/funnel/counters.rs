//! Counters of many runs (a rollup): what [`super::RunState::counters`]
//! gives per run, added up (and subtracted when a run's state changes), and
//! turned into a [`Funnel`] with the same numbers [`super::report`] gives
//! from the facts of the same runs.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::tally::{step_funnel, StepCounts};
use super::{percentile_of_histogram, rate, Dwell, Funnel, Runs, VersionFunnel};
use crate::event::Reason;

fn zero(n: &i64) -> bool {
    *n == 0
}

/// Sums over the runs of one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepCounters {
    /// Runs that viewed the step.
    #[serde(default, skip_serializing_if = "zero")]
    pub viewed: i64,
    /// Runs that completed it.
    #[serde(default, skip_serializing_if = "zero")]
    pub completed: i64,
    /// Runs that went back from it.
    #[serde(default, skip_serializing_if = "zero")]
    pub back: i64,
    /// Runs with any fact naming it.
    #[serde(default, skip_serializing_if = "zero")]
    pub named: i64,
    /// Runs open at it (they count as `left` once silent).
    #[serde(default, skip_serializing_if = "zero")]
    pub open: i64,
    /// Runs that gave up at it, by reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub abandoned: BTreeMap<Reason, i64>,
    /// Runs that broke at it, by reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub failed: BTreeMap<Reason, i64>,
    /// Runs per visible time (rounded, see [`super::round_dwell`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dwell: BTreeMap<u64, i64>,
}

/// Sums over runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// Runs.
    #[serde(default, skip_serializing_if = "zero")]
    pub started: i64,
    /// Runs that completed the guide.
    #[serde(default, skip_serializing_if = "zero")]
    pub completed: i64,
    /// Runs that reached the goal.
    #[serde(default, skip_serializing_if = "zero")]
    pub goal: i64,
    /// Runs in which the guide broke.
    #[serde(default, skip_serializing_if = "zero")]
    pub failed: i64,
    /// Runs with events of several versions or sites (the counters can
    /// not be added over versions then).
    #[serde(default, skip_serializing_if = "zero")]
    pub mixed: i64,
    /// Runs whose days, locale or device do not decide a narrowed report
    /// (see [`super::RunState::spread`]).
    #[serde(default, skip_serializing_if = "zero")]
    pub spread: i64,
    /// Per step id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, StepCounters>,
}

fn add_map<K: Ord + Clone>(to: &mut BTreeMap<K, i64>, from: &BTreeMap<K, i64>, sign: i64) {
    for (k, v) in from {
        let slot = to.entry(k.clone()).or_insert(0);
        *slot += sign * v;
        if *slot == 0 {
            to.remove(k);
        }
    }
}

impl Counters {
    /// Adds `other` (`sign` 1) or subtracts it (`sign` -1). Entries that
    /// reach zero are dropped, so equal sums serialize equally.
    pub fn merge(&mut self, other: &Counters, sign: i64) {
        self.started += sign * other.started;
        self.completed += sign * other.completed;
        self.goal += sign * other.goal;
        self.failed += sign * other.failed;
        self.mixed += sign * other.mixed;
        self.spread += sign * other.spread;
        for (id, o) in &other.steps {
            let s = self.steps.entry(id.clone()).or_default();
            s.viewed += sign * o.viewed;
            s.completed += sign * o.completed;
            s.back += sign * o.back;
            s.named += sign * o.named;
            s.open += sign * o.open;
            add_map(&mut s.abandoned, &o.abandoned, sign);
            add_map(&mut s.failed, &o.failed, sign);
            add_map(&mut s.dwell, &o.dwell, sign);
            if *s == StepCounters::default() {
                self.steps.remove(id);
            }
        }
    }

    /// Whether every counter is zero.
    pub fn is_empty(&self) -> bool {
        *self == Counters::default()
    }

    /// Step ids named by these counters that are not in `step_ids`, in
    /// order (they follow the guide's steps in a report).
    pub fn unknown_steps<'a>(&'a self, step_ids: &[&str]) -> BTreeSet<&'a str> {
        self.steps
            .iter()
            .filter(|(id, s)| s.named > 0 && !step_ids.contains(&id.as_str()))
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// The funnel over `step_ids` (the report's full list: the guide's
    /// steps, then from position `known` on the others any run named,
    /// shown when one of these runs named them). `recent` holds per step
    /// the open runs that are not silent yet: the other open runs count
    /// as abandoned with reason `left`.
    pub fn funnel(
        &self,
        step_ids: &[&str],
        known: usize,
        recent: &BTreeMap<String, i64>,
    ) -> Funnel {
        let started = count(self.started);
        let mut runs = Runs {
            started,
            completed: count(self.completed),
            completion_rate: None,
            goal_reached: count(self.goal),
            failed: count(self.failed),
        };
        runs.completion_rate = rate(runs.completed, runs.started);
        let empty = StepCounters::default();
        let mut steps = Vec::with_capacity(step_ids.len());
        let mut previous = started;
        for (i, id) in step_ids.iter().enumerate() {
            let s = self.steps.get(*id).unwrap_or(&empty);
            if i >= known && s.named <= 0 {
                continue;
            }
            let mut abandoned: BTreeMap<Reason, u64> = s
                .abandoned
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(r, n)| (*r, count(*n)))
                .collect();
            let left = s.open - recent.get(*id).copied().unwrap_or(0);
            if left > 0 {
                *abandoned.entry(Reason::Left).or_default() += count(left);
            }
            let failed = s
                .failed
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(r, n)| (*r, count(*n)))
                .collect();
            let dwell_runs: i64 = s.dwell.values().sum();
            let counts = StepCounts {
                viewed: count(s.viewed),
                completed: count(s.completed),
                back: count(s.back),
            };
            let dwell = Dwell {
                runs: count(dwell_runs),
                p50_ms: percentile_of_histogram(s.dwell.iter(), 50),
                p90_ms: percentile_of_histogram(s.dwell.iter(), 90),
            };
            let step = step_funnel(
                id,
                steps.len(),
                counts,
                (abandoned, failed),
                dwell,
                (previous, started),
            );
            previous = step.viewed;
            steps.push(step);
        }
        Funnel { runs, steps }
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Per guide version: its counters and, per step, its open runs that are
/// not silent yet.
pub type VersionCounters = BTreeMap<u32, (Counters, BTreeMap<String, i64>)>;

/// [`super::report`] from counters: the funnel of all versions together
/// (their sum) and of each version with runs, over the guide's steps
/// `step_ids` and after them the other steps the runs named.
pub fn report_from_counters(
    step_ids: &[&str],
    versions: &VersionCounters,
) -> (Funnel, Vec<VersionFunnel>) {
    let mut total = Counters::default();
    let mut recent_total: BTreeMap<String, i64> = BTreeMap::new();
    for (counters, recent) in versions.values() {
        total.merge(counters, 1);
        for (step, n) in recent {
            *recent_total.entry(step.clone()).or_default() += n;
        }
    }
    let mut ids: Vec<&str> = step_ids.to_vec();
    ids.extend(total.unknown_steps(step_ids));
    let known = step_ids.len();
    let by_version = versions
        .iter()
        .filter(|(_, (c, _))| c.started > 0)
        .map(|(version, (c, recent))| VersionFunnel {
            version: *version,
            funnel: c.funnel(&ids, known, recent),
        })
        .collect();
    (total.funnel(&ids, known, &recent_total), by_version)
}
