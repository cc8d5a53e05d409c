//! Who may change which summaries at once, on PostgreSQL (several writer
//! tasks and instances on one database; SQLite has one writer). Every lock
//! is a transaction-scoped advisory lock, released at commit:
//!
//! - one per run (`funnel_runs` rows are read, changed and written back),
//!   all of a transaction's taken in one statement in ascending key order,
//!   so two transactions never wait for each other in a circle;
//! - one rollup shard per guide: rollup rows are keyed by a shard too, and
//!   a transaction adds its deltas to the rows of a shard no other
//!   transaction holds (it tries each; only if all are taken it waits for
//!   one), so concurrent commits do not queue behind one hot row. Reports
//!   add the shards up.
//!
//! Locks are taken after the events are inserted and in this order (runs,
//! then shards by guide), so no wait cycle can form.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::conn::Conn;
use super::report_sql::Bind;
use super::StoreError;

/// Rollup shards per guide (two writer tasks per instance, a few
/// instances).
pub(super) const SHARDS: i64 = 4;

/// A stable 64-bit key (FNV-1a; the same in every instance and version).
fn key(parts: &[&str]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.as_bytes().iter().chain([0u8].iter()) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h as i64
}

#[derive(sqlx::FromRow)]
struct Taken {
    ok: bool,
}

/// Locks the runs `(guide, run)`; returns per guide the rollup shard this
/// transaction writes to. On SQLite no lock is needed and the shard is 0.
pub(super) async fn lock(
    conn: &mut Conn<'_>,
    runs: &[(&str, &str)],
) -> Result<BTreeMap<String, i64>, StoreError> {
    let mut shards = BTreeMap::new();
    if let Conn::Sqlite(_) = conn {
        return Ok(shards);
    }
    let mut keys: Vec<i64> = runs
        .iter()
        .map(|(guide, run)| key(&["lotse-run", guide, run]))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let list = keys
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    // Integers only, made here: nothing from a request is in the text.
    let sql = conn.sql(
        &format!("SELECT pg_advisory_xact_lock(k) FROM UNNEST(ARRAY[{list}]::BIGINT[]) AS k"),
        vec![],
    );
    conn.execute(&sql).await?;
    let mut guides: Vec<&str> = runs.iter().map(|(g, _)| *g).collect();
    guides.sort_unstable();
    guides.dedup();
    static NEXT: AtomicU64 = AtomicU64::new(0);
    for guide in guides {
        let start = (NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS as u64) as i64;
        let mut chosen = None;
        for i in 0..SHARDS {
            let shard = (start + i) % SHARDS;
            let k = key(&["lotse-rollup", guide, &shard.to_string()]);
            let sql = conn.sql(
                "SELECT pg_try_advisory_xact_lock(?) AS ok",
                vec![Bind::Int(k)],
            );
            if conn
                .fetch::<Taken>(&sql)
                .await?
                .first()
                .is_some_and(|t| t.ok)
            {
                chosen = Some(shard);
                break;
            }
        }
        let shard = match chosen {
            Some(shard) => shard,
            None => {
                let k = key(&["lotse-rollup", guide, &start.to_string()]);
                let sql = conn.sql("SELECT pg_advisory_xact_lock(?)", vec![Bind::Int(k)]);
                conn.execute(&sql).await?;
                start
            }
        };
        shards.insert(guide.to_string(), shard);
    }
    Ok(shards)
}
