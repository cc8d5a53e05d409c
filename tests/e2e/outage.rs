//! The events endpoint is down while a visitor walks the demo guide over
//! two page loads; the widget keeps every event in its `localStorage`
//! outbox. When the endpoint comes up, a later page (where no guide is
//! due) sends them, and the store holds every event exactly once (issue 5).
//! And an endpoint in maintenance (`503` with `Retry-After`) is not asked
//! again before the time it named.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::{press, wait_for_step, wait_until_closed};
use crate::support::pages::{
    announced, demo_page, free_port, outbox, outbox_events, write_pages, Lotse,
};
use crate::support::poll;

const WELCOME: (&str, &str, &str) = ("welcome", "Step 1 of 3", "Next");
const TARIFFS: (&str, &str, &str) = ("tariffs", "Step 2 of 3", "Next");
const METER: (&str, &str, &str) = ("meter", "Step 3 of 3", "Done");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_sent_while_the_endpoint_is_down_arrive_once_when_it_is_back() {
    // The site on one server; its events endpoint on a port nothing
    // listens on yet.
    let ingest_port = free_port();
    let endpoint = format!("data-endpoint=\"http://127.0.0.1:{ingest_port}/v1/events\"");
    let site_dir = tempfile::tempdir().expect("temporary site folder");
    write_pages(
        site_dir.path(),
        &[
            ("index.html", demo_page(&endpoint)),
            ("later.html", demo_page(&endpoint)),
        ],
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the site's server");
    let site = Lotse::start(listener, site_dir.path()).await;
    let chromedriver = Chromedriver::start().await;

    // Page load 1: the first step, then on to the second.
    let visitor = Visitor::arrive(&chromedriver, &site.url("/index.html")).await;
    let browser = visitor.client();
    wait_for_step(browser, WELCOME).await;
    press(browser, "next").await;
    wait_for_step(browser, TARIFFS).await;

    // Page load 2: the run resumes at the second step and is finished.
    browser
        .goto(&site.url("/index.html"))
        .await
        .expect("load the page again");
    wait_for_step(browser, TARIFFS).await;
    press(browser, "next").await;
    wait_for_step(browser, METER).await;
    press(browser, "next").await;
    wait_until_closed(browser).await;

    let events = announced(browser).await;
    assert!(
        events.len() >= 7,
        "the walk announced too few events: {events:?}"
    );
    // Nothing could be sent: every event waits in the outbox, all of one
    // run that started and completed.
    let waiting = outbox(browser).await.expect("an outbox in localStorage");
    assert_eq!(waiting, events, "the outbox holds every event once");
    let queued = outbox_events(browser).await.unwrap_or_default();
    let mut runs: Vec<&str> = queued.iter().filter_map(|e| e["run"].as_str()).collect();
    runs.dedup();
    assert_eq!(runs.len(), 1, "one run over both page loads: {runs:?}");
    let kinds: Vec<&str> = queued.iter().filter_map(|e| e["type"].as_str()).collect();
    assert_eq!(kinds.first(), Some(&"guide_started"), "{kinds:?}");
    assert!(kinds.contains(&"guide_completed"), "{kinds:?}");

    // The endpoint comes up: a real lotse server on that port.
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", ingest_port))
        .await
        .expect("bind the ingest port");
    let ingest_dir = tempfile::tempdir().expect("empty static folder");
    let ingest = Lotse::start(listener, ingest_dir.path()).await;

    // A later page, where the guide is not due, sends what waited.
    browser
        .goto(&site.url("/later.html"))
        .await
        .expect("open a later page");
    let want = events.len() as u64;
    let stored = poll(
        Duration::from_secs(60),
        "every queued event to be stored",
        || async {
            match ingest.stored().await {
                Ok(n) if n >= want => Ok(n),
                Ok(n) => Err(format!("{n} of {want} stored")),
                Err(e) => Err(e),
            }
        },
    )
    .await;
    assert_eq!(stored, want, "every event stored exactly once");
    poll(Duration::from_secs(10), "the outbox to empty", || async {
        match outbox(browser).await {
            None => Ok(()),
            Some(left) => Err(format!("{} events left", left.len())),
        }
    })
    .await;
    assert_eq!(ingest.stored().await, Ok(want), "nothing sent twice later");

    assert_eq!(
        site.stored().await,
        Ok(0),
        "the site's own server got nothing"
    );
    visitor.leave().await;
}

/// What the endpoint asks in `Retry-After` while it is in maintenance.
const RETRY_AFTER_S: u64 = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_503_with_retry_after_is_honoured() {
    // The endpoint is a maintenance proxy: every request gets a 503 with
    // Retry-After; it notes when each event batch arrived.
    let maintenance = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the maintenance endpoint");
    let port = maintenance.local_addr().expect("bound address").port();
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    tokio::spawn(answer_503(maintenance, arrivals.clone()));

    let endpoint = format!("data-endpoint=\"http://127.0.0.1:{port}/v1/events\"");
    let site_dir = tempfile::tempdir().expect("temporary site folder");
    write_pages(site_dir.path(), &[("index.html", demo_page(&endpoint))]);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the site's server");
    let site = Lotse::start(listener, site_dir.path()).await;
    let chromedriver = Chromedriver::start().await;
    let visitor = Visitor::arrive(&chromedriver, &site.url("/index.html")).await;
    let browser = visitor.client();
    wait_for_step(browser, WELCOME).await;
    press(browser, "next").await;
    wait_for_step(browser, TARIFFS).await;

    let times = poll(
        Duration::from_secs(20),
        "a first batch and its retry",
        || async {
            let times = arrivals.lock().map(|t| t.clone()).unwrap_or_default();
            if times.len() >= 2 {
                Ok(times)
            } else {
                Err(format!("{} batches so far", times.len()))
            }
        },
    )
    .await;
    let gap = times[1].duration_since(times[0]);
    assert!(
        gap >= Duration::from_secs(RETRY_AFTER_S),
        "retried after {gap:?}, before the {RETRY_AFTER_S} s the server asked for"
    );
    let waiting = outbox(browser).await.expect("the events still wait");
    assert_eq!(
        waiting,
        announced(browser).await,
        "every event still queued"
    );
    visitor.leave().await;
}

/// Answers every request on `listener` with `503` and `Retry-After`
/// (with the CORS headers a real endpoint sends), noting when each POST
/// arrived.
async fn answer_503(listener: tokio::net::TcpListener, arrivals: Arc<Mutex<Vec<Instant>>>) {
    while let Ok((mut socket, _)) = listener.accept().await {
        let arrivals = arrivals.clone();
        tokio::spawn(async move {
            let Some(head) = read_request(&mut socket).await else {
                return;
            };
            if head.starts_with("POST ") {
                if let Ok(mut times) = arrivals.lock() {
                    times.push(Instant::now());
                }
            }
            let answer = format!(
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: {RETRY_AFTER_S}\r\n\
                 Access-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: Retry-After\r\n\
                 Content-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = socket.write_all(answer.as_bytes()).await;
            let _ = socket.shutdown().await;
        });
    }
}

/// Reads one HTTP request (head and `Content-Length` body); its head.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&data).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let head = text[..end].to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return Some(text[..end].to_string());
            }
        }
    }
}
