//! The events client: turns the runner's tracked events into wire events
//! and hands them to the page's [`Client`], which keeps them in a durable
//! outbox (`localStorage`, see `lotse_core::outbox`) until the endpoint
//! stored them. No cookies: `credentials: "omit"`. Every event is also
//! dispatched on `document` as a `lotse:event`.
//!
//! - `client`: the outbox I/O: batching timer, fetch, beacons, retries.
//! - `consent`: `Lotse.consent(true|false)` for the page.
//! - `http`: the requests (fetch, keepalive fetch, beacon).

mod client;
mod consent;
mod http;

use lotse_core::event::{Device, Event};
use lotse_core::runner::Track;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit, Response};

use crate::measure;
use crate::session::Session;

pub use client::Client;
pub use consent::{consent, drain};

/// The wire event for the runner's `track` at time `now`.
pub fn event(session: &Session, track: &Track, now: i64) -> Event {
    let guide = &session.guide;
    let step = guide.steps.get(track.step);
    Event {
        id: random_id(),
        kind: track.kind,
        guide: guide.id.clone(),
        guide_version: guide.version,
        run: session.run.clone(),
        step: step.map(|s| s.id.clone()),
        step_index: step.and_then(|_| u32::try_from(track.step).ok()),
        step_count: u32::try_from(guide.steps.len()).unwrap_or(u32::MAX),
        ts: now,
        path: measure::path(),
        locale: session.locale.clone(),
        device: Device::from_width(measure::viewport_width()),
        reason: track.reason,
        dwell_ms: track.dwell_ms,
        locator: track.locator,
    }
}

/// 32 random hex digits from `crypto.getRandomValues`.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = measure::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto (very old browsers): ids still differ per call.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // A loop, not `format!` or iterator adapters: smaller in the wasm.
    let mut id = String::with_capacity(32);
    for b in bytes {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 15)]));
    }
    id
}

/// Dispatches `lotse:event` on `document` so the site can forward events.
pub(crate) fn announce(event: &Event) {
    let Some(document) = measure::document() else {
        return;
    };
    let detail = js_sys::JSON::parse(&event.to_json()).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(custom) = web_sys::CustomEvent::new_with_event_init_dict("lotse:event", &init) {
        let _ = document.dispatch_event(&custom);
    }
}

/// GETs `url` as text, without cookies.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = measure::window().ok_or("no window")?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::Omit);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| String::from("network error"))?;
    // fetch() resolves with a Response or not at all (no `instanceof`
    // check: one wasm import less).
    let response: Response = response.unchecked_into();
    if !response.ok() {
        let mut error = String::from("HTTP ");
        lotse_core::json::write::uint(&mut error, u64::from(response.status()));
        return Err(error);
    }
    let text = response.text().map_err(|_| "unreadable body")?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| String::from("unreadable body"))
}
