//! The Yew view of the overlay: the app (one component, follows the session's
//! screen) and the functions rendering the popover, its body and the
//! spotlight. They render; they never measure.

mod app;
mod body;
mod popover;
mod spotlight;

pub use app::{App, AppProps};
