//! A panic inside the widget (issue 4): a page script that tampers with the
//! overlay's own DOM makes Yew's renderer panic on the next step; the panic
//! hook removes the overlay, logs one `Lotse:` console error and takes the
//! widget's listeners off the page, which keeps working.

use std::time::Duration;

use fantoccini::key::Key;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::wait_for_step;
use crate::support::poll;
use crate::support::server::TestServer;
use crate::support::visit::{console_errors, keys, script, Press};

/// The page's state: overlay present, Lotse's console errors, uncaught
/// errors that reached `window.onerror`.
const STATE: &str = "return {
  overlay: !!document.querySelector('lotse-overlay'),
  lotse: window.consoleErrors.filter((e) => e.startsWith('Lotse:')).length,
  uncaught: window.uncaught.length,
};";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_removes_the_overlay_and_leaves_the_page_working() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/keyboard.html")).await;
    let client = visitor.client();
    wait_for_step(client, ("name", "Step 1 of 3", "Next")).await;
    // Hostile page script: moves the Next button out of the footer, where
    // step 2 must insert its Back button before it.
    script(
        client,
        "window.uncaught = [];
         window.addEventListener('error', (e) => window.uncaught.push(String(e.message)));
         const root = document.querySelector('lotse-overlay').shadowRoot;
         root.querySelector('.lotse-footer').after(root.querySelector('button[data-action=next]'));
         setTimeout(() => Lotse.next(), 0); return null;",
    )
    .await;
    let after = poll(Duration::from_secs(10), "the overlay to go", || async {
        let state = script(client, STATE).await;
        if state["overlay"] == false && state["lotse"] == 1 {
            Ok(state)
        } else {
            Err(state.to_string())
        }
    })
    .await;
    let errors = console_errors(client).await;
    let ours: Vec<&String> = errors.iter().filter(|e| e.starts_with("Lotse:")).collect();
    assert!(
        ours[0].contains("internal error"),
        "the console error names the reason: {errors:?}"
    );
    // Nothing of the widget reacts any more: keys and clicks raise no errors.
    keys(client, &[Press::Key(Key::Escape), Press::Key(Key::Tab)]).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let counter = script(
        client,
        "const c = document.getElementById('counter'); c.click(); return c.textContent;",
    )
    .await;
    assert_eq!(counter, "1", "the page stopped working");
    assert_eq!(
        script(client, STATE).await,
        after,
        "the widget still reacted after the panic"
    );
    visitor.leave().await;
}
