//! A light syntax check of the JavaScript regular expression in
//! `advance: {"input": {"pattern": ...}}`: enough to catch the usual slips
//! (unbalanced brackets, a trailing backslash, a quantifier with nothing to
//! repeat) without shipping a regex engine in the core.

/// `Err` with a plain sentence if `pattern` cannot be a JavaScript RegExp.
pub(super) fn check(pattern: &str) -> Result<(), String> {
    let mut chars = pattern.chars();
    let mut open_groups = 0usize;
    let mut in_class = false;
    // Whether a quantifier here would have nothing to repeat.
    let mut nothing_before = true;
    while let Some(c) = chars.next() {
        if c == '\\' {
            if chars.next().is_none() {
                return Err("ends with a backslash that escapes nothing".into());
            }
            nothing_before = false;
            continue;
        }
        if in_class {
            in_class = c != ']';
            continue;
        }
        match c {
            '[' => in_class = true,
            '(' => {
                open_groups += 1;
                nothing_before = true;
                // `(?:`, `(?=`, `(?!`, `(?<name>` are group syntax, not quantifiers.
                if chars.clone().next() == Some('?') {
                    chars.next();
                }
                continue;
            }
            ')' => {
                if open_groups == 0 {
                    return Err("has a ')' without a matching '('".into());
                }
                open_groups -= 1;
            }
            '|' => {
                nothing_before = true;
                continue;
            }
            '*' | '+' | '?' if nothing_before => {
                return Err(reason!("has nothing before '{c}' to repeat"));
            }
            _ => {}
        }
        nothing_before = false;
    }
    if in_class {
        return Err("has a '[' without a matching ']'".into());
    }
    if open_groups > 0 {
        return Err("has a '(' without a matching ')'".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_common_slips() {
        for ok in [
            "^[0-9]{5}$",
            "^DE\\d{20}$",
            "(?:a|b)+",
            "[(]",
            "a\\(",
            "^$",
            "x*?",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        let bad = [
            ("[0-9", "has a '[' without a matching ']'"),
            ("(ab", "has a '(' without a matching ')'"),
            ("ab)", "has a ')' without a matching '('"),
            ("abc\\", "ends with a backslash that escapes nothing"),
            ("*abc", "has nothing before '*' to repeat"),
            ("a|+b", "has nothing before '+' to repeat"),
        ];
        for (pattern, reason) in bad {
            assert_eq!(check(pattern), Err(reason.to_string()), "{pattern}");
        }
    }
}
