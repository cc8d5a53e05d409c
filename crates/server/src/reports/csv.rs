//! The funnel as CSV for spreadsheets: one row per step, for all counted
//! versions together (`version` = `all`) and then for each version. Every
//! cell is quoted; cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a leading
//! `'`, so a step id or path sent by a browser can never become one.

use lotse_core::event::Reason;
use lotse_core::funnel::Funnel;

use super::build::FunnelReport;

/// Reasons with a column each, in order.
const ABANDONED: &[Reason] = Reason::ABANDONED;
const FAILED: &[Reason] = Reason::FAILED;

/// One cell, quoted and neutralised.
pub fn cell(value: &str) -> String {
    let risky = value
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let value = if risky {
        format!("'{value}")
    } else {
        value.to_string()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The report as CSV (header line, then rows; CRLF line ends).
pub fn render(report: &FunnelReport) -> String {
    let mut header: Vec<String> = [
        "guide",
        "version",
        "step",
        "index",
        "runs_started",
        "viewed",
        "completed",
        "back",
        "conversion_from_previous",
        "conversion_from_start",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(
        ABANDONED
            .iter()
            .map(|r| format!("abandoned_{}", r.as_str())),
    );
    header.extend(FAILED.iter().map(|r| format!("failed_{}", r.as_str())));
    header.extend(["dwell_p50_ms", "dwell_p90_ms"].map(String::from));
    let mut out = String::new();
    push_line(&mut out, &header);
    rows(&mut out, &report.guide, "all", &report.funnel);
    if report.by_version.len() > 1 {
        for v in &report.by_version {
            rows(&mut out, &report.guide, &v.version.to_string(), &v.funnel);
        }
    }
    out
}

fn rows(out: &mut String, guide: &str, version: &str, funnel: &Funnel) {
    for step in &funnel.steps {
        let mut line = vec![
            guide.to_string(),
            version.to_string(),
            step.id.clone(),
            step.index.to_string(),
            funnel.runs.started.to_string(),
            step.viewed.to_string(),
            step.completed.to_string(),
            step.back.to_string(),
            opt(step.conversion_from_previous),
            opt(step.conversion_from_start),
        ];
        let n = |m: &std::collections::BTreeMap<Reason, u64>, r: &Reason| {
            m.get(r).copied().unwrap_or(0).to_string()
        };
        line.extend(ABANDONED.iter().map(|r| n(&step.abandoned, r)));
        line.extend(FAILED.iter().map(|r| n(&step.failed, r)));
        line.push(opt(step.dwell.p50_ms));
        line.push(opt(step.dwell.p90_ms));
        push_line(out, &line);
    }
}

fn push_line(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        let cases = [
            ("welcome", "\"welcome\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "\"'+1\""),
            ("-1+2", "\"'-1+2\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("a,b\nc", "\"a,b\nc\""),
            ("", "\"\""),
        ];
        for (value, want) in cases {
            assert_eq!(cell(value), want, "{value}");
        }
    }
}
