//! The report API, behind a bearer token (see [`crate::auth`]):
//!
//! - `GET /v1/reports/guides`: every guide with runs and completion rate.
//! - `GET /v1/reports/guides/{id}/funnel`: the funnel of a guide as JSON,
//!   or as CSV with `Accept: text/csv` or at `.../funnel.csv`.
//!
//! Both take `?version=&from=&to=&locale=&device=&path=` ([`query`]).
//! The numbers come from `lotse_core::funnel` over the store's facts
//! ([`build`]), the CSV from [`csv`].

pub mod build;
pub mod cli;
pub mod csv;
pub mod query;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use lotse_core::funnel::Filter;
use serde::Serialize;

use crate::app::AppState;
use crate::auth::Access;
use crate::error::{ApiError, FieldError};
use crate::ingest::now_ms;
use crate::store::StoreError;

pub use build::{funnel_report, guide_list, FunnelReport, GuideSummary};
pub use query::ReportQuery;

/// The report routes.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/v1/reports/guides", get(list))
        .route("/v1/reports/guides/{id}/funnel", get(funnel_json_or_csv))
        .route("/v1/reports/guides/{id}/funnel.csv", get(funnel_csv))
        .with_state(state)
}

/// The filter of a request, limited to the token's site.
fn filter_of(
    access: &Access,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> Result<Filter, ApiError> {
    let Query(query) =
        query.map_err(|e| ApiError::Invalid(vec![FieldError::request("query", e.body_text())]))?;
    let mut filter = query.filter().map_err(ApiError::Invalid)?;
    filter.site = access.site().map(str::to_string);
    Ok(filter)
}

fn unavailable(e: StoreError) -> ApiError {
    tracing::error!(error = %e, "reading a report failed");
    ApiError::Unavailable { retry_after: 5 }
}

/// The guide list as served.
#[derive(Debug, Serialize)]
struct GuideList {
    guides: Vec<GuideSummary>,
}

async fn list(
    State(state): State<AppState>,
    access: Access,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> Result<Json<impl Serialize>, ApiError> {
    let filter = filter_of(&access, query)?;
    let guides = guide_list(&state.store, &state.guides(), &filter)
        .await
        .map_err(unavailable)?;
    Ok(Json(GuideList { guides }))
}

async fn report(state: &AppState, id: &str, filter: &Filter) -> Result<FunnelReport, ApiError> {
    let guides = state.guides();
    funnel_report(&state.store, &guides, id, filter, now_ms())
        .await
        .map_err(unavailable)?
        .ok_or_else(|| {
            ApiError::NotFound(FieldError::request(
                "id",
                format!("{id:?} is not a guide of this server"),
            ))
        })
}

fn wants_csv(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("text/csv"))
}

async fn funnel_json_or_csv(
    State(state): State<AppState>,
    access: Access,
    Path(id): Path<String>,
    headers: HeaderMap,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let filter = filter_of(&access, query)?;
    let report = report(&state, &id, &filter).await?;
    if wants_csv(&headers) {
        Ok(csv_response(&report))
    } else {
        Ok(Json(report).into_response())
    }
}

async fn funnel_csv(
    State(state): State<AppState>,
    access: Access,
    Path(id): Path<String>,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let filter = filter_of(&access, query)?;
    let report = report(&state, &id, &filter).await?;
    Ok(csv_response(&report))
}

fn csv_response(report: &FunnelReport) -> Response {
    let mut response = csv::render(report).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    // The guide id is validated (a safe file name), but stay strict.
    let name: String = report
        .guide
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}-funnel.csv\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
