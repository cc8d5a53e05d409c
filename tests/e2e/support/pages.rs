//! For the analytics client's tests: a real `lotse` server on a listener
//! the test chose (so an endpoint can be down and come up later on the
//! same port), serving test pages written into a temporary folder, and
//! what the browser holds of the widget's outbox and events.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use http_body_util::Empty;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::sync::oneshot;

use super::{poll, repo_root};

/// A page with the demo guide's three targets and the widget's script tag
/// with `attributes` (e.g. `data-endpoint="..." data-analytics="consent"`).
/// An inline script records the id of every `lotse:event` in this tab's
/// `sessionStorage` (`test:ids`), across page loads.
pub fn demo_page(attributes: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>Lotse analytics test page</title>
<script>
document.addEventListener("lotse:event", (e) => {{
  const ids = JSON.parse(sessionStorage.getItem("test:ids") || "[]");
  ids.push(e.detail.id);
  sessionStorage.setItem("test:ids", JSON.stringify(ids));
}});
</script>
</head>
<body>
<h1 id="hero-title">Test page</h1>
<p><a id="tariff-link" href="/tariff">Tariffs</a></p>
<p><a id="meter-link" href="/meter">Meter reading</a></p>
<script type="module" src="/lotse/lotse.js" data-guide="/guides/demo.json" data-site="demo" {attributes}></script>
</body>
</html>
"#
    )
}

/// Writes `pages` (`(file name, html)`) into `dir`.
pub fn write_pages(dir: &Path, pages: &[(&str, String)]) {
    for (name, html) in pages {
        std::fs::write(dir.join(name), html).expect("write a test page");
    }
}

/// A `lotse` server with its own SQLite file, the repository's guides and
/// widget bundle, and a static folder.
pub struct Lotse {
    addr: SocketAddr,
    database_url: String,
    stop: Option<oneshot::Sender<()>>,
    _store: tempfile::TempDir,
}

impl Lotse {
    /// Starts a server on `listener`, serving `site` at `/`.
    pub async fn start(listener: tokio::net::TcpListener, site: &Path) -> Self {
        let store = tempfile::tempdir().expect("temporary folder for the SQLite file");
        let database_url = format!("sqlite://{}", store.path().join("lotse.db").display());
        let root = repo_root();
        let config = lotse_server::Config {
            database_url: database_url.clone(),
            guides_dir: root.join("guides"),
            widget_dir: Some(root.join("dist/lotse")),
            static_dir: Some(site.to_path_buf()),
            ..lotse_server::Config::default()
        };
        let addr = listener.local_addr().expect("bound address");
        let (stop, stopped) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let running = tokio::spawn(lotse_server::run(listener, config, shutdown));
        let server = Self {
            addr,
            database_url,
            stop: Some(stop),
            _store: store,
        };
        poll(
            Duration::from_secs(10),
            "the lotse server to start",
            || async {
                if running.is_finished() {
                    panic!("the lotse server stopped right after starting");
                }
                server.get_ok("/guides/demo.json").await
            },
        )
        .await;
        server
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `GET path` answered 200.
    async fn get_ok(&self, path: &str) -> Result<(), String> {
        let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
        let uri = self.url(path).parse().map_err(|e| format!("{e}"))?;
        let response = client.get(uri).await.map_err(|e| e.to_string())?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(response.status().to_string())
        }
    }

    /// How many events the store holds.
    pub async fn stored(&self) -> Result<u64, String> {
        let store = lotse_server::Store::open(&self.database_url)
            .await
            .map_err(|e| e.to_string())?;
        let count = store.count().await.map_err(|e| e.to_string());
        store.close().await;
        count
    }
}

impl Drop for Lotse {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A loopback port nothing listens on (yet).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}

/// Runs `script` (a function body) in the page and returns its value.
pub async fn run(client: &fantoccini::Client, script: &str) -> serde_json::Value {
    client
        .execute(script, Vec::new())
        .await
        .unwrap_or_else(|error| panic!("script failed: {error}\n{script}"))
}

/// The distinct ids of the events this tab's pages announced.
pub async fn announced(client: &fantoccini::Client) -> Vec<String> {
    let ids = run(
        client,
        r#"return JSON.parse(sessionStorage.getItem("test:ids") || "[]");"#,
    )
    .await;
    let mut ids: Vec<String> = serde_json::from_value(ids).unwrap_or_default();
    ids.sort();
    ids.dedup();
    ids
}

/// The events in the widget's outbox in `localStorage`: `None` when there
/// is no outbox.
pub async fn outbox_events(client: &fantoccini::Client) -> Option<Vec<serde_json::Value>> {
    let value = run(
        client,
        r#"const keys = Object.keys(localStorage).filter((k) => k.startsWith("lotse:outbox"));
if (!keys.length) return null;
return keys.flatMap((k) => JSON.parse(localStorage.getItem(k)).events);"#,
    )
    .await;
    serde_json::from_value(value).ok()
}

/// The ids of the events in the widget's outbox, sorted; `None` when
/// there is no outbox.
pub async fn outbox(client: &fantoccini::Client) -> Option<Vec<String>> {
    let events = outbox_events(client).await?;
    let mut ids: Vec<String> = events
        .iter()
        .filter_map(|e| e["id"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    Some(ids)
}
