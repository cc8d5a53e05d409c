//! End-to-end tests: the real `lotse` server (SQLite store) serving the demo
//! site, its guides and the widget bundle, visited by headless Chromium
//! through chromedriver. Needs the widget bundle: run
//! scripts/build-widget.sh first (scripts/test.sh does).
//!
//! Modules (one per area a visitor or product owner notices):
//! - `dashboard`: a product owner signs in, reads the funnel (the API's
//!   numbers), filters it, and sees a hostile step id as text (issue 6).
//! - `demo_walk`: the meter reading (German) and the tariff switch
//!   (English) walked to the end with their guides, across pages, a reload
//!   and the late tariff list; each report counts one completed run.
//! - `funnel`: three visitors meet the demo guide; the funnel report counts
//!   exactly what they did (issue 2).
//! - `visitor_api`: the JavaScript API, overlay click, idle time-out,
//!   theming, and a broken guide that leaves the page working (issue 4).
//! - `visitor_blocked`: `spotlight.blockTarget` keeps clicks off the target
//!   while a step only explains it (issue 4).
//! - `visitor_axe`: axe-core finds no violations with a step open (issue 4).
//! - `visitor_keyboard`: a keyboard-only walkthrough with real key presses
//!   (issue 4).
//! - `visitor_layout`: placement on the hard fixture pages (issue 4).
//! - `visitor_panic`: a panic removes the overlay, logs once, detaches
//!   (issue 4).
//! - `visitor_targets`: late, missing, shadow DOM and iframe targets;
//!   multi-page and reload resume (issue 4).
//! - `outage`: the events endpoint is down over two page loads; every
//!   event arrives exactly once when it is back (issue 5).
//! - `consent`: `data-analytics="consent"` stores and sends nothing before
//!   `Lotse.consent(true)`; `Lotse.consent(false)` deletes the queue.
//! - `dwell`: a step's `dwellMs` leaves out the time spent in another tab.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod consent;
mod dashboard;
mod demo_walk;
mod dwell;
mod funnel;
mod outage;
mod visitor_api;
mod visitor_axe;
mod visitor_blocked;
mod visitor_keyboard;
mod visitor_layout;
mod visitor_panic;
mod visitor_targets;
