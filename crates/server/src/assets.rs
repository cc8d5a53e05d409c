//! Files the server hands out: validated guides at `/guides/{id}.json`, the
//! widget bundle at `/lotse/`, and an optional static site at `/`.

use std::path::Path as FsPath;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::app::AppState;
use crate::error::{ApiError, FieldError};

/// How long browsers may reuse a guide or widget file without asking.
const CACHE: &str = "public, max-age=60";

/// Guide, widget and static routes.
pub fn routes(state: AppState) -> Router {
    let mut router = Router::new()
        .route("/guides/{file}", get(guide))
        .with_state(state.clone());
    if let Some(dir) = &state.widget_dir {
        router = router.nest_service("/lotse", files(dir, Some(CACHE)));
    }
    if let Some(dir) = &state.static_dir {
        router = router.fallback_service(files(dir, None));
    }
    router
}

/// A folder's files. Where `scripts/build-widget.sh` left a compressed
/// copy next to a file (`lotse_widget_bg.wasm.br`, `.gz`: brotli -q 11 and
/// zopfli, smaller than compressing on the fly), a browser that accepts
/// that encoding gets the copy; other files are compressed on the fly by
/// the router's compression layer.
fn files(dir: &FsPath, cache: Option<&'static str>) -> Router {
    let serve = ServeDir::new(dir)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip();
    let router = Router::new().fallback_service(serve);
    match cache {
        Some(value) => router.layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static(value),
        )),
        None => router,
    }
}

/// `GET /guides/{id}.json`: the guide file as written, once it validated.
async fn guide(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let not_found = || {
        ApiError::NotFound(FieldError::request(
            "id",
            format!("{file:?} is not a guide of this server"),
        ))
    };
    let id = file.strip_suffix(".json").ok_or_else(not_found)?;
    let guides = state.guides();
    let guide = guides.get(id).ok_or_else(not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, CACHE),
        ],
        guide.json.clone(),
    )
        .into_response())
}
