//! Which guide versions ingest accepts, and their step ids: every version
//! this process has loaded ([`GuideSet::steps_of`]) and every version
//! recorded in the store (table `guide_versions`) by this or another
//! instance, so that a visitor's queued events of an earlier version are
//! still accepted after a guide update, a restart, or on another instance.
//!
//! A version this process knows is written to the store before the first
//! batch that uses it is stored (and all of them at start-up), so every
//! stored event's version is recorded.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use serde_json::Value;

use crate::guides::GuideSet;
use crate::store::{Store, StoreError};

/// Most versions one request may look up in the store.
const MAX_LOOKUPS: usize = 4;

/// A guide id and version.
type Key = (String, u32);

/// The versions known beyond this process's guides, cached.
#[derive(Debug)]
pub struct Versions {
    store: Store,
    /// Versions found in the store: (guide, version) -> steps.
    cached: RwLock<HashMap<Key, Arc<[String]>>>,
    /// Versions this process has written to the store.
    recorded: Mutex<HashSet<Key>>,
}

/// The guides and versions one batch may use, resolved before its events
/// are checked (see [`super::check::events`]).
#[derive(Debug, Default)]
pub struct Known {
    guides: HashSet<String>,
    steps: HashMap<Key, Arc<[String]>>,
}

impl Known {
    /// Whether `guide` is a guide of this server (loaded now, or with a
    /// known version of this batch).
    pub fn has_guide(&self, guide: &str) -> bool {
        self.guides.contains(guide)
    }

    /// The step ids of version `version` of `guide`, if it is known.
    pub fn steps(&self, guide: &str, version: u32) -> Option<&[String]> {
        self.steps
            .get(&(guide.to_string(), version))
            .map(|s| &s[..])
    }
}

impl Versions {
    /// Versions of `store`, none cached yet.
    pub fn new(store: Store) -> Self {
        Versions {
            store,
            cached: RwLock::default(),
            recorded: Mutex::default(),
        }
    }

    /// Records every version `guides` knows that this process has not
    /// recorded yet.
    pub async fn record(&self, guides: &GuideSet) -> Result<(), StoreError> {
        let mut missing = Vec::new();
        {
            let recorded = self.recorded.lock().unwrap_or_else(PoisonError::into_inner);
            for file in guides.iter() {
                for version in guides.versions_of(&file.guide.id) {
                    let key = (file.guide.id.clone(), version);
                    if !recorded.contains(&key) {
                        if let Some(steps) = guides.steps_of(&file.guide.id, version) {
                            missing.push((key, steps));
                        }
                    }
                }
            }
        }
        self.write(missing).await
    }

    async fn write(&self, missing: Vec<(Key, &[String])>) -> Result<(), StoreError> {
        if missing.is_empty() {
            return Ok(());
        }
        let rows: Vec<(&str, u32, &[String])> = missing
            .iter()
            .map(|((guide, version), steps)| (guide.as_str(), *version, *steps))
            .collect();
        self.store.record_versions(&rows).await?;
        let mut recorded = self.recorded.lock().unwrap_or_else(PoisonError::into_inner);
        recorded.extend(missing.into_iter().map(|(key, _)| key));
        Ok(())
    }

    /// The guides and versions named by the events of a batch (the
    /// `events` member, not yet checked): from `guides`, else from the
    /// cache, else from the store (a few per request). Versions of
    /// `guides` not yet in the store are recorded first.
    pub async fn resolve(
        &self,
        guides: &GuideSet,
        events: Option<&Value>,
    ) -> Result<Known, StoreError> {
        let mut known = Known {
            guides: guides.iter().map(|f| f.guide.id.clone()).collect(),
            steps: HashMap::new(),
        };
        let mut unrecorded = Vec::new();
        let mut lookups = Vec::new();
        for (guide, version) in named(events) {
            let key = (guide.to_string(), version);
            if known.steps.contains_key(&key) {
                continue;
            }
            if let Some(steps) = guides.steps_of(guide, version) {
                let recorded = self.recorded.lock().unwrap_or_else(PoisonError::into_inner);
                if !recorded.contains(&key) {
                    unrecorded.push((key.clone(), steps));
                }
                drop(recorded);
                known.steps.insert(key, steps.into());
                continue;
            }
            let cached = self
                .cached
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&key)
                .cloned();
            match cached {
                Some(steps) => {
                    known.steps.insert(key, steps);
                }
                None if lookups.len() < MAX_LOOKUPS && !lookups.contains(&key) => {
                    lookups.push(key);
                }
                None => {}
            }
        }
        self.write(unrecorded).await?;
        for key in lookups {
            if let Some(steps) = self.store.version_steps(&key.0, key.1).await? {
                let steps: Arc<[String]> = steps.into();
                self.cached
                    .write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(key.clone(), steps.clone());
                known.steps.insert(key, steps);
            }
        }
        for (guide, _) in known.steps.keys() {
            known.guides.insert(guide.clone());
        }
        Ok(known)
    }
}

/// The distinct (guide, version) pairs the events name, in order.
fn named(events: Option<&Value>) -> Vec<(&str, u32)> {
    let mut pairs = Vec::new();
    let Some(Value::Array(list)) = events else {
        return pairs;
    };
    for event in list {
        let guide = event.get("guide").and_then(Value::as_str);
        let version = event
            .get("guideVersion")
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok());
        if let (Some(guide), Some(version)) = (guide, version) {
            if !pairs.contains(&(guide, version)) {
                pairs.push((guide, version));
            }
        }
    }
    pairs
}

/// Records the versions of reloaded guides soon after each reload, so other
/// instances on the same database accept them too. Runs until aborted.
pub async fn keep_recorded(state: crate::app::AppState, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = state.versions.record(&state.guides()).await {
            tracing::warn!(error = %e, "recording guide versions failed");
        }
    }
}
