//! Stage two of loading, single values: strings, numbers, choices with a
//! did-you-mean, slugs and URL patterns, each reported where it is wrong.

use serde_json::Value;

use super::check::Checker;
use super::*;
use crate::suggest;

impl Checker {
    pub(super) fn required<T>(&mut self, path: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.error(path, "is missing");
        }
        value
    }

    pub(super) fn string(&mut self, path: &str, value: Value) -> Option<String> {
        match value {
            Value::String(s) if s.trim().is_empty() => {
                self.error(path, "is empty");
                None
            }
            Value::String(s) => Some(s),
            other => {
                self.error(path, format!("must be a string, not {}", kind(&other)));
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, path: &str, value: Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(b),
            other => {
                self.error(path, format!("must be true or false, not {}", kind(&other)));
                None
            }
        }
    }

    /// A whole number in `min..=max`.
    pub(super) fn whole(&mut self, path: &str, value: Value, min: u32, max: u32) -> Option<u32> {
        let n = value.as_u64().and_then(|n| u32::try_from(n).ok());
        match n.filter(|n| (min..=max).contains(n)) {
            Some(n) => Some(n),
            None => {
                let what = match &value {
                    Value::Number(n) => n.to_string(),
                    other => kind(other).to_string(),
                };
                self.error(
                    path,
                    format!("must be a whole number from {min} to {max}, not {what}"),
                );
                None
            }
        }
    }

    /// One of the names in `choices`; `listed` is how the message lists them.
    pub(super) fn choice<T: Copy>(
        &mut self,
        path: &str,
        value: Value,
        choices: &[(&str, T)],
        listed: &str,
    ) -> Option<T> {
        let Value::String(s) = value else {
            self.error(
                path,
                format!("must be one of {listed}, not {}", kind(&value)),
            );
            return None;
        };
        if let Some((_, t)) = choices.iter().find(|(name, _)| *name == s) {
            return Some(*t);
        }
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        let hint = suggest::did_you_mean(&s, &names);
        self.error(path, format!("{s:?} is not one of {listed}{hint}"));
        None
    }

    /// A slug: lowercase letters and digits in words joined by single `-`.
    pub(super) fn slug(&mut self, path: &str, value: Value) -> Option<String> {
        let s = self.string(path, value)?;
        let ok = s.len() <= 64
            && s.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !ok {
            self.error(
                path,
                format!("{s:?} is not a slug: use at most 64 lowercase letters, digits and single hyphens, like \"tariff-switch\""),
            );
            return None;
        }
        Some(s)
    }

    /// A URL path pattern (`/checkout/*`).
    pub(super) fn pattern(&mut self, path: &str, value: Value) -> Option<UrlPattern> {
        let s = self.string(path, value)?;
        let reason = if s.contains("://") {
            "is a full URL; give only its path, like \"/checkout/*\""
        } else if s.contains(char::is_whitespace) {
            "contains a space"
        } else if s.contains(['?', '#']) {
            "cannot contain ? or #: the query string and fragment are not matched"
        } else if let Some(pattern) = UrlPattern::new(&s) {
            return Some(pattern);
        } else {
            "must start with / or * (a path like \"/checkout/*\")"
        };
        self.error(path, format!("{s:?} {reason}"));
        None
    }
}

/// How a JSON value is named in messages.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
