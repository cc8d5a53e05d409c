//! Sign-in: a form that exchanges a report token for a session cookie
//! (`HttpOnly; SameSite=Strict; Path=/dashboard`), and sign-out.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::html::{esc, page, respond};
use super::i18n::Lang;
use crate::app::AppState;
use crate::auth::{check_token, session};
use crate::ingest::now_ms;

/// `?lang=`.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    /// `en` or `de`.
    pub lang: Option<String>,
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    /// The token secret.
    #[serde(default)]
    pub token: String,
    /// The page language.
    #[serde(default)]
    pub lang: Option<String>,
}

fn render(lang: Lang, error: bool) -> String {
    let t = lang.t();
    let error = if error {
        format!("<p class=\"error\" role=\"alert\">{}</p>", esc(t.bad_token))
    } else {
        String::new()
    };
    let body = format!(
        "<section class=\"login\"><h1>{title}</h1>{error}<p>{help}</p>\
         <form method=\"post\" action=\"/dashboard/login\">\
         <input type=\"hidden\" name=\"lang\" value=\"{code}\">\
         <label for=\"token\">{token}</label>\
         <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>\
         <button type=\"submit\" id=\"sign-in\">{sign_in}</button></form></section>",
        title = esc(t.login),
        help = esc(t.login_help),
        code = lang.code(),
        token = esc(t.token),
        sign_in = esc(t.sign_in),
    );
    page(lang, t.login, "", "", &body)
}

/// `GET /dashboard/login`.
pub async fn form(Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    let lang = Lang::pick(q.lang.as_deref(), &headers);
    respond(StatusCode::OK, render(lang, false))
}

/// `POST /dashboard/login`: a known token starts a session.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = Lang::pick(form.lang.as_deref(), &headers);
    let token = match check_token(&state.store, form.token.trim()).await {
        Ok(Some(token)) => token,
        Ok(None) => return respond(StatusCode::UNAUTHORIZED, render(lang, true)),
        Err(e) => {
            tracing::error!(error = %e, "checking a token failed");
            return super::unavailable(lang);
        }
    };
    let secure = session::is_https(&headers);
    match session::start(&state.store, &token, now_ms(), secure).await {
        Ok(cookie) => with_cookie(&format!("/dashboard?lang={}", lang.code()), &cookie),
        Err(e) => {
            tracing::error!(error = %e, "starting a session failed");
            super::unavailable(lang)
        }
    }
}

/// `POST /dashboard/logout`: ends the session and deletes the cookie.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(q): Form<LangQuery>,
) -> Response {
    let lang = Lang::pick(q.lang.as_deref(), &headers);
    if let Err(e) = session::end(&state.store, &headers).await {
        tracing::error!(error = %e, "ending a session failed");
    }
    let cookie = session::set_cookie("", 0, session::is_https(&headers));
    with_cookie(&format!("/dashboard/login?lang={}", lang.code()), &cookie)
}

fn with_cookie(to: &str, cookie: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    super::html::secure(response.headers_mut());
    response
}
