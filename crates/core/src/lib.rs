//! Lotse's pure core: everything that decides, nothing that does I/O.
//!
//! # Layout
//!
//! - [`guide`]: the validated guide format v1 (`Guide`, `Step`, `Locator`, ...)
//!   and [`guide::load`], which turns guide JSON into a `Guide` or reports every
//!   problem at once.
//! - [`text`]: localized texts and locale resolution.
//! - [`pattern`]: URL path patterns with `*`.
//! - [`selector`]: the CSS selector syntax check used by validation.
//! - [`markup`]: the safe markup of step bodies, parsed into nodes.
//! - [`event`]: the analytics event wire format v1, shared by widget and server.
//! - [`json`]: a small JSON reader and writer for the widget's paths (no
//!   `serde_json` in the wasm).
//! - [`runner`]: the guide runner, `(guide, state, input) -> (state, effects)`.
//! - [`geometry`]: popover placement and the spotlight cutout, pure functions
//!   of rectangles.
//! - [`funnel`]: drop-off numbers computed from events.
//! - [`demo`]: synthetic runs of the demo guides for `lotse demo-data`
//!   (a seeded generator, deterministic).
//! - [`outbox`]: the widget's durable event queue (bounds, request bodies
//!   under 64 KiB, backoff, what each answer means).
//!
//! The core reads no clock, touches no DOM and spawns nothing: time comes in
//! as a value (milliseconds since the Unix epoch).

/// A refusal's reason, written like `format!`: formatted with the
/// `diagnostics` feature; without it (the widget, whose lean load keeps only
/// that a value was refused) the fixed text `invalid`, so neither the
/// formatting machinery nor the messages are in the wasm.
macro_rules! reason {
    ($($arg:tt)*) => {{
        #[cfg(feature = "diagnostics")]
        let reason = format!($($arg)*);
        #[cfg(not(feature = "diagnostics"))]
        let reason = String::from("invalid");
        reason
    }};
}

#[cfg(feature = "diagnostics")]
pub mod demo;
pub mod event;
pub mod funnel;
pub mod geometry;
pub mod guide;
pub mod json;
pub mod markup;
pub mod outbox;
pub mod pattern;
pub mod runner;
pub mod selector;
pub mod strings;
#[cfg(feature = "diagnostics")]
mod suggest;
pub mod text;
