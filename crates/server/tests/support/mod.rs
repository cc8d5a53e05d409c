//! Fixtures shared by the integration tests: a guide folder, event
//! builders, an in-process server behind `router()`, and a tiny HTTP client
//! for tests over a real socket.

#![allow(dead_code)]

pub mod postgres;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use lotse_server::{router, AppState, Config, ServerError};
use serde_json::{json, Value};
use tower::ServiceExt;

/// The fixture guide: the demo's three steps, version 1.
pub const DEMO_GUIDE: &str = r##"{
  "id": "demo",
  "version": 1,
  "title": "Demo",
  "steps": [
    { "id": "welcome", "target": "#hero-title", "title": "Welcome", "body": "Hello." },
    { "id": "tariffs", "target": "#tariff-link", "title": "Tariffs", "body": "Switch here." },
    { "id": "meter", "target": "#meter-link", "title": "Meter", "body": "Read here." }
  ]
}"##;

/// Step ids of [`DEMO_GUIDE`].
pub const STEPS: [&str; 3] = ["welcome", "tariffs", "meter"];

/// Writes [`DEMO_GUIDE`] to `dir/demo.json`.
pub fn write_guides(dir: &Path) {
    std::fs::create_dir_all(dir).expect("guides folder");
    std::fs::write(dir.join("demo.json"), DEMO_GUIDE).expect("guide written");
}

/// Server time, ms since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A valid event of the demo guide; `run` and `n` make its id unique.
pub fn event(run: &str, n: usize, kind: &str, step: Option<&str>, reason: Option<&str>) -> Value {
    let mut e = json!({
        "id": format!("{run}-event-{n:04}-0123456789"),
        "type": kind,
        "guide": "demo",
        "guideVersion": 1,
        "run": format!("{run}-run-0123456789abcdef"),
        "stepCount": 3,
        "ts": now_ms() + n as i64,
        "path": "/index.html",
        "locale": "de-DE",
        "device": "desktop",
    });
    if let Some(step) = step {
        e["step"] = json!(step);
        e["stepIndex"] = json!(STEPS.iter().position(|s| *s == step).unwrap_or(99));
    }
    if let Some(reason) = reason {
        e["reason"] = json!(reason);
    }
    e
}

/// The events of a visitor who views steps up to `last` (0-based) and then
/// finishes with `end`: `Ok(())` completes the guide, `Err(reason)` abandons.
pub fn visit(run: &str, last: usize, end: Result<(), &str>) -> Vec<Value> {
    let mut events = vec![event(run, 0, "guide_started", Some(STEPS[0]), None)];
    for (i, step) in STEPS.iter().enumerate().take(last + 1) {
        events.push(event(run, events.len(), "step_viewed", Some(step), None));
        if i < last || end.is_ok() {
            events.push(event(run, events.len(), "step_completed", Some(step), None));
        }
    }
    match end {
        Ok(()) => events.push(event(
            run,
            events.len(),
            "guide_completed",
            Some(STEPS[last]),
            None,
        )),
        Err(reason) => events.push(event(
            run,
            events.len(),
            "guide_abandoned",
            Some(STEPS[last]),
            Some(reason),
        )),
    }
    events
}

/// A batch body for site `demo`.
pub fn batch(events: &[Value]) -> Value {
    json!({ "site": "demo", "events": events })
}

/// An in-process server on a store, called through `router()`.
pub struct TestServer {
    pub app: Router,
    pub state: AppState,
    /// A report token (`Authorization: Bearer`), sent by [`Self::get_json`].
    pub token: String,
    /// The name [`Self::token`] was created under.
    pub token_name: String,
    _guides: tempfile::TempDir,
}

impl TestServer {
    /// Opens a server on `database_url` with the fixture guide.
    pub async fn open(database_url: &str) -> TestServer {
        Self::with_config(database_url, |_| {}).await
    }

    /// Same, with changes to the configuration.
    pub async fn with_config(database_url: &str, change: impl FnOnce(&mut Config)) -> TestServer {
        let guides = tempfile::tempdir().expect("temporary folder");
        write_guides(guides.path());
        let mut config = Config {
            database_url: database_url.to_string(),
            guides_dir: guides.path().to_path_buf(),
            ..Config::default()
        };
        change(&mut config);
        let state = AppState::open(&config).await.expect("server opens");
        // A name of its own per server: a test may open a store twice.
        static OPENED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let token_name = format!("tests-{n}");
        let token = lotse_server::auth::create_token(state.store(), &token_name, None, now_ms())
            .await
            .expect("token created")
            .expect("token name free");
        TestServer {
            app: router(state.clone()),
            state,
            token,
            token_name,
            _guides: guides,
        }
    }

    /// Sends a request, returns status, headers and the body as text.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// `POST /v1/events` with a raw body and extra headers.
    pub async fn post_raw(
        &self,
        body: impl Into<Body>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut request = Request::post("/v1/events").header("content-type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let (status, _, text) = self.send(request.body(body.into()).expect("request")).await;
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// `POST /v1/events` with a JSON body.
    pub async fn post(&self, body: &Value) -> (StatusCode, Value) {
        self.post_raw(body.to_string(), &[]).await
    }

    /// `GET path` as JSON, with the report token.
    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let request = Request::get(path)
            .header("authorization", format!("Bearer {}", self.token))
            .body(Body::empty())
            .expect("request");
        let (status, _, text) = self.send(request).await;
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Events in the store.
    pub async fn stored(&self) -> u64 {
        self.state.store().count().await.expect("store counts")
    }
}

/// A minimal HTTP/1.1 GET over a real socket: status, headers (lower-case
/// names) and body.
pub async fn http_get(
    address: std::net::SocketAddr,
    path: &str,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connects");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("request sent");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("response read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, raw[split + 4..].to_vec())
}

/// Runs the `lotse` binary in `dir` with `args`: its exit code, and its
/// stdout followed by its stderr.
pub fn lotse_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lotse"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("lotse runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// `lotse_server::run` on a real `127.0.0.1:0` socket, until [`Running::stop`].
pub struct Running {
    /// The address the server listens on.
    pub address: SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<Result<(), ServerError>>,
}

impl Running {
    /// Binds a loopback port and starts the server on it with `config`.
    pub async fn start(config: Config) -> Running {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let address = listener.local_addr().expect("address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(lotse_server::run(listener, config, async {
            let _ = stopped.await;
        }));
        Running {
            address,
            stop,
            server,
        }
    }

    /// Asks the server to stop and waits for it; its result.
    pub async fn stop(self) -> Result<(), ServerError> {
        self.stop.send(()).expect("server still running");
        self.server.await.expect("server task")
    }
}
