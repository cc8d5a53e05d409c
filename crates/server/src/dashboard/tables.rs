//! The tables of a guide's page: steps, reasons, time, the broken-guide
//! panel and the version comparison. Every id and path is escaped.

use lotse_core::event::Reason;
use lotse_core::funnel::{BrokenStep, Funnel, VersionFunnel};

use super::html::esc;
use super::i18n::Lang;

fn th(text: &str) -> String {
    format!("<th scope=\"col\">{}</th>", esc(text))
}

fn reasons(lang: Lang, counts: &std::collections::BTreeMap<Reason, u64>) -> String {
    if counts.is_empty() {
        return "–".to_string();
    }
    counts
        .iter()
        .map(|(r, n)| {
            format!(
                "<span class=\"reason\" data-reason=\"{}\">{}: {n}</span>",
                r.as_str(),
                esc(lang.reason(*r))
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Per step: viewed, completed, back, conversions, gave up, broke.
pub fn steps(funnel: &Funnel, lang: Lang) -> String {
    let t = lang.t();
    let mut out = format!(
        "<div class=\"scroll\"><table class=\"steps\" id=\"steps\"><thead><tr>{}{}{}{}{}{}{}{}</tr></thead><tbody>",
        th(t.step),
        th(t.viewed),
        th(t.completed),
        th(t.back),
        th(t.from_previous),
        th(t.from_start),
        th(t.abandoned),
        th(t.failed),
    );
    for s in &funnel.steps {
        out.push_str(&format!(
            "<tr data-step=\"{id}\"><th scope=\"row\">{id}</th>\
             <td class=\"n\" data-field=\"viewed\">{}</td><td class=\"n\" data-field=\"completed\">{}</td>\
             <td class=\"n\" data-field=\"back\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\" data-field=\"abandoned\">{}</td><td class=\"n\" data-field=\"failed\">{}</td></tr>",
            s.viewed,
            s.completed,
            s.back,
            esc(&lang.percent(s.conversion_from_previous)),
            esc(&lang.percent(s.conversion_from_start)),
            s.abandoned_total(),
            s.failed_total(),
            id = esc(&s.id),
        ));
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Per step: why visitors gave up, and the visible time (median, p90).
pub fn reasons_and_time(funnel: &Funnel, lang: Lang) -> String {
    let t = lang.t();
    let mut out = format!(
        "<div class=\"scroll\"><table class=\"reasons\" id=\"reasons\"><thead><tr>{}{}{}{}</tr></thead><tbody>",
        th(t.step),
        th(t.reasons),
        th(&format!("{} ({})", t.time, t.median)),
        th(&format!("{} ({})", t.time, t.p90)),
    );
    for s in &funnel.steps {
        out.push_str(&format!(
            "<tr data-step=\"{id}\"><th scope=\"row\">{id}</th><td>{}</td>\
             <td class=\"n\" data-field=\"p50\">{}</td><td class=\"n\" data-field=\"p90\">{}</td></tr>",
            reasons(lang, &s.abandoned),
            esc(&lang.seconds(s.dwell.p50_ms)),
            esc(&lang.seconds(s.dwell.p90_ms)),
            id = esc(&s.id),
        ));
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The broken-guide panel.
pub fn broken(rows: &[BrokenStep], lang: Lang) -> String {
    let t = lang.t();
    if rows.is_empty() {
        return format!(
            "<p class=\"ok\" id=\"broken\">{}</p>",
            esc(t.nothing_broken)
        );
    }
    let mut out = format!(
        "<div class=\"scroll\"><table class=\"broken\" id=\"broken\"><thead><tr>{}{}{}{}</tr></thead><tbody>",
        th(t.step),
        th(t.failed),
        th(t.paths),
        th(t.locators),
    );
    for b in rows {
        let paths = b
            .paths
            .iter()
            .map(|p| format!("<code>{}</code> ({})", esc(&p.path), p.runs))
            .collect::<Vec<_>>()
            .join(", ");
        let locators = b
            .locators
            .iter()
            .map(|(l, n)| format!("#{l}: {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "<tr data-step=\"{id}\"><th scope=\"row\">{id}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            reasons(lang, &b.failed),
            if paths.is_empty() { "–".to_string() } else { paths },
            if locators.is_empty() { "–".to_string() } else { locators },
            id = esc(&b.id),
        ));
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Versions side by side: runs, completion, and per step the share of
/// runs that viewed it.
pub fn versions(versions: &[VersionFunnel], lang: Lang) -> String {
    let t = lang.t();
    let Some(first) = versions.first() else {
        return String::new();
    };
    let mut out = format!(
        "<div class=\"scroll\"><table class=\"versions\" id=\"versions\"><thead><tr>{}",
        th(t.version)
    );
    for v in versions {
        out.push_str(&format!("<th scope=\"col\">v{}</th>", v.version));
    }
    out.push_str("</tr></thead><tbody>");
    let row = |label: &str, cell: &dyn Fn(&VersionFunnel) -> String| {
        let cells: String = versions
            .iter()
            .map(|v| format!("<td class=\"n\">{}</td>", esc(&cell(v))))
            .collect();
        format!("<tr><th scope=\"row\">{}</th>{cells}</tr>", esc(label))
    };
    out.push_str(&row(t.runs, &|v| v.funnel.runs.started.to_string()));
    out.push_str(&row(t.completion_rate, &|v| {
        lang.percent(v.funnel.runs.completion_rate)
    }));
    for step in &first.funnel.steps {
        out.push_str(&row(&step.id, &|v| {
            let s = v.funnel.steps.iter().find(|s| s.id == step.id);
            lang.percent(s.and_then(|s| s.conversion_from_start))
        }));
    }
    out.push_str("</tbody></table></div>");
    out
}
