//! Stage two of loading, the guide level: the [`Checker`] that collects
//! problems, its helpers for JSON values, and the guide's own fields.
//! Steps, targets and texts have their own modules.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::raw::{RawGoal, RawGuide, RawStart};
use super::values::kind;
use super::*;
use crate::suggest;

/// Collects problems while turning raw values into validated ones. Every
/// helper reports what is wrong and returns `None`, so validation goes on
/// and finds the next problem.
#[derive(Default)]
pub(super) struct Checker {
    pub problems: Vec<Problem>,
    /// The guide's default locale, needed by every text.
    pub default_locale: String,
    /// Path and locale tags of each localized text, for the warning about
    /// locales present in some texts and missing in others.
    pub localized: Vec<(String, Vec<String>)>,
}

impl Checker {
    pub fn error(&mut self, path: &str, message: impl Into<String>) {
        self.push(Severity::Error, path, message.into());
    }

    pub fn warning(&mut self, path: &str, message: impl Into<String>) {
        self.push(Severity::Warning, path, message.into());
    }

    fn push(&mut self, severity: Severity, path: &str, message: String) {
        self.problems.push(Problem {
            severity,
            path: path.to_string(),
            line: None,
            column: None,
            message,
        });
    }

    /// Reports each field of `other` as unknown, with a did-you-mean.
    pub fn unknown(&mut self, path: &str, other: &Map<String, Value>, known: &[&str]) {
        for key in other.keys() {
            let hint = suggest::did_you_mean(key, known);
            self.error(
                &format!("{path}.{key}"),
                format!("unknown field {key:?}{hint}"),
            );
        }
    }

    /// `value` read as one of the permissive raw objects.
    pub fn object<T: DeserializeOwned>(&mut self, path: &str, value: Value) -> Option<T> {
        if !value.is_object() {
            self.error(path, format!("must be an object, not {}", kind(&value)));
            return None;
        }
        match serde_json::from_value(value) {
            Ok(raw) => Some(raw),
            Err(e) => {
                self.error(path, e.to_string());
                None
            }
        }
    }

    /// Validates the whole guide.
    pub fn guide(&mut self, raw: RawGuide) -> Option<Guide> {
        self.unknown("$", &raw.other, RawGuide::FIELDS);
        if let Some(schema) = raw.schema {
            self.string("$.$schema", schema);
        }
        let id = self
            .required("$.id", raw.id)
            .and_then(|v| self.slug("$.id", v));
        let version = self
            .required("$.version", raw.version)
            .and_then(|v| self.whole("$.version", v, 1, u32::MAX));
        self.default_locale = match raw.default_locale {
            None => "en".to_string(),
            Some(v) => self.locale_tag("$.defaultLocale", v).unwrap_or_default(),
        };
        let title = self.text("$.title", raw.title, true, false);
        let description = raw
            .description
            .and_then(|v| self.text("$.description", Some(v), true, false));
        let start = match raw.start {
            None => Some(Start {
                urls: Vec::new(),
                auto: true,
                frequency: Frequency::Always,
                launcher: None,
            }),
            Some(v) => self.start(v),
        };
        let steps = self
            .required("$.steps", raw.steps)
            .and_then(|v| self.steps(v));
        let goal = raw.goal.and_then(|v| self.goal(v));
        self.locale_gaps();
        Some(Guide {
            id: id?,
            version: version?,
            title: title?,
            description,
            default_locale: self.default_locale.clone(),
            start: start?,
            steps: steps?,
            goal,
        })
    }

    fn start(&mut self, value: Value) -> Option<Start> {
        let raw: RawStart = self.object("$.start", value)?;
        self.unknown("$.start", &raw.other, RawStart::FIELDS);
        let urls = match raw.urls {
            None => Some(Vec::new()),
            Some(Value::Array(items)) if items.is_empty() => {
                self.error(
                    "$.start.urls",
                    "is empty; leave urls out to start on every page",
                );
                None
            }
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| self.pattern(&format!("$.start.urls[{i}]"), v))
                .collect::<Vec<_>>()
                .into_iter()
                .collect(),
            Some(other) => {
                self.error(
                    "$.start.urls",
                    format!("must be a list of path patterns, not {}", kind(&other)),
                );
                None
            }
        };
        let auto = raw
            .auto
            .map_or(Some(true), |v| self.boolean("$.start.auto", v));
        let frequency = raw.frequency.map_or(Some(Frequency::Always), |v| {
            let choices = [
                ("once", Frequency::Once),
                ("session", Frequency::Session),
                ("always", Frequency::Always),
            ];
            self.choice("$.start.frequency", v, &choices, "once, session, always")
        });
        let launcher = match raw.launcher {
            None => Some(None),
            Some(v) => self.css("$.start.launcher", v).map(Some),
        };
        Some(Start {
            urls: urls?,
            auto: auto?,
            frequency: frequency?,
            launcher: launcher?,
        })
    }

    fn steps(&mut self, value: Value) -> Option<Vec<Step>> {
        let Value::Array(items) = value else {
            self.error(
                "$.steps",
                format!("must be a list of steps, not {}", kind(&value)),
            );
            return None;
        };
        if items.is_empty() || items.len() > MAX_STEPS {
            self.error(
                "$.steps",
                format!("has {} steps; a guide has 1 to {MAX_STEPS}", items.len()),
            );
        } else if items.len() > WARN_STEPS {
            self.warning(
                "$.steps",
                format!("has {} steps; completion falls off beyond {WARN_STEPS}, consider splitting the guide", items.len()),
            );
        }
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut steps = Vec::new();
        let mut complete = true;
        for (i, item) in items.into_iter().enumerate() {
            let step = self.step(i, item);
            if let Some(step) = &step {
                if let Some(first) = ids.get(&step.id) {
                    self.error(
                        &format!("$.steps[{i}].id"),
                        format!(
                            "{:?} is already the id of $.steps[{first}]; step ids must be unique",
                            step.id
                        ),
                    );
                    complete = false;
                }
                ids.entry(step.id.clone()).or_insert(i);
            }
            match step {
                Some(step) => steps.push(step),
                None => complete = false,
            }
        }
        complete.then_some(steps)
    }

    fn goal(&mut self, value: Value) -> Option<Goal> {
        let raw: RawGoal = self.object("$.goal", value)?;
        self.unknown("$.goal", &raw.other, RawGoal::FIELDS);
        match (raw.url, raw.element) {
            (Some(url), None) => self.pattern("$.goal.url", url).map(Goal::Url),
            (None, Some(element)) => self.target("$.goal.element", element).map(Goal::Element),
            (Some(_), Some(_)) => {
                self.error("$.goal", "has both url and element; give one");
                None
            }
            (None, None) => {
                self.error("$.goal", "needs url (a path pattern) or element (a target)");
                None
            }
        }
    }
}
