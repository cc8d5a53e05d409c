//! A load generator for `POST /v1/events` (used by scripts/bench-server.sh).
//!
//! N clients, each on its own keep-alive HTTP/1.1 connection over
//! loopback, post valid batches back to back for a fixed time; every batch
//! has fresh event ids and a fresh run, so every event is new. Prints one
//! tab-separated line:
//!
//! `clients  requests  events/s acknowledged  p50 ms  p99 ms  errors`
//!
//! ```text
//! cargo run --release -p lotse-server --example load -- \
//!     --address 127.0.0.1:8080 --guide guides/tariff-switch.json --clients 16 --seconds 10
//! ```

use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Options {
    address: SocketAddr,
    guide: std::path::PathBuf,
    clients: usize,
    seconds: u64,
    events: usize,
    site: String,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        address: "127.0.0.1:8080".parse().map_err(|e| format!("{e}"))?,
        guide: "guides/tariff-switch.json".into(),
        clients: 1,
        seconds: 10,
        events: 20,
        site: "demo".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--address" => o.address = value.parse().map_err(|e| bad(&e))?,
            "--guide" => o.guide = value.into(),
            "--clients" => o.clients = value.parse().map_err(|e| bad(&e))?,
            "--seconds" => o.seconds = value.parse().map_err(|e| bad(&e))?,
            "--events" => o.events = value.parse().map_err(|e| bad(&e))?,
            "--site" => o.site = value,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(o)
}

/// What the batches are made of: the guide's id, version and step ids.
struct Guide {
    id: String,
    version: u32,
    steps: Vec<String>,
}

fn guide(path: &std::path::Path) -> Result<Guide, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let loaded = lotse_core::guide::load(&path.display().to_string(), &text)
        .map_err(|p| format!("{} does not load: {:?}", path.display(), p.problems))?;
    let g = loaded.guide;
    Ok(Guide {
        steps: g.steps.iter().map(|s| s.id.clone()).collect(),
        id: g.id,
        version: g.version,
    })
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A realistic batch: one visitor's run walking the steps, `n` events.
/// Written with `format!` rather than `serde_json` so that the generator,
/// which shares the machine's cores with the server, stays cheap.
fn body(o: &Options, g: &Guide, client: usize, seq: u64) -> Vec<u8> {
    use std::fmt::Write;
    let run = format!("load-{client:03}-{seq:010}-{}", std::process::id());
    let ts = now_ms();
    let mut batch = format!(r#"{{"site":{},"events":["#, Value::from(o.site.as_str()));
    for i in 0..o.events {
        let step = (i / 2) % g.steps.len();
        let kind = match i {
            0 => "guide_started",
            _ if i % 2 == 1 => "step_viewed",
            _ => "step_completed",
        };
        if i > 0 {
            batch.push(',');
        }
        let _ = write!(
            batch,
            r#"{{"id":"{run}-{i:04}","type":"{kind}","guide":{},"guideVersion":{},"run":"{run}","step":{},"stepIndex":{step},"stepCount":{},"ts":{ts},"path":"/de/tarif/","locale":"de-DE","device":"desktop","dwellMs":{},"locator":0}}"#,
            Value::from(g.id.as_str()),
            g.version,
            Value::from(g.steps[step].as_str()),
            g.steps.len(),
            1200 + i,
        );
    }
    batch.push_str("]}");
    format!(
        "POST /v1/events HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{batch}",
        o.address,
        batch.len()
    )
    .into_bytes()
}

/// Reads one response; its status.
async fn response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<u16> {
    let broken = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
    buf.clear();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(broken("connection closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| broken("no status"))?;
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| broken("no content-length"))?;
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(broken("connection closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(status)
}

struct Tally {
    latencies: Vec<Duration>,
    events: u64,
    errors: u64,
}

async fn client(o: &Options, g: &Guide, id: usize, until: Instant) -> std::io::Result<Tally> {
    let mut stream = TcpStream::connect(o.address).await?;
    stream.set_nodelay(true)?;
    let mut tally = Tally {
        latencies: Vec::new(),
        events: 0,
        errors: 0,
    };
    let mut buf = Vec::with_capacity(8192);
    let mut seq = 0;
    while Instant::now() < until {
        let request = body(o, g, id, seq);
        seq += 1;
        let t0 = Instant::now();
        stream.write_all(&request).await?;
        let status = response(&mut stream, &mut buf).await?;
        tally.latencies.push(t0.elapsed());
        if status == 200 {
            tally.events += o.events as u64;
        } else {
            tally.errors += 1;
        }
    }
    Ok(tally)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let o = std::sync::Arc::new(options()?);
    let g = std::sync::Arc::new(guide(&o.guide)?);
    let start = Instant::now();
    let until = start + Duration::from_secs(o.seconds);
    let tasks: Vec<_> = (0..o.clients)
        .map(|id| {
            let (o, g) = (o.clone(), g.clone());
            tokio::spawn(async move { client(&o, &g, id, until).await })
        })
        .collect();
    let mut latencies = Vec::new();
    let (mut events, mut errors) = (0, 0);
    for task in tasks {
        let tally = task
            .await
            .map_err(|e| format!("client task: {e}"))?
            .map_err(|e| format!("client: {e}"))?;
        latencies.extend(tally.latencies);
        events += tally.events;
        errors += tally.errors;
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort();
    println!(
        "{}\t{}\t{:.0}\t{:.1}\t{:.1}\t{}",
        o.clients,
        latencies.len(),
        events as f64 / elapsed,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        errors
    );
    Ok(())
}
