//! Drop-off numbers from per-run facts: which step each run reached, where
//! it completed, went back, gave up (and why) or broke. Every figure counts
//! runs, never events, so retries, reloads and back-and-forth never inflate
//! it. The store groups events by run into [`Fact`]s; [`funnel`] does the rest.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::event::{EventType, Reason};

/// Default inactivity window after which a silent run counts as `left`.
pub const DEFAULT_INACTIVITY_MS: i64 = 30 * 60 * 1000;

/// One distinct thing a run did: every event of that run with the same
/// type, step and reason, collapsed into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The run id.
    pub run: String,
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Runs {
    /// Runs seen at all.
    pub started: u64,
    /// Runs that completed the last step.
    pub completed: u64,
    /// Runs that reached the guide's goal.
    pub goal_reached: u64,
}

/// The numbers of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
        }
    }
}

/// The drop-off report of one guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Funnel {
    /// Run totals.
    pub runs: Runs,
    /// Per step, in guide order.
    pub steps: Vec<StepFunnel>,
}

/// Computes the funnel of a guide with steps `step_ids` (in order) from the
/// facts of its runs.
pub fn funnel(step_ids: &[&str], facts: &[Fact], options: Options) -> Funnel {
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
    let mut by_run: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
    for fact in facts {
        by_run.entry(fact.run.as_str()).or_default().push(fact);
    }

    let mut runs = Runs::default();
    let mut counts = vec![RunStep::default(); steps.len()];
    for run_facts in by_run.values() {
        let run = summarize(run_facts, options);
        runs.started += 1;
        runs.completed += u64::from(run.completed);
        runs.goal_reached += u64::from(run.goal_reached);
        for (step, mark) in run.steps {
            if let Some(i) = position(step) {
                counts[i].merge(mark);
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
    for (step, count) in steps.iter_mut().zip(counts) {
        step.viewed = count.viewed;
        step.completed = count.completed;
        step.back = count.back;
    }
    Funnel { runs, steps }
}

/// Per-step counters; for one run each is 0 or 1.
#[derive(Debug, Clone, Copy, Default)]
struct RunStep {
    viewed: u64,
    completed: u64,
    back: u64,
}

impl RunStep {
    fn merge(&mut self, other: RunStep) {
        self.viewed += other.viewed;
        self.completed += other.completed;
        self.back += other.back;
    }
}

/// What one run amounts to.
struct RunSummary<'a> {
    completed: bool,
    goal_reached: bool,
    steps: BTreeMap<&'a str, RunStep>,
    abandoned: Option<(&'a str, Reason)>,
    failed: BTreeSet<(&'a str, Reason)>,
}

fn summarize<'a>(facts: &[&'a Fact], options: Options) -> RunSummary<'a> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use EventType::*;

    const STEPS: [&str; 3] = ["welcome", "tariffs", "meter"];
    const NOW: i64 = 10_000_000;

    /// A fact received at its client time.
    fn f(run: &str, kind: EventType, step: Option<&str>, reason: Option<Reason>, ts: i64) -> Fact {
        Fact {
            run: run.to_string(),
            kind,
            step: step.map(str::to_string),
            reason,
            last_ts: ts,
            last_received: ts,
        }
    }

    /// A run that views steps `0..=upto`, completing each before the next.
    fn walk(run: &str, upto: usize, t0: i64) -> Vec<Fact> {
        let mut facts = vec![f(run, GuideStarted, Some(STEPS[0]), None, t0)];
        for (i, step) in STEPS.iter().enumerate().take(upto + 1) {
            let t = t0 + 10 * i as i64;
            facts.push(f(run, StepViewed, Some(step), None, t + 1));
            if i < upto {
                facts.push(f(run, StepCompleted, Some(step), None, t + 2));
            }
        }
        facts
    }

    /// (viewed, completed, back, abandoned, failed) per step.
    type Row = (u64, u64, u64, Vec<(Reason, u64)>, Vec<(Reason, u64)>);
    /// Name, facts, (runs started, runs completed), rows.
    type Case = (&'static str, Vec<Fact>, (u64, u64), [Row; 3]);

    fn check(name: &str, facts: Vec<Fact>, runs: (u64, u64), want: [Row; 3]) {
        let options = Options {
            now_ms: NOW,
            inactivity_ms: DEFAULT_INACTIVITY_MS,
        };
        let got = funnel(&STEPS, &facts, options);
        assert_eq!((got.runs.started, got.runs.completed), runs, "{name}: runs");
        for (i, (step, want)) in got.steps.iter().zip(want).enumerate() {
            let row: Row = (
                step.viewed,
                step.completed,
                step.back,
                step.abandoned.clone().into_iter().collect(),
                step.failed.clone().into_iter().collect(),
            );
            assert_eq!(row, want, "{name}: step {i} ({})", step.id);
            assert_eq!(step.index, i);
        }
    }

    #[test]
    fn walking_skeleton_visitors() {
        // A walks to the end, B closes on step 2, C presses Esc on step 1.
        let mut facts = walk("a", 2, NOW - 100);
        facts.push(f("a", StepCompleted, Some("meter"), None, NOW - 50));
        facts.push(f("a", GuideCompleted, Some("meter"), None, NOW - 50));
        facts.extend(walk("b", 1, NOW - 100));
        facts.push(f(
            "b",
            GuideAbandoned,
            Some("tariffs"),
            Some(Reason::CloseButton),
            NOW - 60,
        ));
        facts.extend(walk("c", 0, NOW - 100));
        facts.push(f(
            "c",
            GuideAbandoned,
            Some("welcome"),
            Some(Reason::Esc),
            NOW - 60,
        ));
        check(
            "skeleton",
            facts,
            (3, 1),
            [
                (3, 2, 0, vec![(Reason::Esc, 1)], vec![]),
                (2, 1, 0, vec![(Reason::CloseButton, 1)], vec![]),
                (1, 1, 0, vec![], vec![]),
            ],
        );
    }

    #[test]
    fn table() {
        let back_and_forth = {
            let mut v = walk("r", 1, 0);
            v.push(f("r", StepBack, Some("tariffs"), None, 30));
            v.push(f("r", StepViewed, Some("welcome"), None, 40));
            v
        };
        let cases: Vec<Case> = vec![
            ("no runs", vec![], (0, 0), Default::default()),
            (
                "a recent run in progress is not abandoned",
                walk("r", 1, NOW - 1000),
                (1, 0),
                [
                    (1, 1, 0, vec![], vec![]),
                    (1, 0, 0, vec![], vec![]),
                    Row::default(),
                ],
            ),
            (
                "a silent run is left at its last viewed step",
                walk("r", 1, 0),
                (1, 0),
                [
                    (1, 1, 0, vec![], vec![]),
                    (1, 0, 0, vec![(Reason::Left, 1)], vec![]),
                    Row::default(),
                ],
            ),
            (
                "back and forth counts each step once, left where last viewed",
                back_and_forth,
                (1, 0),
                [
                    (1, 1, 0, vec![(Reason::Left, 1)], vec![]),
                    (1, 0, 1, vec![], vec![]),
                    Row::default(),
                ],
            ),
            (
                "the same fact twice (retries) counts once",
                [walk("r", 0, NOW), walk("r", 0, NOW)].concat(),
                (1, 0),
                [(1, 0, 0, vec![], vec![]), Row::default(), Row::default()],
            ),
            (
                "a broken step is a failure, not a visitor leaving",
                {
                    let mut v = walk("r", 1, 0);
                    v.push(f(
                        "r",
                        StepFailed,
                        Some("tariffs"),
                        Some(Reason::TargetMissing),
                        50,
                    ));
                    v
                },
                (1, 0),
                [
                    (1, 1, 0, vec![], vec![]),
                    (1, 0, 0, vec![], vec![(Reason::TargetMissing, 1)]),
                    Row::default(),
                ],
            ),
            (
                "only the last abandonment of a run counts",
                {
                    let mut v = walk("r", 1, NOW - 100);
                    v.push(f(
                        "r",
                        GuideAbandoned,
                        Some("welcome"),
                        Some(Reason::Esc),
                        NOW - 90,
                    ));
                    v.push(f(
                        "r",
                        GuideAbandoned,
                        Some("tariffs"),
                        Some(Reason::OverlayClick),
                        NOW - 5,
                    ));
                    v
                },
                (1, 0),
                [
                    (1, 1, 0, vec![], vec![]),
                    (1, 0, 0, vec![(Reason::OverlayClick, 1)], vec![]),
                    Row::default(),
                ],
            ),
            (
                "a completed run is never abandoned",
                {
                    let mut v = walk("r", 2, 0);
                    v.push(f(
                        "r",
                        GuideAbandoned,
                        Some("welcome"),
                        Some(Reason::Esc),
                        5,
                    ));
                    v.push(f("r", GuideCompleted, Some("meter"), None, 60));
                    v
                },
                (1, 1),
                [
                    (1, 1, 0, vec![], vec![]),
                    (1, 1, 0, vec![], vec![]),
                    (1, 1, 0, vec![], vec![]),
                ],
            ),
        ];
        for (name, facts, runs, want) in cases {
            check(name, facts, runs, want);
        }
    }

    #[test]
    fn steps_no_longer_in_the_guide_follow_the_current_ones() {
        let facts = vec![f("r", StepViewed, Some("old"), None, NOW)];
        let got = funnel(
            &STEPS,
            &facts,
            Options {
                now_ms: NOW,
                inactivity_ms: DEFAULT_INACTIVITY_MS,
            },
        );
        let ids: Vec<_> = got
            .steps
            .iter()
            .map(|s| (s.id.as_str(), s.index, s.viewed))
            .collect();
        assert_eq!(
            ids,
            [
                ("welcome", 0, 0),
                ("tariffs", 1, 0),
                ("meter", 2, 0),
                ("old", 3, 1)
            ]
        );
    }

    #[test]
    fn reasons_serialize_by_wire_name() {
        let mut step = StepFunnel::new("welcome", 0);
        step.abandoned.insert(Reason::Esc, 1);
        let json = serde_json::to_value(&step).expect("serializes");
        assert_eq!(json["abandoned"], serde_json::json!({"esc": 1}));
        assert_eq!(json["failed"], serde_json::json!({}));
    }
}
