//! The real `lotse` server, started in-process on `127.0.0.1:0` with a
//! temporary SQLite file, the repository's guides, demo site (plus the
//! fixture pages of `tests/fixtures/` at `/fixtures/`) and widget bundle.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::sync::oneshot;

use super::{poll, repo_root};

/// A running server; stops when dropped (its SQLite file goes with it).
pub struct TestServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    /// A report token (sent by [`Self::get_json`] to `/v1/reports/`).
    pub token: String,
    /// The SQLite URL of its store.
    pub database_url: String,
    _store: tempfile::TempDir,
}

impl TestServer {
    /// Starts the server. Panics with the fix when the widget bundle was
    /// never built: the test builds nothing itself.
    pub async fn start() -> Self {
        let widget_dir = widget_bundle();
        let root = repo_root();
        let store = tempfile::tempdir().expect("temporary folder for the SQLite file");
        let database_url = format!("sqlite://{}", store.path().join("lotse.db").display());
        let config = lotse_server::Config {
            database_url: database_url.clone(),
            guides_dir: root.join("guides"),
            widget_dir: Some(widget_dir),
            static_dir: Some(site_dir(store.path())),
            ..lotse_server::Config::default()
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("bound address");
        let (stop, stopped) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let running = tokio::spawn(lotse_server::run(listener, config, shutdown));
        let mut server = Self {
            addr,
            stop: Some(stop),
            token: String::new(),
            database_url: database_url.clone(),
            _store: store,
        };
        server.wait_until_ready(running).await;
        server.token = report_token(&database_url).await;
        server
    }

    /// Waits until the demo guide is served, failing with the server's own
    /// error if it stopped (e.g. a guide did not validate).
    async fn wait_until_ready(
        &self,
        running: tokio::task::JoinHandle<Result<(), lotse_server::ServerError>>,
    ) {
        let ready = poll(
            Duration::from_secs(10),
            "the server to serve /guides/demo.json",
            || async {
                if running.is_finished() {
                    return Ok(false);
                }
                match self.get_json("/guides/demo.json").await {
                    Some(_) => Ok(true),
                    None => Err("no answer yet".to_string()),
                }
            },
        )
        .await;
        if !ready {
            match running.await {
                Ok(Err(error)) => panic!("the lotse server did not start: {error}"),
                Ok(Ok(())) => panic!("the lotse server stopped right after starting"),
                Err(error) => panic!("the lotse server task failed: {error}"),
            }
        }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `GET path` as JSON; `None` while the server answers something else
    /// than 200 with JSON (e.g. before the first event arrived).
    pub async fn get_json(&self, path: &str) -> Option<serde_json::Value> {
        let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
        let request = hyper::Request::get(self.url(path))
            .header("authorization", format!("Bearer {}", self.token))
            .body(Empty::<Bytes>::new())
            .ok()?;
        let response = client.request(request).await.ok()?;
        if !response.status().is_success() {
            return None;
        }
        let body = response.into_body().collect().await.ok()?.to_bytes();
        serde_json::from_slice(&body).ok()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The site the server serves: the demo site (`www/`) with the fixture
/// pages of `tests/fixtures/` at `/fixtures/`, as symbolic links in `tmp`.
fn site_dir(tmp: &std::path::Path) -> PathBuf {
    let root = repo_root();
    let site = tmp.join("site");
    std::fs::create_dir_all(&site).expect("create the site folder");
    let www = std::fs::read_dir(root.join("www")).expect("read www/");
    for entry in www.flatten() {
        let link = site.join(entry.file_name());
        std::os::unix::fs::symlink(entry.path(), &link).expect("link a www/ entry");
    }
    std::os::unix::fs::symlink(root.join("tests/fixtures"), site.join("fixtures"))
        .expect("link tests/fixtures");
    site
}

/// A report token in the server's store (the same SQLite file).
async fn report_token(database_url: &str) -> String {
    let store = lotse_server::Store::open(database_url)
        .await
        .expect("open the store for a token");
    let token = lotse_server::auth::create_token(&store, "e2e", None, 0)
        .await
        .expect("create a report token")
        .expect("a new token name");
    store.close().await;
    token
}

/// `dist/lotse`, checked to hold what `scripts/build-widget.sh` produces.
fn widget_bundle() -> PathBuf {
    let dir = repo_root().join("dist/lotse");
    let missing: Vec<&str> = ["lotse.js", "lotse_widget.js", "lotse_widget_bg.wasm"]
        .into_iter()
        .filter(|file| !dir.join(file).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "the widget bundle in {} lacks {}: run scripts/build-widget.sh first",
        dir.display(),
        missing.join(", ")
    );
    dir
}
