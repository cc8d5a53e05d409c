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
}
