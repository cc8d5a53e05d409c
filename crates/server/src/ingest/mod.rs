//! `POST /v1/events`: the ingest route. It checks the body size, the site
//! key and `Origin`, the rate limits and every field of every event (see
//! [`check`]), then hands the batch to the [`crate::writer`] and answers
//! `200 {"accepted":N,"duplicates":M}` only after the commit.
//!
//! Statuses: 400 body is not JSON; 422 fields invalid (the whole batch is
//! refused, nothing stored, each problem names `events[i].field`); 403
//! unknown site or disallowed origin; 413 body over 64 KiB; 429 rate limited
//! and 503 store unavailable, both with `Retry-After`. The route has its own
//! CORS: any origin a configured site allows (any origin when a site allows
//! all), `POST` only, no credentials.

pub mod check;
pub mod limit;
pub mod versions;

use std::net::SocketAddr;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::app::AppState;
use crate::config::Site;
use crate::error::{ApiError, FieldError};
use crate::writer::{Accepted, WriteError};

/// Largest accepted body.
pub const MAX_BODY: usize = 64 * 1024;
/// Seconds a client is asked to wait when the store is unavailable.
const RETRY_UNAVAILABLE: u64 = 5;

/// The ingest route with its body limit and CORS.
pub fn routes(state: AppState) -> Router {
    let cors = cors(&state.sites);
    Router::new()
        .route("/v1/events", post(post_events))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(cors)
        .with_state(state)
}

fn cors(sites: &[Site]) -> CorsLayer {
    let any = sites.iter().any(|s| s.origins.is_none());
    let allowed: Vec<HeaderValue> = sites
        .iter()
        .flat_map(|s| s.origins.iter().flatten())
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let origin = if any {
        AllowOrigin::mirror_request()
    } else {
        AllowOrigin::list(allowed)
    };
    CorsLayer::new()
        .allow_origin(origin)
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(86_400))
}

async fn post_events(
    State(state): State<AppState>,
    address: Result<ConnectInfo<SocketAddr>, axum::extract::rejection::ExtensionRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Accepted>, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge { limit: MAX_BODY }
        } else {
            ApiError::Malformed(FieldError::request("body", rejection.body_text()))
        }
    })?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| {
        ApiError::Malformed(FieldError::request(
            "body",
            format!("is not valid JSON: {e}"),
        ))
    })?;
    let Value::Object(batch) = value else {
        return Err(ApiError::Invalid(vec![FieldError::request(
            "body",
            "must be an object {\"site\": ..., \"events\": [...]}",
        )]));
    };
    let site = match batch.get("site") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => {
            return Err(ApiError::Invalid(vec![FieldError::request(
                "site",
                "must be a string",
            )]))
        }
        None => {
            return Err(ApiError::Invalid(vec![FieldError::request(
                "site",
                "is missing",
            )]))
        }
    };
    let Some(known) = state.sites.iter().find(|s| s.key == site) else {
        return Err(ApiError::Forbidden(FieldError::request(
            "site",
            "is not a site of this server",
        )));
    };
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    if !known.allows(origin) {
        return Err(ApiError::Forbidden(FieldError::request(
            "Origin",
            "this origin may not send events for this site",
        )));
    }
    let ip = address.ok().map(|ConnectInfo(a)| {
        crate::proxy::client_address(a.ip(), &headers, &state.trusted_proxies)
    });
    state
        .limiter
        .check(site, ip, Instant::now())
        .map_err(|retry_after| ApiError::RateLimited { retry_after })?;
    let now_ms = now_ms();
    let known = state
        .versions
        .resolve(&state.guides(), batch.get("events"))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "looking up guide versions failed");
            ApiError::Unavailable {
                retry_after: RETRY_UNAVAILABLE,
            }
        })?;
    let events = check::events(batch.get("events"), &known, now_ms).map_err(ApiError::Invalid)?;
    match state.writer.write(site.to_string(), events, now_ms).await {
        Ok(accepted) => Ok(Json(accepted)),
        Err(WriteError::Busy | WriteError::Store) => Err(ApiError::Unavailable {
            retry_after: RETRY_UNAVAILABLE,
        }),
        Err(WriteError::Stopped) => Err(ApiError::Unavailable {
            retry_after: RETRY_UNAVAILABLE,
        }),
    }
}

/// Server time, ms since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
