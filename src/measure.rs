//! The one module that reads the page: finding elements, measuring
//! rectangles and the viewport, and page facts (path, language, visibility).

use lotse_core::geometry::{Rect, Size};
use lotse_core::guide::Locator;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, Node, NodeList, Window};

/// The window, if there is one.
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The document, if there is one.
pub fn document() -> Option<Document> {
    window().and_then(|w| w.document())
}

/// The first of `locators` that matches a visible element, with its index.
/// Each locator is tried on the page, then inside every open shadow root
/// and same-origin iframe (depth first, in document order). Those are
/// only collected (a walk over every element of the page) when a locator
/// matches nothing on the page itself.
pub fn find(locators: &[Locator]) -> Option<(Element, u32)> {
    let document: Node = document()?.into();
    let mut inner: Option<Vec<Node>> = None;
    locators.iter().enumerate().find_map(|(i, locator)| {
        let found = find_in(&document, locator).or_else(|| {
            inner
                .get_or_insert_with(|| roots().into_iter().skip(1).collect())
                .iter()
                .find_map(|root| find_in(root, locator))
        });
        found.map(|e| (e, u32::try_from(i).unwrap_or(u32::MAX)))
    })
}

/// The first visible element under `root` that `locator` matches.
fn find_in(root: &Node, locator: &Locator) -> Option<Element> {
    match locator {
        Locator::Css(selector) => visible_match(root, selector, |_| true),
        Locator::TestId(id) => visible_match(root, "[data-testid]", |e| {
            e.get_attribute("data-testid").as_deref() == Some(id.as_str())
        }),
        Locator::Text { text, role } => by_text(root, text, role.as_deref()),
    }
}

/// Where targets are looked for: the document, then every open shadow root
/// and same-origin iframe document under it (recursively), in tree order.
pub fn roots() -> Vec<Node> {
    let mut out = Vec::new();
    if let Some(document) = document() {
        collect_roots(document.into(), &mut out, 0);
    }
    out
}

fn collect_roots(root: Node, out: &mut Vec<Node>, depth: u32) {
    out.push(root.clone());
    // A page nesting frames in shadow roots deeper than this is hostile.
    if depth > 8 {
        return;
    }
    let Some(list) = query_all(&root, "*") else {
        return;
    };
    for element in (0..list.length()).filter_map(|i| element(list.item(i)?)) {
        if let Some(shadow) = element.shadow_root() {
            collect_roots(shadow.into(), out, depth + 1);
        }
        if element.tag_name().eq_ignore_ascii_case("iframe") {
            // `contentDocument` is null for cross-origin frames.
            if let Some(inner) = content_document(&element) {
                collect_roots(inner.into(), out, depth + 1);
            }
        }
    }
}

/// `querySelectorAll` on a document, shadow root or element.
pub fn query_all(root: &Node, selector: &str) -> Option<NodeList> {
    // Node types, not `instanceof`: an iframe's nodes come from another
    // realm (window), whose `Document` and `Element` are other objects.
    // All three have the same `querySelectorAll` (the ParentNode mixin),
    // called through `Element`'s binding: one wasm import instead of three
    // (each import costs JS heap on the visitor's page).
    match root.node_type() {
        Node::DOCUMENT_NODE | Node::DOCUMENT_FRAGMENT_NODE | Node::ELEMENT_NODE => root
            .unchecked_ref::<Element>()
            .query_selector_all(selector)
            .ok(),
        _ => None,
    }
}

/// `node` as an element, whichever window (realm) it belongs to.
pub fn element(node: Node) -> Option<Element> {
    (node.node_type() == Node::ELEMENT_NODE).then(|| node.unchecked_into())
}

/// The document of a same-origin `<iframe>` (none when cross-origin).
fn content_document(frame: &Element) -> Option<Document> {
    js_sys::Reflect::get(frame, &JsValue::from_str("contentDocument"))
        .ok()
        .filter(JsValue::is_object)
        .map(JsCast::unchecked_into)
}

/// The first element under `root` matching `selector` and `keep` that has
/// a box. An invalid selector matches nothing.
fn visible_match(root: &Node, selector: &str, keep: impl Fn(&Element) -> bool) -> Option<Element> {
    let list = query_all(root, selector)?;
    (0..list.length())
        .filter_map(|i| element(list.item(i)?))
        .find(|e| keep(e) && is_visible(e))
}

/// The innermost visible element whose text (trimmed, whitespace collapsed,
/// case-insensitive) is `text`, of ARIA `role` if given.
fn by_text(root: &Node, text: &str, role: Option<&str>) -> Option<Element> {
    let selector = match role {
        Some("button") => "button, [role=button], input[type=button], input[type=submit]",
        Some("link") => "a[href], [role=link]",
        Some("heading") => "h1, h2, h3, h4, h5, h6, [role=heading]",
        Some("textbox") => "input, textarea, [role=textbox]",
        Some("checkbox") => "input[type=checkbox], [role=checkbox]",
        Some(_) | None => "body *, *",
    };
    let wanted = normalise(text);
    let list = query_all(root, selector)?;
    // Document order puts ancestors first: the last match is the innermost.
    (0..list.length())
        .rev()
        .filter_map(|i| element(list.item(i)?))
        .find(|e| e.text_content().is_some_and(|t| normalise(&t) == wanted) && is_visible(e))
}

/// Whitespace collapsed, lower-cased by the browser (Rust's Unicode case
/// tables would cost the bundle kilobytes).
fn normalise(text: &str) -> String {
    let collapsed = lotse_core::strings::join(&text.split_whitespace().collect::<Vec<_>>(), " ");
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

/// The element's border box in the top page's viewport coordinates: an
/// element inside a same-origin iframe is offset by the iframe's content
/// box (its rectangle plus its border).
pub fn rect(element: &Element) -> Rect {
    rect_in(element, &frames(element))
}

/// [`rect`] for an element nested in `frames` (as [`frames`] found them),
/// without looking them up again (a scroll frame's measure).
pub fn rect_in(element: &Element, frames: &[Element]) -> Rect {
    let r = element.get_bounding_client_rect();
    let (dx, dy) = frames.iter().fold((0.0, 0.0), |(x, y), frame| {
        let r = frame.get_bounding_client_rect();
        (
            x + r.x() + f64::from(frame.client_left()),
            y + r.y() + f64::from(frame.client_top()),
        )
    });
    Rect::new(r.x() + dx, r.y() + dy, r.width(), r.height())
}

/// The `<iframe>` elements `element` is nested in, innermost first.
pub fn frames(element: &Element) -> Vec<Element> {
    let mut out = Vec::new();
    let mut window = element.owner_document().and_then(|d| d.default_view());
    while let Some(frame) = window.as_ref().and_then(frame_element) {
        window = frame.owner_document().and_then(|d| d.default_view());
        out.push(frame);
        if out.len() > 8 {
            break;
        }
    }
    out
}

/// The window of a same-origin frame's `frameElement` (null at the top).
fn frame_element(window: &Window) -> Option<Element> {
    js_sys::Reflect::get(window, &JsValue::from_str("frameElement"))
        .ok()
        .filter(JsValue::is_object)
        .map(JsCast::unchecked_into)
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

/// The element that has focus on the page, if any.
pub fn focused() -> Option<Element> {
    document().and_then(|d| d.active_element())
}

/// The element that really has focus: `focused()` followed into open
/// shadow roots and same-origin iframes.
pub fn focused_deep() -> Option<Element> {
    let mut element = focused()?;
    for _ in 0..16 {
        let inner = if let Some(shadow) = element.shadow_root() {
            // `activeElement` of the DocumentOrShadowRoot mixin, through
            // `Document`'s binding (one wasm import for both).
            shadow.unchecked_ref::<Document>().active_element()
        } else if element.tag_name().eq_ignore_ascii_case("iframe") {
            content_document(&element)
                .and_then(|d| d.active_element())
                .filter(|e| !e.tag_name().eq_ignore_ascii_case("body"))
        } else {
            None
        };
        match inner {
            Some(next) => element = next,
            None => break,
        }
    }
    Some(element)
}

/// Whether focus is in a text field of the page (not the overlay, whose
/// host is `overlay`): typing there must not be interrupted.
pub fn typing_on_page(overlay: &Element) -> bool {
    if focused().is_some_and(|f| &f == overlay) {
        return false;
    }
    let Some(element) = focused_deep() else {
        return false;
    };
    let editable = js_sys::Reflect::get(&element, &JsValue::from_str("isContentEditable"))
        .ok()
        .is_some_and(|v| v.is_truthy());
    let kind = element
        .get_attribute("type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    editable
        || match element.tag_name().to_ascii_lowercase().as_str() {
            "textarea" | "select" => true,
            "input" => !matches!(
                kind.as_str(),
                "button"
                    | "submit"
                    | "reset"
                    | "checkbox"
                    | "radio"
                    | "image"
                    | "file"
                    | "range"
                    | "color"
            ),
            _ => false,
        }
}
