//! `GET /v1/health`: for load balancers and uptime checks. `200` when this
//! instance can reach its store, `503` when it cannot (so a load balancer
//! sends visitors' events to an instance that can store them). The answer
//! names no host, user or error: it is public.

use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::app::AppState;

/// How long the store may take to answer before the instance counts as
/// unhealthy.
const STORE_TIMEOUT: Duration = Duration::from_secs(2);

/// The health route.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/v1/health", get(health))
        .with_state(state)
}

async fn health(State(state): State<AppState>) -> Response {
    let store = match tokio::time::timeout(STORE_TIMEOUT, state.store.ping()).await {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(_) => Some(format!("no answer within {} s", STORE_TIMEOUT.as_secs())),
    };
    let (status, body) = match store {
        None => (StatusCode::OK, json!({"status": "ok", "store": "ok"})),
        Some(error) => {
            tracing::warn!(%error, "health check: the store is unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                json!({"status": "unavailable", "store": "unavailable"}),
            )
        }
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}
