//! The focus trap: while a step is on screen, Tab and Shift+Tab cycle
//! through the popover's controls and the step's target (and the controls
//! inside it), so a keyboard-only visitor can both read the step and do
//! what it asks. Focus that is elsewhere comes back into the cycle.

use web_sys::Element;

use crate::session::Session;
use crate::{measure, paint};

/// What can take focus inside the target.
const FOCUSABLE: &str = "a[href], button, input, select, textarea, summary, [tabindex], \
     [contenteditable=''], [contenteditable=true]";

/// Moves focus to the next (`backwards`: previous) stop of the cycle.
/// Returns whether it did (the key's default must then be prevented).
pub fn cycle(session: &Session, backwards: bool) -> bool {
    let stops = stops(session);
    if stops.is_empty() {
        return false;
    }
    let current = measure::focused_deep();
    let at = current
        .as_ref()
        .and_then(|c| stops.iter().position(|s| s == c));
    let next = match (at, backwards) {
        (Some(i), false) => (i + 1) % stops.len(),
        (Some(i), true) => (i + stops.len() - 1) % stops.len(),
        (None, false) => 0,
        (None, true) => stops.len() - 1,
    };
    paint::focus(&stops[next]);
    true
}

/// The cycle: the popover's buttons and links in order, then the target's
/// focusable elements (the target first, if it takes focus itself), unless
/// the step blocks its target.
fn stops(session: &Session) -> Vec<Element> {
    let mut stops = all(measure::query_all(
        &session.host.shadow,
        ".lotse-popover a[href], .lotse-popover button",
    ));
    let blocked = session
        .host
        .shadow
        .query_selector(".lotse-spotlight[data-block]")
        .ok()
        .flatten()
        .is_some();
    if blocked {
        return stops;
    }
    if let Some(target) = session.target.borrow().as_ref() {
        if takes_focus(target) {
            stops.push(target.clone());
        }
        stops.extend(
            all(measure::query_all(target, FOCUSABLE))
                .into_iter()
                .filter(takes_focus),
        );
    }
    stops
}

fn all(list: Option<web_sys::NodeList>) -> Vec<Element> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| measure::element(list.item(i)?))
        .collect()
}

/// Keyboard-focusable: not disabled, not `tabindex=-1`, has a box.
fn takes_focus(element: &Element) -> bool {
    // Read through Reflect: a target in an iframe is another realm's element.
    let tab_index = js_sys::Reflect::get(element, &"tabIndex".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(-1.0);
    let r = element.get_bounding_client_rect();
    tab_index >= 0.0
        && !element.has_attribute("disabled")
        && !element.has_attribute("inert")
        && (r.width() > 0.0 || r.height() > 0.0)
}
