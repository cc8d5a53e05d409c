//! The one module that carries out the runner's effects: seek, show (scroll,
//! spotlight, popover), track, persist, end. It decides nothing.

use std::rc::Rc;

use lotse_core::guide::{Frequency, Guide};
use lotse_core::json::write;
use lotse_core::runner::Effect;
use lotse_core::strings::concat;

use crate::session::{Screen, Session};
use crate::{advance, analytics, measure, paint, position, seek};

/// Progress older than this is not resumed.
const STALE_MS: i64 = 30 * 60 * 1000;

/// Carries out `effect` for `session` at time `now` (ms since the epoch).
pub fn apply(session: &Rc<Session>, effect: Effect, now: i64) {
    match effect {
        Effect::Seek { index } => {
            session.show(Screen::Nothing);
            session.target.borrow_mut().take();
            session.set_advance(None);
            session.set_resize_watch(None);
            seek::start(session, index);
        }
        Effect::Show { index, centred } => {
            if centred {
                session.target.borrow_mut().take();
            } else if let Some(target) = session.target.borrow().as_ref() {
                if !in_view(target) {
                    paint::scroll_into_view(target);
                }
            }
            let target = session.target.borrow().clone();
            advance::watch(session, index, target.as_ref());
            session.set_resize_watch(target.as_ref().and_then(|t| position::watch(session, t)));
            session.show(Screen::Step { index, centred });
        }
        Effect::Track(track) => {
            let event = analytics::event(session, &track, now);
            session.analytics.push(event);
        }
        Effect::Persist { index } => {
            let mut value = concat(&[session.run.as_str(), ":"]);
            write::uint(&mut value, index as u64);
            value.push(':');
            write::int(&mut value, now);
            if let Some(storage) = storage(Frequency::Session) {
                let _ = storage.set_item(&progress_key(&session.guide), &value);
            }
        }
        Effect::End => {
            if let Some(storage) = storage(Frequency::Session) {
                let _ = storage.remove_item(&progress_key(&session.guide));
            }
            mark_seen(&session.guide);
            session.analytics.flush();
            session.teardown();
        }
    }
}

fn in_view(target: &web_sys::Element) -> bool {
    let r = measure::rect(target);
    let v = measure::viewport();
    r.y >= 0.0 && r.bottom() <= v.height && r.x >= 0.0 && r.right() <= v.width
}

fn storage(kind: Frequency) -> Option<web_sys::Storage> {
    let window = measure::window()?;
    match kind {
        Frequency::Once => window.local_storage().ok().flatten(),
        Frequency::Session | Frequency::Always => window.session_storage().ok().flatten(),
    }
}

fn progress_key(guide: &Guide) -> String {
    let mut key = concat(&["lotse:progress:", &guide.id, ":"]);
    write::uint(&mut key, u64::from(guide.version));
    key
}

fn seen_key(guide: &Guide) -> String {
    concat(&["lotse:seen:", &guide.id])
}

/// The run id and step of a run of `guide` left on an earlier page of this
/// tab, if it is fresh.
pub fn stored_progress(guide: &Guide) -> Option<(String, usize)> {
    let value = storage(Frequency::Session)?
        .get_item(&progress_key(guide))
        .ok()??;
    let mut parts = value.split(':');
    let run = parts.next()?.to_string();
    let index = parts.next()?.parse().ok()?;
    let at: i64 = parts.next()?.parse().ok()?;
    let now = js_sys::Date::now() as i64;
    (now - at < STALE_MS && !run.is_empty()).then_some((run, index))
}

/// Whether a guide shown `once` or per `session` has been seen already.
pub fn seen(guide: &Guide) -> bool {
    storage(guide.start.frequency)
        .and_then(|s| s.get_item(&seen_key(guide)).ok().flatten())
        .is_some()
}

fn mark_seen(guide: &Guide) {
    if guide.start.frequency != Frequency::Always {
        if let Some(storage) = storage(guide.start.frequency) {
            let _ = storage.set_item(&seen_key(guide), "1");
        }
    }
}
