//! The one module that writes to the page: positions of the overlay's own
//! elements through the CSSOM (strict CSP refuses `style=` attributes),
//! scrolling the target into view, and focus.

use lotse_core::geometry::{Placed, Position, Rect};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// `value` as CSS pixels with two decimals, formatted as integers: float
/// formatting would cost the wasm bundle kilobytes.
fn px(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}px", h / 100, h % 100)
}

fn set(element: &HtmlElement, property: &str, value: &str) {
    // Only fails for read-only declarations, which ours are not.
    let _ = element.style().set_property(property, value);
}

/// Puts the spotlight's hole at `cutout` with corner `radius`.
pub fn spotlight(element: &Element, cutout: Rect, radius: f64) {
    let Some(element) = element.dyn_ref::<HtmlElement>() else {
        return;
    };
    set(element, "left", &px(cutout.x));
    set(element, "top", &px(cutout.y));
    set(element, "width", &px(cutout.width));
    set(element, "height", &px(cutout.height));
    set(element, "border-radius", &px(radius));
}

/// Moves the popover to `position` and points its arrow.
pub fn popover(element: &Element, position: Position) {
    let Some(html) = element.dyn_ref::<HtmlElement>() else {
        return;
    };
    set(html, "left", &px(position.x));
    set(html, "top", &px(position.y));
    match position.arrow {
        Some(offset) => set(html, "--lotse-arrow", &px(offset)),
        None => {
            let _ = html.style().remove_property("--lotse-arrow");
        }
    }
    let placed = match position.placed {
        Placed::Top => "top",
        Placed::Bottom => "bottom",
        Placed::Left => "left",
        Placed::Right => "right",
        Placed::Centre => "centre",
        Placed::Sheet => "sheet",
    };
    let _ = element.set_attribute("data-placed", placed);
}

/// Scrolls the page (and any scrolling ancestors) so `target` is in the
/// middle of the viewport; smoothly unless the visitor prefers less motion.
pub fn scroll_into_view(target: &Element, smooth: bool) {
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    options.set_inline(ScrollLogicalPosition::Nearest);
    options.set_behavior(if smooth {
        ScrollBehavior::Smooth
    } else {
        ScrollBehavior::Instant
    });
    target.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Moves focus to `element`, without scrolling the page.
pub fn focus(element: &Element) {
    // Every element of an HTML page has `focus()` (HTML, SVG, MathML); not
    // `dyn_ref`: a target in an iframe is another realm's element.
    let html = element.unchecked_ref::<HtmlElement>();
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = html.focus_with_options(&options);
}

/// Shows `layer` in the top layer (Popover API), so no host `z-index` can
/// cover it. Browsers without it keep the host's own stacking.
pub fn raise(layer: &Element) {
    if let Some(html) = layer.dyn_ref::<HtmlElement>() {
        let _ = html.show_popover();
    }
}
