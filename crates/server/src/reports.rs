//! `GET /v1/reports/guides/{id}/funnel`: the drop-off numbers of a guide,
//! computed by `lotse_core::funnel` from the store's per-run facts.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use lotse_core::funnel::{self, Funnel, Options, DEFAULT_INACTIVITY_MS};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::error::{ApiError, FieldError};
use crate::ingest::now_ms;

/// The report routes.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/v1/reports/guides/{id}/funnel", get(funnel_report))
        .with_state(state)
}

/// Query parameters of the funnel.
#[derive(Debug, Deserialize)]
struct FunnelQuery {
    /// Only this guide version; all versions together when absent.
    version: Option<u32>,
}

/// The funnel as served.
#[derive(Debug, Serialize)]
pub struct FunnelReport {
    /// Guide id.
    pub guide: String,
    /// The guide versions counted.
    pub versions: Vec<u32>,
    /// Runs and steps.
    #[serde(flatten)]
    pub funnel: Funnel,
}

async fn funnel_report(
    State(state): State<AppState>,
    Path(id): Path<String>,
    query: Result<Query<FunnelQuery>, QueryRejection>,
) -> Result<Json<FunnelReport>, ApiError> {
    let Query(query) = query.map_err(|_| {
        ApiError::Invalid(vec![FieldError::request(
            "version",
            "must be a whole number of at least 1",
        )])
    })?;
    let Some(file) = state.guides.get(&id) else {
        return Err(ApiError::NotFound(FieldError::request(
            "id",
            format!("{id:?} is not a guide of this server"),
        )));
    };
    let unavailable = |e| {
        tracing::error!(error = %e, "reading the funnel failed");
        ApiError::Unavailable { retry_after: 5 }
    };
    let facts = state
        .store
        .facts(&id, query.version)
        .await
        .map_err(unavailable)?;
    let versions = match query.version {
        Some(v) => vec![v],
        None => state.store.versions(&id).await.map_err(unavailable)?,
    };
    let steps: Vec<&str> = file.guide.steps.iter().map(|s| s.id.as_str()).collect();
    let options = Options {
        now_ms: now_ms(),
        inactivity_ms: DEFAULT_INACTIVITY_MS,
    };
    Ok(Json(FunnelReport {
        guide: id,
        versions,
        funnel: funnel::funnel(&steps, &facts, options),
    }))
}
