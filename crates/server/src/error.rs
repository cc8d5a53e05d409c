//! The errors of the server: [`ServerError`] stops `lotse serve` from
//! starting; [`ApiError`] is one failed HTTP request and becomes its
//! response. Client faults name the bad field; server faults are logged and
//! answered with an opaque 500.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lotse_core::guide::Problems;
use serde::Serialize;

use crate::store::StoreError;

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// Guides failed validation; every problem of every file is listed.
    #[error("invalid guides, the server does not start:\n{}", crate::guides::render_all(.0))]
    Guides(Vec<Problems>),
    /// The store could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Serving failed.
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// One problem with a request, as sent back to the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Index of the event in the batch, for problems of one event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The field, e.g. `events[3].step`, `site`, `body` or the header name.
    pub field: String,
    /// A plain sentence saying what is wrong.
    pub message: String,
}

impl FieldError {
    /// A problem of the request as a whole (not of one event).
    pub fn request(field: &str, message: impl Into<String>) -> Self {
        Self {
            index: None,
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// A failed request. Each variant maps to one status code.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body is not JSON.
    #[error("malformed request")]
    Malformed(FieldError),
    /// 422: JSON, but fields are missing, of the wrong type or not allowed;
    /// the whole batch is refused.
    #[error("invalid request: {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    /// 403: unknown site key, or an origin the site does not allow.
    #[error("forbidden")]
    Forbidden(FieldError),
    /// 401: a report was asked for without a valid token.
    #[error("unauthorized")]
    Unauthorized(FieldError),
    /// 404: no such guide or route.
    #[error("not found")]
    NotFound(FieldError),
    /// 413: the body is larger than the limit.
    #[error("body too large")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// 429: too many requests; try again after the given seconds.
    #[error("rate limited")]
    RateLimited {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// 503: the store is unavailable or the write queue is full; nothing
    /// was stored, try again after the given seconds.
    #[error("unavailable")]
    Unavailable {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// 500: a fault of the server, logged with its cause; the client sees
    /// no details.
    #[error("internal error: {0}")]
    Internal(String),
}

#[derive(Serialize)]
struct Body {
    errors: Vec<FieldError>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, errors, retry_after) = match self {
            ApiError::Malformed(e) => (StatusCode::BAD_REQUEST, vec![e], None),
            ApiError::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
            ApiError::Forbidden(e) => (StatusCode::FORBIDDEN, vec![e], None),
            ApiError::Unauthorized(e) => (StatusCode::UNAUTHORIZED, vec![e], None),
            ApiError::NotFound(e) => (StatusCode::NOT_FOUND, vec![e], None),
            ApiError::TooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                vec![FieldError::request(
                    "body",
                    format!("must be at most {limit} bytes; send fewer events per batch"),
                )],
                None,
            ),
            ApiError::RateLimited { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                vec![FieldError::request(
                    "body",
                    "too many requests; retry later",
                )],
                Some(retry_after),
            ),
            ApiError::Unavailable { retry_after } => (
                StatusCode::SERVICE_UNAVAILABLE,
                vec![FieldError::request("body", "not stored; retry later")],
                Some(retry_after),
            ),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    vec![FieldError::request("body", "internal error")],
                    None,
                )
            }
        };
        let mut response = (status, Json(Body { errors })).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
