//! Issue 7: the funnel from the writer's summaries (`funnel_runs`,
//! `funnel_rollups`) equals the per-fact computation on the same store.
//! Randomized demo runs (two versions, three days, silent and active
//! runs) go through real ingest (`POST /v1/events`, events of all runs
//! shuffled over the batches, some batches sent twice) and through
//! `Store::insert` (what the writer calls, with older receive times so
//! that runs go silent), into SQLite and PostgreSQL. Then a store whose
//! summaries are missing (as after migrating an older store) gets them
//! back when opened.

use axum::http::StatusCode;
use lotse_core::demo::{self, Settings, Track};
use lotse_core::event::{Device, Event};
use lotse_core::funnel::{self, Filter, Options, DEFAULT_INACTIVITY_MS};
use lotse_server::reports::funnel_report;
use lotse_server::store::NewEvent;
use lotse_server::Store;
use serde_json::Value;

use crate::support::postgres::Postgres;
use crate::support::{batch, now_ms, TestServer, STEPS};

const DAY: i64 = 24 * 60 * 60 * 1000;

/// A deterministic shuffle (xorshift).
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

/// The filters compared: the rollups' (whole days, locale, device,
/// version, site) and those that select runs by their events (a path, a
/// time range not on midnights, combinations).
fn filters(now: i64) -> Vec<Filter> {
    let today = now.div_euclid(DAY) * DAY;
    vec![
        Filter::default(),
        Filter {
            version: Some(1),
            ..Filter::default()
        },
        Filter {
            version: Some(2),
            ..Filter::default()
        },
        Filter {
            from_ms: Some(today - DAY),
            to_ms: Some(today),
            ..Filter::default()
        },
        Filter {
            from_ms: Some(today - DAY),
            ..Filter::default()
        },
        Filter {
            locale: Some("de".into()),
            device: Some(Device::Mobile),
            ..Filter::default()
        },
        Filter {
            site: Some("demo".into()),
            version: Some(1),
            to_ms: Some(today),
            ..Filter::default()
        },
        Filter {
            path: Some("/de/".into()),
            ..Filter::default()
        },
        Filter {
            path: Some("/".into()),
            from_ms: Some(today - DAY + 5 * 60 * 60 * 1000),
            to_ms: Some(now - 2 * 60 * 60 * 1000),
            ..Filter::default()
        },
        Filter {
            from_ms: Some(now - 30 * 60 * 60 * 1000),
            ..Filter::default()
        },
        Filter {
            path: Some("/de/".into()),
            device: Some(Device::Mobile),
            version: Some(2),
            ..Filter::default()
        },
    ]
}

/// Every filter's report as served equals the per-fact computation, and
/// came from the summaries.
async fn compare(store: &Store, server: &TestServer, now: i64) -> Vec<Value> {
    let guides = server.state.guides();
    let options = Options {
        now_ms: now,
        inactivity_ms: DEFAULT_INACTIVITY_MS,
    };
    let mut reports = Vec::new();
    for filter in filters(now) {
        let served = funnel_report(store, &guides, "demo", &filter, now)
            .await
            .expect("report")
            .expect("demo guide");
        let facts = store.report_facts("demo", &filter).await.expect("facts");
        let (total, by_version) = funnel::report(&STEPS, &facts, options);
        assert_eq!(served.funnel, total, "{filter:?}");
        assert_eq!(served.by_version, by_version, "{filter:?}");
        let counters = store
            .funnel_counters("demo", &filter, now - DEFAULT_INACTIVITY_MS)
            .await
            .expect("counters");
        assert!(counters.is_some(), "summaries serve {filter:?}");
        reports.push(serde_json::to_value(&served.funnel).expect("json"));
        let listed = store
            .guide_runs_from_summaries(&filter)
            .await
            .expect("guide list")
            .expect("summaries serve the guide list");
        let want = store.guide_runs(&filter).await.expect("guide list");
        assert_eq!(listed, want, "guide list {filter:?}");
    }
    assert!(
        reports[0]["runs"]["started"].as_u64().unwrap_or(0) > 100,
        "runs were counted: {}",
        reports[0]
    );
    reports
}

async fn suite(url: &str) -> Vec<Value> {
    let server = TestServer::open(url).await;
    let now = now_ms();
    let guides = server.state.guides();
    let guide = &guides.get("demo").expect("demo guide").guide;
    let v1 = Track::of(guide, 3);
    let mut v2 = v1.clone();
    v2.version = 2;
    // Version 1 through HTTP ingest (receive time: now), shuffled.
    let settings = Settings {
        seed: 7,
        runs: 150,
        days: 3,
        end_ms: now - 5 * 60 * 1000,
    };
    let mut events: Vec<Event> = demo::runs(std::slice::from_ref(&v1), settings)
        .flatten()
        .map(|g| g.event)
        .collect();
    shuffle(&mut events, 11);
    for (n, chunk) in events.chunks(37).enumerate() {
        let body: Vec<Value> = chunk
            .iter()
            .map(|e| serde_json::to_value(e).expect("event json"))
            .collect();
        let sends = if n % 3 == 0 { 2 } else { 1 };
        for _ in 0..sends {
            let (status, answer) = server.post(&batch(&body)).await;
            assert_eq!(status, StatusCode::OK, "{answer}");
        }
    }
    // Both versions through the writer's insert, with the generator's
    // receive times (older runs are silent), in shuffled groups, twice.
    let settings = Settings {
        seed: 8,
        runs: 150,
        days: 3,
        end_ms: now - 20 * 60 * 1000,
    };
    let mut generated: Vec<_> = demo::runs(&[v1, v2], settings).flatten().collect();
    shuffle(&mut generated, 12);
    let site = String::from("demo");
    let news: Vec<NewEvent<'_>> = generated
        .iter()
        .map(|g| NewEvent {
            site: &site,
            event: &g.event,
            received_at: g.received_at,
        })
        .collect();
    let groups: Vec<Vec<NewEvent<'_>>> = news.chunks(50).map(<[_]>::to_vec).collect();
    let store = server.state.store().clone();
    for pair in groups.chunks(3) {
        store.insert(pair).await.expect("stored");
        store.insert(&pair[..1]).await.expect("duplicates ignored");
    }
    compare(&store, &server, now).await
}

#[tokio::test]
async fn summaries_give_the_per_fact_numbers_on_both_stores() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/pre.db", dir.path().display());
    let sqlite = suite(&url).await;
    let pg = Postgres::start();
    let postgres = suite(&pg.database()).await;
    // Ingest times differ between the runs of the suite: only the
    // generator's (identical) runs make the shape comparable.
    assert_eq!(sqlite.len(), postgres.len());

    // A store whose summaries are gone (as after migrating a store from
    // before them) computes them when opened.
    let now = now_ms();
    {
        let pool = sqlx::SqlitePool::connect(&url).await.expect("sqlite");
        for table in ["funnel_runs", "funnel_rollups"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
                .execute(&pool)
                .await
                .expect("emptied");
        }
        pool.close().await;
    }
    let server = TestServer::open(&url).await;
    let store = server.state.store().clone();
    compare(&store, &server, now).await;
}
