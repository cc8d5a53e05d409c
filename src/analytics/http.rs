//! The requests of the events client: a `fetch` whose answer is read, a
//! `keepalive` fetch nobody waits for, and `navigator.sendBeacon`. All
//! without cookies, as `text/plain` (a simple request: no CORS preflight;
//! the server reads the body whatever its type).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, RequestCredentials, RequestInit, Response};

use crate::measure;

fn init(body: &str, keepalive: bool) -> RequestInit {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Omit);
    init.set_body(&JsValue::from_str(body));
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"content-type".into(), &"text/plain".into());
    init.set_headers(&headers);
    if keepalive {
        // Not in web-sys' RequestInit yet.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    }
    init
}

/// Posts `body`; the status (`None`: network error), `Retry-After` and
/// the answer's body.
pub async fn post(endpoint: &str, body: &str) -> (Option<u16>, Option<String>, String) {
    let Some(window) = measure::window() else {
        return (None, None, String::new());
    };
    let promise = window.fetch_with_str_and_init(endpoint, &init(body, true));
    let Some(response) = JsFuture::from(promise)
        .await
        .ok()
        // fetch() resolves with a Response (no `instanceof`: one import less).
        .map(JsCast::unchecked_into::<Response>)
    else {
        return (None, None, String::new());
    };
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    (Some(response.status()), retry_after, text)
}

/// Queues `body` with `navigator.sendBeacon`; whether the browser took it.
pub fn beacon(endpoint: &str, body: &str) -> bool {
    let sent = (|| {
        let parts = js_sys::Array::of1(&JsValue::from_str(body));
        let options = BlobPropertyBag::new();
        options.set_type("text/plain");
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        measure::window()?
            .navigator()
            .send_beacon_with_opt_blob(endpoint, Some(&blob))
            .ok()
    })();
    sent == Some(true)
}

/// Starts a `keepalive` fetch of `body`, unanswered; whether it started.
pub fn keepalive(endpoint: &str, body: &str) -> bool {
    let Some(window) = measure::window() else {
        return false;
    };
    let promise = window.fetch_with_str_and_init(endpoint, &init(body, true));
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
    true
}
