//! Waiting for a step's target: look now, then watch the DOM with a
//! MutationObserver (no polling) until a locator matches or the step's
//! `waitFor` time runs out; answer the runner with `TargetFound` or
//! `TargetMissing`.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use lotse_core::runner::{Input, Phase};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit};

use crate::measure;
use crate::session::Session;

/// A wait in progress; dropping it stops watching.
pub struct Seeker {
    observer: MutationObserver,
    _on_mutation: Closure<dyn FnMut()>,
    _timeout: Timeout,
    /// Same-origin iframes load after the page: look again when one has.
    _frame_load: Option<EventListener>,
}

impl Drop for Seeker {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Looks for the target of step `index` and tells the session what came of it.
pub fn start(session: &Rc<Session>, index: usize) {
    session.seeker.borrow_mut().take();
    if let Some(found) = find(session, index) {
        report(session, found);
        return;
    }
    let wait_ms = session.guide.steps.get(index).map_or(0, |s| s.wait_for_ms);
    let weak = Rc::downgrade(session);
    let on_mutation = {
        let weak = weak.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Some(session) = weak.upgrade() else {
                return;
            };
            if !is_seeking(&session, index) {
                return;
            }
            if let Some(found) = find(&session, index) {
                stop(&session);
                report(&session, found);
            }
        })
    };
    let timeout = Timeout::new(wait_ms, move || {
        if let Some(session) = weak.upgrade() {
            if is_seeking(&session, index) {
                stop(&session);
                session.dispatch(Input::TargetMissing);
            }
        }
    });
    let Ok(observer) = MutationObserver::new(on_mutation.as_ref().unchecked_ref()) else {
        return;
    };
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_attributes(true);
    // The page, each open shadow root and each same-origin iframe: a
    // document-wide observer sees none of the others' changes.
    for root in measure::roots() {
        let _ = observer.observe_with_options(&root, &options);
    }
    let callback: &js_sys::Function = on_mutation.as_ref().unchecked_ref();
    let callback = callback.clone();
    // `load` does not bubble, but a capturing document listener sees it.
    let frame_load = measure::document().map(|document| {
        EventListener::new_with_options(
            &document,
            "load",
            EventListenerOptions::run_in_capture_phase(),
            move |_| {
                let _ = callback.call0(&wasm_bindgen::JsValue::NULL);
            },
        )
    });
    *session.seeker.borrow_mut() = Some(Seeker {
        observer,
        _on_mutation: on_mutation,
        _timeout: timeout,
        _frame_load: frame_load,
    });
}

fn is_seeking(session: &Session, index: usize) -> bool {
    session.seeker.borrow().is_some() && session.state().phase == Phase::Seeking { index }
}

/// Stops watching without dropping the callbacks that may be running now.
fn stop(session: &Rc<Session>) {
    let seeker = session.seeker.borrow_mut().take();
    if let Some(seeker) = seeker {
        seeker.observer.disconnect();
        wasm_bindgen_futures::spawn_local(async move { drop(seeker) });
    }
}

fn find(session: &Session, index: usize) -> Option<(Element, u32)> {
    measure::find(&session.guide.steps.get(index)?.target)
}

fn report(session: &Rc<Session>, (element, locator): (Element, u32)) {
    *session.target.borrow_mut() = Some(element);
    session.dispatch(Input::TargetFound { locator });
}
