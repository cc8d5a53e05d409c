//! The same checks against both stores, each on a fresh database.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::support::postgres::Postgres;
use crate::support::{batch, event, now_ms, visit, TestServer};

#[tokio::test]
async fn sqlite() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut n = 0;
    suite(|| {
        n += 1;
        format!("sqlite://{}/lotse-{n}.db", dir.path().display())
    })
    .await;
}

#[tokio::test]
async fn postgres() {
    let pg = Postgres::start();
    suite(|| pg.database()).await;
}

async fn suite(mut fresh: impl FnMut() -> String) {
    walking_skeleton_funnel(TestServer::open(&fresh()).await).await;
    retries_are_stored_once(TestServer::open(&fresh()).await).await;
    hostile_inputs_store_nothing(TestServer::open(&fresh()).await).await;
    concurrent_batches_are_all_stored(TestServer::open(&fresh()).await).await;
    unavailable_store_answers_503(TestServer::open(&fresh()).await).await;
}

/// Issue 2's three visitors, and the funnel they produce.
async fn walking_skeleton_funnel(server: TestServer) {
    let visitors = [
        visit("a", 2, Ok(())),
        visit("b", 1, Err("close_button")),
        visit("c", 0, Err("esc")),
    ];
    for events in &visitors {
        let (status, body) = server.post(&batch(events)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, json!({"accepted": events.len(), "duplicates": 0}));
    }
    let (status, funnel) = server.get_json("/v1/reports/guides/demo/funnel").await;
    assert_eq!(status, StatusCode::OK);
    let step = |id: &str, i: usize, viewed: u64, completed: u64, abandoned: Value| {
        json!({"id": id, "index": i, "viewed": viewed, "completed": completed, "back": 0,
               "abandoned": abandoned, "failed": {}})
    };
    assert_eq!(
        funnel,
        json!({
            "guide": "demo",
            "versions": [1],
            "runs": {"started": 3, "completed": 1, "goalReached": 0},
            "steps": [
                step("welcome", 0, 3, 2, json!({"esc": 1})),
                step("tariffs", 1, 2, 1, json!({"close_button": 1})),
                step("meter", 2, 1, 1, json!({})),
            ]
        })
    );
    let (_, v1) = server
        .get_json("/v1/reports/guides/demo/funnel?version=1")
        .await;
    assert_eq!(v1, funnel);
    let (_, v2) = server
        .get_json("/v1/reports/guides/demo/funnel?version=2")
        .await;
    assert_eq!(v2["versions"], json!([2]));
    assert_eq!(v2["runs"]["started"], 0);
    let (status, _) = server
        .get_json("/v1/reports/guides/demo/funnel?version=x")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = server.get_json("/v1/reports/guides/nope/funnel").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}

/// The same batch sent three times is stored once.
async fn retries_are_stored_once(server: TestServer) {
    let mut events = visit("r", 1, Err("esc"));
    // SQL and HTML in a string field are stored as text, harmlessly.
    events[1]["path"] = json!("/x'); DROP TABLE events;--<script>");
    let body = batch(&events);
    let n = events.len();
    let answers = [
        json!({"accepted": n, "duplicates": 0}),
        json!({"accepted": 0, "duplicates": n}),
        json!({"accepted": 0, "duplicates": n}),
    ];
    for want in answers {
        assert_eq!(server.post(&body).await, (StatusCode::OK, want));
    }
    assert_eq!(server.stored().await, n as u64);
    // A batch that repeats an event within itself stores it once too.
    let twice = [
        event("t", 0, "guide_started", Some("welcome"), None),
        event("t", 0, "guide_started", Some("welcome"), None),
    ];
    let (status, body) = server.post(&batch(&twice)).await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({"accepted": 1, "duplicates": 1}))
    );
    let (_, funnel) = server.get_json("/v1/reports/guides/demo/funnel").await;
    assert_eq!(funnel["runs"]["started"], 2);
    assert_eq!(funnel["steps"][1]["viewed"], 1);
}

/// Each hostile request gets its documented status and names the bad field;
/// nothing of any of them is stored.
async fn hostile_inputs_store_nothing(server: TestServer) {
    let good = || event("h", 0, "step_viewed", Some("welcome"), None);
    let with = |field: &str, value: Value| {
        let mut e = good();
        e[field] = value;
        batch(&[e]).to_string()
    };
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let ten_mb = format!(
        r#"{{"site":"demo","events":[],"pad":"{}"}}"#,
        "x".repeat(10 << 20)
    );
    let cases: Vec<(&str, String, StatusCode, &str)> = vec![
        (
            "malformed JSON",
            r#"{"site": "demo", "events": ["#.into(),
            StatusCode::BAD_REQUEST,
            "body",
        ),
        (
            "deeply nested JSON",
            nested,
            StatusCode::BAD_REQUEST,
            "body",
        ),
        (
            "not an object",
            "[1, 2]".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "body",
        ),
        (
            "no site",
            json!({"events": [good()]}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "site",
        ),
        (
            "unknown site",
            json!({"site": "other", "events": [good()]}).to_string(),
            StatusCode::FORBIDDEN,
            "site",
        ),
        (
            "events not a list",
            json!({"site": "demo", "events": {}}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events",
        ),
        (
            "empty batch",
            batch(&[]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events",
        ),
        (
            "batch too long",
            json!({"site": "demo", "events": vec![0; 501]}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events",
        ),
        (
            "event not an object",
            batch(&[json!("x")]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0]",
        ),
        (
            "wrong type of number",
            with("guideVersion", json!("1")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].guideVersion",
        ),
        (
            "unknown type",
            with("type", json!("step_hovered")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].type",
        ),
        (
            "unknown guide",
            with("guide", json!("nope")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].guide",
        ),
        (
            "unknown version",
            with("guideVersion", json!(7)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].guideVersion",
        ),
        (
            "unknown step",
            with("step", json!("' OR 1=1 --")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].step",
        ),
        (
            "reason not allowed",
            with("reason", json!("esc")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].reason",
        ),
        (
            "short id",
            with("id", json!("abc")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].id",
        ),
        (
            "future time",
            with("ts", json!(now_ms() + 86_400_000)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].ts",
        ),
        (
            "ancient time",
            with("ts", json!(0)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].ts",
        ),
        (
            "control characters",
            with("path", json!("/a\u{7}b")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].path",
        ),
        (
            "long string",
            with("path", json!(format!("/{}", "a".repeat(5000)))),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].path",
        ),
        (
            "HTML in the locale",
            with("locale", json!("<img src=x>")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].locale",
        ),
        (
            "1 MB string",
            with("locale", json!("x".repeat(1 << 20))),
            StatusCode::PAYLOAD_TOO_LARGE,
            "body",
        ),
        ("10 MB body", ten_mb, StatusCode::PAYLOAD_TOO_LARGE, "body"),
        (
            "one bad event refuses the whole batch",
            batch(&[good(), event("h", 1, "step_viewed", Some("nope"), None)]).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[1].step",
        ),
    ];
    for (name, body, status, field) in cases {
        let (got, answer) = server.post_raw(body, &[]).await;
        assert_eq!(got, status, "{name}: {answer}");
        assert_eq!(
            answer["errors"][0]["field"],
            json!(field),
            "{name}: {answer}"
        );
        assert_eq!(server.stored().await, 0, "{name}: nothing stored");
    }
    let (status, _) = server.post(&batch(&[good()])).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the server still takes good batches"
    );
}

/// Many clients at once: every batch is answered and stored (through the
/// one batching writer).
async fn concurrent_batches_are_all_stored(server: TestServer) {
    let clients: Vec<_> = (0..32)
        .map(|i| {
            let app = server.app.clone();
            let body = batch(&visit(&format!("c{i:02}"), 2, Ok(()))).to_string();
            tokio::spawn(async move {
                use tower::ServiceExt;
                let request = axum::http::Request::post("/v1/events")
                    .body(axum::body::Body::from(body))
                    .expect("request");
                app.oneshot(request).await.expect("answer").status()
            })
        })
        .collect();
    for client in clients {
        assert_eq!(client.await.expect("client task"), StatusCode::OK);
    }
    let per_run = visit("x", 2, Ok(())).len() as u64;
    assert_eq!(server.stored().await, 32 * per_run);
    let (_, funnel) = server.get_json("/v1/reports/guides/demo/funnel").await;
    assert_eq!(
        funnel["runs"],
        json!({"started": 32, "completed": 32, "goalReached": 0})
    );
}

/// When the store cannot be reached, the client is told to come back later
/// (and nothing is acknowledged).
async fn unavailable_store_answers_503(server: TestServer) {
    server.state.store().close().await;
    let request = axum::http::Request::post("/v1/events")
        .body(axum::body::Body::from(
            batch(&visit("u", 0, Err("esc"))).to_string(),
        ))
        .expect("request");
    let (status, headers, body) = server.send(request).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(headers["retry-after"], "5");
    let (status, _) = server.get_json("/v1/reports/guides/demo/funnel").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}
