//! Behind a reverse proxy or load balancer: with `--trusted-proxy` the
//! per-address rate limit counts each visitor named in `X-Forwarded-For`
//! separately; without it the header is ignored (a visitor cannot pick an
//! address to dodge the limit). And `GET /v1/health` for the balancer.

use std::net::SocketAddr;

use lotse_server::ingest::limit::PER_ADDRESS;
use lotse_server::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{http_get, write_guides, Running};

/// The status of one `POST /v1/events` over its own connection, with
/// `X-Forwarded-For: forwarded`.
async fn post_as(address: SocketAddr, forwarded: &str) -> u16 {
    let body = r#"{"site":"demo","events":[]}"#;
    let request = format!(
        "POST /v1/events HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         X-Forwarded-For: {forwarded}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connects");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("request sent");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("response read");
    String::from_utf8_lossy(&raw)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status line")
}

async fn server(dir: &tempfile::TempDir, trusted: &[&str]) -> Running {
    write_guides(&dir.path().join("guides"));
    Running::start(Config {
        database_url: format!("sqlite://{}/lotse.db", dir.path().display()),
        guides_dir: dir.path().join("guides"),
        trusted_proxies: trusted
            .iter()
            .map(|c| c.parse().expect("valid range"))
            .collect(),
        ..Config::default()
    })
    .await
}

#[tokio::test]
async fn visitors_behind_a_trusted_proxy_are_limited_one_by_one() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = server(&dir, &["127.0.0.0/8"]).await;
    let busy = "198.51.100.23, 203.0.113.7";
    for n in 0..PER_ADDRESS {
        let status = post_as(server.address, busy).await;
        assert_ne!(
            status, 429,
            "request {n} of one visitor is within the limit"
        );
    }
    assert_eq!(
        post_as(server.address, busy).await,
        429,
        "one request too many from 203.0.113.7"
    );
    assert_ne!(
        post_as(server.address, "198.51.100.23, 203.0.113.8").await,
        429,
        "another visitor behind the same proxy is not throttled"
    );
    server.stop().await.expect("stops");
}

#[tokio::test]
async fn forwarded_addresses_from_untrusted_peers_are_ignored() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = server(&dir, &[]).await;
    // The peer is loopback (exempt); the header claims one busy visitor.
    for n in 0..=PER_ADDRESS {
        let status = post_as(server.address, "203.0.113.7").await;
        assert_ne!(status, 429, "request {n}: the header must not be believed");
    }
    server.stop().await.expect("stops");
}

#[tokio::test]
async fn health_says_whether_the_store_answers() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = server(&dir, &[]).await;
    let (status, headers, body) = http_get(server.address, "/v1/health").await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let body: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(body["status"], "ok");
    assert!(
        headers
            .iter()
            .any(|(n, v)| n == "cache-control" && v == "no-store"),
        "{headers:?}"
    );
    server.stop().await.expect("stops");
}
