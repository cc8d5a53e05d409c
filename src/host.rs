//! The overlay's host: a `<lotse-overlay>` element appended to `<body>` with
//! an open shadow root that holds the overlay's stylesheet and the Yew app.
//! Host CSS cannot reach inside; the overlay's CSS cannot leak out.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The tag name of the host element (tests and pages rely on it).
pub const TAG: &str = "lotse-overlay";

/// The overlay's static CSS; dynamic values are set through the CSSOM.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/overlay.css")); // minified by build.rs

/// The host element and what lives in it.
pub struct Host {
    /// `<lotse-overlay>`, a child of `<body>`.
    pub element: Element,
    /// Its open shadow root.
    pub shadow: ShadowRoot,
    /// The element the Yew app renders into.
    pub mount: Element,
}

impl Host {
    /// Creates the host, appends it to `<body>` and styles its shadow root.
    /// `theme` (`light`, `dark`) becomes the host's `data-theme`; without
    /// it the overlay follows `prefers-color-scheme`.
    pub fn create(theme: Option<&str>) -> Result<Self, JsValue> {
        let document = document()?;
        let body = document
            .body()
            .ok_or_else(|| JsValue::from_str("no <body>"))?;
        let element = document.create_element(TAG)?;
        if let Some(theme) = theme {
            element.set_attribute("data-theme", theme)?;
        }
        let shadow = element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(CSS)?;
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        let mount = document.create_element("div")?;
        mount.set_class_name("lotse-root");
        shadow.append_child(&mount)?;
        body.append_child(&element)?;
        Ok(Self {
            element,
            shadow,
            mount,
        })
    }

    /// Removes the host from the page.
    pub fn remove(&self) {
        self.element.remove();
    }
}

/// Removes every Lotse host from the page (after a panic, when no `Host`
/// is reachable any more).
pub fn remove_all() {
    if let Ok(document) = document() {
        if let Some(hosts) = crate::measure::query_all(&document, TAG) {
            for i in 0..hosts.length() {
                if let Some(node) = hosts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    node.remove();
                }
            }
        }
    }
}

fn document() -> Result<web_sys::Document, JsValue> {
    crate::measure::document().ok_or_else(|| JsValue::from_str("no document"))
}
