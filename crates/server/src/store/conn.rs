//! One connection of either backend inside a transaction, for the SQL the
//! funnel summaries run (see `funnel_sync`, `funnel_rebuild`): a [`Sql`]
//! with its bound values, fetched or executed the same way on both.

use sqlx::{PgConnection, SqliteConnection};

use super::report_sql::{Bind, Dialect, Sql};
use super::StoreError;

/// A connection (of an open transaction) of either backend.
pub(super) enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

macro_rules! bound {
    ($q:expr, $binds:expr) => {{
        let mut q = $q;
        for b in $binds {
            q = match b {
                Bind::Text(s) => q.bind(s.clone()),
                Bind::Int(i) => q.bind(*i),
                Bind::Null => q.bind(None::<String>),
            };
        }
        q
    }};
}

impl Conn<'_> {
    pub(super) fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// `text` with `?` placeholders for `binds`, in this backend's style.
    pub(super) fn sql(&self, text: &str, binds: Vec<Bind>) -> Sql {
        Sql::with(self.dialect(), text, binds)
    }

    /// Every row of `sql`, decoded as `R`.
    pub(super) async fn fetch<R>(&mut self, sql: &Sql) -> Result<Vec<R>, StoreError>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        let mut rows = Vec::new();
        self.for_each(sql, |row| rows.push(row)).await?;
        Ok(rows)
    }

    /// Calls `each` with every row of `sql`, decoded as `R`, as the rows
    /// arrive (for results too large to hold at once).
    pub(super) async fn for_each<R>(
        &mut self,
        sql: &Sql,
        mut each: impl FnMut(R),
    ) -> Result<(), StoreError>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        use futures_util::TryStreamExt;
        let text = sqlx::AssertSqlSafe(sql.text.as_str());
        match self {
            Conn::Sqlite(c) => {
                let mut rows = bound!(sqlx::query_as::<_, R>(text), &sql.binds).fetch(&mut **c);
                while let Some(row) = rows.try_next().await? {
                    each(row);
                }
            }
            Conn::Postgres(c) => {
                let mut rows = bound!(sqlx::query_as::<_, R>(text), &sql.binds).fetch(&mut **c);
                while let Some(row) = rows.try_next().await? {
                    each(row);
                }
            }
        }
        Ok(())
    }

    /// Runs `sql`; returns the rows it changed.
    pub(super) async fn execute(&mut self, sql: &Sql) -> Result<u64, StoreError> {
        let text = sqlx::AssertSqlSafe(sql.text.as_str());
        Ok(match self {
            Conn::Sqlite(c) => bound!(sqlx::query(text), &sql.binds)
                .execute(&mut **c)
                .await?
                .rows_affected(),
            Conn::Postgres(c) => bound!(sqlx::query(text), &sql.binds)
                .execute(&mut **c)
                .await?
                .rows_affected(),
        })
    }
}
