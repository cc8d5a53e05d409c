//! The events client: turns the runner's tracked events into wire events,
//! batches them and posts `{"site", "events"}` to the endpoint (every 2 s,
//! at 20 events, at once when the guide ends); a hidden page sends what is
//! queued with `navigator.sendBeacon`. No cookies: `credentials: "omit"`.
//! Every event is also dispatched on `document` as a `lotse:event`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use lotse_core::event::{Batch, Device, Event};
use lotse_core::runner::Track;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, RequestCredentials, RequestInit, Response};

use crate::config::{Analytics, Config};
use crate::measure;
use crate::session::Session;

const FLUSH_MS: u32 = 2_000;
const BATCH: usize = 20;

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
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The queue of events not yet sent.
pub struct Client {
    endpoint: Option<String>,
    site: String,
    mode: Analytics,
    queue: RefCell<Vec<Event>>,
    timer: RefCell<Option<Timeout>>,
    me: Weak<Client>,
}

impl Client {
    /// A client for the page's endpoint and site.
    pub fn new(config: &Config) -> Rc<Self> {
        Rc::new_cyclic(|me| Self {
            endpoint: config.endpoint.clone(),
            site: config.site.clone(),
            mode: config.analytics,
            queue: RefCell::new(Vec::new()),
            timer: RefCell::new(None),
            me: me.clone(),
        })
    }

    fn enabled(&self) -> bool {
        self.endpoint.is_some()
            && match self.mode {
                Analytics::On => true,
                Analytics::Off => false,
                Analytics::Consent => measure::window()
                    .and_then(|w| js_sys::Reflect::get(&w, &"lotseConsent".into()).ok())
                    .is_some_and(|v| v.as_bool() == Some(true)),
            }
    }

    /// Queues `event`; sends when the batch is full or 2 s have passed.
    pub fn push(&self, event: Event) {
        announce(&event);
        if !self.enabled() {
            return;
        }
        let full = {
            let mut queue = self.queue.borrow_mut();
            queue.push(event);
            queue.len() >= BATCH
        };
        if full {
            self.flush();
        } else if self.timer.borrow().is_none() {
            let me = self.me.clone();
            let timeout = Timeout::new(FLUSH_MS, move || {
                if let Some(client) = me.upgrade() {
                    client.timer.borrow_mut().take().map(Timeout::forget);
                    client.flush();
                }
            });
            *self.timer.borrow_mut() = Some(timeout);
        }
    }

    fn take_body(&self) -> Option<(String, String)> {
        if let Some(timer) = self.timer.borrow_mut().take() {
            timer.cancel();
        }
        let events = std::mem::take(&mut *self.queue.borrow_mut());
        let endpoint = self.endpoint.clone()?;
        if events.is_empty() {
            return None;
        }
        let batch = Batch {
            site: self.site.clone(),
            events,
        };
        let body = serde_json::to_string(&batch).ok()?;
        Some((endpoint, body))
    }

    /// Posts what is queued now (fetch with `keepalive`, so it survives an
    /// unload that follows).
    pub fn flush(&self) {
        if let Some((endpoint, body)) = self.take_body() {
            post(&endpoint, &body);
        }
    }

    /// Sends what is queued with `navigator.sendBeacon`, for a page that is
    /// being hidden or unloaded.
    pub fn flush_beacon(&self) {
        let Some((endpoint, body)) = self.take_body() else {
            return;
        };
        let sent = (|| {
            let parts = js_sys::Array::of1(&JsValue::from_str(&body));
            let options = BlobPropertyBag::new();
            options.set_type("application/json");
            let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
            measure::window()?
                .navigator()
                .send_beacon_with_opt_blob(&endpoint, Some(&blob))
                .ok()
        })();
        if sent != Some(true) {
            post(&endpoint, &body);
        }
    }
}

/// Dispatches `lotse:event` on `document` so the site can forward events.
fn announce(event: &Event) {
    let Some(document) = measure::document() else {
        return;
    };
    let Ok(json) = serde_json::to_string(event) else {
        return;
    };
    let detail = js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(custom) = web_sys::CustomEvent::new_with_event_init_dict("lotse:event", &init) {
        let _ = document.dispatch_event(&custom);
    }
}

fn request(method: &str, body: Option<&str>) -> RequestInit {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Omit);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
        let headers = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&headers, &"content-type".into(), &"application/json".into());
        init.set_headers(&headers);
        // Not in web-sys' RequestInit yet.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    }
    init
}

/// Posts `body`; failures are dropped (analytics never bother the visitor).
fn post(endpoint: &str, body: &str) {
    let Some(window) = measure::window() else {
        return;
    };
    let promise = window.fetch_with_str_and_init(endpoint, &request("POST", Some(body)));
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

/// GETs `url` as text, without cookies.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = measure::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &request("GET", None)))
        .await
        .map_err(|_| "network error".to_string())?;
    let response: Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "unreadable body")?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "unreadable body".to_string())
}
