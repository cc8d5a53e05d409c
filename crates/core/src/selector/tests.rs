//! Tests of the CSS selector syntax check: real selectors pass, garbage fails
//! with a reason and position.

use super::*;

#[test]
fn accepts_real_selectors() {
    let valid = [
        "#hero-title",
        "a.button.primary",
        "nav > ul li + li ~ li",
        "[data-testid=\"postcode\"]",
        "[data-x='a b' i]",
        "input[type=email]",
        "button:not(.secondary, [disabled])",
        "form:has(> input:invalid)",
        "li:nth-child(2n + 1 of .item)",
        "*",
        "h1, h2 , h3",
        "#a\\:b",
        "-webkit-box",
        "é.ü",
        ":-moz-focusring",
    ];
    for s in valid {
        assert!(check(s).is_ok(), "{s}: {:?}", check(s));
    }
}

#[test]
fn rejects_garbage_with_a_reason() {
    let invalid = [
        ("div >", "nothing follows '>' (at character 6)"),
        ("> div", "'>' has no selector before it (at character 1)"),
        ("[data-x", "the '[' is not closed (at character 1)"),
        ("##a", "'#' must be followed by an id (at character 2)"),
        ("#123", "'#' must be followed by an id (at character 2)"),
        ("div,", "a selector is missing at the end (at character 5)"),
        ("a > > b", "nothing follows '>' (at character 5)"),
        (
            "a:hovr",
            ":hovr is not a known pseudo-class (did you mean \"hover\"?) (at character 3)",
        ),
        (
            "p::before",
            "pseudo-elements like ::before never match an element (at character 4)",
        ),
        ("a:not(b", "a ')' is missing (at character 8)"),
        (
            "[x=1]",
            "an attribute value that is not a name must be quoted (at character 4)",
        ),
        (
            "[x=\"1]",
            "the string opened by '\"' is not closed (at character 4)",
        ),
        ("div)", "')' is not expected here (at character 4)"),
        (
            "li:nth-child()",
            "the parentheses are empty (at character 14)",
        ),
        ("  ", "the selector is empty (at character 3)"),
        ("a\\", "a backslash escapes nothing (at character 3)"),
    ];
    for (s, expected) in invalid {
        let got = check(s).map_err(|e| e.to_string());
        assert_eq!(got, Err(expected.to_string()), "{s}");
    }
}

#[test]
fn measures_positional_paths() {
    let shape = check("body > div > div:nth-child(3) > span").expect("valid");
    assert_eq!(
        shape,
        Shape {
            combinators: 3,
            positional: true
        }
    );
    let shape = check("#checkout .submit").expect("valid");
    assert_eq!(
        shape,
        Shape {
            combinators: 1,
            positional: false
        }
    );
}
