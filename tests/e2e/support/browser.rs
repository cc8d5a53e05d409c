//! chromedriver and headless Chromium: one chromedriver per test, one fresh
//! browser profile per visitor, every process killed when the test ends,
//! passed or failed.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;

use super::{poll, repo_root};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A running chromedriver. Dropping it kills its process group: chromedriver
/// and every Chromium it started, even when a test panicked mid-session.
pub struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    /// Starts chromedriver on a free loopback port and waits until it answers.
    pub async fn start() -> Self {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|error| {
                panic!("cannot start {CHROMEDRIVER} ({error}): run scripts/setup.sh")
            });
        let driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        poll(
            Duration::from_secs(10),
            "chromedriver to listen",
            || async {
                tokio::net::TcpStream::connect(("127.0.0.1", port))
                    .await
                    .map_err(|error| error.to_string())
            },
        )
        .await;
        driver
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // The shell's kill: minimal systems have no kill program (procps).
        let kill_group = format!("kill -KILL -{}", self.child.id());
        let _ = Command::new("sh").args(["-c", &kill_group]).status();
        let _ = self.child.wait();
    }
}

/// One visitor: a new browser session with its own empty profile, so nothing
/// (storage, cache) carries over from another visitor.
pub struct Visitor {
    client: Client,
    _profile: tempfile::TempDir,
}

impl Visitor {
    /// Opens a fresh headless Chromium on `url`.
    pub async fn arrive(driver: &Chromedriver, url: &str) -> Self {
        let profile = tempfile::tempdir().expect("temporary browser profile");
        let mut args = chromium_flags();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push("--window-size=1280,900".to_string());
        let mut capabilities = Capabilities::new();
        capabilities.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({ "args": args }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .expect("a headless Chromium session from chromedriver");
        client.goto(url).await.expect("open the demo site");
        Self {
            client,
            _profile: profile,
        }
    }

    /// The WebDriver session.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Leaves the page (so the widget's page-hide flush runs, as when a real
    /// visitor navigates away) and closes the browser.
    pub async fn leave(self) {
        self.client
            .goto("about:blank")
            .await
            .expect("navigate away from the demo site");
        self.client.close().await.expect("close the browser");
    }
}

/// The browser flags of webdriver.json (shared with the wasm-bindgen tests).
fn chromium_flags() -> Vec<String> {
    let path = repo_root().join("webdriver.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    json["goog:chromeOptions"]["args"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no goog:chromeOptions.args", path.display()))
        .iter()
        .filter_map(|arg| arg.as_str().map(str::to_string))
        .collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}
