//! Issue 6's numbers: one event fixture (retries, duplicates, a reload,
//! back steps, a multi-page run, a silent run, a failure, two versions)
//! written straight into SQLite and PostgreSQL; the report API must give
//! the hand-computed numbers for every filter, and identical JSON and CSV
//! on both stores.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use lotse_core::event::{Device, Event, EventType, Reason};
use lotse_server::store::NewEvent;
use serde_json::{json, Value};

use crate::support::postgres::Postgres;
use crate::support::{now_ms, TestServer};

/// 2026-01-10 12:00 UTC and 2026-01-20 12:00 UTC.
const DAY_A: i64 = 1_768_046_400_000;
const DAY_B: i64 = 1_768_910_400_000;

/// One run: id, version, day, locale, device, silent (received 2 h ago),
/// and its events as (type, step, reason, path, dwell, locator).
type Run = (&'static str, u32, i64, &'static str, Device, bool, Vec<Ev>);
type Ev = (
    EventType,
    Option<&'static str>,
    Option<Reason>,
    &'static str,
    Option<u64>,
    Option<u32>,
);

fn e(kind: EventType, step: &'static str, path: &'static str) -> Ev {
    (kind, Some(step), None, path, None, None)
}
fn d(mut ev: Ev, dwell: u64) -> Ev {
    ev.4 = Some(dwell);
    ev
}
fn r(mut ev: Ev, reason: Reason) -> Ev {
    ev.2 = Some(reason);
    ev
}

/// A run through steps `0..=upto` on `path`, each completed with the given
/// dwell before the next is viewed.
fn walk(dwells: &[u64], upto: usize, path: &'static str) -> Vec<Ev> {
    use EventType::*;
    let steps = ["welcome", "tariffs", "meter"];
    let mut v = vec![e(GuideStarted, "welcome", path)];
    for (i, step) in steps.iter().enumerate().take(upto + 1) {
        v.push(e(StepViewed, step, path));
        if let Some(&ms) = dwells.get(i) {
            v.push(d(e(StepCompleted, step, path), ms));
        }
    }
    v
}

/// The fixture (see the module comment and each run's comment).
pub fn fixture() -> Vec<Run> {
    use Device::*;
    use EventType::*;
    let mut a = walk(&[1000, 3000, 2000], 2, "/de/");
    a.push(e(GuideCompleted, "meter", "/de/"));
    a.push((GoalReached, None, None, "/de/danke/", None, None));
    // A reload re-sends the welcome view and a shorter completion.
    a.push(e(StepViewed, "welcome", "/de/"));
    a.push(d(e(StepCompleted, "welcome", "/de/"), 900));
    let mut b = walk(&[600], 1, "/en/");
    b.push(d(e(StepBack, "tariffs", "/en/"), 500));
    b.push(e(StepViewed, "welcome", "/en/"));
    b.push(d(e(StepCompleted, "welcome", "/en/"), 700));
    b.push(e(StepViewed, "tariffs", "/en/"));
    b.push(r(
        d(e(GuideAbandoned, "tariffs", "/en/"), 4000),
        Reason::CloseButton,
    ));
    let mut c = walk(&[], 0, "/de/");
    c.push(r(d(e(GuideAbandoned, "welcome", "/de/"), 200), Reason::Esc));
    let dd = walk(&[1500], 1, "/de/");
    let mut ee = walk(&[1200], 0, "/de/");
    ee.push((
        StepViewed,
        Some("tariffs"),
        None,
        "/de/tarif/",
        None,
        Some(1),
    ));
    ee.push(d(e(StepCompleted, "tariffs", "/de/tarif/"), 6000));
    ee.push(e(StepViewed, "meter", "/de/zaehler/"));
    ee.push(r(
        e(StepFailed, "meter", "/de/zaehler/"),
        Reason::TargetMissing,
    ));
    let mut f = walk(&[800, 2500, 1000], 2, "/en/");
    f.push(e(GuideCompleted, "meter", "/en/"));
    vec![
        ("a", 1, DAY_A, "de-DE", Desktop, false, a),
        ("b", 1, DAY_A, "en-GB", Mobile, false, b),
        ("c", 1, DAY_B, "de-DE", Mobile, false, c),
        ("d", 1, DAY_B, "de-DE", Desktop, true, dd),
        ("e", 1, DAY_B, "de-AT", Desktop, false, ee),
        ("f", 2, DAY_B, "en-US", Desktop, false, f),
    ]
}

/// The fixture's events, each stored twice over (the second insert is a
/// retry of every event: ignored by id).
pub async fn load(server: &TestServer, runs: Vec<Run>) {
    let now = now_ms();
    let mut events = Vec::new();
    for (run, version, day, locale, device, silent, evs) in runs {
        for (n, (kind, step, reason, path, dwell_ms, locator)) in evs.into_iter().enumerate() {
            let event = Event {
                id: format!("{run}-{n:04}-0123456789abcdef"),
                kind,
                guide: "demo".into(),
                guide_version: version,
                run: format!("{run}-run-0123456789abcdef"),
                step: step.map(str::to_string),
                step_index: None,
                step_count: 3,
                ts: day + n as i64 * 1000,
                path: path.into(),
                locale: locale.into(),
                device,
                reason,
                dwell_ms,
                locator,
            };
            let received = if silent { now - 2 * 3600 * 1000 } else { now };
            events.push((event, received));
        }
    }
    let site = String::from("demo");
    let group: Vec<NewEvent<'_>> = events
        .iter()
        .map(|(event, received_at)| NewEvent {
            site: &site,
            event,
            received_at: *received_at,
        })
        .collect();
    let store = server.state.store();
    store
        .insert(std::slice::from_ref(&group))
        .await
        .expect("stored");
    store.insert(&[group]).await.expect("retry stored");
}

/// runs (started, completed, goal, failed) and per step (viewed, completed,
/// back, abandoned, failed).
fn numbers(report: &Value) -> Value {
    let runs = &report["runs"];
    let steps: Vec<Value> = report["steps"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|s| {
                    json!([
                        s["id"],
                        s["viewed"],
                        s["completed"],
                        s["back"],
                        s["abandoned"],
                        s["failed"]
                    ])
                })
                .collect()
        })
        .unwrap_or_default();
    json!({"runs": [runs["started"], runs["completed"], runs["goalReached"], runs["failed"]], "steps": steps})
}

async fn check(server: &TestServer, query: &str, want: Value) -> Value {
    let (status, report) = server
        .get_json(&format!("/v1/reports/guides/demo/funnel{query}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{query}: {report}");
    assert_eq!(numbers(&report), want, "{query}");
    report
}

#[tokio::test]
async fn same_numbers_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/reports.db", dir.path().display());
    let (json, csv) = suite(&url).await;
    let pg = Postgres::start();
    let (pg_json, pg_csv) = suite(&pg.database()).await;
    assert_eq!(json, pg_json, "SQLite and PostgreSQL give the same report");
    assert_eq!(csv, pg_csv, "and the same CSV");
}

async fn suite(url: &str) -> (Vec<Value>, String) {
    let server = TestServer::open(url).await;
    load(&server, fixture()).await;
    let none = json!({});
    let all = check(
        &server,
        "",
        json!({"runs": [6, 2, 1, 1], "steps": [
            ["welcome", 6, 5, 0, {"esc": 1}, none],
            ["tariffs", 5, 3, 1, {"close_button": 1, "left": 1}, none],
            ["meter", 3, 2, 0, none, {"target_missing": 1}],
        ]}),
    )
    .await;
    assert_eq!(all["runs"]["completionRate"], json!(0.3333));
    assert_eq!(all["versions"], json!([1, 2]));
    // Most runs are lost at tariffs: 5 viewed it, 3 went on to meter.
    assert_eq!(all["biggestDrop"], json!("tariffs"));
    let conversions: Vec<Value> = (0..3)
        .map(|i| {
            json!([
                all["steps"][i]["conversionFromPrevious"],
                all["steps"][i]["conversionFromStart"]
            ])
        })
        .collect();
    assert_eq!(
        conversions,
        [
            json!([1.0, 1.0]),
            json!([0.8333, 0.8333]),
            json!([0.6, 0.5])
        ]
    );
    let dwell: Vec<Value> = (0..3).map(|i| all["steps"][i]["dwell"].clone()).collect();
    assert_eq!(
        dwell,
        [
            json!({"runs": 6, "p50Ms": 800, "p90Ms": 1500}),
            json!({"runs": 4, "p50Ms": 3000, "p90Ms": 6000}),
            json!({"runs": 2, "p50Ms": 1000, "p90Ms": 2000}),
        ]
    );
    assert_eq!(
        all["broken"],
        json!([
            {"id": "tariffs", "index": 1, "failed": {}, "paths": [], "locators": {"1": 1}},
            {"id": "meter", "index": 2, "failed": {"target_missing": 1},
             "paths": [{"path": "/de/zaehler/", "runs": 1}], "locators": {}},
        ])
    );
    let versions: Vec<Value> = all["byVersion"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|v| json!([v["version"], v["runs"]["started"], v["runs"]["completed"]]))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(versions, [json!([1, 5, 1]), json!([2, 1, 1])]);

    let mut reports = vec![all];
    let filters = [
        ("?version=2", json!([1, 1, 0, 0])),
        ("?version=1", json!([5, 1, 1, 1])),
        ("?from=2026-01-20", json!([4, 1, 0, 1])),
        ("?to=2026-01-10", json!([2, 1, 1, 0])),
        ("?from=2026-01-11&to=2026-01-19", json!([0, 0, 0, 0])),
        ("?locale=de", json!([4, 1, 1, 1])),
        ("?locale=de-DE", json!([3, 1, 1, 0])),
        ("?device=mobile", json!([2, 0, 0, 0])),
        ("?path=/de/zaehler/", json!([1, 0, 0, 1])),
        (
            "?locale=de&device=desktop&from=2026-01-20",
            json!([2, 0, 0, 1]),
        ),
    ];
    for (query, runs) in filters {
        let (status, report) = server
            .get_json(&format!("/v1/reports/guides/demo/funnel{query}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert_eq!(numbers(&report)["runs"], runs, "{query}");
        reports.push(report);
    }
    // A whole multi-page run counts when one of its pages matches.
    let (_, zaehler) = server
        .get_json("/v1/reports/guides/demo/funnel?path=/de/zaehler/")
        .await;
    assert_eq!(zaehler["steps"][0]["viewed"], 1);
    for bad in [
        "?version=0",
        "?from=yesterday",
        "?device=fridge",
        "?locale=%3Cb%3E",
    ] {
        let (status, _) = server
            .get_json(&format!("/v1/reports/guides/demo/funnel{bad}"))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }

    let (status, list) = server.get_json("/v1/reports/guides").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        list,
        json!({"guides": [{"id": "demo", "title": "Demo", "version": 1, "runs": 6,
                           "completed": 2, "completionRate": 0.3333}]})
    );
    let (_, list) = server.get_json("/v1/reports/guides?to=2026-01-10").await;
    assert_eq!(list["guides"][0]["runs"], 2);

    let csv = csv(&server, "/v1/reports/guides/demo/funnel.csv", None).await;
    assert_eq!(
        csv,
        csv_accept(&server).await,
        "Accept: text/csv gives the same"
    );
    (reports, csv)
}

/// `GET path` as CSV: checks the content type, returns the body.
pub async fn csv(server: &TestServer, path: &str, accept: Option<&str>) -> String {
    let mut request =
        Request::get(path).header("authorization", format!("Bearer {}", server.token));
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let (status, headers, body) = server
        .send(request.body(Body::empty()).expect("request"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    body
}

async fn csv_accept(server: &TestServer) -> String {
    let body = csv(server, "/v1/reports/guides/demo/funnel", Some("text/csv")).await;
    let lines: Vec<&str> = body.lines().collect();
    assert!(
        lines[0].starts_with("\"guide\",\"version\",\"step\""),
        "{}",
        lines[0]
    );
    assert!(
        lines.contains(&"\"demo\",\"all\",\"tariffs\",\"1\",\"6\",\"5\",\"3\",\"1\",\"0.8333\",\"0.8333\",\"1\",\"0\",\"0\",\"0\",\"0\",\"0\",\"1\",\"0\",\"0\",\"3000\",\"6000\""),
        "{body}"
    );
    assert_eq!(
        lines.len(),
        1 + 3 + 2 * 3,
        "header, all versions, each version"
    );
    body
}
