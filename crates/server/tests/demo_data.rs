//! `lotse demo-data`: the generated runs, read back through the store and
//! the report code the dashboard uses, have the shape docs/demo-data.md
//! documents; the same seed writes the same events.

use std::path::Path;

use lotse_core::event::{Device, Reason};
use lotse_core::funnel::{Filter, Funnel};
use lotse_server::demo_data::DemoData;
use lotse_server::guides::GuideSet;
use lotse_server::reports::build::{funnel_report, FunnelReport};
use lotse_server::Store;

use crate::support::{lotse_in, now_ms};

fn repo_guides() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guides")
}

async fn report(store: &Store, guides: &GuideSet, id: &str, filter: &Filter) -> FunnelReport {
    funnel_report(store, guides, id, filter, now_ms())
        .await
        .expect("store reads")
        .expect("guide known")
}

/// Runs given up at `step`, over every reason (`left` included).
fn abandoned_at(funnel: &Funnel, step: &str) -> (u64, u64) {
    let s = funnel
        .steps
        .iter()
        .find(|s| s.id == step)
        .expect("step in funnel");
    (s.abandoned.values().sum(), s.viewed)
}

fn rate(funnel: &Funnel) -> f64 {
    funnel.runs.completed as f64 / funnel.runs.started.max(1) as f64
}

#[tokio::test]
async fn demo_data_has_the_documented_funnel_shape() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/demo.db", dir.path().display());
    let demo = DemoData {
        database: url.clone(),
        guides: repo_guides(),
        seed: 7,
        runs: 3000,
        days: 42,
        if_empty: false,
    };
    let mut out = Vec::new();
    let written = demo.run(&mut out).await.expect("demo data written");
    assert_eq!(written.runs, 3000);
    assert!(written.events > 30_000, "{written:?}");

    // Same seed again: every event is recognised as already stored.
    let again = demo.run(&mut Vec::new()).await.expect("runs again");
    assert_eq!((again.runs, again.events), (3000, 0));
    let if_empty = DemoData {
        if_empty: true,
        seed: 8,
        ..demo.clone()
    };
    let mut out = Vec::new();
    assert_eq!(if_empty.run(&mut out).await.expect("runs").events, 0);
    assert!(String::from_utf8_lossy(&out).contains("already holds"));

    let store = Store::open(&url).await.expect("store opens");
    let guides = GuideSet::load_dir(&repo_guides()).expect("demo guides load");
    let tariff = report(&store, &guides, "tariff-switch", &Filter::default()).await;
    let versions: Vec<u32> = tariff.by_version.iter().map(|v| v.version).collect();
    assert_eq!(versions, vec![1, 2], "two versions of the tariff switch");
    let (v1, v2) = (&tariff.by_version[0].funnel, &tariff.by_version[1].funnel);
    // Version 1 loses the most visitors at the bank step, version 2 far fewer.
    let most = v1
        .steps
        .iter()
        .max_by_key(|s| s.abandoned.values().sum::<u64>())
        .map(|s| s.id.as_str());
    assert_eq!(most, Some("iban"));
    let (lost1, seen1) = abandoned_at(v1, "iban");
    let (lost2, seen2) = abandoned_at(v2, "iban");
    let (r1, r2) = (lost1 as f64 / seen1 as f64, lost2 as f64 / seen2 as f64);
    assert!((0.22..0.34).contains(&r1), "v1 iban drop {r1:.3}");
    assert!((0.05..0.13).contains(&r2), "v2 iban drop {r2:.3}");
    assert!(
        (0.34..0.50).contains(&rate(v1)),
        "v1 completion {:.3}",
        rate(v1)
    );
    assert!(
        (0.46..0.60).contains(&rate(v2)),
        "v2 completion {:.3}",
        rate(v2)
    );

    // Every abandonment reason, silent runs as `left`, and the late tariff list.
    let mut reasons: Vec<Reason> = tariff
        .funnel
        .steps
        .iter()
        .flat_map(|s| s.abandoned.keys().copied())
        .collect();
    reasons.sort();
    reasons.dedup();
    assert_eq!(
        reasons,
        vec![
            Reason::CloseButton,
            Reason::Esc,
            Reason::OverlayClick,
            Reason::IdleTimeout,
            Reason::NavigateAway,
            Reason::Left
        ]
    );
    let failed: Vec<(&str, u64)> = tariff
        .funnel
        .steps
        .iter()
        .filter_map(|s| {
            s.failed
                .get(&Reason::TargetMissing)
                .map(|n| (s.id.as_str(), *n))
        })
        .collect();
    assert!(
        failed.len() == 1 && failed[0].0 == "tariffs" && failed[0].1 > 10,
        "{failed:?}"
    );

    // Locales and devices are filterable; mobile visitors give up more.
    let de = report(
        &store,
        &guides,
        "tariff-switch",
        &Filter {
            locale: Some("de".into()),
            ..Filter::default()
        },
    )
    .await;
    let en = report(
        &store,
        &guides,
        "tariff-switch",
        &Filter {
            locale: Some("en".into()),
            ..Filter::default()
        },
    )
    .await;
    assert_eq!(
        de.funnel.runs.started + en.funnel.runs.started,
        tariff.funnel.runs.started
    );
    assert!(de.funnel.runs.started > en.funnel.runs.started && en.funnel.runs.started > 0);
    let mobile = report(
        &store,
        &guides,
        "tariff-switch",
        &Filter {
            device: Some(Device::Mobile),
            ..Filter::default()
        },
    )
    .await;
    let desktop = report(
        &store,
        &guides,
        "tariff-switch",
        &Filter {
            device: Some(Device::Desktop),
            ..Filter::default()
        },
    )
    .await;
    let tablet = report(
        &store,
        &guides,
        "tariff-switch",
        &Filter {
            device: Some(Device::Tablet),
            ..Filter::default()
        },
    )
    .await;
    assert!(tablet.funnel.runs.started > 0);
    assert!(
        rate(&mobile.funnel) + 0.1 < rate(&desktop.funnel),
        "mobile {:.3} desktop {:.3}",
        rate(&mobile.funnel),
        rate(&desktop.funnel)
    );

    // The other demo guides have runs too.
    for id in ["meter-reading", "demo"] {
        let r = report(&store, &guides, id, &Filter::default()).await;
        assert!(r.funnel.runs.started > 200, "{id}: {:?}", r.funnel.runs);
    }
    store.close().await;
}

#[test]
fn demo_data_command_fills_only_an_empty_store() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/demo.db", dir.path().display());
    let guides = repo_guides().to_string_lossy().into_owned();
    let args = [
        "demo-data",
        "--database",
        &url,
        "--guides",
        &guides,
        "--runs",
        "200",
        "--days",
        "14",
        "--if-empty",
    ];
    let (code, out) = lotse_in(dir.path(), &args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("of 200 runs over 14 days"), "{out}");
    assert!(out.contains("tariff-switch v1, tariff-switch v2"), "{out}");
    let (code, out) = lotse_in(dir.path(), &args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no demo data written"), "{out}");
    let (code, out) = lotse_in(
        dir.path(),
        &["demo-data", "--database", &url, "--guides", "/nonexistent"],
    );
    assert_eq!(code, 1, "{out}");
}
