//! Acknowledged means stored: clients post batches to a real `lotse serve`
//! process that is killed with SIGKILL at a random moment; after a restart
//! on the same database, every event of every batch that was answered 200
//! is there (sending such a batch again finds only duplicates). Several
//! rounds, on SQLite and on PostgreSQL.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::process::{post, Lotse};
use crate::support::postgres::Postgres;
use crate::support::{batch, visit, write_guides};

const ROUNDS: usize = 3;
const CLIENTS: usize = 4;
/// Upper bound of requests per client and round (the kill comes first).
const MAX_REQUESTS: usize = 5_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_sigkill() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/lotse.db", dir.path().display());
    rounds(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survives_sigkill() {
    let pg = Postgres::start();
    rounds(&pg.database()).await;
}

/// A pseudo-random number below `n` from the clock (no extra crate).
fn random_below(n: u64) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    u64::from(nanos.wrapping_mul(2_654_435_761)) % n
}

async fn rounds(database: &str) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let guides = dir.path().join("guides");
    write_guides(&guides);
    let log = dir.path().join("lotse.log");
    let mut server = Lotse::start(database, &guides, &log).await;
    for round in 0..ROUNDS {
        let acked: Arc<Mutex<Vec<Value>>> = Arc::default();
        let address = server.address;
        let clients: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let acked = acked.clone();
                tokio::spawn(async move {
                    for seq in 0..MAX_REQUESTS {
                        let run = format!("crash-{round}-{client}-{seq:05}");
                        let body = batch(&visit(&run, seq % 3, Ok(())));
                        match post(address, &body).await {
                            Ok((200, _)) => acked.lock().expect("lock").push(body),
                            Ok((status, answer)) => panic!("answered {status}: {answer}"),
                            // The server is gone.
                            Err(_) => break,
                        }
                    }
                })
            })
            .collect();
        // Let some batches through, then kill at a random moment.
        let deadline = Instant::now() + Duration::from_secs(30);
        while acked.lock().expect("lock").len() < CLIENTS && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        tokio::time::sleep(Duration::from_millis(random_below(400))).await;
        server.kill();
        for client in clients {
            client.await.expect("client");
        }
        let acked = std::mem::take(&mut *acked.lock().expect("lock"));
        assert!(
            acked.len() >= CLIENTS,
            "round {round}: too few batches acknowledged"
        );

        server = Lotse::start(database, &guides, &log).await;
        for body in &acked {
            let n = body["events"].as_array().map_or(0, Vec::len);
            let again = post(server.address, body).await.expect("answer");
            assert_eq!(
                again,
                (200, json!({"accepted": 0, "duplicates": n})),
                "round {round}: an acknowledged batch was lost: {}",
                body["events"][0]["run"]
            );
        }
        eprintln!(
            "round {round}: {} acknowledged batches all stored",
            acked.len()
        );
    }
    server.kill();
}
