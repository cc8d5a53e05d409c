//! `lotse report GUIDE`: the funnel in the terminal, as a table, JSON or
//! CSV, straight from the store (no server needed).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{csv, funnel_report, FunnelReport, ReportQuery};
use crate::guides::GuideSet;
use crate::ingest::now_ms;
use crate::store::Store;

/// Output format of `lotse report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// An aligned table per step.
    Table,
    /// The API's JSON.
    Json,
    /// The API's CSV.
    Csv,
}

/// Options of `lotse report` (`--version` is the guide version here, not
/// the program's).
#[derive(Debug, Args)]
#[command(disable_version_flag = true)]
pub struct Report {
    /// The guide id.
    #[arg(value_name = "GUIDE")]
    pub guide: String,
    /// Only this guide version (default: all versions together).
    #[arg(long)]
    pub version: Option<u32>,
    /// From this day (YYYY-MM-DD, UTC) or ms since the epoch.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this day, inclusive (YYYY-MM-DD, UTC) or ms (exclusive).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only runs in this locale (`de` matches `de-DE`).
    #[arg(long)]
    pub locale: Option<String>,
    /// Only runs on this device: mobile, tablet or desktop.
    #[arg(long)]
    pub device: Option<String>,
    /// Only runs that showed a step on this URL path.
    #[arg(long)]
    pub path: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// The store: sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://lotse.db",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: String,
    /// Folder of guide JSON files (for the steps and their order).
    #[arg(long, default_value = "guides", value_name = "DIR")]
    pub guides: PathBuf,
}

impl Report {
    /// Prints the report to `out`; returns whether there was one.
    pub async fn run(&self, out: &mut impl Write) -> anyhow::Result<bool> {
        let query = ReportQuery {
            version: self.version.map(|v| v.to_string()),
            from: self.from.clone(),
            to: self.to.clone(),
            locale: self.locale.clone(),
            device: self.device.clone(),
            path: self.path.clone(),
        };
        let filter = match query.filter() {
            Ok(filter) => filter,
            Err(problems) => {
                for p in problems {
                    writeln!(out, "error: --{}: {}", p.field, p.message)?;
                }
                return Ok(false);
            }
        };
        let guides = GuideSet::load_dir(&self.guides).map_err(|problems| {
            let text: Vec<String> = problems.iter().map(crate::guides::render).collect();
            anyhow::anyhow!("invalid guides:\n{}", text.join("\n"))
        })?;
        let store = Store::open(&self.database).await?;
        let report = funnel_report(&store, &guides, &self.guide, &filter, now_ms()).await?;
        store.close().await;
        let Some(report) = report else {
            writeln!(
                out,
                "error: no guide {:?} in {}",
                self.guide,
                self.guides.display()
            )?;
            return Ok(false);
        };
        let text = match self.format {
            ReportFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
            ReportFormat::Csv => csv::render(&report),
            ReportFormat::Table => table(&report),
        };
        out.write_all(text.as_bytes())?;
        Ok(true)
    }
}

fn pct(rate: Option<f64>) -> String {
    rate.map_or("-".to_string(), |r| format!("{:.1}%", r * 100.0))
}

fn secs(ms: Option<u64>) -> String {
    ms.map_or("-".to_string(), |ms| format!("{:.1}s", ms as f64 / 1000.0))
}

fn reasons(map: &std::collections::BTreeMap<lotse_core::event::Reason, u64>) -> String {
    if map.is_empty() {
        return "-".to_string();
    }
    map.iter()
        .map(|(r, n)| format!("{}={n}", r.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report as an aligned text table.
pub fn table(report: &FunnelReport) -> String {
    let runs = &report.funnel.runs;
    let versions: Vec<String> = report.versions.iter().map(|v| v.to_string()).collect();
    let mut out = format!(
        "{} ({}), versions {}\nruns {}  completed {} ({})  goal reached {}  broken {}\n\n",
        report.guide,
        report.title,
        if versions.is_empty() {
            "-".to_string()
        } else {
            versions.join(",")
        },
        runs.started,
        runs.completed,
        pct(runs.completion_rate),
        runs.goal_reached,
        runs.failed,
    );
    let header = [
        "step",
        "viewed",
        "completed",
        "back",
        "from_prev",
        "from_start",
        "p50",
        "p90",
        "abandoned",
        "failed",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    for s in &report.funnel.steps {
        let mark = if report.biggest_drop.as_deref() == Some(s.id.as_str()) {
            " <- biggest drop"
        } else {
            ""
        };
        rows.push(vec![
            s.id.clone(),
            s.viewed.to_string(),
            s.completed.to_string(),
            s.back.to_string(),
            pct(s.conversion_from_previous),
            pct(s.conversion_from_start),
            secs(s.dwell.p50_ms),
            secs(s.dwell.p90_ms),
            reasons(&s.abandoned),
            reasons(&s.failed) + mark,
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
