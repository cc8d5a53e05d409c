//! One guide's page: the filter form (GET, so the URL is the view), the
//! run totals, the funnel chart, steps, reasons and time, the broken-guide
//! panel and the version comparison; and its CSV download.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use lotse_core::funnel::Filter;

use super::guides::PageQuery;
use super::html::{esc, page as frame, respond, sign_out, url};
use super::i18n::Lang;
use super::{chart, tables};
use crate::app::AppState;
use crate::ingest::now_ms;
use crate::reports::{csv as csv_render, funnel_report, FunnelReport};

/// Loads the report for a page; `Err` is the response to send instead.
async fn load(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
    q: &PageQuery,
    lang: Lang,
) -> Result<(Option<FunnelReport>, Vec<String>), Response> {
    let token = super::signed_in(state, headers, lang).await?;
    let (mut filter, problems) = match q.report.filter() {
        Ok(filter) => (filter, Vec::new()),
        Err(problems) => (
            Filter::default(),
            problems
                .into_iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect(),
        ),
    };
    filter.site = token.site;
    let guides = state.guides();
    match funnel_report(&state.store, &guides, id, &filter, now_ms()).await {
        Ok(report) => Ok((report, problems)),
        Err(e) => {
            tracing::error!(error = %e, "reading a report failed");
            Err(super::unavailable(lang))
        }
    }
}

/// `GET /dashboard/guides/{id}`.
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = Lang::pick(q.lang.as_deref(), &headers);
    let t = lang.t();
    let (report, problems) = match load(&state, &headers, &id, &q, lang).await {
        Ok(loaded) => loaded,
        Err(response) => return response,
    };
    let Some(report) = report else {
        let body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            esc(&id),
            esc(t.unknown_guide)
        );
        return respond(
            StatusCode::NOT_FOUND,
            frame(lang, &id, &sign_out(lang), &q.filters_query(), &body),
        );
    };
    let errors: String = problems
        .iter()
        .map(|p| format!("<p class=\"error\">{}</p>", esc(p)))
        .collect();
    let runs = &report.funnel.runs;
    let summary = format!(
        "<dl class=\"totals\" id=\"totals\">\
         <div><dt>{}</dt><dd data-field=\"started\">{}</dd></div>\
         <div><dt>{}</dt><dd data-field=\"completed\">{}</dd></div>\
         <div><dt>{}</dt><dd data-field=\"rate\">{}</dd></div>\
         <div><dt>{}</dt><dd data-field=\"goal\">{}</dd></div>\
         <div><dt>{}</dt><dd data-field=\"failed\">{}</dd></div></dl>",
        esc(t.runs),
        runs.started,
        esc(t.completed),
        runs.completed,
        esc(t.completion_rate),
        esc(&lang.percent(runs.completion_rate)),
        esc(t.goal_reached),
        runs.goal_reached,
        esc(t.failed_runs),
        runs.failed,
    );
    let empty = if runs.started == 0 {
        format!("<p class=\"note\">{}</p>", esc(t.no_runs))
    } else {
        String::new()
    };
    let versions = if report.by_version.len() > 1 {
        format!(
            "<section><h2>{}</h2>{}</section>",
            esc(t.versions),
            tables::versions(&report.by_version, lang)
        )
    } else {
        String::new()
    };
    let body = format!(
        "<p class=\"crumbs\"><a href=\"/dashboard?{list_query}\">{guides}</a></p>\
         <h1>{title} <small>{id}</small></h1>{errors}{form}{summary}{empty}\
         <section><h2>{funnel}</h2>{chart}{steps}</section>\
         <section><h2>{reasons} · {time}</h2>{reasons_table}</section>\
         <section><h2>{broken}</h2>{broken_table}</section>{versions}\
         <p><a class=\"csv\" href=\"/dashboard/guides/{id_url}/funnel.csv?{query}\">{csv}</a></p>",
        list_query = esc(&q.to_query(lang)),
        guides = esc(t.guides),
        title = esc(&report.title),
        id = esc(&report.guide),
        form = filter_form(&report, &q, lang),
        funnel = esc(t.funnel),
        chart = chart::funnel_chart(&report.funnel, lang),
        steps = tables::steps(&report.funnel, lang),
        reasons = esc(t.reasons),
        time = esc(t.time),
        reasons_table = tables::reasons_and_time(&report.funnel, lang),
        broken = esc(t.broken),
        broken_table = tables::broken(&report.broken, lang),
        id_url = url(&report.guide),
        query = esc(&q.to_query(lang)),
        csv = esc(t.csv),
    );
    respond(
        StatusCode::OK,
        frame(
            lang,
            &report.title,
            &sign_out(lang),
            &q.filters_query(),
            &body,
        ),
    )
}

/// The filter form; its fields keep the current values.
fn filter_form(report: &FunnelReport, q: &PageQuery, lang: Lang) -> String {
    let t = lang.t();
    let r = &q.report;
    let value = |v: &Option<String>| esc(v.as_deref().unwrap_or(""));
    let selected = |v: &Option<String>, want: &str| {
        if v.as_deref().unwrap_or("") == want {
            " selected"
        } else {
            ""
        }
    };
    let mut version_options = format!("<option value=\"\">{}</option>", esc(t.all_versions));
    let mut known: Vec<u32> = report.by_version.iter().map(|v| v.version).collect();
    known.extend(report.versions.iter().copied());
    known.sort_unstable();
    known.dedup();
    for v in known {
        let s = v.to_string();
        version_options.push_str(&format!(
            "<option value=\"{s}\"{}>v{s}</option>",
            selected(&r.version, &s)
        ));
    }
    let mut devices = format!("<option value=\"\">{}</option>", esc(t.any));
    for d in ["mobile", "tablet", "desktop"] {
        devices.push_str(&format!(
            "<option value=\"{d}\"{}>{d}</option>",
            selected(&r.device, d)
        ));
    }
    format!(
        "<form class=\"filters\" id=\"filters\" method=\"get\" action=\"/dashboard/guides/{id_url}\">\
         <input type=\"hidden\" name=\"lang\" value=\"{code}\">\
         <label>{version_l} <select name=\"version\">{version_options}</select></label>\
         <label>{from_l} <input type=\"date\" name=\"from\" value=\"{from}\"></label>\
         <label>{to_l} <input type=\"date\" name=\"to\" value=\"{to}\"></label>\
         <label>{locale_l} <input type=\"text\" name=\"locale\" value=\"{locale}\" placeholder=\"de-DE\" size=\"6\"></label>\
         <label>{device_l} <select name=\"device\">{devices}</select></label>\
         <label>{path_l} <input type=\"text\" name=\"path\" value=\"{path}\" placeholder=\"/de/tarif/\"></label>\
         <button type=\"submit\" id=\"apply\">{apply}</button> \
         <a href=\"/dashboard/guides/{id_url}?lang={code}\">{reset}</a></form>",
        id_url = url(&report.guide),
        code = lang.code(),
        version_l = esc(t.version),
        from_l = esc(t.from),
        from = value(&r.from),
        to_l = esc(t.to),
        to = value(&r.to),
        locale_l = esc(t.locale),
        locale = value(&r.locale),
        device_l = esc(t.device),
        path_l = esc(t.path),
        path = value(&r.path),
        apply = esc(t.apply),
        reset = esc(t.reset),
    )
}

/// `GET /dashboard/guides/{id}/funnel.csv`: the API's CSV, for the
/// signed-in session.
pub async fn csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = Lang::pick(q.lang.as_deref(), &headers);
    match load(&state, &headers, &id, &q, lang).await {
        Ok((Some(report), _)) => {
            let mut response = csv_render::render(&report).into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"funnel.csv\""),
            );
            response
        }
        Ok((None, _)) => StatusCode::NOT_FOUND.into_response(),
        Err(response) => response,
    }
}
