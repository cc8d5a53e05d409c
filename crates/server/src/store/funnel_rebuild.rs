//! Rebuilds the funnel summaries from the events (see `funnel_sync`):
//! when a store that predates them is opened, and after `lotse prune`.
//! Runs are read a page at a time (grouped like the report's facts, plus
//! site, locale and device), so memory stays small however many events
//! there are.

use std::collections::BTreeMap;

use lotse_core::event::{EventType, Reason};
use lotse_core::funnel::{Counters, Observation, RunState};

use super::conn::Conn;
use super::funnel_rows::{add_to_rollups, save_runs, RollupKey};
use super::funnel_sync::{delta, run_row};
use super::report_sql::Bind;
use super::StoreError;

/// Runs per page.
const PAGE: i64 = 5000;

#[derive(sqlx::FromRow)]
struct Group {
    run: String,
    version: i64,
    kind: String,
    step: Option<String>,
    reason: Option<String>,
    site: String,
    locale: String,
    device: String,
    first_ts: i64,
    last_ts: i64,
    received: i64,
    dwell_ms: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Text {
    value: String,
}

/// Whether there are events but no summaries (a store from before
/// migration 0006).
pub(super) async fn needed(conn: &mut Conn<'_>) -> Result<bool, StoreError> {
    let sql = conn.sql(
        "SELECT 'x' AS value FROM events WHERE NOT EXISTS (SELECT 1 FROM funnel_runs) LIMIT 1",
        vec![],
    );
    Ok(!conn.fetch::<Text>(&sql).await?.is_empty())
}

/// Replaces every summary by one computed from the stored events.
pub(super) async fn rebuild(conn: &mut Conn<'_>) -> Result<(), StoreError> {
    for table in ["funnel_runs", "funnel_rollups"] {
        let sql = conn.sql(&format!("DELETE FROM {table}"), vec![]);
        conn.execute(&sql).await?;
    }
    let sql = conn.sql(
        "SELECT DISTINCT guide AS value FROM events ORDER BY guide",
        vec![],
    );
    let guides: Vec<String> = conn
        .fetch::<Text>(&sql)
        .await?
        .into_iter()
        .map(|t| t.value)
        .collect();
    for guide in guides {
        rebuild_guide(conn, &guide).await?;
    }
    Ok(())
}

async fn rebuild_guide(conn: &mut Conn<'_>, guide: &str) -> Result<(), StoreError> {
    let mut rollups: BTreeMap<RollupKey, Counters> = BTreeMap::new();
    let mut after: Option<String> = None;
    loop {
        let mut binds = vec![Bind::Text(guide.to_string())];
        let mut text = "SELECT DISTINCT run AS value FROM events WHERE guide = ?".to_string();
        if let Some(a) = &after {
            text.push_str(" AND run > ?");
            binds.push(Bind::Text(a.clone()));
        }
        text.push_str(" ORDER BY run LIMIT ?");
        binds.push(Bind::Int(PAGE));
        let sql = conn.sql(&text, binds);
        let runs = conn.fetch::<Text>(&sql).await?;
        let (Some(first), Some(last)) = (runs.first(), runs.last()) else {
            break;
        };
        let sql = conn.sql(
            "SELECT run, guide_version AS version, type AS kind, step, reason, site, locale, \
             device, MIN(ts) AS first_ts, MAX(ts) AS last_ts, MAX(received_at) AS received, \
             MAX(dwell_ms) AS dwell_ms FROM events WHERE guide = ? AND run >= ? AND run <= ? \
             GROUP BY run, guide_version, type, step, reason, site, locale, device",
            vec![
                Bind::Text(guide.to_string()),
                Bind::Text(first.value.clone()),
                Bind::Text(last.value.clone()),
            ],
        );
        let groups = conn.fetch::<Group>(&sql).await?;
        after = Some(last.value.clone());
        let mut states: BTreeMap<&str, BTreeMap<i64, RunState>> = BTreeMap::new();
        for g in &groups {
            let Some(o) = observation(g) else { continue };
            let versions = states.entry(g.run.as_str()).or_default();
            match versions.get_mut(&g.version) {
                Some(state) => state.add(&o),
                None => {
                    versions.insert(g.version, RunState::new(&o));
                }
            }
        }
        let mut rows = Vec::new();
        for (run, versions) in &states {
            let mixed = versions.len() > 1;
            for (version, state) in versions {
                let key = RollupKey::of(guide, *version, state);
                delta(&mut rollups, key, &state.counters(mixed), 1);
                rows.push(run_row(guide, run, *version, state, mixed));
            }
        }
        save_runs(conn, rows).await?;
    }
    add_to_rollups(conn, rollups, &BTreeMap::new()).await
}

/// A stored group as an observation; `None` for what the reports skip
/// too (unknown type or reason, a version out of range).
fn observation(g: &Group) -> Option<Observation<'_>> {
    u32::try_from(g.version).ok()?;
    let reason = match &g.reason {
        Some(r) => Some(Reason::parse(r)?),
        None => None,
    };
    Some(Observation {
        site: &g.site,
        locale: &g.locale,
        device: &g.device,
        kind: EventType::parse(&g.kind)?,
        step: g.step.as_deref(),
        reason,
        first_ts: g.first_ts,
        last_ts: g.last_ts,
        received: g.received,
        dwell_ms: g.dwell_ms.and_then(|d| u64::try_from(d).ok()),
    })
}
