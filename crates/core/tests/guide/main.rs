//! Tests of guide format v1 through the public API, the way the CLI, the
//! server and the widget load guides. One test binary; its modules:
//!
//! - `problems`: every file in `tests/invalid/` fails and every file in
//!   `tests/warnings/` loads with warnings, with exactly the messages in the
//!   file's `.expected` golden file.
//! - `round_trip`: a loaded guide serializes to guide JSON that loads into
//!   the same guide.
//! - `examples`: every guide in `guides/` and `tests/valid/` validates.
//! - `robustness`: damaged guides fail with located problems, never panic.
//! - `lean`: the widget's lean load agrees with the full load.
//! - `schema`: the committed `guides/guide.schema.json` is up to date.

mod examples;
mod lean;
mod problems;
mod robustness;
mod round_trip;
mod schema;

use std::path::{Path, PathBuf};

/// `crates/core/tests/<folder>`.
fn data(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder)
}

/// The repository's `guides/` folder.
fn guides_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guides")
}

/// The `*.json` files directly in `dir` (not `*.schema.json`), sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".json") && !name.ends_with(".schema.json")
        })
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
