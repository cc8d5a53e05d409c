//! End-to-end tests: the real `lotse` server (SQLite store) serving the demo
//! site, its guides and the widget bundle, visited by headless Chromium
//! through chromedriver. Needs the widget bundle: run
//! scripts/build-widget.sh first (scripts/test.sh does).
//!
//! Modules (one per area a visitor or product owner notices):
//! - `funnel`: three visitors meet the demo guide; the funnel report counts
//!   exactly what they did (issue 2).
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod funnel;
