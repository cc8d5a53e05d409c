//! The `lotse` command line: `serve`, `validate`, `schema`, `check`,
//! `report` and `token` (the last two live in `reports::cli` and
//! `auth::cli`).

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::{self, Page};
use crate::config::{Config, Site};
use crate::guides;
use crate::proxy::Cidr;

/// Lotse guides website visitors through processes step by step and shows
/// where they give up.
#[derive(Debug, Parser)]
#[command(name = "lotse", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the widget, the guides, event ingest and reports.
    Serve(Serve),
    /// Check guide files and print every problem as FILE:LINE:COL: $.PATH: MESSAGE.
    ///
    /// Exits 0 when every guide is valid (warnings are printed but allowed),
    /// 1 when any has an error.
    Validate(Validate),
    /// Print the JSON Schema of guide format v1 (guides/guide.schema.json).
    Schema,
    /// Check that every step's target matches exactly one element on the
    /// saved pages its `url` names.
    ///
    /// Prints STEP, PAGE, LOCATOR (the first that matches anything) and
    /// RESULT for every step on every page. Exits 1 when a target matches
    /// nothing (missing) or several elements (ambiguous) on a page, 0
    /// otherwise. Elements count whether or not they are visible.
    Check(Check),
    /// Delete events received longer ago than --older-than (e.g. 400d or
    /// 12h) and print how many were deleted.
    Prune(crate::prune::Prune),
    /// Print a guide's drop-off report (the dashboard's numbers): runs,
    /// and per step views, completions, conversions, reasons, time.
    ///
    /// Exits 1 when the guide is unknown or an option is invalid.
    Report(crate::reports::cli::Report),
    /// Create, list or revoke the tokens that open the reports and the
    /// dashboard.
    Token(crate::auth::cli::Token),
    /// Fill a store with synthetic but plausible runs of the demo guides
    /// (thousands of runs over weeks, two tariff-switch versions, every
    /// abandonment reason), deterministic for a seed. See docs/demo-data.md.
    DemoData(crate::demo_data::DemoData),
}

/// Options of `lotse serve`.
#[derive(Debug, Args)]
pub struct Serve {
    /// Address to listen on.
    #[arg(
        long,
        env = "LOTSE_LISTEN",
        default_value = "127.0.0.1:8080",
        value_name = "ADDR"
    )]
    pub listen: SocketAddr,
    /// Where events are stored: sqlite://PATH (created if missing) or
    /// postgres://USER:PASSWORD@HOST:PORT/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://lotse.db",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: String,
    /// Folder of guide JSON files, served at /guides/{id}.json. Every file
    /// must validate or the server does not start.
    #[arg(long, default_value = "guides", value_name = "DIR")]
    pub guides: PathBuf,
    /// The widget bundle (lotse.js, lotse_widget.js, .wasm), served at /lotse/.
    #[arg(long, default_value = "dist/lotse", value_name = "DIR")]
    pub widget: PathBuf,
    /// A website to serve at / (for example the demo in www/).
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// A site allowed to send events: KEY, or KEY=ORIGIN,ORIGIN... to allow
    /// only those origins (e.g. shop=https://shop.example). Repeatable.
    /// Without any, one site "demo" accepts events from any origin.
    #[arg(long = "site", value_name = "KEY[=ORIGINS]")]
    pub sites: Vec<Site>,
    /// A reverse proxy or load balancer (an address or a range such as
    /// 10.0.0.0/8) whose X-Forwarded-For header names the visitor, for the
    /// per-address rate limit (the address is never stored). Repeatable.
    #[arg(
        long = "trusted-proxy",
        env = "LOTSE_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_name = "CIDR"
    )]
    pub trusted_proxies: Vec<Cidr>,
}

impl Serve {
    /// The server configuration these options describe.
    pub fn config(&self) -> Config {
        Config {
            database_url: self.database.clone(),
            guides_dir: self.guides.clone(),
            widget_dir: Some(self.widget.clone()),
            static_dir: self.static_dir.clone(),
            sites: self.sites.clone(),
            trusted_proxies: self.trusted_proxies.clone(),
        }
    }
}

/// Options of `lotse validate`.
#[derive(Debug, Args)]
pub struct Validate {
    /// Guide files, or folders whose *.json files are checked (*.schema.json skipped).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format: text lines, or one JSON array of
    /// {file, line, column, path, severity, message} for CI annotations.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

impl Validate {
    /// Checks every guide, printing problems to `out`; returns whether all
    /// are free of errors.
    pub fn run(&self, out: &mut impl Write) -> std::io::Result<bool> {
        let validation = guides::validate::validate(&self.paths);
        let text = match self.format {
            Format::Text => validation.to_text(),
            Format::Json => validation.to_json(),
        };
        out.write_all(text.as_bytes())?;
        Ok(validation.ok())
    }
}

/// Output format of `lotse check` and `lotse validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table and one sentence per failure.
    Text,
    /// JSON, for CI (`check`: one object; `validate`: one array).
    Json,
}

/// Options of `lotse check`.
#[derive(Debug, Args)]
pub struct Check {
    /// The guide file.
    #[arg(value_name = "GUIDE")]
    pub guide: PathBuf,
    /// Saved HTML pages, or http://127.0.0.1:PORT/... URLs of pages served
    /// on this machine.
    #[arg(long = "page", required = true, num_args = 1.., value_name = "FILE_OR_URL")]
    pub pages: Vec<String>,
    /// The folder served at `/`: www/en/a.html is the page /en/a.html, and
    /// an index.html also answers its folder (/en/).
    #[arg(long, default_value = "www", value_name = "DIR")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

impl Check {
    /// Loads the guide and the pages and prints the report to `out`;
    /// returns whether every step's target was found exactly once.
    pub fn run(&self, out: &mut impl Write) -> std::io::Result<bool> {
        let file = self.guide.display().to_string();
        let loaded = match guides::load_file(&self.guide) {
            Ok(loaded) => loaded,
            Err(problems) => {
                writeln!(out, "{}", guides::render(&problems))?;
                return Ok(false);
            }
        };
        let mut pages = Vec::new();
        let mut ok = true;
        for source in &self.pages {
            match Page::load(source, &self.root) {
                Ok(page) => pages.push(page),
                Err(e) => {
                    writeln!(out, "{source}: {e}")?;
                    ok = false;
                }
            }
        }
        if !ok {
            return Ok(false);
        }
        let rows = check::check(&loaded.guide, &pages);
        let text = match self.format {
            Format::Text => check::render_table(&file, &loaded.guide, &rows),
            Format::Json => check::render_json(&file, &loaded.guide, &rows),
        };
        out.write_all(text.as_bytes())?;
        Ok(!rows.iter().any(|r| r.outcome.is_error()))
    }
}

/// Prints the guide JSON Schema, pretty, with a trailing newline (the
/// bytes of guides/guide.schema.json).
pub fn print_schema(out: &mut impl Write) -> std::io::Result<()> {
    let schema = serde_json::to_string_pretty(&lotse_core::guide::schema())
        .map_err(std::io::Error::other)?;
    writeln!(out, "{schema}")
}
