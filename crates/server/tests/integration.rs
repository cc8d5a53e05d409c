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
//! - `demo_data`: `lotse demo-data` writes runs whose funnel (through the
//!   report code) has the documented shape; same seed, same events.
//! - `guides_reload`: a running server reloads edited, new, broken and
//!   deleted guide files; every version loaded stays known; `lotse serve`
//!   logs each problem of a broken file and rescans on SIGHUP.
//! - `crash`: a real `lotse serve` killed with SIGKILL while clients post;
//!   after a restart every acknowledged event is stored (both stores).
//! - `scaleout`: two `lotse serve` processes on one PostgreSQL database
//!   store every event once and report the same funnel.
//! - `hostile`: the hostile-input table; `lifecycle`: earlier guide
//!   versions accepted after an update and restart, `lotse prune` (both
//!   run by `stores` against both stores).
//! - `openapi`: `GET /v1/openapi.json` describes the ingest route.
//! - `process`: starts the built `lotse` binary; a raw HTTP/1.1 client.
//! - `proxy`: the rate limit per visitor behind a trusted proxy
//!   (`X-Forwarded-For`), ignored from untrusted peers; `/v1/health`.
//! - `reports`: issue 6's report numbers on a hand-computed fixture,
//!   identical on SQLite and PostgreSQL, every filter, JSON and CSV.
//! - `report_access`: tokens (missing, revoked, per site), the dashboard
//!   cookie, CSV formula and HTML injection, `lotse token`/`lotse report`.
//! - `preaggregated`: the funnel from the writer's summaries equals the
//!   per-fact computation on randomized runs (real ingest, duplicates,
//!   shuffled batches) on both stores; missing summaries are rebuilt.
//! - `compression`: the widget from its brotli and zopfli copies, the
//!   site, guides and reports compressed on the fly, ingest answers plain.
//! - `support`: fixtures, an in-process server, a PostgreSQL launcher.

mod check;
mod compression;
mod crash;
mod demo_data;
mod guides_reload;
mod hostile;
mod lifecycle;
mod openapi;
mod preaggregated;
mod process;
mod proxy;
mod report_access;
mod reports;
mod scaleout;
mod serve;
mod stores;
mod support;
mod validate;
