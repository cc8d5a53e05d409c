//! A store over time, run against both stores by `stores`: events of an
//! earlier guide version stay accepted after the guide is updated and the
//! server restarted; `lotse prune --older-than` deletes old events.

use serde_json::json;

use crate::support::{batch, event, lotse_in, visit, TestServer};

/// Version 2 of the fixture guide: a step added before `meter`.
const DEMO_V2: &str = r##"{
  "id": "demo",
  "version": 2,
  "title": "Demo",
  "steps": [
    { "id": "welcome", "target": "#hero-title", "title": "Welcome", "body": "Hello." },
    { "id": "tariffs", "target": "#tariff-link", "title": "Tariffs", "body": "Switch here." },
    { "id": "contract", "target": "#contract", "title": "Contract", "body": "Sign here." },
    { "id": "meter", "target": "#meter-link", "title": "Meter", "body": "Read here." }
  ]
}"##;

/// A visitor's queue of version 1 events arrives after the server was
/// restarted with version 2: still accepted, checked against version 1's
/// steps; versions never loaded are refused.
pub async fn earlier_versions_stay_accepted(url: &str) {
    let v1 = TestServer::open(url).await;
    let (status, answer) = v1.post(&batch(&visit("old", 0, Err("esc")))).await;
    assert_eq!(status, 200, "{answer}");
    v1.state.store().close().await;
    drop(v1);

    let guides = tempfile::tempdir().expect("temporary folder");
    std::fs::write(guides.path().join("demo.json"), DEMO_V2).expect("guide written");
    let v2 = TestServer::with_config(url, |c| c.guides_dir = guides.path().to_path_buf()).await;
    let queued = visit("queued", 2, Ok(()));
    let (status, answer) = v2.post(&batch(&queued)).await;
    assert_eq!(
        (status.as_u16(), answer),
        (200, json!({"accepted": queued.len(), "duplicates": 0})),
        "version 1 events after the update and a restart"
    );
    let current = |n, step: &str, index: usize| {
        let mut e = event("new", n, "step_viewed", Some(step), None);
        e["guideVersion"] = json!(2);
        e["stepCount"] = json!(4);
        e["stepIndex"] = json!(index);
        e
    };
    let (status, answer) = v2.post(&batch(&[current(0, "contract", 2)])).await;
    assert_eq!(status, 200, "{answer}");

    let mut v1_with_v2_step = event("mix", 0, "step_viewed", Some("meter"), None);
    v1_with_v2_step["step"] = json!("contract");
    v1_with_v2_step["stepIndex"] = json!(2);
    let mut v2_with_v1_count = current(1, "meter", 3);
    v2_with_v1_count["stepCount"] = json!(3);
    let mut unknown_version = event("mix", 2, "step_viewed", Some("welcome"), None);
    unknown_version["guideVersion"] = json!(7);
    let refused = [
        (v1_with_v2_step, "events[0].step"),
        (v2_with_v1_count, "events[0].stepCount"),
        (unknown_version, "events[0].guideVersion"),
    ];
    let stored = v2.stored().await;
    for (e, field) in refused {
        let (status, answer) = v2.post(&batch(&[e])).await;
        assert_eq!(status, 422, "{field}: {answer}");
        assert_eq!(answer["errors"][0]["field"], json!(field), "{answer}");
    }
    assert_eq!(
        v2.stored().await,
        stored,
        "nothing of a refused batch is stored"
    );
}

/// `lotse prune --older-than AGE` deletes what was received before the
/// cutoff and says how many.
pub async fn prune_deletes_old_events(url: &str) {
    let server = TestServer::open(url).await;
    let events = visit("prune", 1, Ok(()));
    let (status, _) = server.post(&batch(&events)).await;
    assert_eq!(status, 200);
    let dir = tempfile::tempdir().expect("temporary folder");
    let prune = |age: &str| {
        lotse_in(
            dir.path(),
            &["prune", "--older-than", age, "--database", url],
        )
    };

    let (code, out) = prune("400d");
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("pruned 0 event(s) "), "{out}");
    assert_eq!(server.stored().await, events.len() as u64);

    let (code, out) = prune("0h");
    assert_eq!(code, 0, "{out}");
    let want = format!("pruned {} event(s) ", events.len());
    assert!(out.starts_with(&want), "{out}");
    assert_eq!(server.stored().await, 0);

    let (code, out) = prune("400");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("400d or 12h"), "{out}");
}
