//! The `lotse` binary: `validate` and the help texts.

use std::path::Path;

use crate::support::{lotse_in, write_guides};

/// Runs `lotse` in the test's working directory.
fn lotse(args: &[&str]) -> (i32, String) {
    lotse_in(Path::new("."), args)
}

#[test]
fn validate_exits_0_for_valid_guides_and_1_with_every_problem() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    let good = guides.to_string_lossy().into_owned();
    let (code, out) = lotse(&["validate", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 guide file(s) valid"), "{out}");

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"id\": \"demo\",\n  \"version\": 1,\n  \"title\": \"x\",\n  \"steps\": [,]\n}",
    )
    .expect("file");
    let bad = bad.to_string_lossy().into_owned();
    let (code, out) = lotse(&["validate", &good, &bad]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("{bad}:5:13: $: ")),
        "file:line:col: $.path: message expected:\n{out}"
    );

    let (code, out) = lotse(&["validate", "/nonexistent/guide.json"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("/nonexistent/guide.json"), "{out}");
}

#[test]
fn help_explains_every_command() {
    let (code, out) = lotse(&["--help"]);
    assert_eq!(code, 0);
    for word in ["serve", "validate"] {
        assert!(out.contains(word), "{out}");
    }
    let (_, out) = lotse(&["serve", "--help"]);
    for word in [
        "--listen",
        "LOTSE_LISTEN",
        "--database",
        "DATABASE_URL",
        "--guides",
        "--widget",
        "--static",
        "--site",
    ] {
        assert!(out.contains(word), "{word} missing:\n{out}");
    }
    let (_, out) = lotse(&["validate", "--help"]);
    assert!(out.contains("FILE:LINE:COL"), "{out}");
}

#[test]
fn serve_refuses_to_start_with_an_invalid_guide() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    std::fs::write(
        guides.join("broken.json"),
        r#"{"id": "demo-2", "version": 0}"#,
    )
    .expect("file");
    let database = format!("sqlite://{}/lotse.db", dir.path().display());
    let guides = guides.to_string_lossy().into_owned();
    let (code, out) = lotse(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database",
        &database,
        "--guides",
        &guides,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("broken.json:") && out.contains("$.version"),
        "{out}"
    );
    assert!(!out.contains("backtrace"), "{out}");
}

/// `crates/core/tests/<rel>`, the core's golden guides.
fn core_guide(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn validate_json_lists_every_problem_for_ci_annotations() {
    let placement = core_guide("invalid/placement.json");
    let warnings = core_guide("warnings/warnings.json");
    let (code, out) = lotse(&["validate", "--format", "json", &warnings, &placement]);
    assert_eq!(code, 1, "{out}");
    let findings: serde_json::Value = serde_json::from_str(&out).expect("stdout is one JSON value");
    let findings = findings.as_array().expect("an array");
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    let warned: Vec<_> = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .collect();
    assert_eq!((errors.len(), warned.len()), (4, 4), "{out}");
    assert_eq!(
        errors[0],
        &serde_json::json!({
            "file": placement,
            "line": 6,
            "column": 48,
            "path": "$.steps[0].placement",
            "severity": "error",
            "message": "\"bottom-strat\" is not one of auto, top, bottom, left, right, \
                        each optionally with -start or -end (did you mean \"bottom-start\"?)",
        })
    );
    assert!(
        warned.iter().all(|f| f["file"] == warnings.as_str()),
        "{out}"
    );
    assert_eq!(warned[0]["path"], "$.steps", "{out}");
    assert_eq!(
        (warned[0]["line"].as_u64(), warned[0]["column"].as_u64()),
        (Some(9), Some(3))
    );

    // Warnings alone: exit 0, still listed.
    let (code, out) = lotse(&["validate", "--format", "json", &warnings]);
    assert_eq!(code, 0, "{out}");
    let findings: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(findings.as_array().map(Vec::len), Some(4), "{out}");

    // Nothing wrong: an empty array. An unreadable path: an error without a position.
    let (code, out) = lotse(&[
        "validate",
        "--format",
        "json",
        &core_guide("valid/minimal.json"),
    ]);
    assert_eq!((code, out.trim()), (0, "[]"));
    let (code, out) = lotse(&["validate", "--format=json", "/nonexistent/guide.json"]);
    assert_eq!(code, 1, "{out}");
    let findings: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(findings[0]["file"], "/nonexistent/guide.json", "{out}");
    assert_eq!(findings[0]["line"], serde_json::Value::Null, "{out}");
}

#[test]
fn validate_text_marks_warnings_and_exits_0() {
    let warnings = core_guide("warnings/warnings.json");
    let (code, out) = lotse(&["validate", &warnings]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "{warnings}:9:3: $.steps: has 13 steps; completion falls off beyond 12, \
             consider splitting the guide (warning)\n"
        )),
        "{out}"
    );
    assert!(out.ends_with("1 guide file(s) valid\n"), "{out}");
    let (code, out) = lotse(&["validate", "--format", "yaml", &warnings]);
    assert_eq!(code, 2, "clap refuses an unknown format: {out}");
}
