//! The one module that writes to the page: positions of the overlay's own
//! elements through the CSSOM (strict CSP refuses `style=` attributes),
//! scrolling the target into view, and focus.
//!
//! Positions are written only when they change. A spotlight hole over a
//! visible target and a popover beside it are placed in page coordinates
//! (`position: absolute` in the top-layer overlay, which scrolls with the
//! page), so a plain page scroll moves them with the page on the compositor
//! and writes nothing. Whatever stays put in the viewport (a centred
//! popover, a bottom sheet, the dimming with its target off screen) is
//! `position: fixed`.

use std::cell::RefCell;

use lotse_core::geometry::{Placed, Position, Rect};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Where the overlay's layer has its top-left corner in the viewport: the
/// page's origin when the layer scrolls with the page.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Origin {
    /// Left edge, viewport coordinates.
    pub x: f64,
    /// Top edge, viewport coordinates.
    pub y: f64,
}

/// The last values written to one overlay element, in 1/100 px.
type Written = (Element, [i64; 6]);

thread_local! {
    /// Spotlight, popover.
    static WRITTEN: RefCell<[Option<Written>; 2]> = const { RefCell::new([None, None]) };
}

/// Whether `values` differ from what `slot` last wrote to `element`;
/// records them.
fn changed(slot: usize, element: &Element, values: [i64; 6]) -> bool {
    WRITTEN.with(|written| {
        let mut written = written.borrow_mut();
        if let Some((last, old)) = &written[slot] {
            if *old == values && last == element {
                return false;
            }
        }
        written[slot] = Some((element.clone(), values));
        true
    })
}

/// A length in 1/100 CSS pixels.
fn hundredths(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

/// `hundredths` as CSS pixels with two decimals, e.g. `-12.05px`, written
/// digit by digit: `format!` would pull the formatting machinery into the
/// wasm bundle.
fn px(hundredths: i64) -> String {
    let mut out = String::with_capacity(16);
    if hundredths < 0 {
        out.push('-');
    }
    let h = hundredths.unsigned_abs();
    digits(&mut out, h / 100);
    out.push('.');
    digits(&mut out, h % 100 / 10);
    digits(&mut out, h % 10);
    out.push_str("px");
    out
}

fn digits(out: &mut String, n: u64) {
    if n >= 10 {
        digits(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

fn set(element: &HtmlElement, property: &str, value: &str) {
    // Only fails for read-only declarations, which ours are not.
    let _ = element.style().set_property(property, value);
}

/// `position` and the left/top of an element: in page coordinates (relative
/// to `origin`) unless `fixed`.
fn place(element: &HtmlElement, fixed: bool, x: i64, y: i64) {
    set(
        element,
        "position",
        if fixed { "fixed" } else { "absolute" },
    );
    set(element, "left", &px(x));
    set(element, "top", &px(y));
}

/// `rect`'s left and top relative to `origin`, unless `fixed`.
fn corner(x: f64, y: f64, origin: Origin, fixed: bool) -> (i64, i64) {
    if fixed {
        (hundredths(x), hundredths(y))
    } else {
        (hundredths(x - origin.x), hundredths(y - origin.y))
    }
}

/// Puts the spotlight's hole at `cutout` (viewport coordinates) with corner
/// `radius`; a hole with area scrolls with the page.
pub fn spotlight(element: &Element, cutout: Rect, radius: f64, origin: Origin) {
    let fixed = cutout.width <= 0.0 || cutout.height <= 0.0;
    let (x, y) = corner(cutout.x, cutout.y, origin, fixed);
    let (w, h, r) = (
        hundredths(cutout.width),
        hundredths(cutout.height),
        hundredths(radius),
    );
    // Checked before the cast: a scroll frame that moves nothing makes no
    // call into JS here.
    if !changed(0, element, [i64::from(fixed), x, y, w, h, r]) {
        return;
    }
    let Some(html) = element.dyn_ref::<HtmlElement>() else {
        return;
    };
    place(html, fixed, x, y);
    set(html, "width", &px(w));
    set(html, "height", &px(h));
    set(html, "border-radius", &px(r));
}

/// Moves the popover to `position` (viewport coordinates) and points its
/// arrow; beside a target it scrolls with the page.
pub fn popover(element: &Element, position: Position, origin: Origin) {
    let (placed, code) = match position.placed {
        Placed::Top => ("top", 0),
        Placed::Bottom => ("bottom", 1),
        Placed::Left => ("left", 2),
        Placed::Right => ("right", 3),
        Placed::Centre => ("centre", 4),
        Placed::Sheet => ("sheet", 5),
    };
    let fixed = matches!(position.placed, Placed::Centre | Placed::Sheet);
    let (x, y) = corner(position.x, position.y, origin, fixed);
    let arrow = position.arrow.map(hundredths);
    let values = [i64::from(fixed), x, y, arrow.unwrap_or(i64::MIN), code, 0];
    if !changed(1, element, values) {
        return;
    }
    let Some(html) = element.dyn_ref::<HtmlElement>() else {
        return;
    };
    place(html, fixed, x, y);
    match arrow {
        Some(offset) => set(html, "--lotse-arrow", &px(offset)),
        None => {
            let _ = html.style().remove_property("--lotse-arrow");
        }
    }
    let _ = element.set_attribute("data-placed", placed);
}

/// Scrolls the page (and any scrolling ancestors) so `target` is in the
/// middle of the viewport, at once: a smooth scroll over a far target keeps
/// the page moving for most of a second before the step is settled (and an
/// instant jump is also what visitors who prefer less motion want).
pub fn scroll_into_view(target: &Element) {
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    options.set_inline(ScrollLogicalPosition::Nearest);
    options.set_behavior(ScrollBehavior::Instant);
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

#[cfg(test)]
mod tests {
    use super::px;

    #[test]
    fn pixels_are_written_with_two_decimals() {
        let cases = [
            (0, "0.00px"),
            (5, "0.05px"),
            (1234, "12.34px"),
            (-1205, "-12.05px"),
            (-5, "-0.05px"),
            (100_000, "1000.00px"),
        ];
        for (hundredths, written) in cases {
            assert_eq!(px(hundredths), written);
        }
    }
}
