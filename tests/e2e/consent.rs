//! `data-analytics="consent"`: the widget stores and sends nothing until
//! the site calls `Lotse.consent(true)`; `Lotse.consent(false)` deletes the
//! queue and stops sending (issue 5; what German sites need).

use std::time::Duration;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::{press, wait_for_step, wait_until_closed};
use crate::support::pages::{announced, demo_page, outbox, run, write_pages, Lotse};
use crate::support::poll;

const WELCOME: (&str, &str, &str) = ("welcome", "Step 1 of 3", "Next");
const TARIFFS: (&str, &str, &str) = ("tariffs", "Step 2 of 3", "Next");
const METER: (&str, &str, &str) = ("meter", "Step 3 of 3", "Done");

/// Longer than the widget's 2 s batching delay: anything it was going to
/// send or store would have been by then.
const QUIET: Duration = Duration::from_secs(3);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_stored_or_sent_before_consent_and_consent_false_deletes_the_queue() {
    let site_dir = tempfile::tempdir().expect("temporary site folder");
    let attributes = r#"data-endpoint="/v1/events" data-analytics="consent""#;
    write_pages(site_dir.path(), &[("index.html", demo_page(attributes))]);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the server");
    let server = Lotse::start(listener, site_dir.path()).await;
    let chromedriver = Chromedriver::start().await;

    let visitor = Visitor::arrive(&chromedriver, &server.url("/index.html")).await;
    let browser = visitor.client();
    assert_eq!(
        run(browser, "return typeof Lotse.consent;").await,
        "function",
        "Lotse.consent exists once the loader ran"
    );
    wait_for_step(browser, WELCOME).await;
    press(browser, "next").await;
    wait_for_step(browser, TARIFFS).await;
    tokio::time::sleep(QUIET).await;

    let before = announced(browser).await;
    assert_eq!(
        before.len(),
        4,
        "started, viewed, completed, viewed: {before:?}"
    );
    assert_eq!(
        outbox(browser).await,
        None,
        "no queue in localStorage before consent"
    );
    assert_eq!(server.stored().await, Ok(0), "nothing sent before consent");

    // The site's consent banner says yes: what happened so far is sent.
    run(browser, "Lotse.consent(true); return null;").await;
    poll(
        Duration::from_secs(15),
        "the held events to arrive",
        || async {
            match server.stored().await {
                Ok(4) => Ok(()),
                other => Err(format!("{other:?}")),
            }
        },
    )
    .await;

    // On to the last step: its events are queued for the next batch...
    press(browser, "next").await;
    wait_for_step(browser, METER).await;
    // ... until the visitor withdraws consent, which deletes the queue.
    let answer = run(
        browser,
        r#"const before = Object.keys(localStorage).filter((k) => k.startsWith("lotse:outbox"));
Lotse.consent(false);
const after = Object.keys(localStorage).filter((k) => k.startsWith("lotse:outbox"));
return [before.length, after.length];"#,
    )
    .await;
    assert_eq!(answer, serde_json::json!([1, 0]), "a queue, then none");

    // Nothing more is stored or sent, not even the end of the run.
    press(browser, "next").await;
    wait_until_closed(browser).await;
    tokio::time::sleep(QUIET).await;
    assert!(announced(browser).await.len() > 6, "the run went on");
    assert_eq!(outbox(browser).await, None, "no queue after consent(false)");
    assert_eq!(
        server.stored().await,
        Ok(4),
        "nothing sent after consent(false)"
    );
    visitor.leave().await;
    assert_eq!(server.stored().await, Ok(4), "nor when the page is left");
}
