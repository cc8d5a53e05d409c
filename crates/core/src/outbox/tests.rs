//! Table tests of the outbox decisions.

use super::*;
use crate::event::{Batch, Device, EventType};

const NOW: i64 = 1_795_430_400_000;

fn event(n: usize, path_len: usize) -> Event {
    Event {
        id: format!("{n:032x}"),
        kind: EventType::StepViewed,
        guide: "demo".into(),
        guide_version: 1,
        run: "0b9d7c6e5f4a3b2c1d0e9f8a7b6c5d4e".into(),
        step: Some("welcome".into()),
        step_index: Some(0),
        step_count: 3,
        ts: NOW,
        path: format!("/{}", "p".repeat(path_len)),
        locale: "de-DE".into(),
        device: Device::Desktop,
        reason: None,
        dwell_ms: None,
        locator: Some(0),
    }
}

/// `n` events pushed at once (pushing one by one bounds after each).
fn outbox(n: usize, path_len: usize) -> Outbox {
    let mut o = Outbox {
        events: (0..n).map(|i| event(i, path_len)).collect(),
        ..Outbox::default()
    };
    o.bound(&Limits::default());
    o
}

/// Runs `f` on each case's input and compares with its expectation,
/// naming the failing case.
fn check<I: std::fmt::Debug, O: PartialEq + std::fmt::Debug>(
    cases: &[(&str, I, O)],
    f: impl Fn(&I) -> O,
) {
    for (name, input, want) in cases {
        assert_eq!(&f(input), want, "case {name:?} (input {input:?})");
    }
}

#[test]
fn what_each_answer_means() {
    let retry = |ms| Outcome::Retry { retry_after_ms: ms };
    let refused = |indexes: Vec<usize>| Outcome::Refused { indexes };
    let named = r#"{"errors":[{"index":3,"field":"events[3].step"},{"index":1},{"index":3}]}"#;
    check(
        &[
            ("stored", (Some(200), None, ""), Outcome::Stored),
            ("network error", (None, None, ""), retry(None)),
            (
                "rate limited",
                (Some(429), Some("7"), ""),
                retry(Some(7_000)),
            ),
            (
                "store down",
                (Some(503), Some(" 5 "), ""),
                retry(Some(5_000)),
            ),
            (
                "date form ignored",
                (Some(503), Some("Wed, 21 Oct 2026 07:28:00 GMT"), ""),
                retry(None),
            ),
            ("server fault", (Some(500), None, ""), retry(None)),
            ("timeout", (Some(408), None, ""), retry(None)),
            ("not json", (Some(400), None, "{}"), refused(vec![])),
            ("unknown site", (Some(403), None, ""), refused(vec![])),
            ("too large", (Some(413), None, ""), refused(vec![])),
            (
                "invalid events named",
                (Some(422), None, named),
                refused(vec![1, 3]),
            ),
            ("redirect", (Some(302), None, ""), retry(None)),
        ],
        |(status, retry_after, body)| Outcome::of(*status, *retry_after, body),
    );
}

#[test]
fn backoff_doubles_with_jitter_up_to_a_cap() {
    let limits = Limits::default();
    check(
        &[
            ("first retry, no jitter", (1, 0.0), 500),
            ("first retry, most jitter", (1, 0.999), 999),
            ("second", (2, 0.0), 1_000),
            ("third, half jitter", (3, 0.5), 3_000),
            ("capped at 5 minutes", (20, 0.0), 150_000),
            ("capped, full jitter", (400, 1.0), 300_000),
            ("jitter out of range", (1, 7.0), 1_000),
            ("jitter not a number", (1, f64::NAN), 500),
        ],
        |&(attempts, jitter)| backoff_ms(attempts, jitter, &limits),
    );
}

#[test]
fn a_full_outbox_drops_the_oldest_and_counts_them() {
    let o = outbox(505, 10);
    assert_eq!(o.events.len(), 500);
    assert_eq!(o.dropped, 5);
    assert_eq!(o.events[0].id, event(5, 10).id, "the oldest went first");

    // One at a time, as the widget pushes.
    let limits = Limits {
        max_events: 3,
        ..Limits::default()
    };
    let mut o = Outbox::default();
    for i in 0..5 {
        o.push(event(i, 5), &limits);
    }
    let ids: Vec<String> = o.events.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids, [2, 3, 4].map(|i| event(i, 5).id));
    assert_eq!(o.dropped, 2);

    // Big events: the byte bound holds first.
    let o = outbox(200, 1_000);
    let bytes: usize = o.events.iter().map(size).sum();
    assert!(bytes <= Limits::default().max_bytes, "{bytes} bytes kept");
    assert_eq!(o.events.len() as u64 + o.dropped, 200);
    assert!(o.dropped > 0);
}

#[test]
fn old_events_the_server_would_refuse_are_dropped() {
    let mut o = outbox(3, 5);
    o.events[1].ts = NOW - 30 * 24 * 60 * 60 * 1000;
    assert!(o.next("demo", NOW, &Limits::default()).is_some());
    assert_eq!(o.events.len(), 2);
    assert_eq!(o.dropped, 1);
}

#[test]
fn unload_bodies_stay_under_the_limit_and_carry_everything_once() {
    let limits = Limits::default();
    for (events, path_len) in [(1, 5), (20, 5), (500, 10), (90, 2_000)] {
        let mut o = outbox(events, path_len);
        o.dropped = 4;
        let payloads = o.unload("demo", NOW, &limits);
        let mut ids = Vec::new();
        for (i, p) in payloads.iter().enumerate() {
            assert!(p.body.len() <= limits.max_body, "{} bytes", p.body.len());
            assert!(p.body.len() <= 64 * 1024);
            let batch: Batch = serde_json::from_str(&p.body).expect("a valid batch");
            assert_eq!(batch.site, "demo");
            assert_eq!(batch.events.len(), p.ids.len());
            assert!(batch.events.len() <= limits.max_batch);
            let value: serde_json::Value = serde_json::from_str(&p.body).expect("json");
            let want = if i == 0 {
                serde_json::json!(4)
            } else {
                serde_json::Value::Null
            };
            assert_eq!(value["dropped"], want, "dropped is reported once");
            // Byte for byte what serde writes for the same body.
            #[derive(serde::Serialize)]
            struct Wire<'a> {
                site: &'a str,
                events: &'a [Event],
                #[serde(skip_serializing_if = "Option::is_none")]
                dropped: Option<u64>,
            }
            let wire = Wire {
                site: "demo",
                events: &batch.events,
                dropped: (i == 0).then_some(4),
            };
            assert_eq!(p.body, serde_json::to_string(&wire).expect("serializes"));
            ids.extend(p.ids.iter().cloned());
        }
        let want: Vec<String> = o.events.iter().map(|e| e.id.clone()).collect();
        assert_eq!(ids, want, "{events} events of path {path_len}");
        assert_eq!(o.events.len(), want.len(), "unload keeps the events");
    }
}

#[test]
fn stored_events_leave_and_failures_back_off() {
    let limits = Limits::default();
    let mut o = outbox(3, 5);
    o.dropped = 2;

    let p = o.next("demo", NOW, &limits).expect("due");
    o.settle(&p, &Outcome::of(None, None, ""), NOW, 0.0, &limits);
    assert_eq!((o.attempts, o.not_before, o.hold), (1, NOW + 500, false));
    assert_eq!(
        o.next("demo", NOW + 499, &limits),
        None,
        "not before the backoff"
    );
    assert_eq!(
        o.unload("demo", NOW + 1, &limits).len(),
        1,
        "a beacon may still try"
    );

    let p = o.next("demo", NOW + 500, &limits).expect("due again");
    o.settle(
        &p,
        &Outcome::of(Some(503), Some("30"), ""),
        NOW + 500,
        0.0,
        &limits,
    );
    assert_eq!((o.attempts, o.not_before, o.hold), (2, NOW + 30_500, true));
    assert!(
        o.unload("demo", NOW + 30_499, &limits).is_empty(),
        "Retry-After holds beacons"
    );

    let p = o
        .next("demo", NOW + 30_500, &limits)
        .expect("due after Retry-After");
    o.push(event(99, 5), &limits);
    o.settle(&p, &Outcome::Stored, NOW + 30_600, 0.0, &limits);
    assert_eq!(o.events, vec![event(99, 5)], "only what was carried left");
    assert_eq!((o.attempts, o.not_before, o.dropped), (0, 0, 0));
}

#[test]
fn refused_batches_are_not_retried() {
    let limits = Limits::default();
    let mut o = outbox(4, 5);
    let p = o.next("demo", NOW, &limits).expect("due");
    o.settle(
        &p,
        &Outcome::Refused {
            indexes: vec![1, 3, 9],
        },
        NOW,
        0.0,
        &limits,
    );
    let left: Vec<&str> = o.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(left, [event(0, 5).id.as_str(), event(2, 5).id.as_str()]);
    assert_eq!(o.attempts, 0);

    let p = o.next("demo", NOW, &limits).expect("the rest goes at once");
    o.settle(&p, &Outcome::of(Some(403), None, ""), NOW, 0.0, &limits);
    assert!(o.is_empty());
    assert_eq!(o.next("demo", NOW, &limits), None);
}

#[test]
fn the_stored_form_round_trips_and_garbage_is_an_empty_outbox() {
    let mut o = outbox(2, 5);
    o.dropped = 3;
    o.attempts = 2;
    o.not_before = NOW;
    o.hold = true;
    assert_eq!(Outbox::parse(&o.to_json()), o);
    // The stored form is what serde wrote before (outboxes in visitors'
    // storage stay readable) and reads as serde read it.
    assert_eq!(o.to_json(), serde_json::to_string(&o).expect("serializes"));
    let stored = o.to_json();
    let cases = [
        stored.clone(),
        stored.replace("\"hold\":true", "\"hold\":1"),
        stored.replace(",\"attempts\":2", ""),
        stored.replace("\"type\":\"step_viewed\"", "\"type\":\"nope\""),
        stored.replace("\"dropped\":3", "\"dropped\":3,\"extra\":null"),
        r#"{"events":[],"dropped":0,"attempts":0,"notBefore":-1,"hold":false}"#.to_string(),
        "not json".to_string(),
        r#"{"events": 5}"#.to_string(),
    ];
    for json in &cases {
        let serde: Outbox = serde_json::from_str(json).unwrap_or_default();
        assert_eq!(Outbox::parse(json), serde, "{json}");
    }
    assert_eq!(Outbox::parse("not json"), Outbox::default());
}
