//! The Yew components of the overlay: the app (follows the session's
//! screen), the popover and the spotlight. They render; they never measure.

mod app;
mod body;
mod popover;
mod spotlight;

pub use app::{App, AppProps};
