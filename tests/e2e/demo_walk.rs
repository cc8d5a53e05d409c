//! The demo's two processes walked with their guides, the way a visitor
//! does it (issue 7): the meter reading in German and the tariff switch in
//! English, over several pages, with a page reload in the middle (the guide
//! resumes at the same step), the late tariff list (the step waits for it)
//! and real typing, clicks and form submits. At the end each guide's report
//! counts one completed run.
//!
//! These walks found two widget bugs, now fixed: an `input` step used to
//! move focus away while the visitor was still typing, and a `submit` step
//! whose form navigates was not stored as completed.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::{press, wait_until_closed};
use crate::support::poll;
use crate::support::server::TestServer;
use crate::support::visit::script;

const PATIENCE: Duration = Duration::from_secs(15);

/// The step the guide's dialog shows, or what is there instead.
const READ_STEP: &str = r#"
const host = document.querySelector('lotse-overlay');
const dialog = host && host.shadowRoot && host.shadowRoot.querySelector('[role=dialog]');
return dialog ? dialog.getAttribute('data-step') : (host ? 'host without dialog' : 'no overlay');
"#;

/// Waits until the guide shows step `id` (on the current page).
async fn wait_step(client: &Client, id: &str) {
    poll(
        PATIENCE,
        &format!("the guide to show step {id:?}"),
        || async {
            match script(client, READ_STEP).await {
                Value::String(s) if s == id => Ok(()),
                other => Err(other.to_string()),
            }
        },
    )
    .await;
}

/// Waits until the browser is on `path` (a form was submitted, a link followed).
async fn wait_path(client: &Client, path: &str) {
    poll(PATIENCE, &format!("the page {path}"), || async {
        let url = client.current_url().await.map_err(|e| e.to_string())?;
        if url.path() == path {
            Ok(())
        } else {
            Err(url.to_string())
        }
    })
    .await;
}

/// Types `text` into `css` with real key presses.
async fn type_into(client: &Client, css: &str, text: &str) {
    let field = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    field
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
}

/// Clicks `css` with a real WebDriver click.
async fn click(client: &Client, css: &str) {
    let element = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

/// Sets form fields the current step is not about (dates, names) at once.
async fn fill(client: &Client, values: &[(&str, &str)]) {
    for (id, value) in values {
        let set = format!(
            "const e = document.getElementById({id:?}); e.value = {value:?};
             e.dispatchEvent(new Event('input', {{bubbles: true}}));
             e.dispatchEvent(new Event('change', {{bubbles: true}})); return null;"
        );
        script(client, &set).await;
    }
}

/// Waits until the report of `guide` counts one run, completed, not broken:
/// the reload resumed the run rather than starting a second one.
async fn one_completed_run(server: &TestServer, guide: &str) {
    let path = format!("/v1/reports/guides/{guide}/funnel");
    poll(
        PATIENCE,
        &format!("{guide}'s report to count one completed run"),
        || async {
            let report = server.get_json(&path).await;
            let runs = report.as_ref().map(|r| r["runs"].clone());
            match &runs {
                Some(r) if r["started"] == 1 && r["completed"] == 1 && r["failed"] == 0 => Ok(()),
                _ => Err(format!("{runs:?}")),
            }
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_meter_reading_guide_walks_to_the_end_across_a_reload() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&driver, &server.url("/de/meter/reading.html")).await;
    let client = visitor.client();

    wait_step(client, "meter-number").await;
    type_into(client, "#meter-number", "1ESY1160").await;
    wait_step(client, "meter-type").await;
    assert_eq!(
        script(
            client,
            "return document.getElementById('meter-number').value;"
        )
        .await,
        "1ESY1160",
        "every character typed arrives, though 6 already match the step's pattern"
    );
    press(client, "next").await;
    wait_step(client, "reading").await;

    client.refresh().await.expect("reload the page");
    wait_step(client, "reading").await;
    // The page keeps no unsent form values across a reload.
    fill(client, &[("meter-number", "1ESY1160")]).await;

    type_into(client, "#reading", "12345").await;
    wait_step(client, "reading-date").await;
    press(client, "next").await;
    wait_step(client, "send").await;
    click(client, "#meter-submit").await;
    wait_path(client, "/de/meter/done.html").await;
    wait_step(client, "received").await;
    press(client, "next").await;
    wait_until_closed(client).await;
    one_completed_run(&server, "meter-reading").await;
    visitor.leave().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tariff_switch_guide_waits_for_the_late_tariff_list_and_survives_a_reload() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&driver, &server.url("/en/switch/consumption.html")).await;
    let client = visitor.client();

    wait_step(client, "intro").await;
    press(client, "next").await;
    wait_step(client, "postcode").await;
    type_into(client, "#postcode", "20095").await;
    wait_step(client, "consumption").await;
    type_into(client, "#consumption", "2500").await;
    wait_step(client, "calculate").await;
    assert_eq!(
        script(
            client,
            "return document.getElementById('consumption').value;"
        )
        .await,
        "2500",
        "every digit typed arrives, though \"250\" already matches the step's pattern"
    );
    click(client, "#calculate-button").await;
    wait_path(client, "/en/switch/tariff.html").await;

    // The tariff list appears ~1.5 s after the page: the step waits for it.
    wait_step(client, "tariffs").await;
    let list_visible =
        "const l = document.getElementById('tariff-list'); return l ? !l.hidden : location.pathname;";
    assert_eq!(
        script(client, list_visible).await,
        true,
        "step shown before its target"
    );
    client.refresh().await.expect("reload the tariff page");
    wait_step(client, "tariffs").await;
    assert_eq!(
        script(client, list_visible).await,
        true,
        "after the reload too"
    );
    press(client, "next").await;
    wait_step(client, "choose").await;
    click(client, "#choose-oeko12").await;
    wait_path(client, "/en/switch/details.html").await;

    wait_step(client, "details").await;
    fill(
        client,
        &[
            ("first-name", "Erika"),
            ("last-name", "Mustermann"),
            ("birth-date", "1980-05-17"),
            ("email", "erika@example.com"),
            ("street", "Hafenstraße"),
            ("house-number", "12"),
            ("address-postcode", "20095"),
            ("city", "Hamburg"),
        ],
    )
    .await;
    click(client, "#details-submit").await;
    wait_path(client, "/en/switch/bank.html").await;

    wait_step(client, "iban").await;
    type_into(client, "#iban", "DE89 3704 0044 0532 0130 00").await;
    wait_step(client, "mandate").await;
    fill(client, &[("account-holder", "Erika Mustermann")]).await;
    click(client, "#sepa-mandate").await;
    click(client, "#bank-submit").await;
    wait_path(client, "/en/switch/review.html").await;

    wait_step(client, "review").await;
    press(client, "next").await;
    wait_step(client, "confirm").await;
    click(client, "#accept-terms").await;
    click(client, "#confirm-button").await;
    wait_path(client, "/en/switch/done.html").await;
    wait_step(client, "done").await;
    press(client, "next").await;
    wait_until_closed(client).await;
    one_completed_run(&server, "tariff-switch").await;
    visitor.leave().await;
}
