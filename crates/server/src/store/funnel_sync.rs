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
use super::funnel_rows::{add_to_rollups, save_runs, RollupKey};
use super::report_sql::Bind;
use super::rows::Row;
use super::{NewEvent, StoreError};

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
