//! The funnel summaries, kept by the writer in the same transaction as the
//! events (migration 0006): one `funnel_runs` row per run and guide
//! version (its [`RunState`], folded from its events in any order) and
//! `funnel_rollups`, the [`Counters`] of all runs with the same guide,
//! site, version, first and last day, locale and device. When a commit
//! changes a run's state, the run's old counters leave its old rollup and
//! the new ones enter its new rollup (deltas), so a report reads a few
//! rollup rows however many events there are (see `funnel_read`).
//!
//! Only newly stored events change a state (a duplicate is not stored, and
//! folding an event twice changes nothing anyway). On PostgreSQL several
//! writers (and instances) share the tables: each transaction takes a
//! transaction-scoped advisory lock per guide (sorted, so no deadlock)
//! before reading the summaries it changes, so read-modify-write never
//! loses an update.

use std::collections::{BTreeMap, HashMap, HashSet};

use lotse_core::funnel::{Counters, Observation, RunState};

use super::conn::Conn;
use super::funnel_locks;
use super::report_sql::Bind;
use super::rows::{self, Row};
use super::{NewEvent, StoreError};

/// The key of a rollup row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct RollupKey {
    guide: String,
    site: String,
    version: i64,
    first_day: i64,
    last_day: i64,
    locale: String,
    device: String,
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

/// `irregular` of a run row: 2 when its counters can not be added over
/// versions (events of several versions or sites), 1 when a narrowed
/// report can not use them (see `RunState::spread`), else 0.
fn irregular(state: &RunState, mixed: bool) -> i64 {
    if mixed || state.sites {
        2
    } else {
        i64::from(state.spread())
    }
}

/// `state`'s row in `funnel_runs`, as bound values.
pub(super) fn run_row(
    guide: &str,
    run: &str,
    version: i64,
    state: &RunState,
    mixed: bool,
) -> Vec<Bind> {
    vec![
        Bind::Text(guide.to_string()),
        Bind::Text(run.to_string()),
        Bind::Int(version),
        Bind::Text(state.site.clone()),
        Bind::Text(state.locale.clone()),
        Bind::Text(state.device.clone()),
        Bind::Int(state.first_day()),
        Bind::Int(state.last_day()),
        Bind::Int(state.received),
        state
            .open_step()
            .map_or(Bind::Null, |s| Bind::Text(s.to_string())),
        Bind::Int(irregular(state, mixed)),
        Bind::Text(serde_json::to_string(state).unwrap_or_default()),
    ]
}

/// Adds `sign` times `counters` to the delta of `key`.
pub(super) fn delta(
    deltas: &mut BTreeMap<RollupKey, Counters>,
    key: RollupKey,
    counters: &Counters,
    sign: i64,
) {
    deltas.entry(key).or_default().merge(counters, sign);
}

/// An event as an observation of its run.
fn observation<'a>(new: &NewEvent<'a>) -> Observation<'a> {
    let e = new.event;
    Observation {
        site: new.site,
        locale: &e.locale,
        device: e.device.as_str(),
        kind: e.kind,
        step: e.step.as_deref(),
        reason: e.reason,
        first_ts: e.ts,
        last_ts: e.ts,
        received: new.received_at,
        dwell_ms: e.dwell_ms.map(|d| d.min(i64::MAX as u64)),
    }
}

#[derive(sqlx::FromRow)]
struct StoredRun {
    run: String,
    version: i64,
    state: String,
}

/// Runs per lookup statement.
const LOOKUP: usize = 256;

/// Brings the summaries of the runs of `rows` up to date with those of
/// them the commit stored (`inserted`: their site and id).
pub(super) async fn update(
    conn: &mut Conn<'_>,
    rows: &[Row<'_>],
    inserted: &[(String, String)],
) -> Result<(), StoreError> {
    let new: HashSet<(&str, &str)> = inserted
        .iter()
        .map(|(s, i)| (s.as_str(), i.as_str()))
        .collect();
    let mut by_run: BTreeMap<(&str, &str), Vec<&NewEvent<'_>>> = BTreeMap::new();
    for (_, e) in rows {
        if new.contains(&(e.site, e.event.id.as_str())) {
            by_run
                .entry((e.event.guide.as_str(), e.event.run.as_str()))
                .or_default()
                .push(e);
        }
    }
    if by_run.is_empty() {
        return Ok(());
    }
    let keys: Vec<(&str, &str)> = by_run.keys().copied().collect();
    let shards = funnel_locks::lock(conn, &keys).await?;
    let mut guides: Vec<&str> = keys.iter().map(|(g, _)| *g).collect();
    guides.dedup();
    let mut stored: HashMap<(String, String), Vec<(i64, RunState)>> = HashMap::new();
    for guide in &guides {
        let runs: Vec<&str> = by_run
            .keys()
            .filter(|(g, _)| g == guide)
            .map(|(_, r)| *r)
            .collect();
        for chunk in runs.chunks(LOOKUP) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let mut binds = vec![Bind::Text(guide.to_string())];
            binds.extend(chunk.iter().map(|r| Bind::Text(r.to_string())));
            let sql = conn.sql(
                &format!(
                    "SELECT run, version, state FROM funnel_runs WHERE guide = ? AND run IN ({marks})"
                ),
                binds,
            );
            for row in conn.fetch::<StoredRun>(&sql).await? {
                if let Ok(state) = serde_json::from_str::<RunState>(&row.state) {
                    stored
                        .entry((guide.to_string(), row.run))
                        .or_default()
                        .push((row.version, state));
                }
            }
        }
    }
    let mut deltas = BTreeMap::new();
    let mut writes = Vec::new();
    for ((guide, run), events) in &by_run {
        let old = stored
            .remove(&(guide.to_string(), run.to_string()))
            .unwrap_or_default();
        let old_mixed = old.len() > 1;
        let mut states: BTreeMap<i64, RunState> = old.iter().cloned().collect();
        for e in events {
            let o = observation(e);
            let version = i64::from(e.event.guide_version);
            match states.get_mut(&version) {
                Some(state) => state.add(&o),
                None => {
                    states.insert(version, RunState::new(&o));
                }
            }
        }
        let mixed = states.len() > 1;
        let old: BTreeMap<i64, RunState> = old.into_iter().collect();
        for (version, state) in &states {
            let before = old.get(version);
            if before == Some(state) && old_mixed == mixed {
                continue;
            }
            if let Some(b) = before {
                delta(
                    &mut deltas,
                    RollupKey::of(guide, *version, b),
                    &b.counters(old_mixed),
                    -1,
                );
            }
            delta(
                &mut deltas,
                RollupKey::of(guide, *version, state),
                &state.counters(mixed),
                1,
            );
            writes.push(run_row(guide, run, *version, state, mixed));
        }
    }
    save_runs(conn, writes).await?;
    add_to_rollups(conn, deltas, &shards).await
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
