//! The Lotse widget: the visitor's overlay, a Yew app compiled to WebAssembly.
//!
//! # Layout
//!
//! The core (`lotse_core`) decides everything; this crate translates the page
//! into runner inputs and carries out the runner's effects.
//!
//! - [`start`], [`stop`], [`next`]: the JavaScript entry points the loader
//!   (`loader/lotse.js`) calls.
//! - `config`: the loader's configuration object (the script tag's `data-*`).
//! - `session`: one running guide: the runner state and the input trampoline.
//! - `effects`: the one module that carries out the runner's effects.
//! - `input`: the page's events (keys, activity, scroll, visibility) turned into inputs.
//! - `failure`: the one console error and the panic hook (overlay removed,
//!   listeners detached).
//! - `focus`: the focus trap (Tab cycles through the popover and the target).
//! - `advance`: a step's own advance condition (click, input, submit, event).
//! - `seek`: waiting for a step's target (MutationObserver plus a time-out).
//! - `measure`: the one module that reads the page (elements, rectangles).
//! - `paint`: the one module that writes positions and scrolls.
//! - `position`: measure, place with `lotse_core::geometry`, paint; once per frame.
//! - `host`: the `<lotse-overlay>` element, its shadow root and stylesheet.
//! - `analytics`: the events client (durable outbox, batches, beacons,
//!   retries, consent).
//! - `labels`: the built-in German and English UI strings.
//! - `view`: the Yew components (app, popover, spotlight).
//!
//! Invariants: no global listeners while no guide runs; nothing is written to
//! host elements; a failure removes the overlay and logs one console error.

mod advance;
mod analytics;
mod config;
mod effects;
mod failure;
mod focus;
mod host;
mod input;
mod labels;
mod measure;
mod paint;
mod position;
mod seek;
mod session;
mod view;

use wasm_bindgen::prelude::*;

/// The wasm heap: lol_alloc's free list (a few hundred bytes of code) instead
/// of std's dlmalloc (several KiB). The widget allocates little and briefly;
/// wasm is single-threaded, so the lock is never contended.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// Starts the guide described by `config` (an object with the keys `guide`,
/// `guideJson`, `endpoint`, `site`, `analytics`, `locale`, `force`; see
/// `config`). Never throws: problems are logged once to the console.
#[wasm_bindgen]
pub fn start(config: JsValue) {
    failure::install_panic_hook();
    let config = config::Config::from_js(&config);
    wasm_bindgen_futures::spawn_local(session::launch(config));
}

/// Stops the running guide, if any; its run ends as abandoned with the
/// reason `stopped` (the page, not the visitor, ended it).
#[wasm_bindgen]
pub fn stop() {
    session::with_current(|s| {
        s.dispatch(lotse_core::runner::Input::Close(
            lotse_core::event::Reason::Stopped,
        ))
    });
}

/// Records the site's analytics consent for this page (`Lotse.consent`):
/// `true` lets events be stored and sent, `false` stops sending and
/// deletes every queued event.
#[wasm_bindgen]
pub fn consent(granted: bool) {
    analytics::consent(granted);
}

/// Sends the events earlier pages left queued (the loader calls it when a
/// queue waits, with the same config object as [`start`]).
#[wasm_bindgen]
pub fn drain(config: JsValue) {
    analytics::drain(&config::Config::from_js(&config));
}

/// Advances the running guide, for steps whose `advance` is an event.
#[wasm_bindgen]
pub fn next() {
    session::with_current(|s| s.dispatch(lotse_core::runner::Input::Advanced));
}
