//! The page's events turned into runner inputs and repositioning: keys
//! (Esc, arrows, Tab through `crate::focus`), visitor activity, scroll (of
//! any ancestor, captured), resize, visibility. Attached when a
//! guide starts, detached when it ends: no listeners while no guide runs.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use lotse_core::event::Reason;
use lotse_core::runner::Input;
use wasm_bindgen::JsCast;

use crate::session::{Screen, Session};
use crate::{focus, measure, position};

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
        // Not passive: Tab, Esc and the arrows must be able to prevent the
        // browser's own handling (gloo's options are passive by default).
        EventListenerOptions {
            phase: gloo_events::EventListenerPhase::Capture,
            passive: false,
        },
        move |event| {
            // `key` and `shiftKey` read through Reflect, not a KeyboardEvent
            // cast: three wasm imports fewer (each one JS heap on the page).
            // An event without a string `key` (a page's synthetic Event) is
            // ignored, as a failed cast was.
            let key = js_sys::Reflect::get(event, &"key".into())
                .ok()
                .and_then(|k| k.as_string());
            let (Some(session), Some(key)) = (weak.upgrade(), key) else {
                return;
            };
            activity(&session);
            let Screen::Step { .. } = session.screen.get() else {
                return;
            };
            // Arrow keys only when focus is in the overlay: on the page they
            // move carets and scroll. A right-to-left page goes on leftwards.
            let in_overlay = measure::focused().is_some_and(|e| e == session.host.element);
            let (forward, backward) = if measure::page_rtl() {
                ("ArrowLeft", "ArrowRight")
            } else {
                ("ArrowRight", "ArrowLeft")
            };
            let input = match key.as_str() {
                "Escape" => Input::Close(Reason::Esc),
                "Tab" => {
                    let shift = js_sys::Reflect::get(event, &"shiftKey".into())
                        .is_ok_and(|s| s.is_truthy());
                    if focus::cycle(&session, shift) {
                        event.prevent_default();
                    }
                    return;
                }
                k if in_overlay && k == forward => Input::Next,
                k if in_overlay && k == backward => Input::Back,
                _ => return,
            };
            event.prevent_default();
            session.dispatch(input);
        },
    ));

    // A click on the dimmed page closes the guide: trusted clicks that hit
    // neither the overlay, nor the target, nor anything the visitor can use
    // (filling a form around the spotlight is not leaving the guide).
    let weak = Rc::downgrade(session);
    listeners.push(EventListener::new_with_options(
        &document,
        "click",
        passive_capture,
        move |event| {
            if let Some(session) = weak.upgrade() {
                if is_overlay_click(&session, event) {
                    session.dispatch(Input::OverlayClick);
                }
            }
        },
    ));

    // Anything the visitor does restarts the idle clock. Scrolling counts
    // through the scroll listener below: a wheel listener, even a passive
    // one, would route every wheel tick through the page's main thread.
    for kind in ["pointerdown", "input"] {
        let weak = Rc::downgrade(session);
        listeners.push(EventListener::new_with_options(
            &document,
            kind,
            passive_capture,
            move |_| {
                if let Some(session) = weak.upgrade() {
                    activity(&session);
                }
            },
        ));
    }

    for kind in ["scroll", "resize"] {
        let weak = Rc::downgrade(session);
        listeners.push(EventListener::new_with_options(
            &window,
            kind,
            passive_capture,
            move |_| {
                if let Some(session) = weak.upgrade() {
                    if kind == "scroll" {
                        activity(&session);
                        position::reposition(&session);
                    } else {
                        // The viewport's and maybe the popover's size changed.
                        position::update(&session);
                    }
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

/// Tells the runner the visitor did something, at most once a second (the
/// idle limit is minutes; pointer moves would otherwise flood it).
fn activity(session: &Rc<Session>) {
    let now = js_sys::Date::now();
    if now - session.last_activity.get() >= 1000.0 {
        session.last_activity.set(now);
        session.dispatch(Input::Activity);
    }
}

/// Checks the idle clock every second while the guide runs (`limit_ms` 0:
/// never); dropping the interval stops it.
pub fn idle_clock(session: &Rc<Session>, limit_ms: u64) -> Option<gloo_timers::callback::Interval> {
    if limit_ms == 0 {
        return None;
    }
    let weak = Rc::downgrade(session);
    Some(gloo_timers::callback::Interval::new(1000, move || {
        if let Some(session) = weak.upgrade() {
            session.dispatch(Input::IdleCheck { limit_ms });
        }
    }))
}

/// What the visitor can use on a page: a click on it is not a dismissal.
const CONTROLS: &str = "a[href], button, input, select, textarea, label, summary, option, \
     [role=button], [role=link], [role=checkbox], [role=menuitem], [role=tab], \
     [contenteditable=''], [contenteditable=true], [tabindex]";

/// Whether `event` is the visitor's click on the dimmed page around a step.
fn is_overlay_click(session: &Session, event: &web_sys::Event) -> bool {
    let Screen::Step { .. } = session.screen.get() else {
        return false;
    };
    if !event.is_trusted() {
        return false; // the page's own scripts clicking
    }
    // The innermost element hit, also inside shadow roots.
    let Some(hit) = event
        .composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()
    else {
        return false;
    };
    let host: &web_sys::Node = &session.host.element;
    if host.contains(Some(&hit)) || event.composed_path().includes(host, 0) {
        return false;
    }
    if let Some(target) = session.target.borrow().as_ref() {
        let target: &web_sys::Node = target;
        if target.contains(Some(&hit)) || event.composed_path().includes(target, 0) {
            return false;
        }
    }
    hit.closest(CONTROLS).ok().flatten().is_none()
}
