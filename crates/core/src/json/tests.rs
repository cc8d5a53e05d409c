//! Table tests: the reader agrees with `serde_json` on what is JSON and
//! what it means; the writer writes what `serde_json` writes.

use super::write::{self, Object};
use super::*;

/// `serde_json`'s reading of `text` in this module's terms.
fn serde(text: &str) -> Option<Json> {
    fn convert(v: serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(b),
            serde_json::Value::Number(n) => Json::Num(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Num::Uint(u),
                (None, Some(i)) => Num::Int(i),
                _ => Num::Float,
            }),
            serde_json::Value::String(s) => Json::Str(s),
            serde_json::Value::Array(a) => Json::Arr(a.into_iter().map(convert).collect()),
            serde_json::Value::Object(o) => {
                Json::Obj(o.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    serde_json::from_str(text).ok().map(convert)
}

#[test]
fn reads_what_serde_json_reads() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let cases = [
        "null",
        "true",
        "false",
        " true ",
        "\t\r\n1\n",
        "0",
        "-1",
        "1.5",
        "-0",
        "-0.0",
        "1e5",
        "1E+5",
        "1e-5",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\"",
        "\"\\b\\f\\n\\r\\t\"",
        "\"\\u00e9\\u00E9\"",
        "\"\\ud83d\\ude00\"",
        "\"ü😀\"",
        "[]",
        "[1,2]",
        "[ 1 , [ ] ]",
        "{}",
        "{\"a\":1}",
        "{ \"a\" : [true, {\"b\": null}] }",
        "{\"a\":1,\"b\":{\"a\":2}}",
        // Not JSON.
        "",
        " ",
        "nul",
        "nulls",
        "True",
        "01",
        "-",
        "-a",
        "1.",
        ".5",
        "1e",
        "1e+",
        "+1",
        "0x1",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{a:1}",
        "{1:1}",
        "[",
        "]",
        "{",
        "\"abc",
        "\"a\nb\"",
        "\"\u{1}\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\ud83d\"",
        "\"\\ud83dx\"",
        "\"\\ude00\"",
        "\"\\ud83d\\u0041\"",
        "1 2",
        "\u{feff}1",
        "[1]]",
        "{}}",
        "// c\n1",
        "NaN",
        "Infinity",
    ];
    for text in cases {
        assert_eq!(parse(text).ok(), serde(text), "{text:?}");
    }
    assert_eq!(parse(&deep(127)).ok(), serde(&deep(127)));
    assert!(parse(&deep(127)).is_ok());
    assert_eq!(parse(&deep(128)).ok(), serde(&deep(128)));
    assert!(parse(&deep(128)).is_err());
}

#[test]
fn differs_from_serde_json_only_where_documented() {
    // A key twice: serde_json keeps the last, this reader refuses.
    assert!(serde(r#"{"a":1,"a":2}"#).is_some());
    assert_eq!(parse(r#"{"a":1,"a":2}"#), Err(Invalid(7)));
    assert_eq!(parse(r#"{"a":1,"\u0061":2}"#), Err(Invalid(7)));
    // A float too large: serde_json refuses, this reader keeps no value.
    assert!(serde("1e999").is_none());
    assert_eq!(parse("1e999"), Ok(Json::Num(Num::Float)));
}

#[test]
fn says_where_the_text_stops_being_json() {
    let cases = [
        ("", 0),
        ("[1,]", 3),
        ("{\"a\" 1}", 5),
        ("\"a\u{1}\"", 2),
        ("1 x", 2),
    ];
    for (text, at) in cases {
        assert_eq!(parse(text), Err(Invalid(at)), "{text:?}");
    }
}

#[test]
fn accessors_read_the_types_they_name() {
    let v = parse(r#"{"s":"x","u":7,"i":-7,"big":5000000000,"b":true,"a":[1]}"#).expect("json");
    assert_eq!(v.get("s").and_then(Json::as_str), Some("x"));
    assert_eq!(v.get("u").and_then(Json::as_u32), Some(7));
    assert_eq!(v.get("i").and_then(Json::as_u32), None);
    assert_eq!(v.get("i").and_then(Json::as_i64), Some(-7));
    assert_eq!(v.get("big").and_then(Json::as_u32), None);
    assert_eq!(v.get("big").and_then(Json::as_i64), Some(5_000_000_000));
    assert_eq!(v.get("b").and_then(Json::as_bool), Some(true));
    assert_eq!(
        v.get("a").and_then(Json::as_array).map(<[Json]>::len),
        Some(1)
    );
    assert_eq!(v.get("missing"), None);
    assert_eq!(v.get("s").and_then(Json::as_u64), None);
}

#[test]
fn writes_what_serde_json_writes() {
    let strings = [
        "",
        "plain",
        "quote \" and \\ backslash",
        "/slash/",
        "\u{8}\u{c}\n\r\t",
        "\u{0}\u{1}\u{1f}\u{7f}",
        "ümlaut 😀",
        "\u{2028}\u{2029}",
        "</script>",
    ];
    for s in strings {
        let mut out = String::new();
        write::string(&mut out, s);
        assert_eq!(out, serde_json::to_string(s).expect("serializes"), "{s:?}");
        assert_eq!(parse(&out), Ok(Json::Str(s.to_string())));
    }
    for n in [0, 1, 9, 10, 99, 1_000_000, u64::MAX] {
        let mut out = String::new();
        write::uint(&mut out, n);
        assert_eq!(out, n.to_string());
    }
    for n in [0, -1, 42, i64::MIN, i64::MAX] {
        let mut out = String::new();
        write::int(&mut out, n);
        assert_eq!(out, n.to_string());
    }
    let mut out = String::new();
    let mut o = Object::new(&mut out);
    o.string("a", "x");
    o.uint("b", 2);
    write::boolean(o.key("c"), false);
    o.end();
    assert_eq!(
        out,
        serde_json::json!({"a": "x", "b": 2, "c": false}).to_string()
    );
    let mut empty = String::new();
    Object::new(&mut empty).end();
    assert_eq!(empty, "{}");
}
