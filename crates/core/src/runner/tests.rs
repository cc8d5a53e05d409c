//! Table-driven tests of the runner: a script of inputs at given times, and
//! the analytics events and screen effects a visitor (or a report) would see.

use super::*;
use crate::guide::{load, Guide, OnMissing};

/// A three-step guide; step `centre` (if any) has no target.
pub(super) fn guide(on_missing: OnMissing, centre: Option<usize>) -> Guide {
    let json = r##"{"id":"demo","version":1,"title":"Demo","defaultLocale":"en",
        "steps":[{"id":"a","target":"#a","title":"A","body":"a"},
                 {"id":"b","target":"#b","title":"B","body":"b"},
                 {"id":"c","target":"#c","title":"C","body":"c"}]}"##;
    let mut guide = load("test.json", json).expect("test guide loads").guide;
    for (i, step) in guide.steps.iter_mut().enumerate() {
        step.on_missing = on_missing;
        if Some(i) == centre {
            step.target.clear();
        }
    }
    guide
}

/// A compact spelling of a tracked event: `type@step`, plus `/reason` and
/// `+dwell` where present.
fn spell(t: &Track) -> String {
    let mut s = format!("{}@{}", t.kind.as_str(), t.step);
    if let Some(r) = t.reason {
        s.push('/');
        s.push_str(r.as_str());
    }
    if let Some(d) = t.dwell_ms {
        s.push_str(&format!("+{d}"));
    }
    if let Some(l) = t.locator {
        s.push_str(&format!("#{l}"));
    }
    s
}

/// Runs `script` from a fresh state; returns the final state, every tracked
/// event spelled, and every non-track effect.
pub(super) fn run(guide: &Guide, script: &[(Input, i64)]) -> (State, Vec<String>, Vec<Effect>) {
    let mut state = State::default();
    let (mut tracks, mut others) = (Vec::new(), Vec::new());
    for &(input, now) in script {
        let (next, effects) = step(guide, &state, input, now);
        state = next;
        for e in effects {
            match e {
                Effect::Track(t) => tracks.push(spell(&t)),
                other => others.push(other),
            }
        }
    }
    (state, tracks, others)
}

fn check(name: &str, guide: &Guide, script: &[(Input, i64)], expected: &[&str]) {
    let (_, tracks, _) = run(guide, script);
    assert_eq!(tracks, expected, "{name}");
}

const FOUND: Input = Input::TargetFound { locator: 0 };

/// One row: name, inputs with their times, expected tracked events.
type TrackCase = (&'static str, Vec<(Input, i64)>, Vec<&'static str>);

#[test]
fn tracked_events_table() {
    let g = guide(OnMissing::Center, None);
    let cases: &[TrackCase] = &[
        (
            "walk to the end",
            vec![
                (Input::Start, 0),
                (FOUND, 100),
                (Input::Next, 1100),
                (FOUND, 1200),
                (Input::Advanced, 1500),
                (Input::TargetFound { locator: 1 }, 1600),
                (Input::Next, 2600),
            ],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "step_completed@0+1000",
                "step_viewed@1#0",
                "step_completed@1+300",
                "step_viewed@2#1",
                "step_completed@2+1000",
                "guide_completed@2",
            ],
        ),
        (
            "esc on the first step",
            vec![
                (Input::Start, 0),
                (FOUND, 0),
                (Input::Close(Reason::Esc), 700),
            ],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "guide_abandoned@0/esc+700",
            ],
        ),
        (
            "back, then close button",
            vec![
                (Input::Start, 0),
                (FOUND, 0),
                (Input::Next, 10),
                (FOUND, 10),
                (Input::Back, 30),
                (FOUND, 30),
                (Input::Close(Reason::CloseButton), 50),
            ],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "step_completed@0+10",
                "step_viewed@1#0",
                "step_back@1+20",
                "step_viewed@0#0",
                "guide_abandoned@0/close_button+20",
            ],
        ),
        (
            "closed while still seeking: no dwell",
            vec![(Input::Start, 0), (Input::Close(Reason::Esc), 5)],
            vec!["guide_started@0", "guide_abandoned@0/esc"],
        ),
        (
            "nonsense inputs change nothing",
            vec![
                (Input::Next, 0),
                (Input::Start, 0),
                (Input::Next, 1),
                (Input::Back, 2),
                (FOUND, 3),
                (Input::Back, 4),
                (Input::Start, 5),
                (Input::Close(Reason::Esc), 6),
                (FOUND, 7),
                (Input::Next, 8),
            ],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "guide_abandoned@0/esc+3",
            ],
        ),
        (
            "widget error",
            vec![(Input::Start, 0), (FOUND, 0), (Input::Fail, 9)],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "step_failed@0/error+9",
            ],
        ),
        (
            "resume on the next page: no second guide_started",
            vec![
                (
                    Input::Resume {
                        index: 1,
                        completed: false,
                    },
                    0,
                ),
                (FOUND, 0),
                (Input::Next, 4),
            ],
            vec!["step_viewed@1#0", "step_completed@1+4"],
        ),
    ];
    for (name, script, expected) in cases {
        check(name, &g, script, expected);
    }
}

#[test]
fn dwell_pauses_while_hidden() {
    let g = guide(OnMissing::Center, None);
    let script = [
        (Input::Start, 0),
        (FOUND, 1000),
        (Input::PageHidden, 3000),
        (Input::PageHidden, 4000),
        (Input::PageVisible, 10_000),
        (Input::Next, 11_000),
    ];
    let (_, tracks, _) = run(&g, &script);
    assert_eq!(tracks[2], "step_completed@0+3000");

    // Shown while hidden: the clock starts only when the page is visible.
    let script = [
        (Input::PageHidden, 0),
        (Input::Start, 0),
        (FOUND, 100),
        (Input::PageVisible, 5000),
        (Input::Close(Reason::Esc), 5250),
    ];
    let (_, tracks, _) = run(&g, &script);
    assert_eq!(tracks[2], "guide_abandoned@0/esc+250");
}

#[test]
fn target_missing_follows_on_missing() {
    let cases = [
        (
            OnMissing::Center,
            vec![
                "guide_started@0",
                "step_failed@0/target_missing",
                "step_viewed@0",
            ],
            Phase::Showing {
                index: 0,
                centred: true,
            },
        ),
        (
            OnMissing::Skip,
            vec!["guide_started@0", "step_failed@0/target_missing"],
            Phase::Seeking { index: 1 },
        ),
        (
            OnMissing::Abort,
            vec!["guide_started@0", "step_failed@0/target_missing"],
            Phase::Ended,
        ),
    ];
    for (on_missing, expected, phase) in cases {
        let g = guide(on_missing, None);
        let (state, tracks, _) = run(&g, &[(Input::Start, 0), (Input::TargetMissing, 5000)]);
        assert_eq!(tracks, expected, "{on_missing:?}");
        assert_eq!(state.phase, phase, "{on_missing:?}");
    }
}

#[test]
fn skipping_the_last_step_completes_the_guide() {
    let g = guide(OnMissing::Skip, None);
    let resume = Input::Resume {
        index: 2,
        completed: false,
    };
    let script = [(resume, 0), (Input::TargetMissing, 10)];
    let (state, tracks, others) = run(&g, &script);
    assert_eq!(
        tracks,
        ["step_failed@2/target_missing", "guide_completed@2"]
    );
    assert_eq!(state.phase, Phase::Ended);
    assert_eq!(others.last(), Some(&Effect::End));
}

#[test]
fn screen_effects() {
    let g = guide(OnMissing::Center, Some(1));
    let (state, _, others) = run(
        &g,
        &[
            (Input::Start, 0),
            (FOUND, 1),
            (Input::Next, 2),
            (Input::Next, 3),
        ],
    );
    assert_eq!(
        others,
        [
            Effect::Persist { index: 0 },
            Effect::Seek { index: 0 },
            Effect::Show {
                index: 0,
                centred: false
            },
            Effect::Persist { index: 0 },
            // Step 1 has no target: shown centred at once.
            Effect::Show {
                index: 1,
                centred: true
            },
            Effect::Persist { index: 1 },
            // Step 2 is remembered while it is sought (a submit may be
            // taking the visitor to its page).
            Effect::Persist { index: 2 },
            Effect::Seek { index: 2 },
        ]
    );
    assert_eq!(state.index(), Some(2));
}

#[test]
fn the_run_ends_once() {
    let g = guide(OnMissing::Center, None);
    let (state, _, others) = run(
        &g,
        &[
            (Input::Start, 0),
            (FOUND, 0),
            (Input::Close(Reason::Esc), 1),
            (Input::Close(Reason::CloseButton), 2),
        ],
    );
    assert_eq!(state.phase, Phase::Ended);
    assert_eq!(others.iter().filter(|e| **e == Effect::End).count(), 1);
}

#[test]
fn arrival_on_a_page() {
    use crate::guide::Advance;
    use crate::pattern::UrlPattern;
    let mut g = guide(OnMissing::Center, None);
    g.steps[0].url = UrlPattern::new("/tarif/");
    g.steps[0].advance = Advance::Url(UrlPattern::new("/tarif/daten").expect("pattern"));
    g.steps[1].url = UrlPattern::new("/tarif/daten");
    let resume = |index, completed| Some(Input::Resume { index, completed });
    let cases = [
        ("step 0 on its own page", 0, "/tarif/", resume(0, false)),
        (
            "step 0's advance page reached",
            0,
            "/tarif/daten",
            resume(0, true),
        ),
        ("step 1 elsewhere: wait", 1, "/", None),
        (
            "step 1 on its page",
            1,
            "/tarif/daten?x=1",
            resume(1, false),
        ),
        (
            "step 2 has no url: any page",
            2,
            "/anything",
            resume(2, false),
        ),
        ("no such step", 7, "/", None),
    ];
    for (name, index, path, expected) in cases {
        assert_eq!(arrival(&g, index, path), expected, "{name}");
    }

    // Arriving completes the step and moves on; on the last step, the guide.
    let (state, tracks, _) = run(
        &g,
        &[(
            Input::Resume {
                index: 0,
                completed: true,
            },
            0,
        )],
    );
    assert_eq!(tracks, ["step_completed@0"]);
    assert_eq!(state.phase, Phase::Seeking { index: 1 });
    let (state, tracks, _) = run(
        &g,
        &[(
            Input::Resume {
                index: 2,
                completed: true,
            },
            0,
        )],
    );
    assert_eq!(tracks, ["step_completed@2", "guide_completed@2"]);
    assert_eq!(state.phase, Phase::Ended);
}
