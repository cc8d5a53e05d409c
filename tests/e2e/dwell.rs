//! `dwellMs` counts only the time a step was visible: while the visitor is
//! in another tab, the clock stops (issue 5).

use std::time::{Duration, Instant};

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::{press, wait_for_step};
use crate::support::pages::{demo_page, run, write_pages, Lotse};
use crate::support::poll;

const WELCOME: (&str, &str, &str) = ("welcome", "Step 1 of 3", "Next");
const TARIFFS: (&str, &str, &str) = ("tariffs", "Step 2 of 3", "Next");
/// How long the visitor spends in another tab.
const AWAY: Duration = Duration::from_secs(3);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dwell_time_pauses_while_the_tab_is_hidden() {
    let site_dir = tempfile::tempdir().expect("temporary site folder");
    let attributes = r#"data-endpoint="/v1/events" data-analytics="off""#;
    write_pages(site_dir.path(), &[("index.html", demo_page(attributes))]);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the server");
    let server = Lotse::start(listener, site_dir.path()).await;
    let chromedriver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&chromedriver, &server.url("/index.html")).await;
    let browser = visitor.client();
    run(
        browser,
        r#"window.testEvents = []; window.testHidden = 0;
Lotse.on("*", (e) => window.testEvents.push(e));
document.addEventListener("visibilitychange", () => { if (document.hidden) window.testHidden++; });
return null;"#,
    )
    .await;
    wait_for_step(browser, WELCOME).await;
    let shown = Instant::now();

    // The visitor opens another tab for a while, then comes back.
    let home = browser.window().await.expect("this tab");
    let other = browser.new_window(true).await.expect("open a tab");
    browser
        .switch_to_window(other.handle)
        .await
        .expect("switch to the other tab");
    tokio::time::sleep(AWAY).await;
    browser.close_window().await.expect("close the other tab");
    browser.switch_to_window(home).await.expect("switch back");
    poll(
        Duration::from_secs(5),
        "the tab to be visible again",
        || async {
            match run(browser, "return document.visibilityState;")
                .await
                .as_str()
            {
                Some("visible") => Ok(()),
                other => Err(format!("{other:?}")),
            }
        },
    )
    .await;
    press(browser, "next").await;
    wait_for_step(browser, TARIFFS).await;
    let elapsed = shown.elapsed();

    let hidden = run(browser, "return window.testHidden;").await;
    assert_eq!(hidden, 1, "the page was hidden once while in the other tab");
    let completed = run(
        browser,
        r#"return window.testEvents.find((e) => e.type === "step_completed");"#,
    )
    .await;
    let dwell = completed["dwellMs"]
        .as_u64()
        .unwrap_or_else(|| panic!("no dwellMs in {completed}"));
    // The tab switch itself takes a few ms to become a visibilitychange in
    // the page; 500 ms of slack still tells 3 s counted from 3 s left out.
    let visible = elapsed.saturating_sub(AWAY).as_millis() as u64;
    assert!(
        dwell <= visible + 500,
        "dwellMs {dwell} counts the {AWAY:?} in the other tab (on the step {elapsed:?} in all)"
    );
    visitor.leave().await;
}
