//! Every guide a person may copy from validates without errors: the
//! guides in `guides/` and the test guides in `tests/valid/` (which use every
//! field). Warnings are allowed in `guides/` but not in `tests/valid/`.

use lotse_core::guide::{load, Advance, Align, Goal, Locator, OnMissing, Side};

use super::{data, guides_dir, json_files, read};

#[test]
fn every_guide_in_the_repository_validates() {
    let files = json_files(&guides_dir());
    assert!(!files.is_empty(), "no guides in guides/");
    for path in files {
        let json = read(&path);
        if let Err(problems) = load(&path.display().to_string(), &json) {
            panic!("{}", problems.render());
        }
        assert!(
            json.contains("\"$schema\": \"./guide.schema.json\""),
            "{} has no $schema",
            path.display()
        );
    }
}

#[test]
fn test_guides_validate_without_warnings() {
    for path in json_files(&data("valid")) {
        let loaded = load(&path.display().to_string(), &read(&path))
            .unwrap_or_else(|p| panic!("{}", p.render()));
        assert!(
            loaded.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            loaded.warnings
        );
    }
}

#[test]
fn the_full_guide_reads_every_field() {
    let guide = load("full.json", &read(&data("valid").join("full.json")))
        .expect("valid")
        .guide;
    assert_eq!(
        (
            guide.id.as_str(),
            guide.version,
            guide.default_locale.as_str()
        ),
        ("tariff-switch", 3, "de")
    );
    assert_eq!(guide.title.resolve("en-US", "de"), "Tariff switch");
    assert!(!guide.start.auto);
    assert_eq!(guide.start.launcher.as_deref(), Some("#guide-launcher"));
    assert!(matches!(&guide.goal, Some(Goal::Url(p)) if p.matches("/de/switch/done.html")));
    let s = &guide.steps;
    assert_eq!(s[0].on_missing, OnMissing::Skip);
    assert!(s[0].target.is_empty());
    assert_eq!(
        s[1].target,
        [
            Locator::TestId("postcode".into()),
            Locator::Css("#postcode".into()),
            Locator::Css("input[name='plz']".into())
        ]
    );
    assert_eq!(
        (s[1].placement.side, s[1].placement.align),
        (Side::Right, Align::Start)
    );
    assert_eq!(
        s[1].advance,
        Advance::Input {
            pattern: Some("^[0-9]{5}$".into())
        }
    );
    assert_eq!(
        (
            s[1].wait_for_ms,
            s[1].spotlight.padding,
            s[1].spotlight.radius
        ),
        (8000, 4, 0)
    );
    assert_eq!(
        s[2].target,
        [Locator::Text {
            text: "Ökostrom".into(),
            role: Some("button".into())
        }]
    );
    assert_eq!(
        (s[2].advance.clone(), s[2].optional),
        (Advance::Click, true)
    );
    assert_eq!(s[3].placement.align, Align::End);
    assert_eq!(s[3].advance, Advance::Input { pattern: None });
    assert_eq!(
        (s[4].advance.clone(), s[4].on_missing),
        (Advance::Submit, OnMissing::Abort)
    );
    assert!(matches!(&s[5].advance, Advance::Url(p) if p.as_str() == "/*/switch/review.html"));
    assert!(s[5].spotlight.block_target);
    assert_eq!(s[6].advance, Advance::Event("order-placed".into()));
    assert_eq!(s[6].wait_for_ms, 5000);
}
