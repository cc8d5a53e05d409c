//! The page's events turned into runner inputs and repositioning: keys,
//! scroll (of any ancestor, captured), resize, visibility. Attached when a
//! guide starts, detached when it ends: no listeners while no guide runs.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use lotse_core::event::Reason;
use lotse_core::runner::Input;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use crate::session::{Screen, Session};
use crate::{measure, position};

/// Attaches the session's page listeners; dropping them detaches.
pub fn attach(session: &Rc<Session>) -> Vec<EventListener> {
    let (Some(window), Some(document)) = (measure::window(), measure::document()) else {
        return Vec::new();
    };
    let passive_capture = EventListenerOptions {
        phase: gloo_events::EventListenerPhase::Capture,
        passive: true,
    };
    let mut listeners = Vec::new();

    let weak = Rc::downgrade(session);
    listeners.push(EventListener::new_with_options(
        &document,
        "keydown",
        EventListenerOptions::run_in_capture_phase(),
        move |event| {
            let (Some(session), Some(key)) = (weak.upgrade(), event.dyn_ref::<KeyboardEvent>())
            else {
                return;
            };
            let Screen::Step { .. } = session.screen.get() else {
                return;
            };
            // Arrow keys only when focus is in the overlay: on the page they
            // move carets and scroll.
            let in_overlay = measure::focused().is_some_and(|e| e == session.host.element);
            let input = match key.key().as_str() {
                "Escape" => Input::Close(Reason::Esc),
                "ArrowRight" if in_overlay => Input::Next,
                "ArrowLeft" if in_overlay => Input::Back,
                _ => return,
            };
            key.prevent_default();
            session.dispatch(input);
        },
    ));

    for (target, kind) in [(window.as_ref(), "scroll"), (window.as_ref(), "resize")] {
        let weak = Rc::downgrade(session);
        listeners.push(EventListener::new_with_options(
            target,
            kind,
            passive_capture,
            move |_| {
                if let Some(session) = weak.upgrade() {
                    position::schedule(&session);
                }
            },
        ));
    }

    let weak = Rc::downgrade(session);
    listeners.push(EventListener::new(
        &document,
        "visibilitychange",
        move |_| {
            let Some(session) = weak.upgrade() else {
                return;
            };
            if measure::page_hidden() {
                session.dispatch(Input::PageHidden);
                session.analytics.flush_beacon();
            } else {
                session.dispatch(Input::PageVisible);
            }
        },
    ));

    let weak = Rc::downgrade(session);
    listeners.push(EventListener::new(&window, "pagehide", move |_| {
        if let Some(session) = weak.upgrade() {
            session.analytics.flush_beacon();
        }
    }));
    listeners
}
