//! A real PostgreSQL 15 for tests: started from Debian's binaries in a
//! temporary directory on a free loopback port, stopped when dropped (also
//! when a test fails). With `LOTSE_TEST_POSTGRES_URL` set, that server is
//! used instead. Each test asks for a fresh, empty database.
//!
//! Self-contained (std and `tempfile` only) so that other test crates can
//! include it: `#[path = "../crates/server/tests/support/postgres.rs"] mod postgres;`

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// Where Debian installs PostgreSQL 15's programs.
const BIN: &str = "/usr/lib/postgresql/15/bin";
/// The superuser of the test cluster.
const USER: &str = "lotse";

/// A running PostgreSQL server for one test run.
pub struct Postgres {
    /// `postgres://USER@HOST:PORT` without a database name.
    base: String,
    /// The cluster this process started, if any (stopped on drop).
    cluster: Option<Cluster>,
    next: AtomicU32,
}

struct Cluster {
    dir: tempfile::TempDir,
    as_postgres: bool,
}

impl Postgres {
    /// Starts a cluster (or connects to `LOTSE_TEST_POSTGRES_URL`).
    /// Panics with the server's log when it does not come up.
    pub fn start() -> Postgres {
        if let Ok(url) = std::env::var("LOTSE_TEST_POSTGRES_URL") {
            return Postgres {
                base: without_database(&url),
                cluster: None,
                next: AtomicU32::new(0),
            };
        }
        let dir = tempfile::Builder::new()
            .prefix("lotse-pg-")
            .tempdir()
            .expect("temporary directory for PostgreSQL");
        let as_postgres = is_root();
        if as_postgres {
            run(Command::new("chown").arg("postgres").arg(dir.path()));
        }
        let data = dir.path().join("data");
        let port = free_port();
        let cluster = Cluster { dir, as_postgres };
        run(cluster
            .command("initdb")
            .args(["-A", "trust", "-U", USER, "--no-sync", "-D"])
            .arg(&data));
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            cluster.dir.path().display()
        );
        let log = cluster.dir.path().join("log");
        let started = cluster
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(&log)
            .args(["-w", "-o", &options, "start"])
            .output()
            .expect("pg_ctl runs");
        if !started.status.success() {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("PostgreSQL did not start: {}\n{log}", describe(&started));
        }
        Postgres {
            base: format!("postgres://{USER}@127.0.0.1:{port}"),
            cluster: Some(cluster),
            next: AtomicU32::new(0),
        }
    }

    /// Creates a new, empty database and returns its URL.
    pub fn database(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::SeqCst);
        let name = format!("lotse_test_{}_{n}", std::process::id());
        run(Command::new(program("psql"))
            .arg(format!("{}/postgres", self.base))
            .args(["-v", "ON_ERROR_STOP=1", "-q", "-c"])
            .arg(format!("CREATE DATABASE {name}")));
        format!("{}/{name}", self.base)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(cluster) = &self.cluster {
            let _ = cluster
                .command("pg_ctl")
                .arg("-D")
                .arg(cluster.dir.path().join("data"))
                .args(["-m", "immediate", "-w", "stop"])
                .output();
        }
    }
}

impl Cluster {
    /// A PostgreSQL program, run as `postgres` when we are root (initdb
    /// refuses root).
    fn command(&self, name: &str) -> Command {
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program(name));
            c
        } else {
            Command::new(program(name))
        }
    }
}

fn program(name: &str) -> PathBuf {
    let debian = Path::new(BIN).join(name);
    if debian.exists() {
        debian
    } else {
        PathBuf::from(name)
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// `postgres://u@h:p/db?x` -> `postgres://u@h:p`.
fn without_database(url: &str) -> String {
    let start = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[start..].find('/') {
        Some(i) => url[..start + i].to_string(),
        None => url.to_string(),
    }
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("command runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        describe(&output)
    );
    output
}

fn describe(output: &Output) -> String {
    format!(
        "{}\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
