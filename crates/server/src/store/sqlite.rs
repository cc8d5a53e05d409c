//! The SQLite store: one file, WAL, `synchronous=FULL` so a committed batch
//! survives power loss.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::conn::Conn;
use super::{funnel_rebuild, funnel_sync, rows, Columns, NewEvent, StoreError};

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
    backfill(&pool).await?;
    Ok(pool)
}

/// Rows per INSERT statement: 17 columns each, well under SQLite's limit of
/// 32,766 bound variables; a few fixed sizes keep the prepared statements
/// cached.
const CHUNKS: [usize; 5] = [256, 64, 16, 4, 1];

pub(super) async fn insert(
    pool: &SqlitePool,
    groups: &[Vec<NewEvent<'_>>],
) -> Result<Vec<u64>, StoreError> {
    let rows = rows::distinct(groups);
    let mut inserted: Vec<(String, String)> = Vec::with_capacity(rows.len());
    let mut tx = pool.begin().await?;
    let mut rest = rows.as_slice();
    for size in rows::chunks(rows.len(), &CHUNKS) {
        let (chunk, tail) = rest.split_at(size);
        rest = tail;
        let mut query = QueryBuilder::<Sqlite>::new(INSERT);
        query.push_values(chunk, |mut b, (_, new)| {
            let c = Columns::of(new.event);
            b.push_bind(new.site)
                .push_bind(c.e.id.as_str())
                .push_bind(c.kind)
                .push_bind(c.e.guide.as_str())
                .push_bind(c.guide_version)
                .push_bind(c.e.run.as_str())
                .push_bind(c.e.step.as_deref())
                .push_bind(c.step_index)
                .push_bind(c.step_count)
                .push_bind(c.e.ts)
                .push_bind(new.received_at)
                .push_bind(c.e.path.as_str())
                .push_bind(c.e.locale.as_str())
                .push_bind(c.device)
                .push_bind(c.reason)
                .push_bind(c.dwell_ms)
                .push_bind(c.locator);
        });
        query.push(" ON CONFLICT (site, id) DO NOTHING RETURNING site, id");
        let new: Vec<(String, String)> = query.build_query_as().fetch_all(&mut *tx).await?;
        inserted.extend(new);
    }
    funnel_sync::update(&mut Conn::Sqlite(&mut tx), &rows, &inserted).await?;
    tx.commit().await?;
    Ok(rows::tally(groups.len(), &rows, &inserted))
}

const INSERT: &str = "INSERT INTO events (site, id, type, guide, guide_version, run, step, \
                      step_index, step_count, ts, received_at, path, locale, device, reason, \
                      dwell_ms, locator) ";

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

pub(super) async fn prune(pool: &SqlitePool, before_ms: i64) -> Result<u64, StoreError> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query("DELETE FROM events WHERE received_at < ?")
        .bind(before_ms)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() > 0 {
        funnel_rebuild::rebuild(&mut Conn::Sqlite(&mut tx)).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected())
}

pub(super) async fn rebuild_summaries(pool: &SqlitePool) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    funnel_rebuild::rebuild(&mut Conn::Sqlite(&mut tx)).await?;
    tx.commit().await?;
    Ok(())
}

/// Fills the funnel summaries of a store from before they existed.
async fn backfill(pool: &SqlitePool) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    let mut conn = Conn::Sqlite(&mut tx);
    if funnel_rebuild::needed(&mut conn).await? {
        tracing::info!("computing the funnel summaries of the stored events");
        funnel_rebuild::rebuild(&mut conn).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn record_versions(
    pool: &SqlitePool,
    versions: &[(&str, i64, String)],
) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    for (guide, version, steps) in versions {
        sqlx::query(
            "INSERT INTO guide_versions (guide, version, steps) VALUES (?, ?, ?) \
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
    pool: &SqlitePool,
    guide: &str,
    version: i64,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT steps FROM guide_versions WHERE guide = ? AND version = ?")
            .bind(guide)
            .bind(version)
            .fetch_optional(pool)
            .await?,
    )
}
