//! The Lotse server: serves the widget bundle, the guides, event ingest and
//! drop-off reports, and validates guide files from the command line.
//!
//! # Layout
//!
//! - [`config`]: [`Config`] (store URL, folders, sites) and `--site` parsing.
//! - [`guides`]: guide files loaded and validated at start ([`GuideSet`]),
//!   reloaded while serving ([`guides::LiveGuides`]), `lotse validate`'s findings.
//! - [`app`]: [`AppState`], [`router`] and [`run`]; tests call `router`
//!   without a socket or `run` on a `127.0.0.1:0` listener.
//! - [`ingest`]: `POST /v1/events` (checks in `ingest::check`, rate limits
//!   in `ingest::limit`, accepted guide versions in `ingest::versions`);
//!   [`writer`]: the one task that writes batches.
//! - [`openapi`]: `GET /v1/openapi.json`.
//! - [`prune`]: `lotse prune --older-than 400d` (retention).
//! - [`reports`]: `GET /v1/reports/guides` and `.../{id}/funnel` (JSON,
//!   CSV), behind [`auth`] (bearer tokens, dashboard sessions).
//! - [`dashboard`]: the HTML dashboard at `/dashboard`.
//! - [`assets`]: `/guides/{id}.json`, `/lotse/` and the static site.
//! - [`store`]: SQLite or PostgreSQL, chosen by the URL scheme.
//! - [`error`]: [`ServerError`] (start-up) and [`ApiError`] (one request).
//! - [`check`]: `lotse check`, guide targets counted on saved pages.
//! - [`demo_data`]: `lotse demo-data`, synthetic demo runs written to a store.
//! - [`cli`]: the `lotse` command line; `main.rs` only parses and dispatches.

pub mod app;
pub mod assets;
pub mod auth;
pub mod check;
pub mod cli;
pub mod config;
pub mod dashboard;
pub mod demo_data;
pub mod error;
pub mod guides;
pub mod health;
pub mod ingest;
pub mod openapi;
pub mod proxy;
pub mod prune;
pub mod reports;
pub mod store;
pub mod writer;

pub use app::{router, run, AppState};
pub use config::{Config, Site};
pub use error::{ApiError, ServerError};
pub use guides::GuideSet;
pub use store::Store;
