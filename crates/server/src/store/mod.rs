//! Where events live: SQLite (the embedded default) or PostgreSQL (for
//! several `lotse` instances), chosen by the database URL's scheme, each
//! with its own migrations in `migrations/{sqlite,postgres}/`.

mod postgres;
mod sqlite;

use lotse_core::event::{Event, EventType, Reason};
use lotse_core::funnel::Fact;

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

    /// The facts of every run of `guide` (optionally one version) for the
    /// funnel: events grouped by run, type, step and reason.
    pub async fn facts(&self, guide: &str, version: Option<u32>) -> Result<Vec<Fact>, StoreError> {
        let rows = match self {
            Store::Sqlite(pool) => sqlite::facts(pool, guide, version.map(i64::from)).await?,
            Store::Postgres(pool) => postgres::facts(pool, guide, version.map(i64::from)).await?,
        };
        Ok(rows.into_iter().filter_map(FactRow::into_fact).collect())
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

    /// Closes every connection (after the last write).
    pub async fn close(&self) {
        match self {
            Store::Sqlite(pool) => pool.close().await,
            Store::Postgres(pool) => pool.close().await,
        }
    }
}

/// A fact as both backends return it.
#[derive(Debug, sqlx::FromRow)]
struct FactRow {
    run: String,
    kind: String,
    step: Option<String>,
    reason: Option<String>,
    last_ts: i64,
    last_received: i64,
}

impl FactRow {
    /// Rows with a type or reason this version does not know are skipped
    /// (ingest never stores them).
    fn into_fact(self) -> Option<Fact> {
        let reason = match self.reason {
            Some(r) => Some(Reason::parse(&r)?),
            None => None,
        };
        Some(Fact {
            run: self.run,
            kind: EventType::parse(&self.kind)?,
            step: self.step,
            reason,
            last_ts: self.last_ts,
            last_received: self.last_received,
        })
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
