//! Tests of the body markup: the tree a visitor would see rendered, and
//! that nothing unsafe turns into a link.

use super::*;
use Inline::*;

fn text(s: &str) -> Inline {
    Text(s.to_string())
}

fn check(source: &str, expected: Vec<Block>, rejected: &[&str]) {
    let got = parse(source);
    assert_eq!(got.blocks, expected, "{source:?}");
    assert_eq!(got.rejected_links, rejected, "{source:?}");
}

#[test]
fn parses_blocks_and_inlines() {
    check(
        "Enter your **IBAN**,\nnot *your* `BIC`.\n\n- one\n- [two](https://example.com/x)\n  more",
        vec![
            Block::Paragraph(vec![
                text("Enter your "),
                Strong(vec![text("IBAN")]),
                text(", not "),
                Em(vec![text("your")]),
                text(" "),
                Code("BIC".into()),
                text("."),
            ]),
            Block::List(vec![
                vec![text("one")],
                vec![
                    Link {
                        href: "https://example.com/x".into(),
                        children: vec![text("two")],
                    },
                    text(" more"),
                ],
            ]),
        ],
        &[],
    );
}

#[test]
fn html_and_stray_markers_stay_text() {
    let p = |s: &str| vec![Block::Paragraph(vec![text(s)])];
    check(
        "<script>alert(1)</script>",
        p("<script>alert(1)</script>"),
        &[],
    );
    check("2 * 3 * 4", p("2 * 3 * 4"), &[]);
    check("**open", p("**open"), &[]);
    check("\\*not italic\\*", p("*not italic*"), &[]);
    check("[not a link]", p("[not a link]"), &[]);
    check("a ` b", p("a ` b"), &[]);
}

#[test]
fn unsafe_links_lose_the_link_and_are_reported() {
    check(
        "[click](javascript:void) [ok](/help#a) [rel](tarif.html)",
        vec![Block::Paragraph(vec![
            text("click"),
            text(" "),
            Link {
                href: "/help#a".into(),
                children: vec![text("ok")],
            },
            text(" "),
            Link {
                href: "tarif.html".into(),
                children: vec![text("rel")],
            },
        ])],
        &["javascript:void"],
    );
    for bad in [
        "data:text/html,x",
        "JavaScript:x",
        "java\tscript:x",
        "vbscript:x",
        "",
    ] {
        assert!(!is_safe_href(bad), "{bad:?}");
    }
    for good in [
        "https://a.b",
        "HTTP://a.b",
        "//cdn.example",
        "#top",
        "?q=1",
        "a/b:c",
    ] {
        assert!(is_safe_href(good), "{good:?}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "*", "**", "***", "`", "[", "[](", "[a](", "\\", "ä*ö*ü", "- ", "-", "[*](x)*",
    ] {
        let _ = parse(s);
    }
}
