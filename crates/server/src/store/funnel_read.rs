//! The funnel from the summaries (see `funnel_sync`): the rollup rows the
//! filter selects, added up per version, and the few open runs that are
//! not silent yet (they are counted as open in the rollups, but only the
//! silent ones are `left`).
//!
//! The conditions are those of `report_sql` (a run counts when one of its
//! events matches every condition), on a run's first and last day, its
//! locale and device: for a run with one locale and device whose events
//! fall on at most two consecutive days, that is the same.
//!
//! Filters the rollups can not decide (a path, a time range that does not
//! start and end at midnight UTC, or a narrowed report while some runs
//! change locale or device or span days) select the runs from their
//! events, exactly as `report_sql` does, and add up those runs' states
//! from `funnel_runs`: one indexed subquery and one row per run instead of
//! every fact. `None` only when runs mix versions or sites (then the
//! caller falls back to the facts).

use lotse_core::funnel::{Counters, Filter, RunState, VersionCounters, DAY_MS};

use super::conn::Conn;
use super::report_sql::{like_escape, Bind, Sql};
use super::{GuideRuns, Store, StoreError};

#[derive(sqlx::FromRow)]
struct Irregular {
    irregular: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct GuideRollupRow {
    guide: String,
    counters: String,
}

#[derive(sqlx::FromRow)]
struct RollupRow {
    version: i64,
    counters: String,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    guide: String,
    version: i64,
    state: String,
}

#[derive(sqlx::FromRow)]
struct OpenRow {
    version: i64,
    step: String,
    runs: i64,
}

/// Whether the rollups can not decide `filter` (a path, a time range not
/// on UTC midnights, or a narrowed report while some runs are irregular),
/// so the runs are selected from their events (`selected_runs`).
fn by_events(filter: &Filter, irregular: i64) -> bool {
    let whole_days = [filter.from_ms, filter.to_ms]
        .into_iter()
        .flatten()
        .all(|ms| ms.rem_euclid(DAY_MS) == 0);
    filter.path.is_some() || !whole_days || (irregular == 1 && filter.narrows_runs())
}

/// The guide, version and state of every run of `guide` (any guide when
/// `None`) that `filter` selects by its events, as `report_sql` selects
/// them (`filter` must narrow runs).
fn selected_runs(conn: &Conn<'_>, guide: Option<&str>, filter: &Filter) -> Sql {
    let mut sql = Sql::with(
        conn.dialect(),
        "SELECT guide, version, state FROM funnel_runs WHERE 1 = 1",
        Vec::new(),
    );
    sql.guide_version_site("version", guide, filter);
    sql.runs(guide, filter);
    sql
}

/// `AND` conditions of `filter` on a table with the columns `version`,
/// `site`, `first_day`, `last_day`, `locale`, `device`. The time range must
/// be whole days (`by_events` is false).
fn conditions(filter: &Filter, text: &mut String, binds: &mut Vec<Bind>) {
    let day = |ms: i64| ms.div_euclid(DAY_MS);
    let from = filter.from_ms.map(day);
    let to = filter.to_ms.map(day);
    if let Some(version) = filter.version {
        text.push_str(" AND version = ?");
        binds.push(Bind::Int(i64::from(version)));
    }
    if let Some(site) = &filter.site {
        text.push_str(" AND site = ?");
        binds.push(Bind::Text(site.clone()));
    }
    match (from, to) {
        (None, None) => {}
        (Some(from), None) => {
            text.push_str(" AND last_day >= ?");
            binds.push(Bind::Int(from));
        }
        (None, Some(to)) => {
            text.push_str(" AND first_day < ?");
            binds.push(Bind::Int(to));
        }
        (Some(from), Some(to)) => {
            text.push_str(
                " AND ((first_day >= ? AND first_day < ?) OR (last_day >= ? AND last_day < ?))",
            );
            binds.extend([from, to, from, to].map(Bind::Int));
        }
    }
    if let Some(locale) = &filter.locale {
        text.push_str(" AND (locale = ? OR locale LIKE ? ESCAPE '\\')");
        binds.push(Bind::Text(locale.clone()));
        binds.push(Bind::Text(format!("{}-%", like_escape(locale))));
    }
    if let Some(device) = filter.device {
        text.push_str(" AND device = ?");
        binds.push(Bind::Text(device.as_str().to_string()));
    }
}

impl Store {
    /// Per version of `guide`, the counters of the runs `filter` selects
    /// and the open runs among them with an event received after
    /// `silent_before` (ms since the epoch); `None` when only the facts
    /// give the right numbers (see the module docs).
    pub async fn funnel_counters(
        &self,
        guide: &str,
        filter: &Filter,
        silent_before: i64,
    ) -> Result<Option<VersionCounters>, StoreError> {
        // One snapshot for the rollups and the open runs.
        let mut sqlite;
        let mut postgres;
        let mut conn = match self {
            Store::Sqlite(pool) => {
                sqlite = pool.begin().await?;
                Conn::Sqlite(&mut sqlite)
            }
            Store::Postgres(pool) => {
                postgres = pool.begin().await?;
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .execute(&mut *postgres)
                    .await?;
                Conn::Postgres(&mut postgres)
            }
        };
        let mut text = "SELECT MAX(irregular) AS irregular FROM funnel_runs \
                        WHERE guide = ? AND irregular > 0"
            .to_string();
        let mut binds = vec![Bind::Text(guide.to_string())];
        if let Some(version) = filter.version {
            text.push_str(" AND version = ?");
            binds.push(Bind::Int(i64::from(version)));
        }
        let sql = conn.sql(&text, binds);
        let irregular = conn
            .fetch::<Irregular>(&sql)
            .await?
            .into_iter()
            .find_map(|r| r.irregular)
            .unwrap_or(0);
        if irregular >= 2 {
            return Ok(None);
        }
        if by_events(filter, irregular) {
            let sql = selected_runs(&conn, Some(guide), filter);
            let mut versions = VersionCounters::new();
            conn.for_each::<StateRow>(&sql, |row| {
                let (Ok(version), Ok(state)) = (
                    u32::try_from(row.version),
                    serde_json::from_str::<RunState>(&row.state),
                ) else {
                    return;
                };
                let (counters, recent) = versions.entry(version).or_default();
                state.add_to(counters, false);
                if state.received > silent_before {
                    if let Some(step) = state.open_step() {
                        *recent.entry(step.to_string()).or_default() += 1;
                    }
                }
            })
            .await?;
            return Ok(Some(versions));
        }

        let mut text = "SELECT version, counters FROM funnel_rollups WHERE guide = ?".to_string();
        let mut binds = vec![Bind::Text(guide.to_string())];
        conditions(filter, &mut text, &mut binds);
        let sql = conn.sql(&text, binds);
        let mut versions = VersionCounters::new();
        for row in conn.fetch::<RollupRow>(&sql).await? {
            let (Ok(version), Ok(counters)) = (
                u32::try_from(row.version),
                serde_json::from_str::<Counters>(&row.counters),
            ) else {
                continue;
            };
            versions.entry(version).or_default().0.merge(&counters, 1);
        }

        let mut text = "SELECT version, open_step AS step, COUNT(*) AS runs FROM funnel_runs \
                        WHERE guide = ? AND received > ? AND open_step IS NOT NULL"
            .to_string();
        let mut binds = vec![Bind::Text(guide.to_string()), Bind::Int(silent_before)];
        conditions(filter, &mut text, &mut binds);
        text.push_str(" GROUP BY version, open_step");
        let sql = conn.sql(&text, binds);
        for row in conn.fetch::<OpenRow>(&sql).await? {
            if let Ok(version) = u32::try_from(row.version) {
                versions
                    .entry(version)
                    .or_default()
                    .1
                    .insert(row.step, row.runs);
            }
        }
        Ok(Some(versions))
    }

    /// [`Store::guide_runs`] from the summaries (one read of the rollup
    /// rows `filter` selects); `None` when only the events give the right
    /// numbers (see the module docs).
    pub async fn guide_runs_from_summaries(
        &self,
        filter: &Filter,
    ) -> Result<Option<Vec<GuideRuns>>, StoreError> {
        let filter = Filter {
            version: None,
            ..filter.clone()
        };
        let mut sqlite;
        let mut postgres;
        let mut conn = match self {
            Store::Sqlite(pool) => {
                sqlite = pool.acquire().await?;
                Conn::Sqlite(&mut sqlite)
            }
            Store::Postgres(pool) => {
                postgres = pool.acquire().await?;
                Conn::Postgres(&mut postgres)
            }
        };
        let sql = conn.sql(
            "SELECT MAX(irregular) AS irregular FROM funnel_runs WHERE irregular > 0",
            vec![],
        );
        let irregular = conn
            .fetch::<Irregular>(&sql)
            .await?
            .into_iter()
            .find_map(|r| r.irregular)
            .unwrap_or(0);
        if irregular >= 2 {
            return Ok(None);
        }
        let mut sums: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
        if by_events(&filter, irregular) {
            let sql = selected_runs(&conn, None, &filter);
            conn.for_each::<StateRow>(&sql, |row| {
                if let Ok(state) = serde_json::from_str::<RunState>(&row.state) {
                    let sum = sums.entry(row.guide).or_default();
                    sum.0 += 1;
                    sum.1 += i64::from(state.completed);
                }
            })
            .await?;
        } else {
            let mut text = "SELECT guide, counters FROM funnel_rollups WHERE 1 = 1".to_string();
            let mut binds = Vec::new();
            conditions(&filter, &mut text, &mut binds);
            let sql = conn.sql(&text, binds);
            for row in conn.fetch::<GuideRollupRow>(&sql).await? {
                if let Ok(c) = serde_json::from_str::<Counters>(&row.counters) {
                    let sum = sums.entry(row.guide).or_default();
                    sum.0 += c.started;
                    sum.1 += c.completed;
                }
            }
        }
        Ok(Some(
            sums.into_iter()
                .filter(|(_, (runs, _))| *runs > 0)
                .map(|(guide, (runs, completed))| GuideRuns {
                    guide,
                    runs: u64::try_from(runs).unwrap_or(0),
                    completed: u64::try_from(completed).unwrap_or(0),
                })
                .collect(),
        ))
    }
}
