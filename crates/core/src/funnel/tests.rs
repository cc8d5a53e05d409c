//! The funnel on hand-computed fixtures. Fixtures are written as events and
//! grouped into facts the way the store's query does (run, version, type,
//! step, reason; latest times; largest dwell), so duplicates and reloads
//! are exercised for real.

use std::collections::BTreeMap;

use super::*;
use EventType::*;

const STEPS: [&str; 3] = ["welcome", "tariffs", "meter"];
const NOW: i64 = 10_000_000;
const OPTIONS: Options = Options {
    now_ms: NOW,
    inactivity_ms: DEFAULT_INACTIVITY_MS,
};

/// One event: run, version, type, step, reason, client time (= receive
/// time), dwell.
type Ev = (
    &'static str,
    u32,
    EventType,
    Option<&'static str>,
    Option<Reason>,
    i64,
    Option<u64>,
);

fn ev(run: &'static str, kind: EventType, step: &'static str, ts: i64) -> Ev {
    (run, 1, kind, Some(step), None, ts, None)
}

fn dwell(mut e: Ev, ms: u64) -> Ev {
    e.6 = Some(ms);
    e
}

fn why(mut e: Ev, reason: Reason) -> Ev {
    e.4 = Some(reason);
    e
}

fn v2(mut e: Ev) -> Ev {
    e.1 = 2;
    e
}

/// Groups events into facts like the store's `GROUP BY`.
fn facts(events: &[Ev]) -> Vec<Fact> {
    type Key = (
        &'static str,
        u32,
        EventType,
        Option<&'static str>,
        Option<Reason>,
    );
    let mut groups: BTreeMap<Key, Fact> = BTreeMap::new();
    for &(run, version, kind, step, reason, ts, dwell_ms) in events {
        let fact = groups
            .entry((run, version, kind, step, reason))
            .or_insert_with(|| Fact {
                run: run.to_string(),
                version,
                kind,
                step: step.map(str::to_string),
                reason,
                last_ts: ts,
                last_received: ts,
                dwell_ms: None,
            });
        fact.last_ts = fact.last_ts.max(ts);
        fact.last_received = fact.last_received.max(ts);
        fact.dwell_ms = fact.dwell_ms.max(dwell_ms);
    }
    groups.into_values().collect()
}

/// A run that views steps `0..=upto`, completing each before the next.
fn walk(run: &'static str, upto: usize, t0: i64) -> Vec<Ev> {
    let mut events = vec![ev(run, GuideStarted, STEPS[0], t0)];
    for (i, step) in STEPS.iter().enumerate().take(upto + 1) {
        let t = t0 + 10 * i as i64;
        events.push(ev(run, StepViewed, step, t + 1));
        if i < upto {
            events.push(ev(run, StepCompleted, step, t + 2));
        }
    }
    events
}

/// (viewed, completed, back, abandoned, failed) per step.
type Row = (u64, u64, u64, Vec<(Reason, u64)>, Vec<(Reason, u64)>);

fn rows(f: &Funnel) -> Vec<Row> {
    f.steps
        .iter()
        .map(|s| {
            (
                s.viewed,
                s.completed,
                s.back,
                s.abandoned.clone().into_iter().collect(),
                s.failed.clone().into_iter().collect(),
            )
        })
        .collect()
}

/// Name, events, runs (started, completed), rows.
type Case = (&'static str, Vec<Ev>, (u64, u64), [Row; 3]);

/// Checks runs (started, completed) and the per-step rows.
fn check(name: &str, events: Vec<Ev>, runs: (u64, u64), want: [Row; 3]) {
    let got = funnel(&STEPS, &facts(&events), OPTIONS);
    assert_eq!((got.runs.started, got.runs.completed), runs, "{name}: runs");
    assert_eq!(rows(&got), want.to_vec(), "{name}: steps");
    for (i, step) in got.steps.iter().enumerate() {
        assert_eq!(step.index, i, "{name}");
    }
}

#[test]
fn table() {
    let back_and_forth = {
        let mut v = walk("r", 1, 0);
        v.push(ev("r", StepBack, "tariffs", 30));
        v.push(ev("r", StepViewed, "welcome", 40));
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
            "the same events twice (retries, reloads) count once",
            [walk("r", 0, NOW), walk("r", 0, NOW)].concat(),
            (1, 0),
            [(1, 0, 0, vec![], vec![]), Row::default(), Row::default()],
        ),
        (
            "a broken step is a failure, not a visitor leaving",
            {
                let mut v = walk("r", 1, 0);
                v.push(why(
                    ev("r", StepFailed, "tariffs", 50),
                    Reason::TargetMissing,
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
                v.push(why(
                    ev("r", GuideAbandoned, "welcome", NOW - 90),
                    Reason::Esc,
                ));
                v.push(why(
                    ev("r", GuideAbandoned, "tariffs", NOW - 5),
                    Reason::OverlayClick,
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
                v.push(why(ev("r", GuideAbandoned, "welcome", 5), Reason::Esc));
                v.push(ev("r", GuideCompleted, "meter", 60));
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
    for (name, events, runs, want) in cases {
        check(name, events, runs, want);
    }
}

/// Six runs over two versions, numbers computed by hand (see the comments).
fn shop() -> Vec<Ev> {
    let t = NOW - 10_000;
    let mut e = Vec::new();
    // a (v1): walks to the end, reloads on welcome (its events twice, the
    // second completion with a longer dwell), reaches the goal.
    e.extend(walk("a", 2, t));
    e.push(ev("a", StepViewed, "welcome", t + 3));
    e.push(dwell(ev("a", StepCompleted, "welcome", t + 2), 900));
    e.push(dwell(ev("a", StepCompleted, "welcome", t + 4), 1000));
    e.push(dwell(ev("a", StepCompleted, "tariffs", t + 12), 3000));
    e.push(dwell(ev("a", StepCompleted, "meter", t + 30), 2000));
    e.push(ev("a", GuideCompleted, "meter", t + 30));
    e.push(("a", 1, GoalReached, None, None, t + 40, None));
    // b (v1): back from tariffs to welcome, forward again, closes tariffs.
    e.extend(walk("b", 1, t));
    e.push(dwell(ev("b", StepCompleted, "welcome", t + 2), 600));
    e.push(dwell(ev("b", StepBack, "tariffs", t + 20), 500));
    e.push(dwell(ev("b", StepCompleted, "welcome", t + 25), 700));
    e.push(ev("b", StepViewed, "tariffs", t + 26));
    e.push(why(
        dwell(ev("b", GuideAbandoned, "tariffs", t + 40), 4000),
        Reason::CloseButton,
    ));
    // c (v1): Esc on welcome.
    e.extend(walk("c", 0, t));
    e.push(why(
        dwell(ev("c", GuideAbandoned, "welcome", t + 5), 200),
        Reason::Esc,
    ));
    // d (v1): went silent long ago on tariffs.
    e.extend(walk("d", 1, 0));
    e.push(dwell(ev("d", StepCompleted, "welcome", 2), 1500));
    // e (v1): three pages; the meter target is missing (sent twice).
    e.extend(walk("e", 2, t));
    e.push(dwell(ev("e", StepCompleted, "welcome", t + 2), 1200));
    e.push(dwell(ev("e", StepCompleted, "tariffs", t + 12), 6000));
    e.push(why(
        ev("e", StepFailed, "meter", t + 25),
        Reason::TargetMissing,
    ));
    e.push(why(
        ev("e", StepFailed, "meter", t + 26),
        Reason::TargetMissing,
    ));
    // f (v2): walks to the end.
    let mut f = walk("f", 2, t);
    f.push(dwell(ev("f", StepCompleted, "welcome", t + 2), 800));
    f.push(dwell(ev("f", StepCompleted, "tariffs", t + 12), 2500));
    f.push(dwell(ev("f", StepCompleted, "meter", t + 22), 1000));
    f.push(ev("f", GuideCompleted, "meter", t + 22));
    e.extend(f.into_iter().map(v2));
    e
}

#[test]
fn shop_all_versions_by_hand() {
    let got = funnel(&STEPS, &facts(&shop()), OPTIONS);
    let r = &got.runs;
    assert_eq!(
        (r.started, r.completed, r.goal_reached, r.failed),
        (6, 2, 1, 1)
    );
    assert_eq!(r.completion_rate, Some(0.3333));
    assert_eq!(
        rows(&got),
        vec![
            (6, 5, 0, vec![(Reason::Esc, 1)], vec![]),
            (
                5,
                3,
                1,
                vec![(Reason::CloseButton, 1), (Reason::Left, 1)],
                vec![]
            ),
            (3, 2, 0, vec![], vec![(Reason::TargetMissing, 1)]),
        ]
    );
    let conversions: Vec<_> = got
        .steps
        .iter()
        .map(|s| (s.conversion_from_previous, s.conversion_from_start))
        .collect();
    assert_eq!(
        conversions,
        [
            (Some(1.0), Some(1.0)),
            (Some(0.8333), Some(0.8333)),
            (Some(0.6), Some(0.5)),
        ]
    );
    // welcome: 200 700 800 1000 1200 1500; tariffs: 2500 3000 4000 6000;
    // meter: 1000 2000.
    let dwell: Vec<_> = got
        .steps
        .iter()
        .map(|s| (s.dwell.runs, s.dwell.p50_ms, s.dwell.p90_ms))
        .collect();
    assert_eq!(
        dwell,
        [
            (6, Some(800), Some(1500)),
            (4, Some(3000), Some(6000)),
            (2, Some(1000), Some(2000)),
        ]
    );
    // Lost: welcome 6 - 5 = 1, tariffs 5 - 3 = 2 (gave up there), meter 3 - 2 = 1.
    assert_eq!(got.biggest_drop(), Some(1));
}

#[test]
fn shop_versions_side_by_side() {
    let got = by_version(&STEPS, &facts(&shop()), OPTIONS);
    let summary: Vec<_> = got
        .iter()
        .map(|v| (v.version, v.funnel.runs.started, v.funnel.runs.completed))
        .collect();
    assert_eq!(summary, [(1, 5, 1), (2, 1, 1)]);
    assert_eq!(
        rows(&got[0].funnel),
        vec![
            (5, 4, 0, vec![(Reason::Esc, 1)], vec![]),
            (
                4,
                2,
                1,
                vec![(Reason::CloseButton, 1), (Reason::Left, 1)],
                vec![]
            ),
            (2, 1, 0, vec![], vec![(Reason::TargetMissing, 1)]),
        ]
    );
    assert_eq!(
        rows(&got[1].funnel),
        vec![
            (1, 1, 0, vec![], vec![]),
            (1, 1, 0, vec![], vec![]),
            (1, 1, 0, vec![], vec![]),
        ]
    );
}

#[test]
fn percentiles_by_nearest_rank() {
    let cases: [(&[u64], u32, Option<u64>); 6] = [
        (&[], 50, None),
        (&[7], 90, Some(7)),
        (&[1, 2, 3, 4], 50, Some(2)),
        (&[1, 2, 3, 4, 5], 50, Some(3)),
        (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, Some(9)),
        (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, Some(10)),
    ];
    for (values, p, want) in cases {
        assert_eq!(percentile(values, p), want, "p{p} of {values:?}");
    }
    assert_eq!(rate(1, 3), Some(0.3333));
    assert_eq!(rate(1, 0), None);
}

#[test]
fn the_broken_panel_lists_failing_and_fallback_steps() {
    let got = funnel(&STEPS, &facts(&shop()), OPTIONS);
    let failures = [
        FailureCount {
            step: "meter".into(),
            reason: Reason::TargetMissing,
            path: "/b".into(),
            runs: 1,
        },
        FailureCount {
            step: "meter".into(),
            reason: Reason::TargetMissing,
            path: "/c".into(),
            runs: 3,
        },
    ];
    let locators = [
        LocatorCount {
            step: "welcome".into(),
            locator: 0,
            runs: 5,
        },
        LocatorCount {
            step: "tariffs".into(),
            locator: 1,
            runs: 2,
        },
    ];
    let panel = broken(&got, &failures, &locators);
    let ids: Vec<_> = panel.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["tariffs", "meter"]);
    let paths: Vec<_> = panel[1]
        .paths
        .iter()
        .map(|p| (p.path.as_str(), p.runs))
        .collect();
    assert_eq!(paths, [("/c", 3), ("/b", 1)]);
    assert_eq!(panel[0].locators.get(&1), Some(&2));
}

#[test]
fn steps_no_longer_in_the_guide_follow_the_current_ones() {
    let got = funnel(&STEPS, &facts(&[ev("r", StepViewed, "old", NOW)]), OPTIONS);
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
    assert_eq!(
        json["dwell"],
        serde_json::json!({"runs": 0, "p50Ms": null, "p90Ms": null})
    );
}

/// Runs and (viewed, completed) per step of a funnel.
fn views(f: &Funnel) -> (u64, u64, Vec<(u64, u64)>) {
    let steps = f.steps.iter().map(|s| (s.viewed, s.completed)).collect();
    (f.runs.started, f.runs.completed, steps)
}

#[test]
fn a_run_reloaded_into_a_newer_version_counts_once_in_each() {
    // x views welcome on v1, reloads into v2 and finishes; y stays on v1.
    let mut events = vec![
        ev("x", StepViewed, "welcome", NOW - 100),
        ev("x", StepCompleted, "welcome", NOW - 90),
    ];
    events.push(v2(ev("x", StepViewed, "tariffs", NOW - 80)));
    events.push(v2(ev("x", GuideCompleted, "meter", NOW - 70)));
    events.push(ev("y", StepViewed, "welcome", NOW - 50));
    let grouped = facts(&events);
    // The same facts with run x's split up by one of y's.
    let mut interleaved = grouped.clone();
    let last = interleaved.len() - 1;
    interleaved.swap(1, last);
    for given in [grouped, interleaved] {
        let (total, versions) = report(&STEPS, &given, OPTIONS);
        assert_eq!(views(&total), (2, 1, vec![(2, 1), (1, 0), (0, 1)]));
        let got: Vec<_> = versions
            .iter()
            .map(|v| (v.version, views(&v.funnel)))
            .collect();
        assert_eq!(
            got,
            [
                (1, (2, 0, vec![(2, 1), (0, 0), (0, 0)])),
                (2, (1, 1, vec![(0, 0), (1, 0), (0, 1)])),
            ]
        );
        assert_eq!(funnel(&STEPS, &given, OPTIONS), total);
        assert_eq!(by_version(&STEPS, &given, OPTIONS), versions);
    }
}
