//! The loader's configuration: the script tag's `data-*` attributes, passed
//! to [`crate::start`] as a plain object.

use wasm_bindgen::{JsCast, JsValue};

/// Whether analytics events are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analytics {
    /// Send events (`data-analytics="on"`, the default).
    On,
    /// Never send events.
    Off,
    /// Store and send only once the page called `Lotse.consent(true)` (or
    /// set `window.lotseConsent = true`).
    Consent,
}

/// What the page asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// URL of the guide JSON (`data-guide`).
    pub guide_url: String,
    /// The guide JSON itself, when the loader already fetched it.
    pub guide_json: Option<String>,
    /// Where events are posted (`data-endpoint`); none: not sent.
    pub endpoint: Option<String>,
    /// The site key sent with every batch (`data-site`).
    pub site: String,
    /// `data-analytics`.
    pub analytics: Analytics,
    /// `data-locale`, overriding the page's `<html lang>`.
    pub locale: Option<String>,
    /// Start even when the guide's start rules say no (JS API, tests).
    pub force: bool,
    /// The step to start at (`Lotse.start(id, {step})`): a step id or a
    /// 0-based index.
    pub step: Option<String>,
    /// `data-idle-timeout` in seconds (default 300; `0` never times out):
    /// a guide without visitor input for that long closes (`idle_timeout`).
    pub idle_timeout_ms: u64,
    /// `data-theme`: `light` or `dark`; none follows `prefers-color-scheme`.
    pub theme: Option<String>,
}

/// The idle time-out when the page sets none: five minutes.
const IDLE_TIMEOUT_S: u64 = 300;

/// A number as JavaScript writes it (`String(n)`), without Rust's float
/// formatting in the wasm.
fn number_text(value: &JsValue) -> Option<String> {
    let number = value.dyn_ref::<js_sys::Number>()?;
    number.to_string_with_radix(10).ok().map(String::from)
}

impl Config {
    /// Reads the config object; missing or mistyped keys take defaults.
    pub fn from_js(value: &JsValue) -> Self {
        let text = |key: &str| {
            js_sys::Reflect::get(value, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
                .filter(|s| !s.is_empty())
        };
        let analytics = match text("analytics").as_deref() {
            Some("off") => Analytics::Off,
            Some("consent") => Analytics::Consent,
            _ => Analytics::On,
        };
        let force = js_sys::Reflect::get(value, &JsValue::from_str("force"))
            .ok()
            .is_some_and(|v| v.is_truthy());
        Self {
            guide_url: text("guide").unwrap_or_default(),
            guide_json: text("guideJson"),
            endpoint: text("endpoint"),
            site: text("site").unwrap_or_else(|| String::from("default")),
            analytics,
            locale: text("locale"),
            force,
            step: js_sys::Reflect::get(value, &JsValue::from_str("step"))
                .ok()
                .and_then(|v| v.as_string().or_else(|| number_text(&v))),
            idle_timeout_ms: text("idleTimeout")
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or(IDLE_TIMEOUT_S)
                .saturating_mul(1000),
            theme: text("theme").filter(|t| t == "light" || t == "dark"),
        }
    }
}
