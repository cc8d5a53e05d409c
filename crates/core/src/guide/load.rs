//! Stage two of loading: validation of the raw guide into a [`Guide`],
//! collecting every problem instead of stopping at the first.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::raw::{RawGuide, RawStep};
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
    /// One line per problem: `file:line:col: $.path: message`.
    pub fn render(&self) -> String {
        self.problems
            .iter()
            .map(|p| format!("{}:{p}", self.file))
            .collect::<Vec<_>>()
            .join("\n")
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

/// Loads guide JSON from `file` (used only to name it in problems).
pub fn load(file: &str, json: &str) -> Result<Loaded, Problems> {
    let mut check = Checker::default();
    let raw: RawGuide = match serde_json::from_str(json) {
        Ok(raw) => raw,
        Err(e) => {
            check.problems.push(Problem {
                severity: Severity::Error,
                path: "$".into(),
                line: Some(e.line()),
                column: Some(e.column()),
                message: e.to_string(),
            });
            return Err(Problems {
                file: file.to_string(),
                problems: check.problems,
            });
        }
    };
    let guide = check.guide(raw);
    if check.problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(Problems {
            file: file.to_string(),
            problems: check.problems,
        });
    }
    match guide {
        Some(guide) => Ok(Loaded {
            guide,
            warnings: check.problems,
        }),
        None => Err(Problems {
            file: file.to_string(),
            problems: check.problems,
        }),
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        });
    }

    fn guide(&mut self, raw: RawGuide) -> Option<Guide> {
        let id = self.slug("$.id", raw.id);
        let version = match raw.version {
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .filter(|v| *v >= 1),
            _ => None,
        };
        if version.is_none() {
            self.error("$.version", "must be a whole number of at least 1");
        }
        let default_locale = raw.default_locale.unwrap_or_else(|| "en".to_string());
        let title = raw.title.unwrap_or_else(|| {
            self.error("$.title", "is missing");
            Text::Plain(String::new())
        });
        let start = raw.start.unwrap_or_default();
        let mut urls = Vec::new();
        for (i, u) in start.urls.iter().enumerate() {
            match UrlPattern::new(u) {
                Some(p) => urls.push(p),
                None => self.error(
                    format!("$.start.urls[{i}]"),
                    format!("{u:?} must start with / or *"),
                ),
            }
        }
        let frequency = match start.frequency.as_deref() {
            None | Some("always") => Frequency::Always,
            Some("once") => Frequency::Once,
            Some("session") => Frequency::Session,
            Some(other) => {
                self.error(
                    "$.start.frequency",
                    format!("{other:?} is not one of once, session, always"),
                );
                Frequency::Always
            }
        };
        if raw.steps.is_empty() || raw.steps.len() > MAX_STEPS {
            self.error("$.steps", format!("must have 1 to {MAX_STEPS} steps"));
        }
        let mut steps: Vec<Step> = Vec::new();
        for (i, s) in raw.steps.into_iter().enumerate() {
            if let Some(step) = self.step(i, s) {
                if steps.iter().any(|o| o.id == step.id) {
                    self.error(
                        format!("$.steps[{i}].id"),
                        format!("{:?} is used by an earlier step", step.id),
                    );
                }
                steps.push(step);
            }
        }
        Some(Guide {
            id: id?,
            version: version?,
            title,
            description: raw.description,
            default_locale,
            start: Start {
                urls,
                auto: start.auto.unwrap_or(true),
                frequency,
                launcher: start.launcher,
            },
            steps,
            goal: None,
        })
    }

    fn slug(&mut self, path: &str, value: Option<String>) -> Option<String> {
        match value {
            Some(s)
                if !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
            {
                Some(s)
            }
            Some(s) => {
                self.error(
                    path,
                    format!("{s:?} is not a slug (lowercase letters, digits and -)"),
                );
                None
            }
            None => {
                self.error(path, "is missing");
                None
            }
        }
    }

    fn step(&mut self, i: usize, raw: RawStep) -> Option<Step> {
        let at = format!("$.steps[{i}]");
        let id = self.slug(&format!("{at}.id"), raw.id);
        let target = match raw.target {
            None => Vec::new(),
            Some(Value::String(s)) if !s.trim().is_empty() => vec![Locator::Css(s)],
            Some(_) => {
                self.error(format!("{at}.target"), "must be a non-empty CSS selector");
                Vec::new()
            }
        };
        let placement = match raw.placement.as_deref() {
            None | Some("auto") => Side::Auto,
            Some("top") => Side::Top,
            Some("bottom") => Side::Bottom,
            Some("left") => Side::Left,
            Some("right") => Side::Right,
            Some(other) => {
                self.error(
                    format!("{at}.placement"),
                    format!("{other:?} is not one of auto, top, bottom, left, right"),
                );
                Side::Auto
            }
        };
        let advance = match raw.advance {
            None => Advance::Next,
            Some(Value::String(s)) if s == "next" => Advance::Next,
            Some(Value::String(s)) if s == "click" => Advance::Click,
            Some(_) => {
                self.error(format!("{at}.advance"), "is not a known advance");
                Advance::Next
            }
        };
        let title = raw.title.unwrap_or_else(|| {
            self.error(format!("{at}.title"), "is missing");
            Text::Plain(String::new())
        });
        Some(Step {
            id: id?,
            url: raw.url.as_deref().and_then(UrlPattern::new),
            target,
            placement: Placement {
                side: placement,
                align: Align::Center,
            },
            title,
            body: raw.body.unwrap_or(Text::Plain(String::new())),
            advance,
            wait_for_ms: raw
                .wait_for
                .and_then(|w| w.timeout_ms)
                .unwrap_or(DEFAULT_WAIT_MS),
            on_missing: OnMissing::Center,
            spotlight: Spotlight::default(),
            optional: raw.optional.unwrap_or(false),
        })
    }
}
