//! The page's one events client: the I/O around `lotse_core::outbox`.
//! Every event goes into the outbox at once (in `localStorage` under
//! `lotse:outbox:SITE`, so a crash, a navigation or an outage loses
//! nothing); a timer sends it 2 s later, or at once at 20 events or when
//! a guide ends. One request is in flight at a time; an event leaves the
//! outbox only when a `2xx` answered the request that carried it (or the
//! server refused it as invalid). Failures wait with backoff and jitter
//! (`Retry-After` honoured), on this page and on later ones: the loader
//! loads the widget on any page where an outbox waits.
//!
//! On `pagehide`/hidden the whole outbox goes out as `sendBeacon`s (bodies
//! under 64 KiB, `text/plain` so no preflight is needed) but stays queued:
//! a beacon is never acknowledged, so the next page sends the events again
//! and the server, keyed by event id, stores them once.
//!
//! Tabs of one site share the outbox (each operation reads and writes it
//! back at once); two tabs may send the same event, which the server, keyed
//! by event id, stores once.
//!
//! While consent is pending the outbox lives in memory only (nothing
//! stored, nothing sent); it moves to `localStorage` on `consent(true)` and
//! is deleted on `consent(false)`.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use lotse_core::event::Event;
use lotse_core::outbox::{Limits, Outbox, Outcome, Payload};

use super::consent::{self, Permission};
use super::http::{beacon, keepalive, post};
use crate::config::{Analytics, Config};
use crate::measure;

/// Wait before sending a batch that is not full.
const FLUSH_MS: i64 = 2_000;
/// A batch this long is sent at once.
const BATCH: usize = 20;
/// Prefix of the `localStorage` keys of outboxes (one per site key).
pub const KEY_PREFIX: &str = "lotse:outbox:";

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

/// The page's events client.
pub struct Client {
    endpoint: Option<String>,
    site: String,
    mode: Analytics,
    limits: Limits,
    /// The outbox while consent is pending or storage is unavailable.
    memory: RefCell<Outbox>,
    sending: Cell<bool>,
    timer: RefCell<Option<(i64, Timeout)>>,
    me: Weak<Client>,
}

impl Client {
    /// The page's client, made from `config` on first use.
    pub fn for_page(config: &Config) -> Rc<Self> {
        if let Some(client) = Self::current() {
            return client;
        }
        let client = Rc::new_cyclic(|me| Self {
            endpoint: config.endpoint.clone(),
            site: config.site.clone(),
            mode: config.analytics,
            limits: Limits::default(),
            memory: RefCell::new(Outbox::default()),
            sending: Cell::new(false),
            timer: RefCell::new(None),
            me: me.clone(),
        });
        CLIENT.with(|c| *c.borrow_mut() = Some(client.clone()));
        client
    }

    /// The page's client, if one was made.
    pub fn current() -> Option<Rc<Self>> {
        CLIENT.with(|c| c.borrow().clone())
    }

    fn permission(&self) -> Permission {
        if self.endpoint.is_none() {
            return Permission::Denied;
        }
        consent::permission(self.mode)
    }

    fn key(&self) -> String {
        lotse_core::strings::concat(&[KEY_PREFIX, &self.site])
    }

    /// Runs `f` on the outbox: in memory while consent is pending (or
    /// storage is blocked), else read from and written back to
    /// `localStorage` (read-modify-write, so other tabs' events survive).
    fn with_outbox<R>(&self, f: impl FnOnce(&mut Outbox) -> R) -> Option<R> {
        // The reading and writing are not generic (one copy in the wasm, not
        // one per caller); only the call of `f` is.
        let (storage, mut outbox) = self.open()?;
        let result = f(&mut outbox);
        self.close(storage, outbox);
        Some(result)
    }

    /// The outbox to work on and where it goes back (`None`: memory).
    #[inline(never)]
    fn open(&self) -> Option<(Option<web_sys::Storage>, Outbox)> {
        let storage = match self.permission() {
            Permission::Denied => return None,
            Permission::Pending => None,
            Permission::Granted => storage(),
        };
        let Some(storage) = storage else {
            return Some((None, std::mem::take(&mut *self.memory.borrow_mut())));
        };
        let mut outbox = storage
            .get_item(&self.key())
            .ok()
            .flatten()
            .map(|json| Outbox::parse(&json))
            .unwrap_or_default();
        // Events held before consent, or while storage failed, join it.
        let held = std::mem::take(&mut *self.memory.borrow_mut());
        for event in held.events {
            if !outbox.events.iter().any(|e| e.id == event.id) {
                outbox.push(event, &self.limits);
            }
        }
        outbox.dropped = outbox.dropped.saturating_add(held.dropped);
        Some((Some(storage), outbox))
    }

    /// Puts `outbox` back: into `storage`, or memory if there is none or
    /// writing fails.
    #[inline(never)]
    fn close(&self, storage: Option<web_sys::Storage>, outbox: Outbox) {
        let saved = storage.is_some_and(|storage| {
            let key = self.key();
            let written = if outbox.is_empty() && outbox.dropped == 0 {
                storage.remove_item(&key)
            } else {
                storage.set_item(&key, &outbox.to_json())
            };
            written.is_ok()
        });
        if !saved {
            // No storage (consent pending), quota or blocked: keep it for
            // this page at least.
            *self.memory.borrow_mut() = outbox;
        }
    }

    /// Queues `event`; sends when the batch is full or 2 s have passed.
    pub fn push(&self, event: Event) {
        super::announce(&event);
        let limits = self.limits;
        let Some(waiting) = self.with_outbox(|o| {
            o.push(event, &limits);
            o.events.len()
        }) else {
            return;
        };
        if waiting >= BATCH {
            self.flush();
        } else {
            self.schedule(FLUSH_MS);
        }
    }

    /// Sends the next batch now if the outbox is due (else schedules it
    /// for when it is).
    pub fn flush(&self) {
        if self.sending.get() || self.permission() != Permission::Granted {
            return;
        }
        let (site, limits, now) = (self.site.clone(), self.limits, now());
        let next = self.with_outbox(|o| (o.next(&site, now, &limits), o.not_before, o.is_empty()));
        match next {
            Some((Some(payload), _, _)) => self.send(payload),
            Some((None, not_before, false)) => self.schedule(not_before - now),
            _ => {}
        }
    }

    fn send(&self, payload: Payload) {
        let (Some(endpoint), Some(me)) = (self.endpoint.clone(), self.me.upgrade()) else {
            return;
        };
        self.sending.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let (status, retry_after, body) = post(&endpoint, &payload.body).await;
            let outcome = Outcome::of(status, retry_after.as_deref(), &body);
            let (now, jitter, limits) = (now(), js_sys::Math::random(), me.limits);
            me.with_outbox(|o| o.settle(&payload, &outcome, now, jitter, &limits));
            me.sending.set(false);
            // Go on with the rest now, or when the backoff ends.
            me.flush();
        });
    }

    /// Sends the whole outbox with `navigator.sendBeacon` (falling back to
    /// a `keepalive` fetch) for a page that is being hidden or left. The
    /// events stay queued: see the module documentation.
    pub fn flush_beacon(&self) {
        if self.permission() != Permission::Granted {
            return;
        }
        let Some(endpoint) = self.endpoint.clone() else {
            return;
        };
        let (site, limits) = (self.site.clone(), self.limits);
        let payloads = self
            .with_outbox(|o| o.unload(&site, now(), &limits))
            .unwrap_or_default();
        for payload in payloads {
            // The browser caps what may be in flight after unload; what
            // does not fit waits for the next page.
            if !beacon(&endpoint, &payload.body) && !keepalive(&endpoint, &payload.body) {
                break;
            }
        }
    }

    /// Forgets every queued event: memory, storage and timer.
    pub fn forget(&self) {
        *self.memory.borrow_mut() = Outbox::default();
        if let Some((_, timer)) = self.timer.borrow_mut().take() {
            timer.cancel();
        }
    }

    /// Makes sure a flush runs within `delay` ms.
    fn schedule(&self, delay: i64) {
        let due = now() + delay.max(0);
        let mut timer = self.timer.borrow_mut();
        if timer.as_ref().is_some_and(|(at, _)| *at <= due) {
            return;
        }
        if let Some((_, old)) = timer.take() {
            old.cancel();
        }
        let me = self.me.clone();
        let millis = u32::try_from(delay.clamp(0, i64::from(u32::MAX))).unwrap_or(u32::MAX);
        let timeout = Timeout::new(millis, move || {
            if let Some(client) = me.upgrade() {
                client.timer.borrow_mut().take().map(|(_, t)| t.forget());
                client.flush();
            }
        });
        *timer = Some((due, timeout));
    }
}

/// The page's `localStorage`, if it is usable.
pub fn storage() -> Option<web_sys::Storage> {
    measure::window()?.local_storage().ok().flatten()
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}
