//! Three visitors meet the demo guide on the demo site; the funnel report
//! then counts exactly what they did (issue 2).

use std::time::Duration;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::{press, press_escape, wait_for_step, wait_until_closed};
use crate::support::server::TestServer;
use serde_json::{json, Value};

/// The demo guide's steps as the page (lang="en") shows them: step id,
/// progress, and the label of the button that goes on.
const STEPS: [(&str, &str, &str); 3] = [
    ("welcome", "Step 1 of 3", "Next"),
    ("tariffs", "Step 2 of 3", "Next"),
    ("meter", "Step 3 of 3", "Done"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_funnel_counts_a_finisher_a_closer_and_an_escaper() {
    let server = TestServer::start().await;
    let chromedriver = Chromedriver::start().await;
    let home = server.url("/");

    // Visitor A walks the guide to the end.
    let a = Visitor::arrive(&chromedriver, &home).await;
    for step in STEPS {
        wait_for_step(a.client(), step).await;
        press(a.client(), "next").await;
    }
    wait_until_closed(a.client()).await;
    a.leave().await;

    // Visitor B goes on to step 2, then closes the guide with its close button.
    let b = Visitor::arrive(&chromedriver, &home).await;
    let [first, second, _] = STEPS;
    wait_for_step(b.client(), first).await;
    press(b.client(), "next").await;
    wait_for_step(b.client(), second).await;
    press(b.client(), "close").await;
    wait_until_closed(b.client()).await;
    b.leave().await;

    // Visitor C presses Esc on step 1.
    let c = Visitor::arrive(&chromedriver, &home).await;
    wait_for_step(c.client(), first).await;
    press_escape(c.client()).await;
    wait_until_closed(c.client()).await;
    c.leave().await;

    let want = json!({
        "runs": { "started": 3, "completed": 1 },
        "steps": [
            { "id": "welcome", "viewed": 3, "completed": 2, "abandoned": { "esc": 1 } },
            { "id": "tariffs", "viewed": 2, "completed": 1, "abandoned": { "close_button": 1 } },
            { "id": "meter", "viewed": 1, "completed": 1, "abandoned": {} },
        ],
    });
    // Events arrive asynchronously (batched, or sent as the page is left).
    let seen = crate::support::poll(
        Duration::from_secs(10),
        "the funnel report to count all three visitors",
        || async {
            let counts = server
                .get_json("/v1/reports/guides/demo/funnel")
                .await
                .map(|funnel| counts(&funnel));
            match counts {
                Some(counts) if counts == want => Ok(counts),
                Some(counts) => Err(counts.to_string()),
                None => Err("no funnel report".to_string()),
            }
        },
    )
    .await;
    assert_eq!(seen, want);
}

/// The parts of a funnel report this test is about: runs, and per step the
/// visitors who saw it, went on from it and gave up on it (by reason).
fn counts(funnel: &Value) -> Value {
    let steps: Vec<Value> = funnel["steps"]
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .map(|step| {
                    json!({
                        "id": step["id"],
                        "viewed": step["viewed"],
                        "completed": step["completed"],
                        "abandoned": step["abandoned"],
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let runs = &funnel["runs"];
    json!({
        "runs": { "started": runs["started"], "completed": runs["completed"] },
        "steps": steps,
    })
}
