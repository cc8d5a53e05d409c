//! The guide overlay as a visitor meets it: the `<lotse-overlay>` host with its
//! open shadow root, the dialog's step and progress, its buttons and Esc.
//! Reads go through a small script (WebDriver finds do not pierce shadow
//! roots); actions are real WebDriver clicks and key presses.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

use super::poll;

/// How long the widget may take to load, render or react.
const PATIENCE: Duration = Duration::from_secs(15);

/// What the page shows of the guide, as one JSON value: `{"host": false}`
/// without overlay, else the dialog's step, progress text and the label of
/// its next button.
const READ_OVERLAY: &str = r#"
const host = document.querySelector('lotse-overlay');
if (!host) return { host: false };
const root = host.shadowRoot;
if (!root) return { host: true, shadowRoot: 'closed or missing' };
const dialog = root.querySelector('[role=dialog]');
if (!dialog) return { host: true, dialog: false };
const text = (selector) => {
  const element = root.querySelector(selector);
  return element ? element.textContent.trim() : null;
};
return {
  host: true,
  step: dialog.getAttribute('data-step'),
  progress: text('.lotse-progress'),
  next: text('button[data-action="next"]'),
};
"#;

async fn read(client: &Client) -> serde_json::Value {
    client
        .execute(READ_OVERLAY, Vec::new())
        .await
        .unwrap_or_else(|error| serde_json::json!({ "script error": error.to_string() }))
}

/// Waits until the dialog shows step `id` with `progress` (e.g. "Step 1 of 3")
/// and a next button labelled `next` ("Next", or "Done" on the last step).
pub async fn wait_for_step(client: &Client, (id, progress, next): (&str, &str, &str)) {
    let want = serde_json::json!({ "host": true, "step": id, "progress": progress, "next": next });
    let what = format!("the guide to show {want}");
    poll(PATIENCE, &what, || async {
        let seen = read(client).await;
        if seen == want {
            Ok(())
        } else {
            Err(seen.to_string())
        }
    })
    .await;
}

/// Waits until the guide is gone (the host element removed).
pub async fn wait_until_closed(client: &Client) {
    poll(PATIENCE, "the guide to close", || async {
        let seen = read(client).await;
        if seen == serde_json::json!({ "host": false }) {
            Ok(())
        } else {
            Err(seen.to_string())
        }
    })
    .await;
}

/// Clicks the dialog's `button[data-action=ACTION]` ("next", "back", "close")
/// the way a visitor does: a WebDriver click at the button's position.
pub async fn press(client: &Client, action: &str) {
    let host = client
        .find(Locator::Css("lotse-overlay"))
        .await
        .expect("the <lotse-overlay> host element");
    let root = host.shadow_root().await.expect("an open shadow root");
    let selector = format!("button[data-action=\"{action}\"]");
    let button = root
        .find(Locator::Css(&selector))
        .await
        .unwrap_or_else(|error| panic!("no {selector} in the overlay: {error}"));
    button
        .click()
        .await
        .unwrap_or_else(|error| panic!("clicking {selector}: {error}"));
}

/// Presses and releases Esc on the keyboard (a real key press, delivered to
/// whatever has focus, not a synthetic JS event).
pub async fn press_escape(client: &Client) {
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down {
            value: Key::Escape.into(),
        })
        .then(KeyAction::Up {
            value: Key::Escape.into(),
        });
    client.perform_actions(keys).await.expect("press Esc");
}
