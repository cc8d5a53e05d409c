//! The page's side (issue 4): the JavaScript API (`Lotse.start` at a step,
//! `next`, `stop`, `on`), a click on the dimmed page (`overlay_click`), an
//! idle visitor (`idle_timeout`), theming (custom properties, data-theme),
//! and a broken, invalid or missing guide: one console error, no overlay,
//! the page keeps working.

use std::time::Duration;

use fantoccini::Client;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::layout::settled;
use crate::support::overlay::{wait_for_step, wait_until_closed};
use crate::support::poll;
use crate::support::server::TestServer;
use crate::support::visit::{click_at, console_errors, event_names, script};

/// Waits until the page logged at least one console error.
async fn first_error(client: &Client) -> Vec<String> {
    poll(Duration::from_secs(15), "a console error", || async {
        let errors = console_errors(client).await;
        if errors.is_empty() {
            Err("none yet".to_string())
        } else {
            Ok(errors)
        }
    })
    .await
}

/// Clicks the page's own counter button and returns its new text.
async fn count(client: &Client) -> serde_json::Value {
    script(
        client,
        "const c = document.getElementById('counter'); c.click(); return c.textContent;",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_javascript_api_starts_steps_and_forwards_events() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/api.html")).await;
    let client = visitor.client();
    // The guide's start rules say no (auto: false): nothing until the API.
    poll(Duration::from_secs(10), "window.Lotse", || async {
        match script(client, "return typeof window.Lotse;").await.as_str() {
            Some("object") => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let host = script(client, "return !!document.querySelector('lotse-overlay');").await;
    assert_eq!(host, false, "a guide with auto: false started by itself");

    // A guide id next to data-guide, at its second step; Lotse.on sees it.
    script(
        client,
        "window.viewed = [];
         window.off = Lotse.on('step_viewed', (e) => window.viewed.push(e.step));
         Lotse.start('manual', { step: 'second' }); return null;",
    )
    .await;
    wait_for_step(client, ("second", "Step 2 of 2", "Done")).await;
    script(client, "Lotse.next(); return null;").await;
    wait_until_closed(client).await;
    assert_eq!(
        event_names(client).await,
        [
            "guide_started",
            "step_viewed",
            "step_completed",
            "guide_completed"
        ]
    );
    assert_eq!(
        script(client, "return window.viewed;").await,
        serde_json::json!(["second"])
    );

    // Lotse.stop closes a running guide; the unsubscribed callback stays quiet.
    script(client, "window.off(); Lotse.start('manual'); return null;").await;
    wait_for_step(client, ("first", "Step 1 of 2", "Next")).await;
    let running = script(client, "return window.widgetListeners.length;").await;
    assert!(
        running.as_u64().is_some_and(|n| n > 0),
        "the listener probe sees the running guide's listeners: {running}"
    );
    script(
        client,
        "window.stopped = [];
         Lotse.on('guide_abandoned', (e) => window.stopped.push(e.reason));
         Lotse.stop(); return null;",
    )
    .await;
    wait_until_closed(client).await;
    assert_eq!(
        script(client, "return window.stopped;").await,
        serde_json::json!(["stopped"]),
        "a run the page stopped is not counted as the visitor closing it"
    );
    // No guide runs: the widget keeps no listener on window or document.
    poll(
        Duration::from_secs(5),
        "the widget's listeners to go",
        || async {
            let left = script(client, "return window.widgetListeners.map((l) => l.type);").await;
            if left == serde_json::json!([]) {
                Ok(())
            } else {
                Err(left.to_string())
            }
        },
    )
    .await;
    assert_eq!(
        script(client, "return window.viewed;").await,
        serde_json::json!(["second"])
    );
    let names = event_names(client).await;
    assert_eq!(
        names.last().map(String::as_str),
        Some("guide_abandoned/stopped")
    );
    assert_eq!(count(client).await, "1", "the page works after the guide");
    visitor.leave().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_click_on_the_dimmed_page_or_an_idle_visitor_closes_the_guide() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;

    // Themed page: data-theme="dark" plus the host's custom properties.
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/themed.html")).await;
    let client = visitor.client();
    let layout = settled(client, "first", "#target", 8.0).await;
    let theme = script(
        client,
        "const root = document.querySelector('lotse-overlay').shadowRoot;
         const p = getComputedStyle(root.querySelector('.lotse-popover'));
         const next = getComputedStyle(root.querySelector('button[data-action=next]'));
         return [p.backgroundColor, p.borderTopLeftRadius, next.backgroundColor];",
    )
    .await;
    assert_eq!(
        theme,
        serde_json::json!(["rgb(30, 41, 59)", "3px", "rgb(200, 0, 100)"]),
        "dark theme, --lotse-radius and --lotse-accent from the host page"
    );
    // A real click on a page control outside the spotlight is using the
    // page, not leaving the guide.
    client
        .find(fantoccini::Locator::Css("#counter"))
        .await
        .expect("the page's counter button")
        .click()
        .await
        .expect("click the counter");
    let counter = script(
        client,
        "return document.getElementById('counter').textContent;",
    )
    .await;
    assert_eq!(counter, "1", "the click on the page's button went through");
    settled(client, "first", "#target", 8.0).await;
    // A real click on the dimmed page where there is nothing to use, far
    // from target and popover: the guide closes.
    let (x, y) = (layout.viewport.w - 10.0, layout.viewport.h - 10.0);
    click_at(client, x, y).await;
    wait_until_closed(client).await;
    assert_eq!(
        event_names(client).await,
        [
            "guide_started",
            "step_viewed",
            "guide_abandoned/overlay_click"
        ]
    );
    visitor.leave().await;

    // data-idle-timeout="2": a visitor who does nothing for 2 s.
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/idle.html")).await;
    let client = visitor.client();
    settled(client, "first", "#target", 8.0).await;
    wait_until_closed(client).await;
    assert_eq!(
        event_names(client).await,
        [
            "guide_started",
            "step_viewed",
            "guide_abandoned/idle_timeout"
        ]
    );
    let idle = script(client, "const [, v, a] = lotseEvents; return a.ts - v.ts;").await;
    assert!(
        idle.as_f64()
            .is_some_and(|ms| (2000.0..4500.0).contains(&ms)),
        "closed {idle} ms after the step was shown, expected about 2 s"
    );
    visitor.leave().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_or_missing_guide_logs_one_error_and_leaves_the_page_working() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let cases = [
        ("/fixtures/broken-guide.html", "could not start the guide"),
        ("/fixtures/invalid-guide.html", "invalid guide"),
        ("/fixtures/missing-guide.html", "HTTP 404"),
    ];
    for (path, reason) in cases {
        let visitor = Visitor::arrive(&driver, &server.url(path)).await;
        let client = visitor.client();
        first_error(client).await;
        // Time for a second error, which must not come.
        tokio::time::sleep(Duration::from_millis(700)).await;
        let errors = console_errors(client).await;
        assert_eq!(errors.len(), 1, "{path}: {errors:?}");
        assert!(
            errors[0].starts_with("Lotse:") && errors[0].contains(reason),
            "{path}: {errors:?} should name the reason ({reason})"
        );
        let host = script(client, "return !!document.querySelector('lotse-overlay');").await;
        assert_eq!(host, false, "{path}: an overlay is left on the page");
        assert_eq!(count(client).await, "1", "{path}: the page stopped working");
        visitor.leave().await;
    }
}
