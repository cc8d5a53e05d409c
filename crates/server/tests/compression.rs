//! What browsers download comes compressed: the widget bundle from the
//! compressed copies `scripts/build-widget.sh` writes next to each file
//! (brotli, zopfli gzip), guides, the static site and reports compressed on
//! the fly; the ingest API's few-byte answers are not.

use std::io::Read;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::{batch, visit, write_guides, DEMO_GUIDE};
use lotse_server::{router, AppState, Config};

/// A page's request for `path` accepting `encoding`: status, headers, the
/// bytes on the wire.
async fn fetch(app: &axum::Router, path: &str, encoding: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::get(path);
    if !encoding.is_empty() {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, headers, body.to_vec())
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("valid brotli");
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("compressed");
    encoder.finish().expect("compressed")
}

fn encoding(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn the_widget_comes_from_its_compressed_copies_and_the_rest_is_compressed_on_the_fly() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    write_guides(&root.join("guides"));
    let widget = root.join("widget");
    std::fs::create_dir_all(&widget).expect("widget folder");
    // A wasm file with a gzip copy made here (zopfli's output is gzip too)
    // and a brotli copy that is recognisably its own: the server must send
    // the copy, not compress the file again.
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
        .iter()
        .copied()
        .chain((0..20_000u32).map(|i| (i % 251) as u8))
        .collect();
    std::fs::write(widget.join("lotse_widget_bg.wasm"), &wasm).expect("file");
    std::fs::write(widget.join("lotse_widget_bg.wasm.gz"), gzip(&wasm)).expect("file");
    let mut brotli_copy = Vec::new();
    {
        use std::io::Write;
        let mut writer = brotli::CompressorWriter::new(&mut brotli_copy, 4096, 11, 22);
        writer.write_all(&wasm).expect("compressed");
    }
    std::fs::write(widget.join("lotse_widget_bg.wasm.br"), &brotli_copy).expect("file");
    // The loader without copies: compressed on the fly.
    let loader = "export const loader = 'lotse';\n".repeat(100);
    std::fs::write(widget.join("lotse.js"), &loader).expect("file");
    std::fs::create_dir_all(root.join("www")).expect("site folder");
    let page = "<h1>Tarifwechsel</h1>\n".repeat(200);
    std::fs::write(root.join("www/index.html"), &page).expect("file");

    let config = Config {
        database_url: format!("sqlite://{}/lotse.db", root.display()),
        guides_dir: root.join("guides"),
        widget_dir: Some(widget.clone()),
        static_dir: Some(root.join("www")),
        ..Config::default()
    };
    let app = router(AppState::open(&config).await.expect("server opens"));

    // Brotli preferred when accepted, byte for byte the copy on disk.
    let (status, headers, body) =
        fetch(&app, "/lotse/lotse_widget_bg.wasm", "gzip, deflate, br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding(&headers), Some("br"));
    assert_eq!(
        headers.get(header::CONTENT_TYPE).map(|v| v.as_bytes()),
        Some(b"application/wasm".as_slice()),
        "the copy is served as the wasm it stands for (streaming compilation needs the type)"
    );
    assert!(headers
        .get(header::VARY)
        .is_some_and(|v| v.to_str().unwrap_or("").contains("accept-encoding")));
    assert_eq!(body, brotli_copy);
    assert_eq!(unbrotli(&body), wasm);

    // gzip only: the gzip copy.
    let (_, headers, body) = fetch(&app, "/lotse/lotse_widget_bg.wasm", "gzip").await;
    assert_eq!(encoding(&headers), Some("gzip"));
    assert!(
        body.len() < wasm.len() / 2,
        "{} bytes for {}",
        body.len(),
        wasm.len()
    );
    assert_eq!(gunzip(&body), wasm);

    // No encoding accepted: the file itself.
    let (_, headers, body) = fetch(&app, "/lotse/lotse_widget_bg.wasm", "").await;
    assert_eq!(encoding(&headers), None);
    assert_eq!(body, wasm);

    // Files without copies, the site and the guides: compressed on the fly.
    let (_, headers, body) = fetch(&app, "/lotse/lotse.js", "gzip").await;
    assert_eq!(encoding(&headers), Some("gzip"));
    assert_eq!(gunzip(&body), loader.as_bytes());
    let (_, headers, body) = fetch(&app, "/", "br").await;
    assert_eq!(encoding(&headers), Some("br"));
    assert_eq!(unbrotli(&body), page.as_bytes());
    let (_, headers, body) = fetch(&app, "/guides/demo.json", "gzip").await;
    assert_eq!(encoding(&headers), Some("gzip"));
    assert_eq!(gunzip(&body), DEMO_GUIDE.as_bytes());

    // The ingest API answers plainly (a few bytes, thousands a second).
    let response = app
        .clone()
        .oneshot(
            Request::post("/v1/events")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_ENCODING, "gzip, br")
                .body(Body::from(
                    batch(&visit("run-plain", 2, Ok(()))).to_string(),
                ))
                .expect("request"),
        )
        .await
        .expect("router answers");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(encoding(response.headers()), None);
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    assert!(body.starts_with(b"{"), "plain JSON: {body:?}");
}
