//! Finding the target (issue 4): an element that appears two seconds late
//! is waited for (no failure), one that never appears fails the step with
//! `target_missing`, targets inside an open shadow root and a same-origin
//! iframe are found and spotlighted exactly, and a two-page guide resumes
//! on the next page and after a reload.

use std::time::Duration;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::layout::{measure, settled};
use crate::support::overlay::{press, wait_for_step, wait_until_closed};
use crate::support::server::TestServer;
use crate::support::visit::{click_at, event_names, script};

const PADDING: f64 = 8.0;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn late_and_missing_targets() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;

    // The target appears 2 s after the page loaded: the step waits for it.
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/late.html")).await;
    let client = visitor.client();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert!(
        measure(client, "#target").await.is_none(),
        "a step is shown before its target exists"
    );
    settled(client, "first", "#target", PADDING).await;
    let waited = script(
        client,
        "const v = lotseEvents.find((e) => e.type === 'step_viewed');
         return v ? v.ts - performance.timeOrigin : null;",
    )
    .await;
    assert!(
        waited.as_f64().is_some_and(|ms| ms >= 1900.0),
        "step_viewed {waited} ms after the page started, expected after the 2 s delay"
    );
    assert_eq!(event_names(client).await, ["guide_started", "step_viewed"]);
    visitor.leave().await;

    // The target never appears: after waitFor (1 s) the step fails with
    // target_missing and, with onMissing abort, the guide ends.
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/missing.html")).await;
    let client = visitor.client();
    crate::support::poll(Duration::from_secs(10), "the step to fail", || async {
        let names = event_names(client).await;
        if names.len() >= 2 {
            Ok(())
        } else {
            Err(format!("{names:?}"))
        }
    })
    .await;
    wait_until_closed(client).await;
    assert_eq!(
        event_names(client).await,
        ["guide_started", "step_failed/target_missing"],
        "a broken guide is not a visitor abandoning it"
    );
    visitor.leave().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn targets_inside_shadow_roots_and_iframes() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    for path in ["/fixtures/shadow.html", "/fixtures/iframe.html"] {
        let visitor = Visitor::arrive(&driver, &server.url(path)).await;
        let client = visitor.client();
        let layout = settled(client, "first", "#target", PADDING).await;
        assert_eq!(layout.placed, "bottom", "{path}: {layout:?}");
        if path.contains("iframe") {
            // The iframe sits at (200, 150) with a 7 px border; its target
            // 150 px from its left and 120 px from its top.
            assert!(
                layout.target.x > 350.0 && layout.target.y > 270.0,
                "{path}: the target was not offset by the iframe: {layout:?}"
            );
            // Clicking the spotlighted target reaches the iframe's button.
            let (x, y) = (
                layout.target.x + layout.target.w / 2.0,
                layout.target.y + layout.target.h / 2.0,
            );
            script(
                client,
                "const f = document.querySelector('iframe').contentDocument;
                 f.getElementById('target').addEventListener('click', () => { window.frameClicked = true; });
                 return null;",
            )
            .await;
            click_at(client, x, y).await;
            let clicked = script(client, "return window.frameClicked === true;").await;
            assert_eq!(
                clicked, true,
                "{path}: the click in the hole did not reach the target"
            );
        }
        press(client, "next").await;
        settled(client, "second", "#second", PADDING).await;
        visitor.leave().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_page_guide_resumes_on_the_next_page_and_after_a_reload() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/multi-a.html")).await;
    let client = visitor.client();
    wait_for_step(client, ("go", "Step 1 of 2", "Next")).await;
    let layout = settled(client, "go", "#go", PADDING).await;
    // The visitor follows the link in the spotlight (a real click).
    click_at(
        client,
        layout.target.x + layout.target.w / 2.0,
        layout.target.y + layout.target.h / 2.0,
    )
    .await;
    wait_for_step(client, ("there", "Step 2 of 2", "Done")).await;
    assert_eq!(
        event_names(client).await,
        ["step_completed", "step_viewed"],
        "page b continues the run: no second guide_started"
    );
    client.refresh().await.expect("reload page b");
    wait_for_step(client, ("there", "Step 2 of 2", "Done")).await;
    settled(client, "there", "#target", PADDING).await;
    press(client, "next").await;
    wait_until_closed(client).await;
    let names = event_names(client).await;
    assert_eq!(names, ["step_viewed", "step_completed", "guide_completed"]);
    visitor.leave().await;
}
