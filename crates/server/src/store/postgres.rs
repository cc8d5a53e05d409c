//! The PostgreSQL store, for several `lotse` instances on one database;
//! commits are durable by PostgreSQL's defaults (`synchronous_commit=on`).

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

use super::conn::Conn;
use super::{funnel_rebuild, funnel_sync, rows, Columns, NewEvent, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub(super) async fn open(url: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url)?;
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    backfill(&pool).await?;
    Ok(pool)
}

/// One statement for a whole commit: every column is bound as an array and
/// `UNNEST` turns the arrays back into rows.
const INSERT: &str = "INSERT INTO events (site, id, type, guide, guide_version, run, step, \
     step_index, step_count, ts, received_at, path, locale, device, reason, dwell_ms, locator) \
     SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::BIGINT[], \
     $6::TEXT[], $7::TEXT[], $8::BIGINT[], $9::BIGINT[], $10::BIGINT[], $11::BIGINT[], \
     $12::TEXT[], $13::TEXT[], $14::TEXT[], $15::TEXT[], $16::BIGINT[], $17::BIGINT[]) \
     ON CONFLICT (site, id) DO NOTHING RETURNING site, id";

pub(super) async fn insert(
    pool: &PgPool,
    groups: &[Vec<NewEvent<'_>>],
) -> Result<Vec<u64>, StoreError> {
    let mut rows = rows::distinct(groups);
    // Every instance inserts keys in the same order, so two transactions
    // with overlapping events (the same batch sent to two instances, in
    // different commits) wait for each other instead of deadlocking.
    rows.sort_unstable_by(|(_, a), (_, b)| (a.site, &a.event.id).cmp(&(b.site, &b.event.id)));
    let n = rows.len();
    let mut columns = Arrays::with_capacity(n);
    for (_, new) in &rows {
        columns.push(new);
    }
    let Arrays {
        site,
        id,
        kind,
        guide,
        guide_version,
        run,
        step,
        step_index,
        step_count,
        ts,
        received_at,
        path,
        locale,
        device,
        reason,
        dwell_ms,
        locator,
    } = columns;
    let mut tx = pool.begin().await?;
    let inserted: Vec<(String, String)> = sqlx::query_as(INSERT)
        .bind(site)
        .bind(id)
        .bind(kind)
        .bind(guide)
        .bind(guide_version)
        .bind(run)
        .bind(step)
        .bind(step_index)
        .bind(step_count)
        .bind(ts)
        .bind(received_at)
        .bind(path)
        .bind(locale)
        .bind(device)
        .bind(reason)
        .bind(dwell_ms)
        .bind(locator)
        .fetch_all(&mut *tx)
        .await?;
    funnel_sync::update(&mut Conn::Postgres(&mut tx), &rows, &inserted).await?;
    tx.commit().await?;
    Ok(rows::tally(groups.len(), &rows, &inserted))
}

/// The columns of a commit's rows, one array each.
#[derive(Default)]
struct Arrays<'a> {
    site: Vec<&'a str>,
    id: Vec<&'a str>,
    kind: Vec<&'static str>,
    guide: Vec<&'a str>,
    guide_version: Vec<i64>,
    run: Vec<&'a str>,
    step: Vec<Option<&'a str>>,
    step_index: Vec<Option<i64>>,
    step_count: Vec<i64>,
    ts: Vec<i64>,
    received_at: Vec<i64>,
    path: Vec<&'a str>,
    locale: Vec<&'a str>,
    device: Vec<&'static str>,
    reason: Vec<Option<&'static str>>,
    dwell_ms: Vec<Option<i64>>,
    locator: Vec<Option<i64>>,
}

impl<'a> Arrays<'a> {
    fn with_capacity(n: usize) -> Self {
        let mut a = Arrays::default();
        a.site.reserve(n);
        a.id.reserve(n);
        a.kind.reserve(n);
        a.guide.reserve(n);
        a.guide_version.reserve(n);
        a.run.reserve(n);
        a.step.reserve(n);
        a.step_index.reserve(n);
        a.step_count.reserve(n);
        a.ts.reserve(n);
        a.received_at.reserve(n);
        a.path.reserve(n);
        a.locale.reserve(n);
        a.device.reserve(n);
        a.reason.reserve(n);
        a.dwell_ms.reserve(n);
        a.locator.reserve(n);
        a
    }

    fn push(&mut self, new: &NewEvent<'a>) {
        let c = Columns::of(new.event);
        self.site.push(new.site);
        self.id.push(&c.e.id);
        self.kind.push(c.kind);
        self.guide.push(&c.e.guide);
        self.guide_version.push(c.guide_version);
        self.run.push(&c.e.run);
        self.step.push(c.e.step.as_deref());
        self.step_index.push(c.step_index);
        self.step_count.push(c.step_count);
        self.ts.push(c.e.ts);
        self.received_at.push(new.received_at);
        self.path.push(&c.e.path);
        self.locale.push(&c.e.locale);
        self.device.push(c.device);
        self.reason.push(c.reason);
        self.dwell_ms.push(c.dwell_ms);
        self.locator.push(c.locator);
    }
}

pub(super) async fn versions(pool: &PgPool, guide: &str) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT guide_version FROM events WHERE guide = $1 ORDER BY guide_version",
    )
    .bind(guide)
    .fetch_all(pool)
    .await?)
}

pub(super) async fn count(pool: &PgPool) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(pool)
        .await?)
}

/// Blocks other writers (their inserts) until the transaction ends, so
/// the summaries are rebuilt from a stable set of events.
const LOCK_EVENTS: &str = "LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE";

pub(super) async fn prune(pool: &PgPool, before_ms: i64) -> Result<u64, StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query(LOCK_EVENTS).execute(&mut *tx).await?;
    let done = sqlx::query("DELETE FROM events WHERE received_at < $1")
        .bind(before_ms)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() > 0 {
        funnel_rebuild::rebuild(&mut Conn::Postgres(&mut tx)).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected())
}

pub(super) async fn rebuild_summaries(pool: &PgPool) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query(LOCK_EVENTS).execute(&mut *tx).await?;
    funnel_rebuild::rebuild(&mut Conn::Postgres(&mut tx)).await?;
    tx.commit().await?;
    Ok(())
}

/// Fills the funnel summaries of a store from before they existed (once,
/// also with several instances starting together).
async fn backfill(pool: &PgPool) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    if !funnel_rebuild::needed(&mut Conn::Postgres(&mut conn)).await? {
        return Ok(());
    }
    let mut tx = pool.begin().await?;
    sqlx::query(LOCK_EVENTS).execute(&mut *tx).await?;
    let mut conn = Conn::Postgres(&mut tx);
    if funnel_rebuild::needed(&mut conn).await? {
        tracing::info!("computing the funnel summaries of the stored events");
        funnel_rebuild::rebuild(&mut conn).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn record_versions(
    pool: &PgPool,
    versions: &[(&str, i64, String)],
) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    for (guide, version, steps) in versions {
        sqlx::query(
            "INSERT INTO guide_versions (guide, version, steps) VALUES ($1, $2, $3) \
             ON CONFLICT (guide, version) DO UPDATE SET steps = excluded.steps",
        )
        .bind(*guide)
        .bind(*version)
        .bind(steps.as_str())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn version_steps(
    pool: &PgPool,
    guide: &str,
    version: i64,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT steps FROM guide_versions WHERE guide = $1 AND version = $2")
            .bind(guide)
            .bind(version)
            .fetch_optional(pool)
            .await?,
    )
}
