//! Who may read reports: bearer tokens (`lotse token create`) for the API,
//! and for the dashboard a session cookie obtained by exchanging a token at
//! the login form. Secrets are random (32 bytes from the OS) and only their
//! SHA-256 hashes are stored.

pub mod cli;
pub mod session;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::error::{ApiError, FieldError};
use crate::store::{Store, StoreError, TokenInfo};

/// Prefix of every token secret, so a leaked one is recognisable.
pub const TOKEN_PREFIX: &str = "lotse_";

/// A failure to make a secret.
#[derive(Debug, thiserror::Error)]
#[error("no randomness from the operating system: {0}")]
pub struct RandomError(String);

/// `prefix` followed by 32 random bytes in hex.
pub fn new_secret(prefix: &str) -> Result<String, RandomError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| RandomError(e.to_string()))?;
    Ok(format!("{prefix}{}", hex(&bytes)))
}

/// The SHA-256 of `secret`, in lower-case hex: what the store keeps.
pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates a token; returns its secret (shown once), or `None` when the
/// name is taken.
pub async fn create_token(
    store: &Store,
    name: &str,
    site: Option<&str>,
    now_ms: i64,
) -> anyhow::Result<Option<String>> {
    let secret = new_secret(TOKEN_PREFIX)?;
    let created = store
        .create_token(name, site, &hash(&secret), now_ms)
        .await?;
    Ok(created.then_some(secret))
}

/// The token a secret belongs to, if it exists (was not revoked).
pub async fn check_token(store: &Store, secret: &str) -> Result<Option<TokenInfo>, StoreError> {
    if secret.is_empty() {
        return Ok(None);
    }
    store.token_by_hash(&hash(secret)).await
}

/// A request allowed to read reports, with the token it came with.
#[derive(Debug, Clone)]
pub struct Access(pub TokenInfo);

impl Access {
    /// The site the token is limited to, if any.
    pub fn site(&self) -> Option<&str> {
        self.0.site.as_deref()
    }
}

/// The secret of an `Authorization: Bearer SECRET` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim())
}

impl FromRequestParts<AppState> for Access {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(secret) = bearer(&parts.headers) else {
            return Err(ApiError::Unauthorized(FieldError::request(
                "authorization",
                "reports need an Authorization: Bearer TOKEN header (lotse token create)",
            )));
        };
        match check_token(&state.store, secret).await {
            Ok(Some(token)) => Ok(Access(token)),
            Ok(None) => Err(ApiError::Unauthorized(FieldError::request(
                "authorization",
                "unknown or revoked token",
            ))),
            Err(e) => {
                tracing::error!(error = %e, "checking a token failed");
                Err(ApiError::Unavailable { retry_after: 5 })
            }
        }
    }
}
