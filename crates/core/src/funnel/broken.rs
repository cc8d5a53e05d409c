//! The broken-guide panel: steps where the guide itself failed (target
//! missing, error), how many runs, on which paths, and which of the step's
//! locators found the target when it was shown. A step that is only found
//! by a fallback locator is listed too: it is about to break.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Funnel;
use crate::event::Reason;

/// Runs in which `step` failed with `reason` on `path` (as the store
/// counts them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailureCount {
    /// Step id.
    pub step: String,
    /// `target_missing` or `error`.
    pub reason: Reason,
    /// URL path of the failure.
    pub path: String,
    /// Distinct runs.
    pub runs: u64,
}

/// Runs whose view of `step` was found by locator number `locator`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatorCount {
    /// Step id.
    pub step: String,
    /// 0-based locator index (0 is the step's `target`).
    pub locator: u32,
    /// Distinct runs.
    pub runs: u64,
}

/// Runs per path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathCount {
    /// URL path.
    pub path: String,
    /// Distinct runs.
    pub runs: u64,
}

/// One row of the broken-guide panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenStep {
    /// Step id.
    pub id: String,
    /// Position in the funnel.
    pub index: usize,
    /// Runs in which the step broke, by reason.
    pub failed: BTreeMap<Reason, u64>,
    /// Where it broke, most runs first.
    pub paths: Vec<PathCount>,
    /// Fallback locators (index > 0) that found the target when it was
    /// shown: locator index to runs.
    pub locators: BTreeMap<u32, u64>,
}

/// The broken-guide panel of `funnel`: every step that failed in some run
/// or was found by a fallback locator, in funnel order.
pub fn broken(
    funnel: &Funnel,
    failures: &[FailureCount],
    locators: &[LocatorCount],
) -> Vec<BrokenStep> {
    let mut rows = Vec::new();
    for step in &funnel.steps {
        let mut paths: BTreeMap<&str, u64> = BTreeMap::new();
        for f in failures.iter().filter(|f| f.step == step.id) {
            *paths.entry(f.path.as_str()).or_default() += f.runs;
        }
        let found: BTreeMap<u32, u64> = locators
            .iter()
            .filter(|l| l.step == step.id)
            .map(|l| (l.locator, l.runs))
            .collect();
        let fallback = found.keys().any(|&l| l > 0);
        if step.failed.is_empty() && paths.is_empty() && !fallback {
            continue;
        }
        let mut paths: Vec<PathCount> = paths
            .into_iter()
            .map(|(path, runs)| PathCount {
                path: path.to_string(),
                runs,
            })
            .collect();
        paths.sort_by(|a, b| b.runs.cmp(&a.runs).then_with(|| a.path.cmp(&b.path)));
        rows.push(BrokenStep {
            id: step.id.clone(),
            index: step.index,
            failed: step.failed.clone(),
            paths,
            locators: found,
        });
    }
    rows
}
