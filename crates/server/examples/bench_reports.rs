//! Report benchmark (issue 6): fills a fresh store with generated guide
//! events straight in SQL (no HTTP, no per-row binds), then times the
//! funnel report the API serves. Run by `scripts/bench-reports.sh`:
//!
//! ```text
//! cargo run --release -p lotse-server --example bench_reports -- URL EVENTS
//! ```
//!
//! Events: runs of the repository's `demo` guide (3 steps, versions 1 and
//! 2), each run stopping after 1 to 8 events (about 4.5 on average),
//! starting evenly over three weeks, two locales, three devices. Prints one line per measurement.

use std::time::{Duration, Instant};

use lotse_core::funnel::Filter;
use lotse_server::guides::GuideSet;
use lotse_server::reports::funnel_report;
use lotse_server::Store;

/// 2026-01-01 00:00 UTC.
const BASE: i64 = 1_767_225_600_000;
/// Runs per INSERT statement.
const CHUNK: i64 = 200_000;
/// The shape of a run: event k of a run exists if k <= the run's cut.
const TEMPLATE: &str = "t(k, type, step, idx) AS (VALUES \
    (0, 'guide_started', 'welcome', 0), (1, 'step_viewed', 'welcome', 0), \
    (2, 'step_completed', 'welcome', 0), (3, 'step_viewed', 'tariffs', 1), \
    (4, 'step_completed', 'tariffs', 1), (5, 'step_viewed', 'meter', 2), \
    (6, 'step_completed', 'meter', 2), (7, 'guide_completed', 'meter', 2))";
const COLUMNS: &str = "INSERT INTO events (site, id, type, guide, guide_version, run, step, \
    step_index, step_count, ts, received_at, path, locale, device, reason, dwell_ms, locator)";
const SELECT: &str = "SELECT 'demo', 'b' || n || '-' || k, t.type, 'demo', 1 + n % 2, 'r' || n, \
    t.step, t.idx, 3, {base} + n * {gap} + k * 10, {base} + n * {gap} + k * 10, \
    CASE WHEN k >= 5 THEN '/de/zaehler/' ELSE '/de/' END, \
    CASE WHEN n % 3 = 0 THEN 'en-GB' ELSE 'de-DE' END, \
    CASE n % 3 WHEN 0 THEN 'mobile' WHEN 1 THEN 'tablet' ELSE 'desktop' END, \
    NULL, CASE WHEN t.type = 'step_completed' THEN 500 + (n * 37) % 9000 END, \
    CASE WHEN t.type = 'step_viewed' THEN 0 END";

fn insert_sql(store: &Store, from: i64, to: i64, runs: i64) -> String {
    // Runs start evenly over three weeks.
    let gap = (21 * 86_400_000 / runs.max(1)).max(1);
    let select = SELECT
        .replace("{base}", &BASE.to_string())
        .replace("{gap}", &gap.to_string());
    let cut = "(n * 7919) % 8";
    match store {
        Store::Sqlite(_) => format!(
            "WITH RECURSIVE r(n) AS (SELECT {from} UNION ALL SELECT n + 1 FROM r WHERE n < {last}), \
             {TEMPLATE} {COLUMNS} {select} FROM r JOIN t ON t.k <= {cut}",
            last = to - 1
        ),
        Store::Postgres(_) => format!(
            "{COLUMNS} WITH {TEMPLATE} {select} FROM generate_series({from}::BIGINT, {last}::BIGINT) \
             AS r(n) JOIN t ON t.k <= {cut}",
            last = to - 1
        ),
    }
}

async fn execute(store: &Store, sql: String) -> anyhow::Result<()> {
    let sql = sqlx::AssertSqlSafe(sql);
    match store {
        Store::Sqlite(pool) => {
            sqlx::query(sql).execute(pool).await?;
        }
        Store::Postgres(pool) => {
            sqlx::query(sql).execute(pool).await?;
        }
    }
    Ok(())
}

/// The median of three timings of `funnel_report` with `filter`.
async fn time(
    store: &Store,
    guides: &GuideSet,
    filter: &Filter,
) -> anyhow::Result<(Duration, u64)> {
    let mut times = Vec::new();
    let mut runs = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let report = funnel_report(store, guides, "demo", filter, BASE + 90 * 86_400_000).await?;
        times.push(start.elapsed());
        runs = report.map_or(0, |r| r.funnel.runs.started);
    }
    times.sort();
    Ok((times[1], runs))
}

/// Where the time of the all-runs report goes: the store query (SQL and
/// decoding the rows), then `lotse_core::funnel::report` (one pass).
async fn phases(store: &Store, kind: &str, stored: u64) -> anyhow::Result<()> {
    let filter = Filter::default();
    let start = Instant::now();
    let facts = store.report_facts("demo", &filter).await?;
    let query = start.elapsed();
    let start = Instant::now();
    let options = lotse_core::funnel::Options {
        now_ms: BASE + 90 * 86_400_000,
        inactivity_ms: lotse_core::funnel::DEFAULT_INACTIVITY_MS,
    };
    let report = lotse_core::funnel::report(&["welcome", "tariffs", "meter"], &facts, options);
    let compute = start.elapsed();
    println!(
        "{kind}: {stored} events, all runs: query {:.0} ms ({} facts), funnel {:.0} ms ({} runs)",
        query.as_secs_f64() * 1000.0,
        facts.len(),
        compute.as_secs_f64() * 1000.0,
        report.0.runs.started
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: URL EVENTS"))?;
    let events: i64 = args.next().unwrap_or_else(|| "1000000".into()).parse()?;
    let store = Store::open(&url).await?;
    let kind = match store {
        Store::Sqlite(_) => "sqlite",
        Store::Postgres(_) => "postgres",
    };
    // 4.5 events per run on average.
    let runs = events * 2 / 9;
    let start = Instant::now();
    let mut from = 0;
    while from < runs {
        let to = (from + CHUNK).min(runs);
        execute(&store, insert_sql(&store, from, to, runs)).await?;
        from = to;
    }
    execute(&store, "ANALYZE".into()).await?;
    if let Store::Postgres(_) = store {
        execute(&store, "VACUUM ANALYZE events".into()).await?;
    }
    let stored = store.count().await?;
    println!(
        "{kind}: generated {stored} events in {runs} runs in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    // The events bypassed the writer: compute their summaries, as the
    // migration does for a store from before them.
    let start = Instant::now();
    store.rebuild_summaries().await?;
    if let Store::Postgres(_) = store {
        execute(&store, "VACUUM ANALYZE funnel_runs".into()).await?;
        execute(&store, "VACUUM ANALYZE funnel_rollups".into()).await?;
    } else {
        execute(&store, "ANALYZE".into()).await?;
    }
    println!(
        "{kind}: summaries of {stored} events computed in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let guides = GuideSet::load_dir(std::path::Path::new("guides"))
        .map_err(|_| anyhow::anyhow!("guides/ does not validate"))?;
    let week = Filter {
        from_ms: Some(BASE + 7 * 86_400_000),
        to_ms: Some(BASE + 14 * 86_400_000),
        ..Filter::default()
    };
    let cases = [
        ("all runs, all versions", Filter::default()),
        (
            "version 2",
            Filter {
                version: Some(2),
                ..Filter::default()
            },
        ),
        ("one week", week),
        (
            "device=mobile",
            Filter {
                device: Some(lotse_core::event::Device::Mobile),
                ..Filter::default()
            },
        ),
        // Runs selected by their events (funnel_read::selected_runs).
        (
            "path=/de/",
            Filter {
                path: Some("/de/".into()),
                ..Filter::default()
            },
        ),
        (
            "path=/de/zaehler/",
            Filter {
                path: Some("/de/zaehler/".into()),
                ..Filter::default()
            },
        ),
        (
            "one week from 06:00",
            Filter {
                from_ms: Some(BASE + 7 * 86_400_000 + 6 * 3_600_000),
                to_ms: Some(BASE + 14 * 86_400_000 + 6 * 3_600_000),
                ..Filter::default()
            },
        ),
    ];
    for (name, filter) in cases {
        let (took, runs) = time(&store, &guides, &filter).await?;
        println!(
            "{kind}: {stored} events, funnel {name}: {:.0} ms ({runs} runs)",
            took.as_secs_f64() * 1000.0
        );
    }
    // Where the time of the per-fact computation (what runs when runs mix
    // versions or sites) goes; only for the smaller sizes (10M facts take
    // a minute and gigabytes).
    if stored <= 2_000_000 {
        phases(&store, kind, stored).await?;
    }
    store.close().await;
    Ok(())
}
