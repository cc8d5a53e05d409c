//! A keyboard-only walkthrough (issue 4), with real key presses: focus
//! moves into the dialog, Tab and Shift+Tab cycle through the popover's
//! controls and the step's target (where the visitor can type), every
//! control shows its focus, Enter presses, the arrow keys go back and
//! forward, Esc closes and focus returns where it was.

use fantoccini::key::Key;
use fantoccini::Client;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::{wait_for_step, wait_until_closed};
use crate::support::server::TestServer;
use crate::support::visit::{event_names, keys, script, Press};

/// What has focus: `overlay:<data-action>` (or `overlay:dialog`) inside the
/// widget, `#id` on the page; plus whether the focused control shows a
/// visible focus ring (outline wider than 0 px and not `none`).
const FOCUS: &str = r#"
const a = document.activeElement;
const host = document.querySelector('lotse-overlay');
if (host && a === host) {
  const inner = host.shadowRoot.activeElement;
  if (!inner) return ['overlay:none', false];
  const name = inner.getAttribute('data-action') || (inner.getAttribute('role') || inner.tagName);
  const style = getComputedStyle(inner);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return ['overlay:' + name, ring];
}
return [a && a.id ? '#' + a.id : (a ? a.tagName : 'none'), true];
"#;

/// Asserts what has focus; a control reached with Tab must show it.
async fn focus_is(client: &Client, want: &str) {
    let seen = script(client, FOCUS).await;
    assert_eq!(seen[0], want, "focus: {seen}");
    if want != "overlay:dialog" {
        assert_eq!(seen[1], true, "{want} has focus but no visible focus ring");
    }
}

async fn tab(client: &Client, backwards: bool, want: &str) {
    let key = if backwards {
        Press::Shift(Key::Tab)
    } else {
        Press::Key(Key::Tab)
    };
    keys(client, &[key]).await;
    focus_is(client, want).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyboard_only_visitor_walks_the_guide() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&driver, &server.url("/fixtures/keyboard.html")).await;
    let client = visitor.client();

    wait_for_step(client, ("name", "Step 1 of 3", "Next")).await;
    focus_is(client, "overlay:dialog").await;
    // Tab cycles: close, next, the target field, and round again.
    tab(client, false, "overlay:close").await;
    tab(client, false, "overlay:next").await;
    tab(client, false, "#name").await;
    keys(client, &[Press::Text("Ada")]).await;
    tab(client, false, "overlay:close").await;
    tab(client, true, "#name").await;
    tab(client, true, "overlay:next").await;
    keys(client, &[Press::Key(Key::Enter)]).await;

    wait_for_step(client, ("email", "Step 2 of 3", "Next")).await;
    focus_is(client, "overlay:dialog").await;
    tab(client, false, "overlay:close").await;
    tab(client, false, "overlay:back").await;
    tab(client, false, "overlay:next").await;
    tab(client, false, "#email").await;
    // Arrow keys move between steps while focus is in the overlay.
    tab(client, false, "overlay:close").await;
    keys(client, &[Press::Key(Key::Left)]).await;
    wait_for_step(client, ("name", "Step 1 of 3", "Next")).await;
    keys(client, &[Press::Key(Key::Right)]).await;
    wait_for_step(client, ("email", "Step 2 of 3", "Next")).await;
    keys(client, &[Press::Key(Key::Right)]).await;
    wait_for_step(client, ("send", "Step 3 of 3", "Done")).await;
    tab(client, false, "overlay:close").await;
    tab(client, false, "overlay:back").await;
    tab(client, false, "overlay:next").await;
    tab(client, false, "#send").await;

    // Esc closes; focus returns to where it was before the guide.
    keys(client, &[Press::Key(Key::Escape)]).await;
    wait_until_closed(client).await;
    focus_is(client, "#counter").await;
    let typed = script(client, "return document.getElementById('name').value;").await;
    assert_eq!(
        typed, "Ada",
        "typing in the target reached the page's field"
    );
    assert_eq!(
        event_names(client).await,
        [
            "guide_started",
            "step_viewed",
            "step_completed",
            "step_viewed",
            "step_back",
            "step_viewed",
            "step_completed",
            "step_viewed",
            "step_completed",
            "step_viewed",
            "guide_abandoned/esc",
        ]
    );
    visitor.leave().await;
}
