//! Table tests of the ways a visitor leaves or enters a run that are not
//! buttons: a click on the dimmed page, doing nothing for too long, and
//! starting at a given step through the JavaScript API.

use super::tests::{guide, run};
use super::*;
use crate::guide::OnMissing;

const FOUND: Input = Input::TargetFound { locator: 0 };
const IDLE: Input = Input::IdleCheck { limit_ms: 1000 };

/// One row: name, inputs with their times, expected tracked events
/// (spelled `type@step/reason+dwell#locator`) and the final phase.
type Case = (&'static str, Vec<(Input, i64)>, Vec<&'static str>, Phase);

#[test]
fn overlay_click_idle_timeout_and_start_at() {
    let g = guide(OnMissing::Center, None);
    let showing = |index| Phase::Showing {
        index,
        centred: false,
    };
    let cases: Vec<Case> = vec![
        (
            "a click on the dimmed page closes the step",
            vec![(Input::Start, 0), (FOUND, 0), (Input::OverlayClick, 400)],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "guide_abandoned@0/overlay_click+400",
            ],
            Phase::Ended,
        ),
        (
            "nothing is dimmed while seeking: the click changes nothing",
            vec![(Input::Start, 0), (Input::OverlayClick, 10)],
            vec!["guide_started@0"],
            Phase::Seeking { index: 0 },
        ),
        (
            "idle for the limit: idle_timeout",
            vec![(Input::Start, 0), (FOUND, 0), (IDLE, 999), (IDLE, 1000)],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "guide_abandoned@0/idle_timeout+1000",
            ],
            Phase::Ended,
        ),
        (
            "activity restarts the idle clock",
            vec![
                (Input::Start, 0),
                (FOUND, 0),
                (Input::Activity, 900),
                (IDLE, 1500),
                (IDLE, 1899),
            ],
            vec!["guide_started@0", "step_viewed@0#0"],
            showing(0),
        ),
        (
            "a new step restarts the idle clock",
            vec![
                (Input::Start, 0),
                (FOUND, 0),
                (Input::Next, 900),
                (FOUND, 950),
                (IDLE, 1800),
            ],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "step_completed@0+900",
                "step_viewed@1#0",
            ],
            showing(1),
        ),
        (
            "a target that never comes times out as idle while seeking",
            vec![(Input::Start, 0), (IDLE, 1000)],
            vec!["guide_started@0", "guide_abandoned@0/idle_timeout"],
            Phase::Ended,
        ),
        (
            "a hidden page is not idle; visible again restarts the clock",
            vec![
                (Input::Start, 0),
                (FOUND, 0),
                (Input::PageHidden, 100),
                (IDLE, 5000),
                (Input::PageVisible, 6000),
                (IDLE, 6999),
                (IDLE, 7000),
            ],
            vec![
                "guide_started@0",
                "step_viewed@0#0",
                "guide_abandoned@0/idle_timeout+1100",
            ],
            Phase::Ended,
        ),
        (
            "no run: idle checks and clicks change nothing",
            vec![
                (IDLE, 5000),
                (Input::OverlayClick, 5000),
                (Input::Activity, 1),
            ],
            vec![],
            Phase::Idle,
        ),
        (
            "start at step 2",
            vec![
                (Input::StartAt { index: 2 }, 0),
                (FOUND, 5),
                (Input::Next, 10),
            ],
            vec![
                "guide_started@2",
                "step_viewed@2#0",
                "step_completed@2+5",
                "guide_completed@2",
            ],
            Phase::Ended,
        ),
        (
            "start at a step that does not exist: nothing",
            vec![(Input::StartAt { index: 3 }, 0)],
            vec![],
            Phase::Idle,
        ),
    ];
    for (name, script, expected, phase) in cases {
        let (state, tracks, _) = run(&g, &script);
        assert_eq!(tracks, expected, "{name}");
        assert_eq!(state.phase, phase, "{name}");
    }
}
