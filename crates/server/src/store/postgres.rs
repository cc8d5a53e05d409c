//! The PostgreSQL store, for several `lotse` instances on one database;
//! commits are durable by PostgreSQL's defaults (`synchronous_commit=on`).

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

use super::{Columns, FactRow, NewEvent, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub(super) async fn open(url: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url)?;
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

pub(super) async fn insert(
    pool: &PgPool,
    groups: &[Vec<NewEvent<'_>>],
) -> Result<Vec<u64>, StoreError> {
    let mut tx = pool.begin().await?;
    let mut inserted = Vec::with_capacity(groups.len());
    for group in groups {
        let mut n = 0;
        for new in group {
            let c = Columns::of(new.event);
            let done = sqlx::query(
                "INSERT INTO events (site, id, type, guide, guide_version, run, step, step_index, \
                 step_count, ts, received_at, path, locale, device, reason, dwell_ms, locator) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
                 ON CONFLICT (site, id) DO NOTHING",
            )
            .bind(new.site)
            .bind(&c.e.id)
            .bind(c.kind)
            .bind(&c.e.guide)
            .bind(c.guide_version)
            .bind(&c.e.run)
            .bind(&c.e.step)
            .bind(c.step_index)
            .bind(c.step_count)
            .bind(c.e.ts)
            .bind(new.received_at)
            .bind(&c.e.path)
            .bind(&c.e.locale)
            .bind(c.device)
            .bind(c.reason)
            .bind(c.dwell_ms)
            .bind(c.locator)
            .execute(&mut *tx)
            .await?;
            n += done.rows_affected();
        }
        inserted.push(n);
    }
    tx.commit().await?;
    Ok(inserted)
}

pub(super) async fn facts(
    pool: &PgPool,
    guide: &str,
    version: Option<i64>,
) -> Result<Vec<FactRow>, StoreError> {
    Ok(sqlx::query_as::<_, FactRow>(
        "SELECT run, type AS kind, step, reason, MAX(ts) AS last_ts, \
         MAX(received_at) AS last_received FROM events \
         WHERE guide = $1 AND ($2::BIGINT IS NULL OR guide_version = $2) \
         GROUP BY run, type, step, reason",
    )
    .bind(guide)
    .bind(version)
    .fetch_all(pool)
    .await?)
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
