//! Scale-out: two `lotse serve` processes on one PostgreSQL database take
//! interleaved batches, some of them the same batch sent to both at once;
//! the store holds every event once and both answer the same funnel. Runs
//! split over both instances keep correct summaries (the per-fact funnel).

use lotse_core::funnel::{self, Filter, Options, DEFAULT_INACTIVITY_MS};
use serde_json::{json, Value};

use crate::process::{post, request, Lotse};
use crate::support::postgres::Postgres;
use crate::support::{batch, lotse_in, visit, write_guides, STEPS};
use lotse_server::Store;

const BATCHES: usize = 48;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_store_every_event_once() {
    let pg = Postgres::start();
    let url = pg.database();
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    // Both start at once: their migrations must not collide.
    let (log_a, log_b) = (dir.path().join("a.log"), dir.path().join("b.log"));
    let (a, b) = tokio::join!(
        Lotse::start(&url, &guides, &log_a),
        Lotse::start(&url, &guides, &log_b),
    );

    let bodies: Vec<Value> = (0..BATCHES)
        .map(|i| batch(&visit(&format!("scale-{i:03}"), i % 3, Ok(()))))
        .collect();
    let total: usize = bodies.iter().map(events_in).sum();
    // Every third batch goes to both instances at the same moment, the
    // others alternate; eight batches in flight at a time.
    let mut accepted = 0;
    for (c, chunk) in bodies.chunks(8).enumerate() {
        let mut sends = Vec::new();
        for (k, body) in chunk.iter().enumerate() {
            let i = c * 8 + k;
            let targets = if i % 3 == 0 {
                vec![a.address, b.address]
            } else if i % 2 == 0 {
                vec![a.address]
            } else {
                vec![b.address]
            };
            for address in targets {
                let body = body.clone();
                sends.push(tokio::spawn(async move {
                    let answer = post(address, &body).await.expect("answer");
                    (body, answer)
                }));
            }
        }
        for send in sends {
            let (body, (status, answer)) = send.await.expect("client task");
            assert_eq!(status, 200, "{answer}");
            let n = events_in(&body) as u64;
            let new = answer["accepted"].as_u64().expect("accepted");
            assert_eq!(new + answer["duplicates"].as_u64().expect("dups"), n);
            accepted += new as usize;
        }
    }
    assert_eq!(accepted, total, "the answers count every event as new once");

    let store = Store::open(&url).await.expect("store opens");
    assert_eq!(store.count().await.expect("count"), total as u64);
    store.close().await;
    for (i, body) in bodies.iter().enumerate() {
        let other = if i % 2 == 0 { b.address } else { a.address };
        let again = post(other, body).await.expect("answer");
        assert_eq!(
            again,
            (200, json!({"accepted": 0, "duplicates": events_in(body)}))
        );
    }

    // Both instances report the same funnel.
    let token = report_token(&url, dir.path());
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str())];
    let path = "/v1/reports/guides/demo/funnel";
    let from_a = request(a.address, "GET", path, &headers, "")
        .await
        .expect("a");
    let from_b = request(b.address, "GET", path, &headers, "")
        .await
        .expect("b");
    assert_eq!(from_a.0, 200, "{}", from_a.1);
    assert_eq!(from_a, from_b);
    assert_eq!(from_a.1["runs"]["started"], json!(BATCHES));

    // Runs split over both instances, their halves written at once: the
    // summaries (one row per run, shared rollup rows) lose no update and
    // give the per-fact funnel.
    let mut sends = Vec::new();
    for i in 0..16 {
        let events = visit(&format!("split-{i:03}"), i % 3, Err("esc"));
        let (first, second) = events.split_at(events.len() / 2);
        for (address, half) in [(a.address, first), (b.address, second)] {
            let body = batch(half);
            sends.push(tokio::spawn(async move { post(address, &body).await }));
        }
    }
    for send in sends {
        let (status, answer) = send.await.expect("client task").expect("answer");
        assert_eq!(status, 200, "{answer}");
    }
    let store = Store::open(&url).await.expect("store opens");
    let now = crate::support::now_ms();
    let facts = store
        .report_facts("demo", &Filter::default())
        .await
        .expect("facts");
    let options = Options {
        now_ms: now,
        inactivity_ms: DEFAULT_INACTIVITY_MS,
    };
    let want = funnel::report(&STEPS, &facts, options);
    let counters = store
        .funnel_counters("demo", &Filter::default(), now - DEFAULT_INACTIVITY_MS)
        .await
        .expect("counters")
        .expect("the summaries serve the report");
    assert_eq!(funnel::report_from_counters(&STEPS, &counters), want);
    assert_eq!(want.0.runs.started, BATCHES as u64 + 16);
    store.close().await;
    a.kill();
    b.kill();
}

fn events_in(body: &Value) -> usize {
    body["events"].as_array().map_or(0, Vec::len)
}

/// A report token for site `demo`, made with `lotse token create`.
fn report_token(url: &str, dir: &std::path::Path) -> String {
    let (code, out) = lotse_in(
        dir,
        &[
            "token",
            "create",
            "--name",
            "scaleout",
            "--database",
            url,
            "--site",
            "demo",
        ],
    );
    assert_eq!(code, 0, "{out}");
    out.split_whitespace()
        .find(|w| w.starts_with("lotse_"))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no token in: {out}"))
}
