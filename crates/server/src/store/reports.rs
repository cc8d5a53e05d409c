//! The reads behind the reports, on either backend: per-run facts for the
//! funnel, the broken-guide counts and the guide list, each with the
//! [`Filter`] pushed into SQL (see `report_sql`).

use lotse_core::event::{EventType, Reason};
use lotse_core::funnel::{Fact, FailureCount, Filter, LocatorCount};

use super::report_sql::{self, fetch, Dialect};
use super::{Store, StoreError};

/// Runs of one guide over the filter, for the guide list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideRuns {
    /// Guide id.
    pub guide: String,
    /// Distinct runs.
    pub runs: u64,
    /// Distinct runs that completed the guide.
    pub completed: u64,
}

/// One row of the facts query, decoded by column position (no name
/// lookups) with type and reason read as borrowed `&str` (no allocation);
/// `None` for a type or reason this version does not know (ingest never
/// stores them).
struct FactRow(Option<Fact>);

impl<'r, R> sqlx::FromRow<'r, R> for FactRow
where
    R: sqlx::Row,
    usize: sqlx::ColumnIndex<R>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    &'r str: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    /// Columns in the order of `report_sql::facts`: run, version, kind,
    /// step, reason, last_ts, last_received, dwell_ms.
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        let version: i64 = row.try_get(1)?;
        let kind: &str = row.try_get(2)?;
        let reason: Option<&str> = row.try_get(4)?;
        let (Ok(version), Some(kind)) = (u32::try_from(version), EventType::parse(kind)) else {
            return Ok(Self(None));
        };
        let reason = match reason {
            Some(r) => match Reason::parse(r) {
                Some(r) => Some(r),
                None => return Ok(Self(None)),
            },
            None => None,
        };
        let dwell_ms: Option<i64> = row.try_get(7)?;
        Ok(Self(Some(Fact {
            run: row.try_get(0)?,
            version,
            kind,
            step: row.try_get(3)?,
            reason,
            last_ts: row.try_get(5)?,
            last_received: row.try_get(6)?,
            dwell_ms: dwell_ms.and_then(|d| u64::try_from(d).ok()),
        })))
    }
}

#[derive(sqlx::FromRow)]
struct GuideRow {
    guide: String,
    runs: i64,
    completed: i64,
}

#[derive(sqlx::FromRow)]
struct FailureRow {
    step: String,
    reason: String,
    path: String,
    runs: i64,
}

#[derive(sqlx::FromRow)]
struct LocatorRow {
    step: String,
    locator: i64,
    runs: i64,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store {
    pub(super) fn dialect(&self) -> Dialect {
        match self {
            Store::Sqlite(_) => Dialect::Sqlite,
            Store::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The facts of every run of `guide` that `filter` selects: events
    /// grouped by run, version, type, step and reason.
    pub async fn report_facts(
        &self,
        guide: &str,
        filter: &Filter,
    ) -> Result<Vec<Fact>, StoreError> {
        let rows = fetch!(
            self,
            FactRow,
            report_sql::facts(self.dialect(), guide, filter)
        );
        Ok(rows.into_iter().filter_map(|r| r.0).collect())
    }

    /// The facts of every run of `guide` (optionally one version), without
    /// other conditions.
    pub async fn facts(&self, guide: &str, version: Option<u32>) -> Result<Vec<Fact>, StoreError> {
        let filter = Filter {
            version,
            ..Filter::default()
        };
        self.report_facts(guide, &filter).await
    }

    /// Per guide with events, its runs and completed runs over `filter`
    /// (its `version` is ignored: versions differ per guide).
    pub async fn guide_runs(&self, filter: &Filter) -> Result<Vec<GuideRuns>, StoreError> {
        let filter = Filter {
            version: None,
            ..filter.clone()
        };
        let rows = fetch!(self, GuideRow, report_sql::guides(self.dialect(), &filter));
        Ok(rows
            .into_iter()
            .map(|r| GuideRuns {
                guide: r.guide,
                runs: count(r.runs),
                completed: count(r.completed),
            })
            .collect())
    }

    /// Runs in which a step of `guide` failed, per step, reason and path.
    pub async fn failures(
        &self,
        guide: &str,
        filter: &Filter,
    ) -> Result<Vec<FailureCount>, StoreError> {
        let rows = fetch!(
            self,
            FailureRow,
            report_sql::failures(self.dialect(), guide, filter)
        );
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(FailureCount {
                    step: r.step,
                    reason: Reason::parse(&r.reason)?,
                    path: r.path,
                    runs: count(r.runs),
                })
            })
            .collect())
    }

    /// Runs whose view of a step of `guide` was found by a fallback locator
    /// (index > 0), per step and locator.
    pub async fn locators(
        &self,
        guide: &str,
        filter: &Filter,
    ) -> Result<Vec<LocatorCount>, StoreError> {
        let rows = fetch!(
            self,
            LocatorRow,
            report_sql::locators(self.dialect(), guide, filter)
        );
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(LocatorCount {
                    step: r.step,
                    locator: u32::try_from(r.locator).ok()?,
                    runs: count(r.runs),
                })
            })
            .collect())
    }
}
