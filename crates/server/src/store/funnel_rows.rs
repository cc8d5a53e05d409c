//! The rows of the funnel summaries (see `funnel_sync`): `funnel_runs`
//! upserts and the read-add-write of `funnel_rollups` rows by key.

use std::collections::{BTreeMap, HashMap};

use lotse_core::funnel::{Counters, RunState};

use super::conn::Conn;
use super::report_sql::Bind;
use super::rows;
use super::StoreError;

/// Lookups per statement.
const LOOKUP: usize = 256;

/// The key of a rollup row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct RollupKey {
    pub(super) guide: String,
    pub(super) site: String,
    pub(super) version: i64,
    pub(super) first_day: i64,
    pub(super) last_day: i64,
    pub(super) locale: String,
    pub(super) device: String,
}

impl RollupKey {
    pub(super) fn of(guide: &str, version: i64, state: &RunState) -> Self {
        RollupKey {
            guide: guide.to_string(),
            site: state.site.clone(),
            version,
            first_day: state.first_day(),
            last_day: state.last_day(),
            locale: state.locale.clone(),
            device: state.device.clone(),
        }
    }

    fn binds(&self) -> Vec<Bind> {
        vec![
            Bind::Text(self.guide.clone()),
            Bind::Text(self.site.clone()),
            Bind::Int(self.version),
            Bind::Int(self.first_day),
            Bind::Int(self.last_day),
            Bind::Text(self.locale.clone()),
            Bind::Text(self.device.clone()),
        ]
    }
}

/// Row counts per `funnel_runs` upsert (12 values each).
const CHUNKS: [usize; 5] = [256, 64, 16, 4, 1];

/// Inserts or replaces `funnel_runs` rows (as bound by [`run_row`]).
pub(super) async fn save_runs(conn: &mut Conn<'_>, rows: Vec<Vec<Bind>>) -> Result<(), StoreError> {
    let mut rest = rows.into_iter();
    for size in rows::chunks(rest.len(), &CHUNKS) {
        let mut binds = Vec::with_capacity(size * 12);
        for row in rest.by_ref().take(size) {
            binds.extend(row);
        }
        let values = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; size].join(", ");
        let text = format!(
            "INSERT INTO funnel_runs (guide, run, version, site, locale, device, first_day, \
             last_day, received, open_step, irregular, state) VALUES {values} \
             ON CONFLICT (guide, run, version) DO UPDATE SET site = excluded.site, \
             locale = excluded.locale, device = excluded.device, first_day = excluded.first_day, \
             last_day = excluded.last_day, received = excluded.received, \
             open_step = excluded.open_step, irregular = excluded.irregular, state = excluded.state"
        );
        let sql = conn.sql(&text, binds);
        conn.execute(&sql).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StoredRollup {
    site: String,
    version: i64,
    first_day: i64,
    last_day: i64,
    locale: String,
    device: String,
    counters: String,
}

/// Rollup rows per upsert (9 values each).
const ROLLUP_CHUNKS: [usize; 4] = [64, 16, 4, 1];

/// Adds `deltas` to their rollup rows: per guide one read of the rows of
/// the days concerned, the sums in Rust, one multi-row upsert (the caller
/// holds the guide's lock on PostgreSQL).
pub(super) async fn add_to_rollups(
    conn: &mut Conn<'_>,
    deltas: BTreeMap<RollupKey, Counters>,
    shards: &BTreeMap<String, i64>,
) -> Result<(), StoreError> {
    let mut by_guide: BTreeMap<String, Vec<(RollupKey, Counters)>> = BTreeMap::new();
    for (key, delta) in deltas {
        if !delta.is_empty() {
            by_guide
                .entry(key.guide.clone())
                .or_default()
                .push((key, delta));
        }
    }
    for (guide, deltas) in by_guide {
        let shard = shards.get(&guide).copied().unwrap_or(0);
        let mut days: Vec<i64> = deltas.iter().map(|(k, _)| k.first_day).collect();
        days.sort_unstable();
        days.dedup();
        let mut stored: HashMap<RollupKey, Counters> = HashMap::new();
        for chunk in days.chunks(LOOKUP) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let mut binds = vec![Bind::Text(guide.clone()), Bind::Int(shard)];
            binds.extend(chunk.iter().map(|d| Bind::Int(*d)));
            let sql = conn.sql(
                &format!(
                    "SELECT site, version, first_day, last_day, locale, device, counters \
                     FROM funnel_rollups WHERE guide = ? AND shard = ? AND first_day IN ({marks})"
                ),
                binds,
            );
            for row in conn.fetch::<StoredRollup>(&sql).await? {
                let key = RollupKey {
                    guide: guide.clone(),
                    site: row.site,
                    version: row.version,
                    first_day: row.first_day,
                    last_day: row.last_day,
                    locale: row.locale,
                    device: row.device,
                };
                if deltas.iter().any(|(k, _)| *k == key) {
                    let counters = serde_json::from_str(&row.counters).unwrap_or_default();
                    stored.insert(key, counters);
                }
            }
        }
        let mut rows = Vec::with_capacity(deltas.len());
        for (key, delta) in deltas {
            let mut counters = stored.remove(&key).unwrap_or_default();
            counters.merge(&delta, 1);
            let mut binds = key.binds();
            binds.push(Bind::Int(shard));
            binds.push(Bind::Text(
                serde_json::to_string(&counters).unwrap_or_default(),
            ));
            rows.push(binds);
        }
        let mut rest = rows.into_iter();
        for size in rows::chunks(rest.len(), &ROLLUP_CHUNKS) {
            let mut binds = Vec::with_capacity(size * 9);
            for row in rest.by_ref().take(size) {
                binds.extend(row);
            }
            let values = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; size].join(", ");
            let sql = conn.sql(
                &format!(
                    "INSERT INTO funnel_rollups (guide, site, version, first_day, last_day, \
                     locale, device, shard, counters) VALUES {values} ON CONFLICT \
                     (guide, site, version, first_day, last_day, locale, device, shard) \
                     DO UPDATE SET counters = excluded.counters"
                ),
                binds,
            );
            conn.execute(&sql).await?;
        }
    }
    Ok(())
}
