//! Localized texts: a plain string, or a map from locale tag to string.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A text of a guide: the same for every locale, or one per locale tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    /// One text for every locale.
    Plain(String),
    /// Texts by locale tag (`"de"`, `"en"`, `"de-CH"`).
    Localized(BTreeMap<String, String>),
}

impl Text {
    /// The text for `locale`: the exact tag, then its language, then
    /// `default_locale`, then any text at all (validation guarantees the
    /// default is present, so the last fallback only guards against misuse).
    pub fn resolve<'a>(&'a self, locale: &str, default_locale: &str) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Localized(map) => {
                let language = locale.split(['-', '_']).next().unwrap_or(locale);
                map.get(locale)
                    .or_else(|| {
                        map.iter()
                            .find(|(tag, _)| tag.eq_ignore_ascii_case(locale))
                            .map(|(_, text)| text)
                    })
                    .or_else(|| map.get(language))
                    .or_else(|| map.get(default_locale))
                    .or_else(|| map.values().next())
                    .map(String::as_str)
                    .unwrap_or("")
            }
        }
    }

    /// The locale tags this text has; empty for a plain text.
    pub fn locales(&self) -> Vec<&str> {
        match self {
            Text::Plain(_) => Vec::new(),
            Text::Localized(map) => map.keys().map(String::as_str).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &Text, locale: &str, expected: &str) {
        assert_eq!(text.resolve(locale, "de"), expected, "locale {locale}");
    }

    #[test]
    fn resolves_exact_then_language_then_default() {
        let text = Text::Localized(BTreeMap::from([
            ("de".to_string(), "Weiter".to_string()),
            ("en".to_string(), "Next".to_string()),
            ("en-GB".to_string(), "Onwards".to_string()),
        ]));
        check(&text, "en-GB", "Onwards");
        check(&text, "en-US", "Next");
        check(&text, "fr", "Weiter");
        check(&text, "de-AT", "Weiter");
        check(&Text::Plain("Hallo".into()), "en", "Hallo");
    }
}
