//! A step's own advance condition (`advance` in the guide): listeners on
//! the target, its form or the document that answer the runner with
//! `Input::Advanced`. Replaced on every step, gone when the guide ends.

use std::rc::Rc;

use gloo_events::EventListener;
use lotse_core::guide::Advance;
use lotse_core::runner::Input;
use web_sys::Element;

use crate::measure;
use crate::session::Session;

/// Listens for the advance condition of step `index` (target: its element).
pub fn watch(session: &Rc<Session>, index: usize, target: Option<&Element>) {
    let Some(step) = session.guide.steps.get(index) else {
        return;
    };
    let weak = Rc::downgrade(session);
    let advanced = move || {
        if let Some(session) = weak.upgrade() {
            session.dispatch(Input::Advanced);
        }
    };
    let listener = match (&step.advance, target) {
        (Advance::Click, Some(target)) => {
            Some(EventListener::new(target, "click", move |_| advanced()))
        }
        (Advance::Input { pattern }, Some(target)) => {
            let pattern = pattern.as_deref().map(|p| {
                js_sys::RegExp::new(&lotse_core::strings::concat(&["^(?:", p, ")$"]), "u")
            });
            let field = target.clone();
            Some(EventListener::new(target, "input", move |_| {
                let value = value_of(&field);
                if pattern.as_ref().is_none_or(|re| re.test(&value)) && !value.is_empty() {
                    advanced();
                }
            }))
        }
        (Advance::Submit, Some(target)) => {
            let form = target
                .closest("form")
                .ok()
                .flatten()
                .unwrap_or_else(|| target.clone());
            Some(EventListener::new(&form, "submit", move |_| advanced()))
        }
        (Advance::Event(name), _) => {
            measure::document().map(|d| EventListener::new(&d, name.clone(), move |_| advanced()))
        }
        // Next: the button; Url: the next page's resume decides.
        _ => None,
    };
    session.set_advance(listener);
}

fn value_of(field: &Element) -> String {
    // `value` through Reflect, not `dyn_ref`: a field in an iframe belongs
    // to another realm, where `instanceof HTMLInputElement` is false.
    js_sys::Reflect::get(field, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| field.text_content())
        .unwrap_or_default()
}
