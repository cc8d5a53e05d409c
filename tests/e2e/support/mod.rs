//! The end-to-end harness: the real `lotse` server in-process, chromedriver
//! with headless Chromium, and readers of the widget's shadow DOM.
//!
//! - `server`: `TestServer`, the server on `127.0.0.1:0` with a temporary
//!   SQLite file, the demo site, the guides and the built widget bundle.
//! - `browser`: `Chromedriver` (the process, killed on drop) and `Visitor`
//!   (one fresh browser profile per visitor).
//! - `pages`: for the analytics tests, `Lotse` (a server on a chosen
//!   listener serving written test pages, with its store's event count)
//!   and readers of the widget's outbox and announced events.
//! - `layout`: measured rectangles of popover, arrow, spotlight and target
//!   (issue 4's placement checks).
//! - `visit`: the fixture pages' event log and console errors, real key
//!   presses and clicks at viewport points.
//! - `overlay`: what a visitor sees of the guide (`Seen`) and does with it
//!   (press a button, press Esc).

pub mod browser;
pub mod layout;
pub mod overlay;
pub mod pages;
pub mod server;
pub mod visit;

use std::future::Future;
use std::time::{Duration, Instant};

/// The repository root (the root package's manifest folder).
pub fn repo_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Polls `probe` every 50 ms until it returns `Ok`; after `limit` panics
/// with `what` and the last state `probe` described in its `Err`.
pub async fn poll<T, F, Fut>(limit: Duration, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + limit;
    loop {
        match probe().await {
            Ok(value) => return value,
            Err(last) if Instant::now() >= deadline => {
                panic!("gave up after {limit:?} waiting for {what}; last seen: {last}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}
