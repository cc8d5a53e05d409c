//! The server's integration tests, one binary (ripgrep style).
//!
//! - `stores`: one table of checks run against SQLite and a real
//!   PostgreSQL 15: ingest, retries stored once, funnel numbers, hostile
//!   inputs refused with nothing stored, concurrent batches.
//! - `serve`: `run()` on a real `127.0.0.1:0` socket (guides, widget and
//!   static files), start-up refusing invalid guides, sites, origins, CORS.
//! - `validate`: the `lotse` binary's `validate` and `--help`.
//! - `check`: `lotse check` on the demo pages (files and localhost) and
//!   on fixtures with missing and ambiguous targets; `lotse schema`.
//! - `support`: fixtures, an in-process server, a PostgreSQL launcher.

mod check;
mod serve;
mod stores;
mod support;
mod validate;
