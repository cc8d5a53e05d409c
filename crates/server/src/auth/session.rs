//! Dashboard sessions: a random id in an `HttpOnly; SameSite=Strict`
//! cookie scoped to `/dashboard`, stored hashed with an expiry.

use axum::http::{header, HeaderMap, HeaderValue};

use super::{hash, new_secret, RandomError};
use crate::store::{Store, StoreError, TokenInfo};

/// The cookie's name.
pub const COOKIE: &str = "lotse_session";
/// How long a session lasts, in ms (12 hours).
pub const LIFETIME_MS: i64 = 12 * 60 * 60 * 1000;

/// A failed session operation.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// No randomness.
    #[error(transparent)]
    Random(#[from] RandomError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Starts a session for `token`; returns the `Set-Cookie` value.
pub async fn start(
    store: &Store,
    token: &TokenInfo,
    now_ms: i64,
    secure: bool,
) -> Result<String, SessionError> {
    let id = new_secret("")?;
    store
        .create_session(&hash(&id), &token.name, now_ms, now_ms + LIFETIME_MS)
        .await?;
    Ok(set_cookie(&id, LIFETIME_MS / 1000, secure))
}

/// The `Set-Cookie` value for session `id` (empty and `max_age` 0 to
/// delete it).
pub fn set_cookie(id: &str, max_age_s: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE}={id}; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age={max_age_s}{secure}"
    )
}

/// The session id in the request's cookies.
pub fn from_headers(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v: &HeaderValue| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

/// The token of the request's unexpired session.
pub async fn current(
    store: &Store,
    headers: &HeaderMap,
    now_ms: i64,
) -> Result<Option<TokenInfo>, StoreError> {
    match from_headers(headers) {
        Some(id) => store.session(&hash(id), now_ms).await,
        None => Ok(None),
    }
}

/// Ends the request's session, if any.
pub async fn end(store: &Store, headers: &HeaderMap) -> Result<(), StoreError> {
    if let Some(id) = from_headers(headers) {
        store.delete_session(&hash(id)).await?;
    }
    Ok(())
}

/// Whether the request came over HTTPS (directly or, per
/// `X-Forwarded-Proto`, through a proxy): then the cookie is `Secure`.
pub fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}
