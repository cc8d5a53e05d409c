//! URL path patterns: a path where `*` matches any run of characters
//! (including `/`), e.g. `/checkout/*` or `*/confirm`.

use serde::{Deserialize, Serialize};

/// A validated path pattern. Matching ignores the query string and fragment
/// of the path it is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UrlPattern(String);

impl UrlPattern {
    /// Wraps a pattern; `None` if it is empty or does not start with `/` or `*`.
    pub fn new(pattern: &str) -> Option<Self> {
        (pattern.starts_with('/') || pattern.starts_with('*')).then(|| Self(pattern.to_string()))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `path` (query string and fragment are ignored) matches.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.split(['?', '#']).next().unwrap_or(path);
        glob(self.0.as_bytes(), path.as_bytes())
    }
}

/// Iterative wildcard matching with backtracking to the last `*`.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_table() {
        let cases = [
            ("/", "/", true),
            ("/", "/index.html", false),
            ("/checkout/*", "/checkout/step-2", true),
            ("/checkout/*", "/checkout", false),
            ("*/confirm", "/de/tarif/confirm", true),
            ("/a*b", "/axxb", true),
            ("/a*b", "/axxbc", false),
            ("/tarif.html", "/tarif.html?x=1#top", true),
            ("*", "/anything/at/all", true),
        ];
        for (pattern, path, expected) in cases {
            let p = UrlPattern::new(pattern).expect("valid pattern");
            assert_eq!(p.matches(path), expected, "{pattern} ~ {path}");
        }
        assert!(UrlPattern::new("checkout").is_none());
    }
}
