//! Joining string pieces without `[..].concat()` / `[..].join(..)`.
//!
//! Size: std's `join` is a generic routine (`join_generic_copy`, about 1 KB
//! of wasm); this loop is a few dozen bytes and is what the widget's paths
//! use.

/// `parts` one after the other, `separator` between two of them.
pub fn join(parts: &[&str], separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}

/// `parts` one after the other.
pub fn concat(parts: &[&str]) -> String {
    join(parts, "")
}

/// The byte index of the first `needle` in `haystack`, like
/// `haystack.find(needle)`, by a plain scan (std's two-way searcher is
/// about 1.7 KB of wasm; the needles here are a few bytes long). A match of
/// valid UTF-8 in valid UTF-8 always starts at a character boundary.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_std() {
        let cases: &[(&[&str], &str)] = &[
            (&[], " "),
            (&["a"], " "),
            (&["a", "b", "c"], " "),
            (&["", "x", ""], ", "),
            (&["Schritt", "2"], ""),
        ];
        for (parts, separator) in cases {
            assert_eq!(join(parts, separator), parts.join(separator), "{parts:?}");
            assert_eq!(concat(parts), parts.concat(), "{parts:?}");
        }
    }

    #[test]
    fn finds_like_std() {
        let cases = [
            ("", ""),
            ("abc", ""),
            ("", "a"),
            ("abc", "abcd"),
            ("a**b**", "**"),
            ("x://y", "://"),
            ("äöü**ß", "**"),
            ("ab", "ba"),
            ("aab", "ab"),
        ];
        for (haystack, needle) in cases {
            assert_eq!(
                find(haystack, needle),
                haystack.find(needle),
                "{haystack:?} {needle:?}"
            );
        }
    }
}
