//! The fixture pages' side of a visit (tests/fixtures/events.js): the
//! `lotse:event`s the widget dispatched, the console errors it logged, and
//! real input: key presses and mouse clicks at viewport coordinates.

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::Value;

/// Runs `script` (a function body) and returns its JSON result.
pub async fn script(client: &Client, script: &str) -> Value {
    client
        .execute(script, Vec::new())
        .await
        .unwrap_or_else(|error| panic!("script failed: {error}\n{script}"))
}

/// Every `lotse:event` of this page so far (`window.lotseEvents`).
pub async fn events(client: &Client) -> Vec<Value> {
    match script(client, "return window.lotseEvents || [];").await {
        Value::Array(events) => events,
        other => panic!("window.lotseEvents is {other}"),
    }
}

/// `type` or `type/reason` of each event, e.g. `guide_abandoned/esc`.
pub async fn event_names(client: &Client) -> Vec<String> {
    events(client)
        .await
        .iter()
        .map(|e| match e["reason"].as_str() {
            Some(reason) => format!("{}/{reason}", e["type"].as_str().unwrap_or("?")),
            None => e["type"].as_str().unwrap_or("?").to_string(),
        })
        .collect()
}

/// The console errors the page logged (`window.consoleErrors`).
pub async fn console_errors(client: &Client) -> Vec<String> {
    serde_json::from_value(script(client, "return window.consoleErrors || [];").await)
        .unwrap_or_default()
}

/// One key, pressed and released.
pub enum Press {
    /// A named key.
    Key(Key),
    /// A named key with Shift held.
    Shift(Key),
    /// Typing these characters.
    Text(&'static str),
}

/// Presses `keys` in order, as real key events through WebDriver.
pub async fn keys(client: &Client, keys: &[Press]) {
    let mut actions = KeyActions::new("keyboard".to_string());
    for press in keys {
        let chars: Vec<char> = match press {
            Press::Key(key) | Press::Shift(key) => vec![(*key).into()],
            Press::Text(text) => text.chars().collect(),
        };
        if let Press::Shift(_) = press {
            actions = actions.then(KeyAction::Down {
                value: Key::Shift.into(),
            });
        }
        for value in chars {
            actions = actions
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        if let Press::Shift(_) = press {
            actions = actions.then(KeyAction::Up {
                value: Key::Shift.into(),
            });
        }
    }
    client.perform_actions(actions).await.expect("key presses");
    client.release_actions().await.expect("release keys");
}

/// A left click at viewport point (`x`, `y`), as a real mouse does it.
pub async fn click_at(client: &Client, x: f64, y: f64) {
    let mouse = MouseActions::new("mouse".to_string())
        .then(PointerAction::MoveTo {
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(mouse).await.expect("mouse click");
    client.release_actions().await.expect("release mouse");
}
