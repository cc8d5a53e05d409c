//! Stage two of loading, texts: plain or localized, present in the default
//! locale, bodies in safe markup, and the warning about uneven locales.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::check::Checker;
use super::values::kind;
use super::*;
use crate::markup;

impl Checker {
    /// A text: a string, or a map from locale tag to string that has the
    /// default locale. `markup` checks bodies' links.
    pub(super) fn text(
        &mut self,
        path: &str,
        value: Option<Value>,
        required: bool,
        markup: bool,
    ) -> Option<Text> {
        let value = match value {
            Some(v) => v,
            None if required => {
                self.error(path, "is missing");
                return None;
            }
            None => return Some(Text::Plain(String::new())),
        };
        match value {
            Value::String(_) => {
                let s = self.string(path, value)?;
                (!markup || self.markup(path, &s)).then_some(Text::Plain(s))
            }
            Value::Object(map) if map.is_empty() => {
                self.error(
                    path,
                    "has no texts; give a string or a map like {\"de\": \"...\", \"en\": \"...\"}",
                );
                None
            }
            Value::Object(map) => {
                let mut texts = BTreeMap::new();
                let mut ok = true;
                for (tag, v) in map {
                    let at = format!("{path}.{tag}");
                    let tag_ok = self.locale_tag(&at, Value::String(tag.clone())).is_some();
                    match self.string(&at, v) {
                        Some(s) if tag_ok && (!markup || self.markup(&at, &s)) => {
                            texts.insert(tag, s);
                        }
                        _ => ok = false,
                    }
                }
                let default = self.default_locale.clone();
                if ok && !default.is_empty() && !texts.contains_key(&default) {
                    self.error(
                        path,
                        format!(
                            "has no {default:?} text; every text needs one in the defaultLocale"
                        ),
                    );
                    ok = false;
                }
                if !ok {
                    return None;
                }
                let tags = texts.keys().cloned().collect();
                self.localized.push((path.to_string(), tags));
                Some(Text::Localized(texts))
            }
            other => {
                self.error(
                    path,
                    format!("must be a string or a map of locales like {{\"de\": \"...\", \"en\": \"...\"}}, not {}", kind(&other)),
                );
                None
            }
        }
    }

    /// A locale tag like `de`, `en-GB` or `zh-Hant-TW`.
    pub(super) fn locale_tag(&mut self, path: &str, value: Value) -> Option<String> {
        let tag = self.string(path, value)?;
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or_default();
        let ok = (2..=3).contains(&language.len())
            && language.bytes().all(|b| b.is_ascii_alphabetic())
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !ok {
            self.error(
                path,
                format!("{tag:?} is not a locale tag like \"de\" or \"en-GB\""),
            );
            return None;
        }
        Some(tag)
    }

    /// Reports links a body may not have; `true` if there are none.
    fn markup(&mut self, path: &str, body: &str) -> bool {
        let rejected = markup::parse(body).rejected_links;
        for href in &rejected {
            self.error(
                path,
                format!("links to {href:?}, but links may only go to http(s) or relative URLs"),
            );
        }
        rejected.is_empty()
    }

    /// Warns about locales that some localized texts have and others lack:
    /// a locale in most texts is reported at each text without it, a locale
    /// in few texts once, where it first appears. The default locale is
    /// never reported here: a text without it is an error.
    pub(super) fn locale_gaps(&mut self) {
        let localized = std::mem::take(&mut self.localized);
        let default = self.default_locale.clone();
        let all: BTreeSet<&String> = localized.iter().flat_map(|(_, tags)| tags).collect();
        let mut by_text: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for tag in all.into_iter().filter(|t| **t != default) {
            let with: Vec<&str> = localized
                .iter()
                .filter(|(_, tags)| tags.contains(tag))
                .map(|(path, _)| path.as_str())
                .collect();
            if with.len() == localized.len() {
                continue;
            }
            if with.len() * 2 < localized.len() {
                self.warning(
                    &format!("{}.{tag}", with[0]),
                    format!(
                        "{tag:?} appears in only {} of {} localized texts; add it to all or remove it",
                        with.len(),
                        localized.len()
                    ),
                );
                continue;
            }
            for (path, tags) in &localized {
                if !tags.contains(tag) {
                    by_text.entry(path).or_default().push(tag);
                }
            }
        }
        for (path, missing) in by_text {
            let missing: Vec<String> = missing.iter().map(|t| format!("{t:?}")).collect();
            self.warning(
                path,
                format!(
                    "has no {} text, though other texts do; those visitors see the {:?} text",
                    missing.join(" or "),
                    default
                ),
            );
        }
    }
}
