//! The widget's lean load (`guide::lean::load`) accepts exactly the guides
//! the full load accepts, into the same `Guide`, and refuses the others
//! with one short reason: every test guide, every guide in `guides/`, their
//! damaged variants, and hand-written edge cases of the JSON shape.

use lotse_core::guide::{lean, load};

use super::{data, guides_dir, json_files, read};

/// Both loads agree on `json`: the same guide, or both refuse.
fn check(json: &str) {
    let full = load("guide.json", json);
    match (lean::load(json), full) {
        (Ok(lean), Ok(full)) => assert_eq!(lean, full.guide, "{json}"),
        (Err(refused), Err(_)) => assert!(!refused.0.is_empty(), "{json}"),
        (Ok(_), Err(problems)) => panic!(
            "lean load accepted a guide the full load refuses:\n{json}\n{}",
            problems.render()
        ),
        (Err(refused), Ok(_)) => {
            panic!("lean load refused a valid guide ({refused}):\n{json}")
        }
    }
}

fn all_files() -> Vec<String> {
    let mut files = json_files(&data("valid"));
    files.extend(json_files(&data("invalid")));
    files.extend(json_files(&data("warnings")));
    files.extend(json_files(&guides_dir()));
    files.iter().map(|p| read(p)).collect()
}

#[test]
fn agrees_with_the_full_load_on_every_test_guide() {
    for json in all_files() {
        check(&json);
    }
}

#[test]
fn agrees_with_the_full_load_on_damaged_guides() {
    for json in all_files() {
        let cuts: Vec<usize> = json.char_indices().map(|(i, _)| i).collect();
        for (n, &i) in cuts.iter().enumerate() {
            if n % 9 == 0 {
                check(&json[..i]);
            }
            if n % 13 == 0 {
                let next = cuts.get(n + 1).copied().unwrap_or(json.len());
                check(&format!("{}{}", &json[..i], &json[next..]));
                for c in ["\"", "{", "]", ",", "null", "[", "0", "-", " "] {
                    check(&format!("{}{c}{}", &json[..i], &json[next..]));
                }
            }
        }
    }
}

/// Shapes the derived serde readers would take but guide JSON forbids
/// (objects as lists, `null`, duplicate keys), and each kind of value check.
#[test]
fn agrees_with_the_full_load_on_edge_cases() {
    let step = r##"{"id": "a", "title": "T"}"##;
    let guide = |extra: &str, steps: &str| {
        format!(r##"{{"id": "g", "version": 1, "title": "G"{extra}, "steps": [{steps}]}}"##)
    };
    let step_with =
        |extra: &str| format!(r##"{{"id": "a", "title": "T", "target": "#x"{extra}}}"##);
    let cases = [
        guide("", step),
        guide(r##", "start": ["/a", true]"##, step),
        guide(r##", "start": {"urls": []}"##, step),
        guide(r##", "start": {"urls": ["/a?x"]}"##, step),
        guide(
            r##", "start": {"frequency": "once", "launcher": "#go"}"##,
            step,
        ),
        guide(r##", "description": null"##, step),
        guide(r##", "title": "again""##, step),
        guide(
            r##", "defaultLocale": "de", "description": {"de": "x", "de": "y"}"##,
            step,
        ),
        guide(
            r##", "defaultLocale": "de", "description": {"en": "x"}"##,
            step,
        ),
        guide(r##", "defaultLocale": "d""##, step),
        guide(r##", "goal": {"url": "/done"}"##, step),
        guide(r##", "goal": {"url": "/done", "element": "#x"}"##, step),
        guide(r##", "goal": {}"##, step),
        guide("", r##"["a", "T"]"##),
        guide("", &format!("{step}, {step}")),
        guide("", r##"{"id": "A", "title": "T"}"##),
        guide("", r##"{"id": "a", "title": " "}"##),
        guide(
            "",
            r##"{"id": "a", "title": "T", "body": "[x](javascript:alert(1))"}"##,
        ),
        guide("", r##"{"id": "a", "title": "T", "advance": "click"}"##),
        guide("", &step_with(r##", "advance": "click""##)),
        guide(
            "",
            &step_with(r##", "advance": {"input": {"pattern": "[0-9"}}"##),
        ),
        guide(
            "",
            &step_with(r##", "advance": {"input": {"pattern": "^[0-9]+$"}}"##),
        ),
        guide(
            "",
            &step_with(r##", "advance": {"input": {}, "url": "/x"}"##),
        ),
        guide("", &step_with(r##", "advance": {"event": "plan chosen"}"##)),
        guide("", &step_with(r##", "advance": {"event": "plan-chosen"}"##)),
        guide("", &step_with(r##", "advance": {"url": "https://x/y"}"##)),
        guide("", &step_with(r##", "placement": "top-end""##)),
        guide("", &step_with(r##", "placement": "top-middle""##)),
        guide("", &step_with(r##", "waitFor": {"timeoutMs": 120001}"##)),
        guide("", &step_with(r##", "waitFor": {"timeoutMs": 1.5}"##)),
        guide("", &step_with(r##", "waitFor": {}"##)),
        guide("", &step_with(r##", "spotlight": {"padding": 201}"##)),
        guide("", &step_with(r##", "spotlight": {"blockTarget": true}"##)),
        guide(
            "",
            &step_with(r##", "spotlight": {"blockTarget": true}, "advance": "submit""##),
        ),
        guide(
            "",
            &step_with(r##", "onMissing": "skip", "optional": true"##),
        ),
        guide("", r##"{"id": "a", "title": "T", "target": []}"##),
        guide("", r##"{"id": "a", "title": "T", "target": [["#x"]]}"##),
        guide("", r##"{"id": "a", "title": "T", "target": "div >"}"##),
        guide(
            "",
            r##"{"id": "a", "title": "T", "target": {"text": "Go", "role": "button"}}"##,
        ),
        guide(
            "",
            r##"{"id": "a", "title": "T", "target": {"text": "Go", "role": "buton"}}"##,
        ),
        guide(
            "",
            r##"{"id": "a", "title": "T", "target": {"role": "button"}}"##,
        ),
        guide(
            "",
            r##"{"id": "a", "title": "T", "target": {"css": "#a", "testId": "b"}}"##,
        ),
        guide(
            "",
            r##"{"id": "a", "title": "T", "target": [{"testId": "b"}, "#a"]}"##,
        ),
        guide("", r##"{"id": "a", "title": "T", "url": "/a/*"}"##),
        "[]".to_string(),
        "{}".to_string(),
        // The JSON reader's edges: escaped duplicate keys, numbers that are
        // not whole, nesting, a byte-order mark, `null` in a list.
        guide(r##", "t\u0069tle": "again""##, step),
        guide(", \"description\": {\"en\": \"x\", \"e\\u006e\": \"y\"}", step),
        r##"{"id": "g", "version": 1.0, "title": "G", "steps": [{"id": "a", "title": "T"}]}"##
            .to_string(),
        r##"{"id": "g", "version": -0, "title": "G", "steps": [{"id": "a", "title": "T"}]}"##
            .to_string(),
        r##"{"id": "g", "version": 4294967296, "title": "G", "steps": [{"id": "a", "title": "T"}]}"##
            .to_string(),
        r##"{"id": "g", "version": 4294967295, "title": "G", "steps": [{"id": "a", "title": "T"}]}"##
            .to_string(),
        guide(r##", "start": {"urls": ["/a", null]}"##, step),
        guide(r##", "start": {"urls": [[[[[[[[["/a"]]]]]]]]]}"##, step),
        guide("", r##"{"id": "a", "title": "\ud83d\ude00 \u00e9"}"##),
        guide("", r##"{"id": "a", "title": "\ud83d"}"##),
        format!("\u{feff}{}", guide("", step)),
        format!(" \n\t{}\r\n ", guide("", step)),
    ];
    for json in &cases {
        check(json);
    }
    let refused = lean::load(&guide("", &format!("{step}, {step}"))).expect_err("duplicate id");
    assert_eq!(refused.to_string(), "$.steps[1].id: is not unique");
}
