//! The one module that reads the page: finding elements, measuring
//! rectangles and the viewport, and page facts (path, language, visibility).

use lotse_core::geometry::{Rect, Size};
use lotse_core::guide::Locator;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Window};

/// The window, if there is one.
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The document, if there is one.
pub fn document() -> Option<Document> {
    window().and_then(|w| w.document())
}

/// The first of `locators` that matches a visible element, with its index.
pub fn find(locators: &[Locator]) -> Option<(Element, u32)> {
    let document = document()?;
    locators.iter().enumerate().find_map(|(i, locator)| {
        let found = match locator {
            Locator::Css(selector) => visible_match(&document, selector, |_| true),
            Locator::TestId(id) => visible_match(&document, "[data-testid]", |e| {
                e.get_attribute("data-testid").as_deref() == Some(id.as_str())
            }),
            Locator::Text { text, role } => by_text(&document, text, role.as_deref()),
        };
        found.map(|e| (e, u32::try_from(i).unwrap_or(u32::MAX)))
    })
}

/// The first element matching `selector` and `keep` that has a box. An
/// invalid selector matches nothing.
fn visible_match(
    document: &Document,
    selector: &str,
    keep: impl Fn(&Element) -> bool,
) -> Option<Element> {
    let list = document.query_selector_all(selector).ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .find(|e| keep(e) && is_visible(e))
}

/// The innermost visible element whose text (trimmed, whitespace collapsed,
/// case-insensitive) is `text`, of ARIA `role` if given.
fn by_text(document: &Document, text: &str, role: Option<&str>) -> Option<Element> {
    let selector = match role {
        Some("button") => "button, [role=button], input[type=button], input[type=submit]",
        Some("link") => "a[href], [role=link]",
        Some("heading") => "h1, h2, h3, h4, h5, h6, [role=heading]",
        Some("textbox") => "input, textarea, [role=textbox]",
        Some("checkbox") => "input[type=checkbox], [role=checkbox]",
        Some(_) | None => "body *",
    };
    let wanted = normalise(text);
    let list = document.query_selector_all(selector).ok()?;
    // Document order puts ancestors first: the last match is the innermost.
    (0..list.length())
        .rev()
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .find(|e| e.text_content().is_some_and(|t| normalise(&t) == wanted) && is_visible(e))
}

/// Whitespace collapsed, lower-cased by the browser (Rust's Unicode case
/// tables would cost the bundle kilobytes).
fn normalise(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    js_sys::JsString::from(collapsed)
        .to_lower_case()
        .as_string()
        .unwrap_or_default()
}

/// Whether `element` has a box on the page.
fn is_visible(element: &Element) -> bool {
    let r = element.get_bounding_client_rect();
    r.width() > 0.0 || r.height() > 0.0
}

/// The element's border box in viewport coordinates.
pub fn rect(element: &Element) -> Rect {
    let r = element.get_bounding_client_rect();
    Rect::new(r.x(), r.y(), r.width(), r.height())
}

/// The viewport's size without scrollbars.
pub fn viewport() -> Size {
    document()
        .and_then(|d| d.document_element())
        .map_or(Size::default(), |e| {
            Size::new(f64::from(e.client_width()), f64::from(e.client_height()))
        })
}

/// The viewport width including scrollbars (what the device class uses).
pub fn viewport_width() -> f64 {
    window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// The URL path without query string or fragment.
pub fn path() -> String {
    window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_string())
}

/// The page's language: `<html lang>`, else the browser's, else `en`.
pub fn page_locale() -> String {
    let lang = document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.trim().is_empty());
    lang.or_else(|| window().and_then(|w| w.navigator().language()))
        .unwrap_or_else(|| "en".to_string())
}

/// Whether the page reads right to left (`<html dir="rtl">` or its CSS).
pub fn page_rtl() -> bool {
    let Some(root) = document().and_then(|d| d.document_element()) else {
        return false;
    };
    window()
        .and_then(|w| w.get_computed_style(&root).ok().flatten())
        .and_then(|style| style.get_property_value("direction").ok())
        .is_some_and(|dir| dir == "rtl")
}

/// Whether the page is hidden (background tab, minimised).
pub fn page_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

/// Whether the visitor asked for less motion.
pub fn reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The element that has focus on the page, if any.
pub fn focused() -> Option<Element> {
    document().and_then(|d| d.active_element())
}
