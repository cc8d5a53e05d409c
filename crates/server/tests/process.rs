//! A real `lotse serve` process (the built binary) on a loopback port, and
//! a minimal HTTP/1.1 client for it: used by the crash and scale-out tests.

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A running `lotse serve`; killed (SIGKILL) when dropped.
pub struct Lotse {
    /// Where it listens.
    pub address: SocketAddr,
    child: Child,
}

impl Lotse {
    /// Starts `lotse serve` on `database` with the guides in `guides` and
    /// waits until it accepts connections (panics after 30 s, or if it
    /// exits, with its log).
    pub async fn start(database: &str, guides: &Path, log: &Path) -> Lotse {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let address: SocketAddr = ([127, 0, 0, 1], port).into();
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_lotse"))
            .args(["serve", "--listen", &address.to_string(), "--database"])
            .arg(database)
            .arg("--guides")
            .arg(guides)
            .arg("--widget")
            .arg(guides)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("lotse serve starts");
        let mut lotse = Lotse { address, child };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if tokio::net::TcpStream::connect(address).await.is_ok() {
                return lotse;
            }
            let exited = lotse.child.try_wait().ok().flatten();
            if exited.is_some() || Instant::now() > deadline {
                let text = std::fs::read_to_string(log).unwrap_or_default();
                panic!("lotse serve did not come up ({exited:?}):\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Kills the process with SIGKILL and waits for it.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Lotse {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request on a new connection: status and JSON body
/// (`Value::Null` if the body is not JSON). Errors when the server is gone.
pub async fn request(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, Value)> {
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let broken = || std::io::Error::new(std::io::ErrorKind::InvalidData, "no HTTP answer");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(broken)?;
    let status = String::from_utf8_lossy(&raw[..split])
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(broken)?;
    let json = serde_json::from_slice(&raw[split + 4..]).unwrap_or(Value::Null);
    Ok((status, json))
}

/// `POST /v1/events` with `body`.
pub async fn post(address: SocketAddr, body: &Value) -> std::io::Result<(u16, Value)> {
    request(address, "POST", "/v1/events", &[], &body.to_string()).await
}
