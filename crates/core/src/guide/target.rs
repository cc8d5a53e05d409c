//! Stage two of loading, targets: CSS selectors, locator objects and lists
//! of them, and the warning about brittle positional selectors.

use serde_json::Value;

use super::check::Checker;
use super::raw::RawLocator;
use super::roles::ROLES;
use super::values::kind;
use super::*;
use crate::{selector, suggest};

/// A positional CSS path with this many combinators or more draws a warning.
const BRITTLE_COMBINATORS: usize = 3;

impl Checker {
    /// A CSS selector, one locator object, or a non-empty list of them.
    pub(super) fn target(&mut self, path: &str, value: Value) -> Option<Vec<Locator>> {
        match value {
            Value::Array(items) if items.is_empty() => {
                self.error(
                    path,
                    "is an empty list; leave target out for a centred step",
                );
                None
            }
            Value::Array(items) => {
                let locators: Vec<Option<Locator>> = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let at = format!("{path}[{i}]");
                        match item {
                            Value::Array(_) => {
                                self.error(
                                    &at,
                                    "must be a CSS selector or a locator object, not a list",
                                );
                                None
                            }
                            item => self.locator(&at, item),
                        }
                    })
                    .collect();
                locators.into_iter().collect()
            }
            value => self.locator(path, value).map(|l| vec![l]),
        }
    }

    /// A CSS selector string or a locator object.
    fn locator(&mut self, path: &str, value: Value) -> Option<Locator> {
        match value {
            Value::String(_) => self.css(path, value).map(Locator::Css),
            Value::Object(_) => self.locator_object(path, value),
            other => {
                self.error(
                    path,
                    format!("must be a CSS selector or a locator object like {{\"testId\": \"pay\"}}, not {}", kind(&other)),
                );
                None
            }
        }
    }

    fn locator_object(&mut self, path: &str, value: Value) -> Option<Locator> {
        let raw: RawLocator = self.object(path, value)?;
        self.unknown(path, &raw.other, RawLocator::FIELDS);
        let kinds = [
            ("css", raw.css.is_some()),
            ("testId", raw.test_id.is_some()),
            ("text", raw.text.is_some()),
        ];
        let given: Vec<&str> = kinds.iter().filter(|(_, g)| *g).map(|(k, _)| *k).collect();
        if given.len() > 1 {
            self.error(
                path,
                format!(
                    "has both {} and {}; give one per locator and list several to try them in turn",
                    given[0], given[1]
                ),
            );
            return None;
        }
        if raw.role.is_some() && raw.text.is_none() {
            self.error(&format!("{path}.role"), "only goes with text");
            return None;
        }
        if let Some(css) = raw.css {
            return self.css(&format!("{path}.css"), css).map(Locator::Css);
        }
        if let Some(id) = raw.test_id {
            return self
                .string(&format!("{path}.testId"), id)
                .map(Locator::TestId);
        }
        let Some(text) = raw.text else {
            if raw.other.is_empty() {
                self.error(path, "needs one of css, testId or text");
            }
            return None;
        };
        let text = self.string(&format!("{path}.text"), text);
        let role = match raw.role {
            None => Some(None),
            Some(role) => self.role(&format!("{path}.role"), role).map(Some),
        };
        Some(Locator::Text {
            text: text?,
            role: role?,
        })
    }

    fn role(&mut self, path: &str, value: Value) -> Option<String> {
        let role = self.string(path, value)?;
        if ROLES.contains(&role.as_str()) {
            return Some(role);
        }
        let hint = suggest::did_you_mean(&role, ROLES);
        self.error(path, format!("{role:?} is not an ARIA role{hint}"));
        None
    }

    /// A CSS selector that parses.
    pub(super) fn css(&mut self, path: &str, value: Value) -> Option<String> {
        let selector = self.string(path, value)?;
        match selector::check(&selector) {
            Ok(_) => Some(selector),
            Err(e) => {
                self.error(
                    path,
                    format!("{selector:?} is not a valid CSS selector: {e}"),
                );
                None
            }
        }
    }

    /// Warns when a step's only locator is a long positional CSS path.
    pub(super) fn positional_warning(&mut self, path: &str, target: &[Locator]) {
        let [Locator::Css(css)] = target else {
            return;
        };
        let Ok(shape) = selector::check(css) else {
            return;
        };
        if shape.positional && shape.combinators >= BRITTLE_COMBINATORS {
            self.warning(
                path,
                format!("{css:?} is a long positional path that breaks when the page changes; prefer an id, a testId or a text locator, or list one before it"),
            );
        }
    }
}
