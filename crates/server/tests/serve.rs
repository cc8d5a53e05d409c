//! `run()` on a real socket, start-up checks, sites, origins and CORS.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

use crate::support::{batch, http_get, visit, write_guides, Running, TestServer, DEMO_GUIDE};
use lotse_server::{AppState, Config, ServerError, Site};

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn serves_guides_widget_and_site_on_a_socket() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    write_guides(&root.join("guides"));
    std::fs::create_dir_all(root.join("widget")).expect("widget folder");
    std::fs::write(root.join("widget/lotse.js"), "export {};").expect("file");
    std::fs::write(root.join("widget/lotse_widget_bg.wasm"), b"\0asm\x01\0\0\0").expect("file");
    std::fs::create_dir_all(root.join("www/tarif")).expect("site folder");
    std::fs::write(root.join("www/index.html"), "<h1>Start</h1>").expect("file");
    std::fs::write(root.join("www/tarif/index.html"), "<h1>Tarif</h1>").expect("file");
    let config = Config {
        database_url: format!("sqlite://{}/lotse.db", root.display()),
        guides_dir: root.join("guides"),
        widget_dir: Some(root.join("widget")),
        static_dir: Some(root.join("www")),
        ..Config::default()
    };
    let server = Running::start(config).await;
    let address = server.address;

    // The server may still be opening its store: wait for the first answer.
    let mut guide = None;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(address).await.is_ok() {
            guide = Some(http_get(address, "/guides/demo.json").await);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (status, headers, body) = guide.expect("server answers");
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert!(header(&headers, "cache-control").is_some_and(|c| c.contains("max-age")));
    assert_eq!(body, DEMO_GUIDE.as_bytes());

    let (status, _, _) = http_get(address, "/guides/nope.json").await;
    assert_eq!(status, 404);
    let (status, headers, _) = http_get(address, "/lotse/lotse_widget_bg.wasm").await;
    assert_eq!(
        (status, header(&headers, "content-type")),
        (200, Some("application/wasm"))
    );
    let (status, headers, _) = http_get(address, "/lotse/lotse.js").await;
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").is_some_and(|c| c.contains("javascript")));
    let (status, _, body) = http_get(address, "/").await;
    assert_eq!(
        (status, body.as_slice()),
        (200, b"<h1>Start</h1>".as_slice())
    );
    let (status, _, body) = http_get(address, "/tarif/").await;
    assert_eq!(
        (status, body.as_slice()),
        (200, b"<h1>Tarif</h1>".as_slice())
    );
    let (status, _, _) = http_get(address, "/missing.html").await;
    assert_eq!(status, 404);

    server.stop().await.expect("server stops cleanly");
}

#[tokio::test]
async fn invalid_guides_stop_the_start_and_every_problem_is_listed() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    std::fs::write(
        guides.join("broken.json"),
        r#"{"id": "Bad Id", "version": 0, "title": "x", "steps": []}"#,
    )
    .expect("file");
    std::fs::write(guides.join("copy.json"), DEMO_GUIDE).expect("file");
    std::fs::write(guides.join("lotse-guide.schema.json"), "{}").expect("file");
    let config = Config {
        database_url: format!("sqlite://{}/lotse.db", dir.path().display()),
        guides_dir: guides,
        ..Config::default()
    };
    let error = AppState::open(&config).await.expect_err("refuses to start");
    assert!(matches!(error, ServerError::Guides(_)));
    let text = error.to_string();
    for expected in [
        "broken.json:",
        "$.id: ",
        "$.version",
        "$.steps",
        "copy.json",
        "already used by",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(
        !text.contains("schema.json"),
        "the schema is not a guide:\n{text}"
    );
}

#[tokio::test]
async fn sites_accept_only_their_origins_with_cors() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/lotse.db", dir.path().display());
    let shop: Site = "demo=https://shop.example".parse().expect("site");
    let server = TestServer::with_config(&url, |c| c.sites = vec![shop]).await;
    let body = batch(&visit("o", 0, Err("esc"))).to_string();

    let (status, answer) = server
        .post_raw(body.clone(), &[("origin", "https://evil.example")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(answer["errors"][0]["field"], "Origin");
    let (status, _) = server.post_raw(body.clone(), &[]).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "no Origin header when the site restricts origins"
    );
    assert_eq!(server.stored().await, 0);

    let request = Request::post("/v1/events")
        .header("origin", "https://shop.example")
        .header("content-type", "text/plain")
        .body(Body::from(body))
        .expect("request");
    let (status, headers, answer) = server.send(request).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://shop.example"
    );

    let preflight = Request::options("/v1/events")
        .header("origin", "https://shop.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .body(Body::empty())
        .expect("request");
    let (status, headers, _) = server.send(preflight).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://shop.example"
    );
    let evil = Request::options("/v1/events")
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .body(Body::empty())
        .expect("request");
    let (_, headers, _) = server.send(evil).await;
    assert!(headers.get("access-control-allow-origin").is_none());

    // Reports are not part of the ingest CORS.
    let report = Request::get("/v1/reports/guides/demo/funnel")
        .header("origin", "https://shop.example")
        .header("authorization", format!("Bearer {}", server.token))
        .body(Body::empty())
        .expect("request");
    let (status, headers, _) = server.send(report).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("access-control-allow-origin").is_none());

    let (status, answer) = server.post(&json!({"site": "other", "events": []})).await;
    assert_eq!(
        (status, answer["errors"][0]["field"].clone()),
        (StatusCode::FORBIDDEN, json!("site"))
    );
}
