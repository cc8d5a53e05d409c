//! The hostile-input table (issue 5): each request gets its documented
//! status and an error body naming the bad field, and nothing of any of
//! them is stored. Run against both stores by `stores`.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::support::{batch, event, now_ms, TestServer};

/// Each hostile request gets its documented status and names the bad field;
/// nothing of any of them is stored.
pub async fn hostile_inputs_store_nothing(server: TestServer) {
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
            "100,000-element batch",
            json!({"site": "demo", "events": vec![0; 100_000]}).to_string(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "body",
        ),
        (
            "30,001 events in one array, under the body limit",
            format!(r#"{{"site":"demo","events":[{}0]}}"#, "0,".repeat(30_000)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events",
        ),
        (
            "deeply nested JSON inside an event",
            format!(
                r#"{{"site":"demo","events":[{{"path":{}1{}}}]}}"#,
                "{\"a\":".repeat(5_000),
                "}".repeat(5_000)
            ),
            StatusCode::BAD_REQUEST,
            "body",
        ),
        (
            "site of the wrong type",
            json!({"site": 42, "events": [good()]}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "site",
        ),
        (
            "time as text",
            with("ts", json!("yesterday")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].ts",
        ),
        (
            "fractional time",
            with("ts", json!(now_ms() as f64 + 0.5)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].ts",
        ),
        (
            "id as a number",
            with("id", json!(12345678901234567_u64)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].id",
        ),
        (
            "negative step index",
            with("stepIndex", json!(-1)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].stepIndex",
        ),
        (
            "NUL in the run",
            with("run", json!("run\u{0}0123456789abcdef")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].run",
        ),
        (
            "SQL in the guide id",
            with("guide", json!("demo'; DELETE FROM events;--")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].guide",
        ),
        (
            "HTML in the device",
            with("device", json!("<script>alert(1)</script>")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].device",
        ),
        (
            "30,000-character string under the body limit",
            with("path", json!(format!("/{}", "\u{e9}".repeat(30_000)))),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].path",
        ),
        (
            "a year in the future",
            with("ts", json!(now_ms() + 365 * 86_400_000)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].ts",
        ),
        (
            "31 days in the past",
            with("ts", json!(now_ms() - 31 * 86_400_000)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "events[0].ts",
        ),
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
        assert!(
            answer["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{name}: a message says what is wrong: {answer}"
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
