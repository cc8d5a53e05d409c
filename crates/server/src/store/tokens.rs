//! Report access tokens and dashboard sessions, on either backend. Only
//! SHA-256 hashes of tokens and session ids are stored; the secrets
//! themselves are shown once and never written.

use super::report_sql::{execute, fetch, Bind, Sql};
use super::{Store, StoreError};

/// A token as listed (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenInfo {
    /// Unique name, e.g. `product-owner`.
    pub name: String,
    /// The site key it is limited to, if any.
    pub site: Option<String>,
    /// Creation time, ms since the Unix epoch.
    pub created_at: i64,
}

impl Store {
    fn sql(&self, text: &str, binds: Vec<Bind>) -> Sql {
        Sql::with(self.dialect(), text, binds)
    }

    /// Stores a new token by the hash of its secret; `false` when the name
    /// is taken.
    pub async fn create_token(
        &self,
        name: &str,
        site: Option<&str>,
        hash: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let site = site.map_or(Bind::Null, |s| Bind::Text(s.to_string()));
        let n = execute!(
            self,
            self.sql(
                "INSERT INTO tokens (name, site, hash, created_at) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (name) DO NOTHING",
                vec![
                    Bind::Text(name.to_string()),
                    site,
                    Bind::Text(hash.to_string()),
                    Bind::Int(now_ms),
                ],
            )
        );
        Ok(n == 1)
    }

    /// Every token, by name.
    pub async fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        Ok(fetch!(
            self,
            TokenInfo,
            self.sql(
                "SELECT name, site, created_at FROM tokens ORDER BY name",
                vec![]
            )
        ))
    }

    /// Deletes a token and its sessions; `false` when there is none of
    /// that name.
    pub async fn revoke_token(&self, name: &str) -> Result<bool, StoreError> {
        let name = || vec![Bind::Text(name.to_string())];
        execute!(
            self,
            self.sql("DELETE FROM sessions WHERE token = ?", name())
        );
        let n = execute!(self, self.sql("DELETE FROM tokens WHERE name = ?", name()));
        Ok(n > 0)
    }

    /// The token whose secret hashes to `hash`.
    pub async fn token_by_hash(&self, hash: &str) -> Result<Option<TokenInfo>, StoreError> {
        let rows = fetch!(
            self,
            TokenInfo,
            self.sql(
                "SELECT name, site, created_at FROM tokens WHERE hash = ?",
                vec![Bind::Text(hash.to_string())]
            )
        );
        Ok(rows.into_iter().next())
    }

    /// Stores a dashboard session (by the hash of its id) for `token`,
    /// valid until `expires_at` (ms); also drops expired sessions.
    pub async fn create_session(
        &self,
        hash: &str,
        token: &str,
        now_ms: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        execute!(
            self,
            self.sql(
                "DELETE FROM sessions WHERE expires_at <= ?",
                vec![Bind::Int(now_ms)]
            )
        );
        execute!(
            self,
            self.sql(
                "INSERT INTO sessions (hash, token, expires_at) VALUES (?, ?, ?)",
                vec![
                    Bind::Text(hash.to_string()),
                    Bind::Text(token.to_string()),
                    Bind::Int(expires_at),
                ]
            )
        );
        Ok(())
    }

    /// The token of the unexpired session whose id hashes to `hash`.
    pub async fn session(&self, hash: &str, now_ms: i64) -> Result<Option<TokenInfo>, StoreError> {
        let rows = fetch!(
            self,
            TokenInfo,
            self.sql(
                "SELECT t.name, t.site, t.created_at FROM sessions s \
                 JOIN tokens t ON t.name = s.token WHERE s.hash = ? AND s.expires_at > ?",
                vec![Bind::Text(hash.to_string()), Bind::Int(now_ms)]
            )
        );
        Ok(rows.into_iter().next())
    }

    /// Ends a session.
    pub async fn delete_session(&self, hash: &str) -> Result<(), StoreError> {
        execute!(
            self,
            self.sql(
                "DELETE FROM sessions WHERE hash = ?",
                vec![Bind::Text(hash.to_string())]
            )
        );
        Ok(())
    }
}
