//! How `lotse check` prints its findings: a table a person reads, with one
//! sentence per failure, or JSON for CI.

use lotse_core::guide::{Guide, Locator};
use serde_json::json;

use super::{Outcome, Row};

/// The table (`STEP  PAGE  LOCATOR  RESULT`), then one line per failure and
/// a summary.
pub fn render_table(file: &str, guide: &Guide, rows: &[Row]) -> String {
    let mut table = vec![[
        "STEP".to_string(),
        "PAGE".to_string(),
        "LOCATOR".to_string(),
        "RESULT".to_string(),
    ]];
    for row in rows {
        let locator = locator_index(&row.outcome)
            .and_then(|i| Some((i, target(guide, &row.step)?.get(i)?)))
            .map_or("-".to_string(), |(i, l)| {
                format!("#{} {}", i + 1, describe(l))
            });
        table.push([
            row.step.clone(),
            row.page.clone().unwrap_or_else(|| "-".to_string()),
            locator,
            result(guide, row),
        ]);
    }
    let mut widths = [0; 4];
    for line in &table {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = format!("{file}: guide {:?}\n", guide.id);
    for line in &table {
        let cells: Vec<String> = line
            .iter()
            .zip(widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let failed: Vec<&Row> = rows.iter().filter(|r| r.outcome.is_error()).collect();
    for row in &failed {
        out.push_str(&format!(
            "{file}: step {:?} on {}: {}\n",
            row.step,
            row.page.as_deref().unwrap_or("-"),
            sentence(guide, row)
        ));
    }
    let checked = rows
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::Centred | Outcome::NoPage))
        .count();
    out.push_str(&format!(
        "{} step(s), {checked} check(s) on pages, {} failed\n",
        guide.steps.len(),
        failed.len()
    ));
    out
}

/// `{"file", "guide", "ok", "rows": [{"step", "page", "result", ...}]}`.
pub fn render_json(file: &str, guide: &Guide, rows: &[Row]) -> String {
    let rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let mut value = serde_json::to_value(row).unwrap_or_default();
            if row.outcome.is_error() {
                value["message"] = json!(sentence(guide, row));
            }
            value
        })
        .collect();
    let ok = !rows.iter().any(|r| r.get("message").is_some());
    let report = json!({ "file": file, "guide": guide.id, "ok": ok, "rows": rows });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn locator_index(outcome: &Outcome) -> Option<usize> {
    match outcome {
        Outcome::One { locator }
        | Outcome::Several { locator, .. }
        | Outcome::Unsupported { locator, .. } => Some(*locator),
        _ => None,
    }
}

fn target<'g>(guide: &'g Guide, step: &str) -> Option<&'g [Locator]> {
    let i = guide.step_index(step)?;
    Some(&guide.steps[i].target)
}

fn result(guide: &Guide, row: &Row) -> String {
    match &row.outcome {
        Outcome::Centred => "centred (no target)".to_string(),
        Outcome::NoPage => match url(guide, &row.step) {
            Some(url) => format!("not checked: no page given for {url}"),
            None => "not checked: no page given".to_string(),
        },
        Outcome::One { .. } => "ok".to_string(),
        Outcome::Several { count, .. } => format!("AMBIGUOUS: {count} elements"),
        Outcome::None => "MISSING".to_string(),
        Outcome::Unsupported { .. } => "UNSUPPORTED selector".to_string(),
    }
}

/// A plain sentence saying what is wrong with a failed row.
fn sentence(guide: &Guide, row: &Row) -> String {
    let locators = target(guide, &row.step).unwrap_or_default();
    match &row.outcome {
        Outcome::Several { locator, count } => format!(
            "target is ambiguous: locator #{} {} matches {count} elements; make it match exactly one",
            locator + 1,
            locators.get(*locator).map(describe).unwrap_or_default()
        ),
        Outcome::None => {
            let all: Vec<String> = locators.iter().map(describe).collect();
            format!(
                "target is missing: no element matches {} ({})",
                if all.len() == 1 { "its locator" } else { "any of its locators" },
                all.join(", ")
            )
        }
        Outcome::Unsupported { reason, .. } => {
            format!("selector cannot be checked: {reason}")
        }
        _ => String::new(),
    }
}

fn url(guide: &Guide, step: &str) -> Option<String> {
    let i = guide.step_index(step)?;
    guide.steps[i].url.as_ref().map(|u| u.as_str().to_string())
}

/// A locator as an author wrote it: `css "#pay"`, `testId "pay"`,
/// `text "Pay" (button)`.
fn describe(locator: &Locator) -> String {
    match locator {
        Locator::Css(css) => format!("css {css:?}"),
        Locator::TestId(id) => format!("testId {id:?}"),
        Locator::Text { text, role: None } => format!("text {text:?}"),
        Locator::Text {
            text,
            role: Some(role),
        } => format!("text {text:?} ({role})"),
    }
}
