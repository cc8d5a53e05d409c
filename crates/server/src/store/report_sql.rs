//! The SQL of the reports, written once for both backends: a [`Filter`]
//! becomes `WHERE` conditions with bound values, placeholders in the
//! backend's style (`?` for SQLite, `$n` for PostgreSQL).
//!
//! A run counts when any of its events matches the filter, and then with
//! all its events: the conditions on single events (time, locale, device,
//! path) select runs in a subquery (`run IN (SELECT run ...)`), served by
//! the `events_guide_ts` index; the grouping reads the covering
//! `events_report` index in (guide, run, ...) order, so it streams without
//! a sort (see migrations 0004).

use lotse_core::funnel::Filter;

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Bind {
    Text(String),
    Int(i64),
    /// SQL NULL (as text).
    Null,
}

/// Which placeholder style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Sqlite,
    Postgres,
}

/// SQL text and its bound values, in order.
#[derive(Debug)]
pub(super) struct Sql {
    pub(super) text: String,
    pub(super) binds: Vec<Bind>,
    dialect: Dialect,
}

impl Sql {
    /// `text` with `?` placeholders for `binds`, in `dialect`'s style.
    pub(super) fn with(dialect: Dialect, text: &str, binds: Vec<Bind>) -> Self {
        let mut sql = Sql::new(dialect);
        let mut parts = text.split('?');
        sql.push(parts.next().unwrap_or(""));
        for (part, bind) in parts.zip(binds) {
            sql.bind(bind).push(part);
        }
        sql
    }

    fn new(dialect: Dialect) -> Self {
        Sql {
            text: String::new(),
            binds: Vec::new(),
            dialect,
        }
    }

    pub(super) fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    fn bind(&mut self, value: Bind) -> &mut Self {
        self.binds.push(value);
        match self.dialect {
            Dialect::Sqlite => self.text.push('?'),
            Dialect::Postgres => {
                let n = self.binds.len();
                self.text.push_str(&format!("${n}"));
            }
        }
        self
    }

    pub(super) fn text(&mut self, value: &str) -> &mut Self {
        self.bind(Bind::Text(value.to_string()))
    }

    pub(super) fn int(&mut self, value: i64) -> &mut Self {
        self.bind(Bind::Int(value))
    }

    /// ` AND` conditions on every event: guide (if any), version, site.
    fn every_event(&mut self, guide: Option<&str>, filter: &Filter) {
        self.guide_version_site("guide_version", guide, filter);
    }

    /// ` AND` conditions on a table's `guide` (if any), version (in the
    /// column `version_column`) and `site`.
    pub(super) fn guide_version_site(
        &mut self,
        version_column: &str,
        guide: Option<&str>,
        filter: &Filter,
    ) {
        if let Some(guide) = guide {
            self.push(" AND guide = ").text(guide);
        }
        if let Some(version) = filter.version {
            self.push(" AND ")
                .push(version_column)
                .push(" = ")
                .int(i64::from(version));
        }
        if let Some(site) = &filter.site {
            self.push(" AND site = ").text(site);
        }
    }

    /// ` AND run IN (...)` when the filter selects runs by their events.
    pub(super) fn runs(&mut self, guide: Option<&str>, filter: &Filter) {
        if !filter.narrows_runs() {
            return;
        }
        self.push(" AND run IN (SELECT run FROM events WHERE 1 = 1");
        self.every_event(guide, filter);
        if let Some(from) = filter.from_ms {
            self.push(" AND ts >= ").int(from);
        }
        if let Some(to) = filter.to_ms {
            self.push(" AND ts < ").int(to);
        }
        if let Some(locale) = &filter.locale {
            self.push(" AND (locale = ").text(locale);
            self.push(" OR locale LIKE ")
                .text(&format!("{}-%", like_escape(locale)));
            self.push(" ESCAPE '\\')");
        }
        if let Some(device) = filter.device {
            self.push(" AND device = ").text(device.as_str());
        }
        if let Some(path) = &filter.path {
            self.push(" AND path = ").text(path);
        }
        self.push(")");
    }
}

/// Runs `$sql` (a [`Sql`]) on `$store` and decodes every row as `$row`
/// (`fetch`: all rows) or counts the rows changed (`execute`).
macro_rules! fetch {
    ($store:expr, $row:ty, $sql:expr) => {{
        let sql: $crate::store::report_sql::Sql = $sql;
        match $store {
            $crate::store::Store::Sqlite(pool) => {
                let mut q = sqlx::query_as::<_, $row>(sqlx::AssertSqlSafe(sql.text.as_str()));
                for b in &sql.binds {
                    q = match b {
                        $crate::store::report_sql::Bind::Text(s) => q.bind(s.clone()),
                        $crate::store::report_sql::Bind::Int(i) => q.bind(*i),
                        $crate::store::report_sql::Bind::Null => q.bind(None::<String>),
                    };
                }
                q.fetch_all(pool).await?
            }
            $crate::store::Store::Postgres(pool) => {
                let mut q = sqlx::query_as::<_, $row>(sqlx::AssertSqlSafe(sql.text.as_str()));
                for b in &sql.binds {
                    q = match b {
                        $crate::store::report_sql::Bind::Text(s) => q.bind(s.clone()),
                        $crate::store::report_sql::Bind::Int(i) => q.bind(*i),
                        $crate::store::report_sql::Bind::Null => q.bind(None::<String>),
                    };
                }
                q.fetch_all(pool).await?
            }
        }
    }};
}
pub(super) use fetch;

macro_rules! execute {
    ($store:expr, $sql:expr) => {{
        let sql: $crate::store::report_sql::Sql = $sql;
        match $store {
            $crate::store::Store::Sqlite(pool) => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.text.as_str()));
                for b in &sql.binds {
                    q = match b {
                        $crate::store::report_sql::Bind::Text(s) => q.bind(s.clone()),
                        $crate::store::report_sql::Bind::Int(i) => q.bind(*i),
                        $crate::store::report_sql::Bind::Null => q.bind(None::<String>),
                    };
                }
                q.execute(pool).await?.rows_affected()
            }
            $crate::store::Store::Postgres(pool) => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.text.as_str()));
                for b in &sql.binds {
                    q = match b {
                        $crate::store::report_sql::Bind::Text(s) => q.bind(s.clone()),
                        $crate::store::report_sql::Bind::Int(i) => q.bind(*i),
                        $crate::store::report_sql::Bind::Null => q.bind(None::<String>),
                    };
                }
                q.execute(pool).await?.rows_affected()
            }
        }
    }};
}
pub(super) use execute;

/// `s` with LIKE's wildcards and the escape character escaped.
pub(super) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The facts of `guide`'s runs: events grouped by run, version, type,
/// step and reason with the latest times and the largest dwell.
pub(super) fn facts(dialect: Dialect, guide: &str, filter: &Filter) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push(
        "SELECT run, guide_version AS version, type AS kind, step, reason, \
         MAX(ts) AS last_ts, MAX(received_at) AS last_received, MAX(dwell_ms) AS dwell_ms \
         FROM events WHERE 1 = 1",
    );
    sql.every_event(Some(guide), filter);
    sql.runs(Some(guide), filter);
    sql.push(" GROUP BY run, guide_version, type, step, reason");
    sql
}

/// Per guide: distinct runs and runs with `guide_completed`.
pub(super) fn guides(dialect: Dialect, filter: &Filter) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push(
        "SELECT guide, COUNT(DISTINCT run) AS runs, \
         COUNT(DISTINCT CASE WHEN type = 'guide_completed' THEN run END) AS completed \
         FROM events WHERE 1 = 1",
    );
    sql.every_event(None, filter);
    sql.runs(None, filter);
    sql.push(" GROUP BY guide ORDER BY guide");
    sql
}

/// Runs in which a step of `guide` failed, per step, reason and path
/// (partial index `events_failed`).
pub(super) fn failures(dialect: Dialect, guide: &str, filter: &Filter) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push(
        "SELECT step, reason, path, COUNT(DISTINCT run) AS runs FROM events \
         WHERE type = 'step_failed' AND step IS NOT NULL AND reason IS NOT NULL",
    );
    sql.every_event(Some(guide), filter);
    sql.runs(Some(guide), filter);
    sql.push(" GROUP BY step, reason, path");
    sql
}

/// Runs whose view of a step of `guide` was found only by a fallback
/// locator (index > 0), per step and locator (partial index
/// `events_fallback`).
pub(super) fn locators(dialect: Dialect, guide: &str, filter: &Filter) -> Sql {
    let mut sql = Sql::new(dialect);
    sql.push(
        "SELECT step, locator, COUNT(DISTINCT run) AS runs FROM events \
         WHERE locator > 0 AND type = 'step_viewed' AND step IS NOT NULL",
    );
    sql.every_event(Some(guide), filter);
    sql.runs(Some(guide), filter);
    sql.push(" GROUP BY step, locator");
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_core::event::Device;

    #[test]
    fn filters_become_bound_conditions() {
        let filter = Filter {
            version: Some(2),
            from_ms: Some(10),
            locale: Some("de_%".into()),
            device: Some(Device::Mobile),
            ..Filter::default()
        };
        let sql = facts(Dialect::Postgres, "g", &filter);
        assert!(
            sql.text.contains("guide = $1 AND guide_version = $2"),
            "{}",
            sql.text
        );
        assert!(sql.text.contains("ts >= $5"), "{}", sql.text);
        assert_eq!(sql.binds[6], Bind::Text("de\\_\\%-%".into()));
        let plain = facts(Dialect::Sqlite, "g", &Filter::default());
        assert!(!plain.text.contains("run IN"), "{}", plain.text);
        assert_eq!(plain.binds, [Bind::Text("g".into())]);
    }
}
