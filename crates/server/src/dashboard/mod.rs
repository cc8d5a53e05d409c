//! The dashboard at `/dashboard`, for product owners: server-rendered HTML
//! in English and German, no JavaScript, one stylesheet (served as a file,
//! so the CSP allows no inline code at all), charts as inline SVG.
//!
//! - [`login`]: the token-for-session exchange and sign-out.
//! - [`guides`]: the guide list.
//! - [`guide`]: one guide: filters (a GET form, so a view's URL can be
//!   shared), the funnel [`chart`], and the [`tables`] (steps, reasons,
//!   time, broken guide, versions).
//! - [`html`]: escaping, the page frame, security headers; [`i18n`]: words.

pub mod chart;
pub mod guide;
pub mod guides;
pub mod html;
pub mod i18n;
pub mod login;
pub mod tables;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use crate::app::AppState;
use crate::auth::session;
use crate::ingest::now_ms;
use crate::store::TokenInfo;
use i18n::Lang;

/// The dashboard's stylesheet.
const CSS: &str = include_str!("dashboard.css");

/// The dashboard routes.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/dashboard", get(guides::page))
        .route("/dashboard/", get(guides::page))
        .route("/dashboard/login", get(login::form).post(login::submit))
        .route("/dashboard/logout", axum::routing::post(login::logout))
        .route("/dashboard/guides/{id}", get(guide::page))
        .route("/dashboard/guides/{id}/funnel.csv", get(guide::csv))
        .route("/dashboard/static/dashboard.css", get(css))
        .with_state(state)
}

async fn css() -> Response {
    let mut response = CSS.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The signed-in token, or the response to send instead: a redirect to
/// the login form, or 503 when the store fails.
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<TokenInfo, Response> {
    match session::current(&state.store, headers, now_ms()).await {
        Ok(Some(token)) => Ok(token),
        Ok(None) => {
            Err(Redirect::to(&format!("/dashboard/login?lang={}", lang.code())).into_response())
        }
        Err(e) => {
            tracing::error!(error = %e, "reading a session failed");
            Err(unavailable(lang))
        }
    }
}

/// The page shown when the store fails.
pub fn unavailable(lang: Lang) -> Response {
    let text = match lang {
        Lang::En => "The event store is unavailable. Try again in a moment.",
        Lang::De => {
            "Der Ereignisspeicher ist nicht erreichbar. Bitte gleich noch einmal versuchen."
        }
    };
    html::respond(
        StatusCode::SERVICE_UNAVAILABLE,
        html::page(
            lang,
            "503",
            "",
            "",
            &format!("<p class=\"error\">{}</p>", html::esc(text)),
        ),
    )
}
