//! Keeps the overlay on its target: measure (one read pass), place with the
//! core's geometry, paint (one write pass). Scroll and resize (fired once
//! per frame) reposition at once; other changes schedule at most one update
//! per animation frame.

use lotse_core::geometry::{self, Rect, Size, Spacing};

use crate::paint::Origin;
use crate::session::{Screen, Session};
use crate::{measure, paint};

/// Repositions on the next animation frame (once, however often called).
pub fn schedule(session: &std::rc::Rc<Session>) {
    if session.frame.borrow().is_some() {
        return;
    }
    let weak = std::rc::Rc::downgrade(session);
    let frame = gloo_render::request_animation_frame(move |_| {
        if let Some(session) = weak.upgrade() {
            reposition(&session);
            // The handle is the closure running now: let it go afterwards.
            let done = session.frame.borrow_mut().take();
            wasm_bindgen_futures::spawn_local(async move { drop(done) });
        }
    });
    *session.frame.borrow_mut() = Some(frame);
}

/// Watches the target's size (layout changes that fire no scroll or resize
/// event); dropping it stops watching.
pub struct Watch {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
    /// Scrolling inside the iframes around the target (the page's own
    /// scrolling is watched by `crate::input`).
    _frame_scroll: Vec<gloo_events::EventListener>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Repositions whenever `target` changes size.
pub fn watch(session: &std::rc::Rc<Session>, target: &web_sys::Element) -> Option<Watch> {
    use wasm_bindgen::JsCast;
    let weak = std::rc::Rc::downgrade(session);
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        if let Some(session) = weak.upgrade() {
            schedule(&session);
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(target);
    let top = measure::document();
    let mut inner_documents: Vec<web_sys::Document> = measure::frames(target)
        .iter()
        .filter_map(|frame| frame.owner_document())
        .collect();
    inner_documents.extend(target.owner_document());
    inner_documents.retain(|d| Some(d) != top.as_ref());
    let options = gloo_events::EventListenerOptions {
        phase: gloo_events::EventListenerPhase::Capture,
        passive: true,
    };
    let frame_scroll = inner_documents
        .into_iter()
        .map(|document| {
            let weak = weak_session(session);
            gloo_events::EventListener::new_with_options(&document, "scroll", options, move |_| {
                if let Some(session) = weak.upgrade() {
                    schedule(&session);
                }
            })
        })
        .collect();
    Some(Watch {
        observer,
        _callback: callback,
        _frame_scroll: frame_scroll,
    })
}

fn weak_session(session: &std::rc::Rc<Session>) -> std::rc::Weak<Session> {
    std::rc::Rc::downgrade(session)
}

/// What `update` read when the step was shown (or the viewport resized),
/// so that scroll frames do not ask again: the page's direction (a
/// computed style), the overlay's popover and spotlight elements, the
/// viewport's and the popover's sizes, and the iframes around the target.
/// A scroll frame then reads two rectangles: the target's and the layer's.
struct Shown {
    rtl: bool,
    popover: web_sys::Element,
    /// The popover's parent, the layer that scrolls with the page.
    layer: Option<web_sys::Element>,
    spotlight: web_sys::Element,
    viewport: Size,
    size: Size,
    frames: Vec<web_sys::Element>,
}

thread_local! {
    static SHOWN: std::cell::RefCell<Option<Shown>> = const { std::cell::RefCell::new(None) };
}

/// Repositions spotlight and popover now (after the screen changed or the
/// viewport resized: looks up the overlay's elements, the page's direction
/// and the sizes afresh).
pub fn update(session: &Session) {
    let shadow = &session.host.shadow;
    let shown = match (
        shadow.query_selector(".lotse-popover"),
        shadow.query_selector(".lotse-spotlight"),
    ) {
        (Ok(Some(popover)), Ok(Some(spotlight))) => {
            let r = popover.get_bounding_client_rect();
            Some(Shown {
                rtl: measure::page_rtl(),
                size: Size::new(r.width(), r.height()),
                layer: popover.parent_element(),
                popover,
                spotlight,
                viewport: measure::viewport(),
                frames: session
                    .target
                    .borrow()
                    .as_ref()
                    .map(measure::frames)
                    .unwrap_or_default(),
            })
        }
        _ => None,
    };
    SHOWN.with(|s| *s.borrow_mut() = shown);
    reposition(session);
}

/// Repositions spotlight and popover with the sizes `update` read; writes
/// only what moved. For scroll events: browsers fire them once per frame,
/// just before the animation frame callbacks, so no frame needs to be
/// requested.
pub fn reposition(session: &Session) {
    let Screen::Step { index, centred } = session.screen.get() else {
        return;
    };
    let Some(step) = session.guide.steps.get(index) else {
        return;
    };
    SHOWN.with(|shown| {
        let shown = shown.borrow();
        let Some(shown) = shown.as_ref().filter(|s| s.popover.is_connected()) else {
            return;
        };
        // Read everything first...
        let target = if centred {
            None
        } else {
            session
                .target
                .borrow()
                .as_ref()
                .map(|t| measure::rect_in(t, &shown.frames))
        };
        // The layer's corner: where the page's origin is in the viewport
        // (the overlay's own elements are in the top page: no frames).
        let origin = shown.layer.as_ref().map_or(Origin::default(), |layer| {
            let r = layer.get_bounding_client_rect();
            Origin { x: r.x(), y: r.y() }
        });
        // ...decide...
        let viewport = shown.viewport;
        let padding = f64::from(step.spotlight.padding);
        let cutout = match target {
            Some(t) => geometry::cutout(t, padding, viewport),
            None => Rect::new(viewport.width / 2.0, viewport.height / 2.0, 0.0, 0.0),
        };
        let grown = target.map(|t| {
            Rect::new(
                t.x - padding,
                t.y - padding,
                t.width + 2.0 * padding,
                t.height + 2.0 * padding,
            )
        });
        let placement = geometry::for_direction(step.placement, shown.rtl);
        let position = geometry::place(grown, shown.size, viewport, placement, Spacing::default());
        // ...then write (only what changed).
        paint::spotlight(
            &shown.spotlight,
            cutout,
            f64::from(step.spotlight.radius),
            origin,
        );
        paint::popover(&shown.popover, position, origin);
    });
}
