//! Analytics consent for this page. With `data-analytics="consent"`
//! nothing is stored or sent until the site calls `Lotse.consent(true)`
//! (or, as before, sets `window.lotseConsent = true`); `Lotse.consent(false)`
//! stops sending and deletes every queued event, in any mode. The loader
//! remembers the call for the page and passes it on when the widget loads;
//! sites call it on every page, after their consent banner.

use std::cell::Cell;

use super::client::{self, Client, KEY_PREFIX};
use crate::config::{Analytics, Config};
use crate::measure;

thread_local! {
    static CONSENT: Cell<Option<bool>> = const { Cell::new(None) };
}

/// What the analytics client may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Store and send.
    Granted,
    /// Hold events in memory only, send nothing (consent not yet given).
    Pending,
    /// Neither hold, store nor send.
    Denied,
}

/// The permission in `mode` given what the page said so far.
pub fn permission(mode: Analytics) -> Permission {
    match (mode, CONSENT.with(Cell::get)) {
        (Analytics::Off, _) | (_, Some(false)) => Permission::Denied,
        (Analytics::On, _) | (Analytics::Consent, Some(true)) => Permission::Granted,
        (Analytics::Consent, None) if legacy_flag() => Permission::Granted,
        (Analytics::Consent, None) => Permission::Pending,
    }
}

/// `window.lotseConsent === true`, the older way to consent.
fn legacy_flag() -> bool {
    measure::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"lotseConsent".into()).ok())
        .is_some_and(|v| v.as_bool() == Some(true))
}

/// Records the site's answer: `true` stores and sends what is held,
/// `false` stops sending and deletes every queued event.
pub fn consent(granted: bool) {
    CONSENT.with(|c| c.set(Some(granted)));
    let client = Client::current();
    if granted {
        if let Some(client) = client {
            client.flush();
        }
        return;
    }
    if let Some(client) = client {
        client.forget();
    }
    if let Some(storage) = client::storage() {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(KEY_PREFIX))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
}

/// Sends what earlier pages left in the outbox (the loader calls this on
/// pages where one waits, whether or not a guide runs).
pub fn drain(config: &Config) {
    Client::for_page(config).flush();
}
