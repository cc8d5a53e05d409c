//! Loading a guide: JSON text -> permissive raw types -> validated
//! [`Guide`], and the [`Problem`]s found on the way, located in the text.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::check::Checker;
use super::locate::Positions;
use super::raw::RawGuide;
use super::*;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The guide is not loaded.
    Error,
    /// The guide loads, but the author should look.
    Warning,
}

/// One problem in a guide file, located by JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// JSON path, e.g. `$.steps[2].placement`.
    pub path: String,
    /// 1-based line and column in the file, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// A plain sentence saying what is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "{line}:{column}: ")?;
        }
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every error (and warning) found in a guide that did not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {} problem(s)", problems.len())]
pub struct Problems {
    /// The file name the problems refer to.
    pub file: String,
    /// The problems, in document order.
    pub problems: Vec<Problem>,
}

impl Problems {
    /// One line per problem, in document order:
    /// `file:line:col: $.path: message`, or `file: $.path: message` where the
    /// position is not known; warnings end with ` (warning)`.
    pub fn render(&self) -> String {
        self.problems
            .iter()
            .map(|p| {
                let sep = if p.line.is_some() { ":" } else { ": " };
                let tail = match p.severity {
                    Severity::Error => "",
                    Severity::Warning => " (warning)",
                };
                format!("{}{sep}{p}{tail}", self.file)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether any problem is an error (not only warnings).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// A guide that loaded, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated guide.
    pub guide: Guide,
    /// Problems that do not stop the guide from loading.
    pub warnings: Vec<Problem>,
}

/// Loads guide JSON from `file` (used only to name it in problems): reads it
/// permissively, validates it into a [`Guide`], and reports every problem at
/// once, each located at its line and column.
pub fn load(file: &str, json: &str) -> Result<Loaded, Problems> {
    let fail = |problems| Problems {
        file: file.to_string(),
        problems,
    };
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => return Err(fail(vec![invalid_json(&e)])),
    };
    let mut check = Checker::default();
    let guide = check
        .object::<RawGuide>("$", value)
        .and_then(|raw| check.guide(raw));
    let positions = Positions::index(json);
    let mut problems = check.problems;
    for (path, (line, column)) in &positions.duplicates {
        problems.push(Problem {
            severity: Severity::Error,
            path: path.clone(),
            line: Some(*line),
            column: Some(*column),
            message: "appears twice in this object; only the last one counts, remove the other"
                .into(),
        });
    }
    for p in problems.iter_mut().filter(|p| p.line.is_none()) {
        let (line, column) = positions.find(&p.path);
        p.line = Some(line);
        p.column = Some(column);
    }
    problems.sort_by_key(|p| (p.line, p.column));
    match guide {
        Some(guide) if !problems.iter().any(|p| p.severity == Severity::Error) => Ok(Loaded {
            guide,
            warnings: problems,
        }),
        _ => Err(fail(problems)),
    }
}

/// A JSON syntax error at serde's line and column.
fn invalid_json(e: &serde_json::Error) -> Problem {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    Problem {
        severity: Severity::Error,
        path: "$".into(),
        line: Some(e.line()),
        column: Some(e.column()),
        message: format!("is not valid JSON: {message}"),
    }
}
