//! `lotse serve --guides DIR` reload: a running server picks up edited,
//! new and deleted guide files, keeps serving the last good version of a
//! broken one, and remembers every version it has loaded.

use std::path::Path;
use std::time::Duration;

use lotse_server::guides::LiveGuides;
use lotse_server::Config;
use serde_json::{json, Value};

use crate::support::{batch, event, http_get, write_guides, Running, DEMO_GUIDE};

/// The fixture guide at version 2, with a fourth step.
fn demo_v2() -> String {
    DEMO_GUIDE.replace("\"version\": 1", "\"version\": 2").replace(
        r##"{ "id": "meter", "target": "#meter-link", "title": "Meter", "body": "Read here." }"##,
        r##"{ "id": "meter", "target": "#meter-link", "title": "Meter", "body": "Read here." },
    { "id": "contact", "target": "#contact", "title": "Contact", "body": "Ask us." }"##,
    )
}

const OTHER: &str = r##"{ "id": "other", "version": 1, "title": "Other",
  "steps": [{ "id": "only", "title": "Only", "body": "One step." }] }"##;

/// GETs `path` until `done(status, body)` holds (about 5 s at most).
async fn wait_for(
    address: std::net::SocketAddr,
    path: &str,
    done: impl Fn(u16, &str) -> bool,
) -> (u16, String) {
    let mut last = (0, String::new());
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(address).await.is_ok() {
            let (status, _, body) = http_get(address, path).await;
            last = (status, String::from_utf8_lossy(&body).into_owned());
            if done(last.0, &last.1) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path} never reached the expected state; last: {last:?}");
}

/// A minimal HTTP/1.1 POST of JSON over a real socket: status and body.
async fn http_post(address: std::net::SocketAddr, path: &str, body: &Value) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = body.to_string();
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connects");
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("sent");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let answer = text
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, answer)
}

/// One `step_viewed` event of version `version` (with `steps` steps).
fn viewed(run: &str, version: u32, steps: u32, step: &str, index: u32) -> Value {
    let mut e = event(run, 1, "step_viewed", None, None);
    e["guideVersion"] = json!(version);
    e["stepCount"] = json!(steps);
    e["step"] = json!(step);
    e["stepIndex"] = json!(index);
    e
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("guide written");
}

#[tokio::test]
async fn a_running_server_reloads_edited_new_broken_and_deleted_guides() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    let server = Running::start(Config {
        database_url: format!("sqlite://{}/lotse.db", dir.path().display()),
        guides_dir: guides.clone(),
        ..Config::default()
    })
    .await;
    let address = server.address;
    wait_for(address, "/guides/demo.json", |s, b| {
        s == 200 && b == DEMO_GUIDE
    })
    .await;
    let (status, answer) = http_post(
        address,
        "/v1/events",
        &batch(&[viewed("a", 1, 3, "meter", 2)]),
    )
    .await;
    assert_eq!(status, 200, "{answer}");

    // Edited: version 2 with a fourth step is served, and its events accepted.
    let v2 = demo_v2();
    write(&guides, "demo.json", &v2);
    wait_for(address, "/guides/demo.json", |s, b| s == 200 && b == v2).await;
    let (status, answer) = http_post(
        address,
        "/v1/events",
        &batch(&[viewed("b", 2, 4, "contact", 3)]),
    )
    .await;
    assert_eq!((status, &answer["accepted"]), (200, &json!(1)), "{answer}");

    // Broken, and a new file written after it: once the new guide is served
    // the broken file has been seen, and version 2 is still served.
    write(
        &guides,
        "demo.json",
        "{\n  \"id\": \"demo\",\n  \"version\": 3,\n  \"steps\": [,]\n}",
    );
    write(&guides, "other.json", OTHER);
    wait_for(address, "/guides/other.json", |s, b| s == 200 && b == OTHER).await;
    let (status, _, body) = http_get(address, "/guides/demo.json").await;
    assert_eq!(
        (status, String::from_utf8_lossy(&body)),
        (200, v2.as_str().into())
    );
    let (status, answer) = http_post(
        address,
        "/v1/events",
        &batch(&[viewed("c", 2, 4, "contact", 3)]),
    )
    .await;
    assert_eq!(status, 200, "events of the version still served: {answer}");

    // Deleted: the guide disappears; fixed: the new version appears.
    std::fs::remove_file(guides.join("other.json")).expect("removed");
    wait_for(address, "/guides/other.json", |s, _| s == 404).await;
    let v3 = v2.replace("\"version\": 2", "\"version\": 3");
    write(&guides, "demo.json", &v3);
    wait_for(address, "/guides/demo.json", |s, b| s == 200 && b == v3).await;

    server.stop().await.expect("server stops cleanly");
}

#[test]
fn every_version_loaded_stays_known_with_its_steps() {
    let dir = tempfile::tempdir().expect("temporary folder");
    write_guides(dir.path());
    let live = LiveGuides::open(dir.path().to_path_buf()).expect("guides load");
    assert_eq!(live.reload_if_changed(), None, "nothing changed yet");
    let v1 = ["welcome", "tariffs", "meter"].map(String::from);
    assert_eq!(live.current().steps_of("demo", 1), Some(v1.as_slice()));
    assert_eq!(live.current().steps_of("demo", 2), None);

    write(dir.path(), "demo.json", &demo_v2());
    let reload = live.reload();
    assert_eq!(
        (reload.loaded, reload.failed.len()),
        (vec!["demo".to_string()], 0)
    );
    let now = live.current();
    assert_eq!(now.get("demo").map(|f| f.guide.version), Some(2));
    assert_eq!(
        now.steps_of("demo", 1),
        Some(v1.as_slice()),
        "version 1 is remembered"
    );
    assert_eq!(
        now.steps_of("demo", 2).map(<[String]>::len),
        Some(4),
        "{:?}",
        now.steps_of("demo", 2)
    );
    assert_eq!(now.versions_of("demo"), vec![1, 2]);

    // A broken file: every problem reported, version 2 kept.
    write(
        dir.path(),
        "demo.json",
        "{\"id\": \"demo\", \"version\": 3, \"stepz\": []}",
    );
    let reload = live.reload();
    let problems = &reload.failed[0].problems;
    assert!(problems.len() >= 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.line.is_some()), "{problems:?}");
    assert!(problems.iter().any(|p| p.path == "$.stepz"), "{problems:?}");
    assert_eq!(live.current().get("demo").map(|f| f.guide.version), Some(2));
    assert_eq!(live.current().steps_of("demo", 3), None);

    // Deleted: no longer served, its versions still known.
    std::fs::remove_file(dir.path().join("demo.json")).expect("removed");
    let reload = live.reload();
    assert_eq!(reload.removed, vec!["demo".to_string()]);
    assert!(live.current().get("demo").is_none());
    assert_eq!(live.current().versions_of("demo"), vec![1, 2]);
}

#[tokio::test]
async fn lotse_serve_logs_every_problem_of_a_broken_guide_and_keeps_serving() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    let log = dir.path().join("lotse.log");
    let database = format!("sqlite://{}/lotse.db", dir.path().display());
    let lotse = crate::process::Lotse::start(&database, &guides, &log).await;
    // Connections are accepted before the guides are loaded: wait for them.
    wait_for(lotse.address, "/guides/demo.json", |s, _| s == 200).await;
    write(
        &guides,
        "demo.json",
        "{\n  \"id\": \"demo\",\n  \"version\": 2,\n  \"titel\": \"x\",\n  \"steps\": []\n}\n",
    );
    let file = guides.join("demo.json").display().to_string();
    let expected = [
        format!("{file}:1:1: $.title: is missing"),
        format!("{file}:4:3: $.titel: unknown field \"titel\" (did you mean \"title\"?)"),
        format!("{file}:5:3: $.steps: has 0 steps; a guide has 1 to 50"),
        "the last good version stays served".to_string(),
    ];
    let mut text = String::new();
    for _ in 0..100 {
        text = std::fs::read_to_string(&log).unwrap_or_default();
        if expected.iter().all(|e| text.contains(e.as_str())) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for e in &expected {
        assert!(
            text.contains(e.as_str()),
            "{e:?} missing from the log:\n{text}"
        );
    }
    let (status, _, body) = http_get(lotse.address, "/guides/demo.json").await;
    assert_eq!((status, body.as_slice()), (200, DEMO_GUIDE.as_bytes()));
    lotse.kill();
}

#[tokio::test]
async fn sighup_rescans_the_guides_at_once_and_does_not_stop_the_server() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    let log = dir.path().join("lotse.log");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let address: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_lotse"))
        .args(["serve", "--listen", &address.to_string(), "--database"])
        .arg(format!("sqlite://{}/lotse.db", dir.path().display()))
        .arg("--guides")
        .arg(&guides)
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("lotse serve starts");
    let mut child = KillOnDrop(child);
    wait_for(address, "/guides/demo.json", |s, _| s == 200).await;
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &child.0.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(hup.success());
    let mut text = String::new();
    for _ in 0..100 {
        text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("SIGHUP: guides folder rescanned") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(text.contains("SIGHUP: guides folder rescanned"), "{text}");
    let (status, _, _) = http_get(address, "/guides/demo.json").await;
    assert_eq!(status, 200, "still serving after SIGHUP");
    assert_eq!(child.0.try_wait().ok().flatten(), None, "still running");
}

/// A child process killed when the test ends, pass or fail.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
