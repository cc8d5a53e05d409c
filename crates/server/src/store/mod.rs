//! Where events live: SQLite (the embedded default) or PostgreSQL (for
//! several `lotse` instances), chosen by the database URL's scheme, each
//! with its own migrations in `migrations/{sqlite,postgres}/`.

mod conn;
mod funnel_locks;
mod funnel_read;
mod funnel_rebuild;
mod funnel_rows;
mod funnel_sync;
mod postgres;
mod report_sql;
mod reports;
mod rows;
mod sqlite;
mod tokens;

pub use reports::GuideRuns;
pub use tokens::TokenInfo;

use lotse_core::event::{Event, Reason};

/// An open, migrated store. Cheap to clone (a connection pool).
#[derive(Debug, Clone)]
pub enum Store {
    /// `sqlite://PATH`
    Sqlite(sqlx::SqlitePool),
    /// `postgres://...` or `postgresql://...`
    Postgres(sqlx::PgPool),
}

/// A store operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no store Lotse knows.
    #[error("database URL must start with sqlite:// or postgres:// (got {0:?})")]
    Scheme(String),
    /// The database refused or could not be reached.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// An event as it is written: with its site and the server's receive time.
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    /// The site key the batch was sent for.
    pub site: &'a str,
    /// The validated event.
    pub event: &'a Event,
    /// Server receive time, ms since the Unix epoch.
    pub received_at: i64,
}

impl Store {
    /// Connects to (creating a SQLite file if missing) and migrates the
    /// store named by `url`.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("sqlite:") {
            sqlite::open(url).await.map(Store::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            postgres::open(url).await.map(Store::Postgres)
        } else {
            Err(StoreError::Scheme(crate::config::redact(url)))
        }
    }

    /// Writes groups of events in one transaction; returns per group how
    /// many were new (the rest were already stored: same site and id).
    /// Nothing is written unless everything is.
    pub async fn insert(&self, groups: &[Vec<NewEvent<'_>>]) -> Result<Vec<u64>, StoreError> {
        match self {
            Store::Sqlite(pool) => sqlite::insert(pool, groups).await,
            Store::Postgres(pool) => postgres::insert(pool, groups).await,
        }
    }

    /// The versions of `guide` that have events, ascending.
    pub async fn versions(&self, guide: &str) -> Result<Vec<u32>, StoreError> {
        let versions = match self {
            Store::Sqlite(pool) => sqlite::versions(pool, guide).await?,
            Store::Postgres(pool) => postgres::versions(pool, guide).await?,
        };
        Ok(versions
            .into_iter()
            .filter_map(|v| u32::try_from(v).ok())
            .collect())
    }

    /// How many events are stored, over all sites and guides.
    pub async fn count(&self) -> Result<u64, StoreError> {
        let n = match self {
            Store::Sqlite(pool) => sqlite::count(pool).await?,
            Store::Postgres(pool) => postgres::count(pool).await?,
        };
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Whether the database answers a trivial query (`SELECT 1`), for
    /// health checks.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
            Store::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
        }
        Ok(())
    }

    /// Deletes the events received before `before_ms` (ms since the Unix
    /// epoch); returns how many were deleted (`lotse prune`).
    pub async fn prune(&self, before_ms: i64) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(pool) => sqlite::prune(pool, before_ms).await,
            Store::Postgres(pool) => postgres::prune(pool, before_ms).await,
        }
    }

    /// Recomputes the funnel summaries from the stored events (the writer
    /// keeps them current; this is for events written around it, e.g. by
    /// the report benchmark).
    pub async fn rebuild_summaries(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(pool) => sqlite::rebuild_summaries(pool).await,
            Store::Postgres(pool) => postgres::rebuild_summaries(pool).await,
        }
    }

    /// Remembers guide versions and their step ids (guide, version, steps)
    /// so that their events stay accepted after a restart and on other
    /// instances. A version recorded again gets the steps given now.
    pub async fn record_versions(
        &self,
        versions: &[(&str, u32, &[String])],
    ) -> Result<(), StoreError> {
        let rows: Vec<(&str, i64, String)> = versions
            .iter()
            .map(|(guide, version, steps)| {
                let json = serde_json::to_string(steps).unwrap_or_else(|_| "[]".to_string());
                (*guide, i64::from(*version), json)
            })
            .collect();
        match self {
            Store::Sqlite(pool) => sqlite::record_versions(pool, &rows).await,
            Store::Postgres(pool) => postgres::record_versions(pool, &rows).await,
        }
    }

    /// The step ids of a recorded guide version, `None` if never recorded.
    pub async fn version_steps(
        &self,
        guide: &str,
        version: u32,
    ) -> Result<Option<Vec<String>>, StoreError> {
        let json = match self {
            Store::Sqlite(pool) => sqlite::version_steps(pool, guide, i64::from(version)).await?,
            Store::Postgres(pool) => {
                postgres::version_steps(pool, guide, i64::from(version)).await?
            }
        };
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Closes every connection (after the last write).
    pub async fn close(&self) {
        match self {
            Store::Sqlite(pool) => pool.close().await,
            Store::Postgres(pool) => pool.close().await,
        }
    }
}

/// The columns of an event, converted for binding.
struct Columns<'a> {
    kind: &'static str,
    guide_version: i64,
    step_index: Option<i64>,
    step_count: i64,
    reason: Option<&'static str>,
    dwell_ms: Option<i64>,
    locator: Option<i64>,
    device: &'static str,
    e: &'a Event,
}

impl<'a> Columns<'a> {
    fn of(e: &'a Event) -> Self {
        Columns {
            kind: e.kind.as_str(),
            guide_version: i64::from(e.guide_version),
            step_index: e.step_index.map(i64::from),
            step_count: i64::from(e.step_count),
            reason: e.reason.map(Reason::as_str),
            dwell_ms: e.dwell_ms.map(|d| i64::try_from(d).unwrap_or(i64::MAX)),
            locator: e.locator.map(i64::from),
            device: e.device.as_str(),
            e,
        }
    }
}
