//! The guide list: every guide with runs, completions and completion rate
//! over the date range in the URL.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::html::{esc, page as frame, respond, sign_out, url};
use super::i18n::Lang;
use crate::app::AppState;
use crate::reports::{guide_list, ReportQuery};

/// The query of the dashboard pages: the report filter and the language.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    /// The filter, as the API takes it.
    #[serde(flatten)]
    pub report: ReportQuery,
    /// `en` or `de`.
    pub lang: Option<String>,
}

impl PageQuery {
    /// The filter's parameters as a query string (with `lang`), for links.
    pub fn to_query(&self, lang: Lang) -> String {
        let filters = self.filters_query();
        if filters.is_empty() {
            format!("lang={}", lang.code())
        } else {
            format!("lang={}&{filters}", lang.code())
        }
    }

    /// The filter's parameters alone as a query string (no `lang`; empty
    /// when nothing is filtered).
    pub fn filters_query(&self) -> String {
        let r = &self.report;
        let mut parts = Vec::new();
        for (name, value) in [
            ("version", &r.version),
            ("from", &r.from),
            ("to", &r.to),
            ("locale", &r.locale),
            ("device", &r.device),
            ("path", &r.path),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                parts.push(format!("{name}={}", url(v)));
            }
        }
        parts.join("&")
    }
}

/// `GET /dashboard`.
pub async fn page_handler(state: AppState, headers: HeaderMap, q: PageQuery) -> Response {
    let lang = Lang::pick(q.lang.as_deref(), &headers);
    let token = match super::signed_in(&state, &headers, lang).await {
        Ok(token) => token,
        Err(response) => return response,
    };
    let t = lang.t();
    let (mut filter, problems) = match q.report.filter() {
        Ok(filter) => (filter, Vec::new()),
        Err(problems) => (Default::default(), problems),
    };
    filter.site = token.site.clone();
    let guides = state.guides();
    let list = match guide_list(&state.store, &guides, &filter).await {
        Ok(list) => list,
        Err(e) => {
            tracing::error!(error = %e, "reading the guide list failed");
            return super::unavailable(lang);
        }
    };
    let link_query = q.to_query(lang);
    let mut rows = String::new();
    for g in &list {
        rows.push_str(&format!(
            "<tr data-guide=\"{id}\"><th scope=\"row\"><a href=\"/dashboard/guides/{id_url}?{link_query}\">{id}</a></th>\
             <td>{title}</td><td class=\"n\">{version}</td><td class=\"n\" data-field=\"runs\">{runs}</td>\
             <td class=\"n\" data-field=\"completed\">{completed}</td><td class=\"n\" data-field=\"rate\">{rate}</td></tr>",
            id = esc(&g.id),
            id_url = url(&g.id),
            link_query = esc(&link_query),
            title = esc(&g.title),
            version = g.version.map(|v| v.to_string()).unwrap_or_default(),
            runs = g.runs,
            completed = g.completed,
            rate = esc(&lang.percent(g.completion_rate)),
        ));
    }
    let errors: String = problems
        .iter()
        .map(|p| {
            format!(
                "<p class=\"error\">{}: {}</p>",
                esc(&p.field),
                esc(&p.message)
            )
        })
        .collect();
    let body = format!(
        "<h1>{guides}</h1>{errors}\
         <form class=\"filters\" method=\"get\" action=\"/dashboard\">\
         <input type=\"hidden\" name=\"lang\" value=\"{code}\">\
         <label>{from} <input type=\"date\" name=\"from\" value=\"{from_v}\"></label>\
         <label>{to} <input type=\"date\" name=\"to\" value=\"{to_v}\"></label>\
         <button type=\"submit\">{apply}</button></form>\
         <div class=\"scroll\"><table class=\"guides\"><thead><tr><th>{guide}</th><th></th>\
         <th class=\"n\">{version}</th><th class=\"n\">{runs}</th><th class=\"n\">{completed}</th>\
         <th class=\"n\">{rate}</th></tr></thead><tbody>{rows}</tbody></table></div>",
        guides = esc(t.guides),
        code = lang.code(),
        from = esc(t.from),
        to = esc(t.to),
        from_v = esc(q.report.from.as_deref().unwrap_or("")),
        to_v = esc(q.report.to.as_deref().unwrap_or("")),
        apply = esc(t.apply),
        guide = esc(t.guide),
        version = esc(t.version),
        runs = esc(t.runs),
        completed = esc(t.completed),
        rate = esc(t.completion_rate),
    );
    respond(
        StatusCode::OK,
        frame(lang, t.guides, &sign_out(lang), &q.filters_query(), &body),
    )
}

/// `GET /dashboard`.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    page_handler(state, headers, q).await
}
