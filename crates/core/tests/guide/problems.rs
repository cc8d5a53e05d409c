//! Golden tests of validation messages: each guide in `tests/invalid/` and
//! `tests/warnings/` next to a `.expected` file holding the rendered
//! problems. `LOTSE_BLESS=1 cargo test -p lotse-core --test guide` rewrites
//! the golden files; review the diff before committing it.

use std::path::Path;

use lotse_core::guide::{load, Problems};

use super::{data, json_files, read};

/// Loads `path` as `<folder>/<file>`, renders its problems and compares
/// them with the golden file. `fails` says whether the guide must fail to
/// load (errors) or load with warnings.
fn check(folder: &str, path: &Path, fails: bool) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let file = format!("{folder}/{name}");
    let rendered = match load(&file, &read(path)) {
        Err(problems) if fails => problems.render(),
        Ok(loaded) if !fails && !loaded.warnings.is_empty() => Problems {
            file: file.clone(),
            problems: loaded.warnings,
        }
        .render(),
        Ok(_) => {
            return Some(format!(
                "{file}: loaded, but should have {}",
                if fails { "failed" } else { "warned" }
            ))
        }
        Err(problems) => return Some(format!("{file}: failed:\n{}", problems.render())),
    };
    let golden = path.with_extension("expected");
    if std::env::var_os("LOTSE_BLESS").is_some() {
        std::fs::write(&golden, format!("{rendered}\n")).expect("golden file is writable");
        return None;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    (expected.trim_end() != rendered).then(|| {
        format!(
            "{file}: messages differ from {}\n--- expected\n{}\n--- got\n{rendered}\n",
            golden.display(),
            expected.trim_end()
        )
    })
}

fn check_folder(folder: &str, fails: bool) {
    let files = json_files(&data(folder));
    assert!(!files.is_empty(), "no guides in tests/{folder}");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|p| check(folder, p, fails))
        .collect();
    assert!(
        failures.is_empty(),
        "{}\n(LOTSE_BLESS=1 cargo test -p lotse-core --test guide rewrites the golden files)",
        failures.join("\n")
    );
}

#[test]
fn invalid_guides_report_every_problem() {
    check_folder("invalid", true);
}

#[test]
fn questionable_guides_load_with_warnings() {
    check_folder("warnings", false);
}

#[test]
fn the_issue_example_renders_exactly() {
    let json = read(&data("invalid").join("checkout.json"));
    let problems = load("guides/checkout.json", &json).expect_err("bad placement");
    assert_eq!(
        problems.render(),
        "guides/checkout.json:14:9: $.steps[2].placement: \"bottum\" is not one of auto, top, bottom, left, right (did you mean \"bottom\"?)"
    );
}
