//! The `lotse` binary's `check` (guide targets on saved pages and pages
//! served on localhost) and `schema`.

use std::path::{Path, PathBuf};

use lotse_server::Config;

use crate::support::{lotse_in, Running};

/// The repository root, where `guides/` and `www/` are.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every HTML page of the demo site, relative to the repository root.
fn demo_pages(dir: &Path, found: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("www is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            demo_pages(&path, found);
        } else if path.extension().is_some_and(|e| e == "html") {
            let relative = path.strip_prefix(repo()).expect("under the repository");
            found.push(relative.to_string_lossy().into_owned());
        }
    }
}

#[test]
fn every_guide_finds_each_target_once_on_the_demo_pages() {
    let mut pages = Vec::new();
    demo_pages(&repo().join("www"), &mut pages);
    let guides = [
        "guides/demo.json",
        "guides/tariff-switch.json",
        "guides/meter-reading.json",
    ];
    for guide in guides {
        let mut args = vec!["check", guide, "--page"];
        args.extend(pages.iter().map(String::as_str));
        let (code, out) = lotse_in(&repo(), &args);
        assert_eq!(code, 0, "{guide}:\n{out}");
        assert!(out.contains(" 0 failed"), "{out}");
        assert!(
            !out.contains("not checked"),
            "every step has a page:\n{out}"
        );
    }
    // Both languages: the German page finds the calculate button by its
    // German text, the second locator.
    let (_, out) = lotse_in(
        &repo(),
        &[
            "check",
            "guides/tariff-switch.json",
            "--page",
            "www/de/switch/consumption.html",
        ],
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("calculate "))
        .expect("a row for step calculate");
    assert!(
        line.contains("#2 text \"Preise berechnen\" (button)") && line.ends_with("ok"),
        "{out}"
    );
}

const FIXTURE_PAGE: &str = r#"<!doctype html>
<html><body>
  <nav><a href="/a">Tariffs</a><a href="/b">Tariffs</a></nav>
  <main>
    <h1 id="title">Pay</h1>
    <button class="btn" type="button">Back</button>
    <button class="btn" type="submit">Pay now</button>
    <p hidden data-testid="later">Shown by JavaScript</p>
  </main>
</body></html>"#;

/// A site with `shop/pay.html` and a guide whose steps have `targets`.
fn fixture(targets: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir_all(dir.path().join("site/shop")).expect("folder");
    std::fs::write(dir.path().join("site/shop/pay.html"), FIXTURE_PAGE).expect("page");
    let steps: Vec<String> = targets
        .iter()
        .enumerate()
        .map(|(i, target)| {
            format!(r#"{{"id": "s{i}", "url": "/shop/pay.html", "target": {target}, "title": "Step {i}"}}"#)
        })
        .collect();
    let guide = format!(
        r#"{{"id": "pay", "version": 1, "title": "Pay", "steps": [{}]}}"#,
        steps.join(",\n")
    );
    std::fs::write(dir.path().join("pay.json"), guide).expect("guide");
    dir
}

fn check_fixture(dir: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "check",
        "pay.json",
        "--root",
        "site",
        "--page",
        "site/shop/pay.html",
    ];
    args.extend(extra);
    lotse_in(dir, &args)
}

#[test]
fn passes_when_each_target_matches_one_element_hidden_or_not() {
    let dir = fixture(&[
        r##""#title""##,
        r#"{"testId": "later"}"#,
        r#"{"text": "  pay   NOW ", "role": "button"}"#,
        r#"[{"testId": "gone"}, {"text": "Pay", "role": "heading"}]"#,
    ]);
    let (code, out) = check_fixture(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("#2 text \"Pay\" (heading)"),
        "first matching locator is named:\n{out}"
    );
}

#[test]
fn fails_naming_the_step_whose_target_is_missing() {
    let dir = fixture(&[r##""#title""##, r##"[".checkout", {"testId": "pay"}]"##]);
    let (code, out) = check_fixture(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(r#"pay.json: step "s1" on site/shop/pay.html: target is missing: no element matches any of its locators (css ".checkout", testId "pay")"#),
        "{out}"
    );
    assert!(
        !out.contains("step \"s0\" on"),
        "only the broken step is named:\n{out}"
    );
}

#[test]
fn fails_naming_the_step_whose_target_is_ambiguous() {
    let dir = fixture(&[r#"".btn""#, r#"{"text": "Tariffs", "role": "link"}"#]);
    let (code, out) = check_fixture(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(r#"step "s0" on site/shop/pay.html: target is ambiguous: locator #1 css ".btn" matches 2 elements"#),
        "{out}"
    );
    assert!(out.contains(r#"step "s1" on site/shop/pay.html: target is ambiguous: locator #1 text "Tariffs" (link) matches 2 elements"#), "{out}");

    let (code, out) = check_fixture(dir.path(), &["--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON report");
    assert_eq!(report["ok"], false);
    assert_eq!(report["rows"][0]["result"], "several");
    assert_eq!(report["rows"][0]["count"], 2);
    assert!(report["rows"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("ambiguous")));
}

#[test]
fn reports_guide_problems_and_unreadable_pages() {
    let dir = fixture(&[r##""#title""##]);
    std::fs::write(
        dir.path().join("bad.json"),
        r#"{"id": "pay", "version": 0}"#,
    )
    .expect("guide");
    let (code, out) = lotse_in(
        dir.path(),
        &["check", "bad.json", "--page", "site/shop/pay.html"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("bad.json:") && out.contains("$.version"),
        "{out}"
    );

    let (code, out) = check_fixture(dir.path(), &["site/shop/nope.html"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("site/shop/nope.html: cannot be read"), "{out}");
    let (code, out) = lotse_in(dir.path(), &["check", "pay.json", "--page", "pay.json"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is not under the site root www"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_pages_served_on_localhost() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = Config {
        database_url: format!("sqlite://{}/lotse.db", dir.path().display()),
        guides_dir: repo().join("guides"),
        widget_dir: None,
        static_dir: Some(repo().join("www")),
        ..Config::default()
    };
    let server = Running::start(config).await;
    let consumption = format!("http://{}/en/switch/consumption.html", server.address);
    let (code, out) = tokio::task::spawn_blocking(move || {
        lotse_in(
            &repo(),
            &["check", "guides/tariff-switch.json", "--page", &consumption],
        )
    })
    .await
    .expect("check runs");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("calculate") && out.contains("/en/switch/consumption.html"),
        "{out}"
    );

    let (code, out) = lotse_in(
        &repo(),
        &["check", "guides/demo.json", "--page", "http://example.com/"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("only pages on this machine"), "{out}");
    let _ = server.stop().await;
}

#[test]
fn schema_prints_the_committed_guide_schema() {
    let (code, out) = lotse_in(&repo(), &["schema"]);
    assert_eq!(code, 0);
    let committed =
        std::fs::read_to_string(repo().join("guides/guide.schema.json")).expect("schema file");
    assert!(
        out == committed,
        "`lotse schema` differs from guides/guide.schema.json"
    );
}
