//! The SQLite store: one file, WAL, `synchronous=FULL` so a committed batch
//! survives power loss.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use super::{Columns, FactRow, NewEvent, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub(super) async fn open(url: &str) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

pub(super) async fn insert(
    pool: &SqlitePool,
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
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
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
    pool: &SqlitePool,
    guide: &str,
    version: Option<i64>,
) -> Result<Vec<FactRow>, StoreError> {
    Ok(sqlx::query_as::<_, FactRow>(
        "SELECT run, type AS kind, step, reason, MAX(ts) AS last_ts, \
         MAX(received_at) AS last_received FROM events \
         WHERE guide = ?1 AND (?2 IS NULL OR guide_version = ?2) \
         GROUP BY run, type, step, reason",
    )
    .bind(guide)
    .bind(version)
    .fetch_all(pool)
    .await?)
}

pub(super) async fn versions(pool: &SqlitePool, guide: &str) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT guide_version FROM events WHERE guide = ? ORDER BY guide_version",
    )
    .bind(guide)
    .fetch_all(pool)
    .await?)
}

pub(super) async fn count(pool: &SqlitePool) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(pool)
        .await?)
}
