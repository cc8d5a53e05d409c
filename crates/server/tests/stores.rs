//! The same checks against both stores, each on a fresh database.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::support::postgres::Postgres;
use crate::support::{batch, event, visit, TestServer};

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
    crate::hostile::hostile_inputs_store_nothing(TestServer::open(&fresh()).await).await;
    crate::lifecycle::earlier_versions_stay_accepted(&fresh()).await;
    crate::lifecycle::prune_deletes_old_events(&fresh()).await;
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
    // The parts issue 2 is about (issue 6's extra figures: tests/reports.rs).
    let fields = [
        "id",
        "index",
        "viewed",
        "completed",
        "back",
        "abandoned",
        "failed",
    ];
    let steps: Vec<Value> = funnel["steps"]
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .map(|s| {
                    fields
                        .iter()
                        .map(|f| (f.to_string(), s[f].clone()))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        json!({
            "guide": funnel["guide"],
            "versions": funnel["versions"],
            "runs": funnel["runs"],
            "steps": steps,
        }),
        json!({
            "guide": "demo",
            "versions": [1],
            "runs": {"started": 3, "completed": 1, "completionRate": 0.3333,
                     "goalReached": 0, "failed": 0},
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
        json!({"started": 32, "completed": 32, "completionRate": 1.0, "goalReached": 0, "failed": 0})
    );
}

/// When the store cannot be reached, the client is told to come back later
/// (and nothing is acknowledged).
async fn unavailable_store_answers_503(server: TestServer) {
    let (status, health) = server.get_json("/v1/health").await;
    assert_eq!((status, &health["status"]), (StatusCode::OK, &json!("ok")));
    server.state.store().close().await;
    let (status, health) = server.get_json("/v1/health").await;
    assert_eq!(
        (status, &health["status"]),
        (StatusCode::SERVICE_UNAVAILABLE, &json!("unavailable")),
        "a load balancer sees the instance cannot store"
    );
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
