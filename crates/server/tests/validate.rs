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
