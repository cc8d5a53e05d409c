//! The pages `lotse check` looks at: saved HTML files (their URL path taken
//! relative to `--root`) or pages fetched from a server on this machine.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Component, Path};
use std::time::Duration;

use scraper::Html;

/// One parsed page and the URL paths it is served at.
pub struct Page {
    /// The file or URL as given, for the report.
    pub source: String,
    /// URL paths the page answers: `/en/switch/tariff.html`, and for an
    /// `index.html` also its folder `/en/switch/`.
    pub paths: Vec<String>,
    /// The parsed document.
    pub html: Html,
}

impl Page {
    /// Reads `source`: an `http://` URL on localhost, or a file under `root`.
    pub fn load(source: &str, root: &Path) -> Result<Self, String> {
        let (paths, text) = match source.strip_prefix("http://") {
            Some(rest) => fetch(rest)?,
            None => read(Path::new(source), root)?,
        };
        Ok(Page {
            source: source.to_string(),
            paths,
            html: Html::parse_document(&text),
        })
    }
}

fn read(file: &Path, root: &Path) -> Result<(Vec<String>, String), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot be read: {e}"))?;
    let absolute = |p: &Path| std::path::absolute(p).map(|p| normal(&p));
    let (Ok(file_abs), Ok(root_abs)) = (absolute(file), absolute(root)) else {
        return Err("cannot resolve the path".to_string());
    };
    let relative = file_abs.strip_prefix(&root_abs).map_err(|_| {
        format!(
            "is not under the site root {} (set it with --root DIR)",
            root.display()
        )
    })?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let path = format!("/{}", parts.join("/"));
    let mut paths = vec![path.clone()];
    if let Some(folder) = path.strip_suffix("index.html") {
        paths.push(folder.to_string());
    }
    Ok((paths, text))
}

/// `path` without `.` and `..` components (without touching the disk).
fn normal(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// GETs `host[:port]/path` over plain HTTP/1.0; only this machine is
/// allowed, so a check never reaches out to the internet.
fn fetch(rest: &str) -> Result<(Vec<String>, String), String> {
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
        return Err("only pages on this machine (127.0.0.1, localhost) can be fetched; save other pages as files".to_string());
    }
    let address = if authority.contains(':') && !authority.ends_with(']') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let failed = |e: std::io::Error| format!("cannot be fetched: {e}");
    let mut stream = TcpStream::connect(&address).map_err(failed)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(failed)?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {authority}\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
    )
    .map_err(failed)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(failed)?;
    let response = String::from_utf8_lossy(&response);
    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or("cannot be fetched: the answer is not HTTP")?;
    let status = head.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) != Some("200") {
        return Err(format!("cannot be fetched: {status}"));
    }
    let path = path.split(['?', '#']).next().unwrap_or(path).to_string();
    Ok((vec![path], body.to_string()))
}
