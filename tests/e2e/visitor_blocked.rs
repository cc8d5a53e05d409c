//! `spotlight.blockTarget` (guide format, issue 3; widget, issue 4): while
//! a step that only explains its target is open, a real click on the target
//! does nothing and Tab does not reach it; the next step, without the
//! block, lets the visitor use the same element.

use fantoccini::Client;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::layout::settled;
use crate::support::overlay::{press, wait_for_step};
use crate::support::server::TestServer;
use crate::support::visit::{click_at, script};

/// The centre of the page's counter button, in viewport pixels.
async fn counter_centre(client: &Client) -> (f64, f64) {
    let centre = script(
        client,
        "const r = document.getElementById('counter').getBoundingClientRect();
         return [r.left + r.width / 2, r.top + r.height / 2];",
    )
    .await;
    let at = |i: usize| {
        centre[i]
            .as_f64()
            .unwrap_or_else(|| panic!("no centre: {centre}"))
    };
    (at(0), at(1))
}

async fn counter(client: &Client) -> serde_json::Value {
    script(
        client,
        "return document.getElementById('counter').textContent;",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_target_cannot_be_used_until_the_step_allows_it() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/blocked.html")).await;
    let client = visitor.client();

    wait_for_step(client, ("explain", "Step 1 of 2", "Next")).await;
    settled(client, "explain", "#counter", 8.0).await;
    let (x, y) = counter_centre(client).await;
    click_at(client, x, y).await;
    assert_eq!(
        counter(client).await,
        "0",
        "a click reached the blocked target"
    );
    let on_top = script(
        client,
        &format!("return document.elementFromPoint({x}, {y}).localName;"),
    )
    .await;
    assert_eq!(
        on_top, "lotse-overlay",
        "the overlay covers the blocked target"
    );

    press(client, "next").await;
    wait_for_step(client, ("use", "Step 2 of 2", "Done")).await;
    settled(client, "use", "#counter", 8.0).await;
    let (x, y) = counter_centre(client).await;
    click_at(client, x, y).await;
    assert_eq!(
        counter(client).await,
        "1",
        "the unblocked target took the click"
    );
    visitor.leave().await;
}
