//! The reports as the API, the dashboard and `lotse report` show them:
//! facts and counts from the store, numbers from `lotse_core::funnel`.

use lotse_core::funnel::{
    self, BrokenStep, Filter, Funnel, Options, VersionFunnel, DEFAULT_INACTIVITY_MS,
};
use serde::Serialize;

use crate::guides::{GuideFile, GuideSet};
use crate::store::{Store, StoreError};

/// The full report of one guide over a filter.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunnelReport {
    /// Guide id.
    pub guide: String,
    /// Guide title (in the guide's default locale).
    pub title: String,
    /// The guide versions counted.
    pub versions: Vec<u32>,
    /// Runs and steps over the counted versions together.
    #[serde(flatten)]
    pub funnel: Funnel,
    /// The step that loses the most runs from the one before, if any.
    pub biggest_drop: Option<String>,
    /// Each counted version on its own, side by side.
    pub by_version: Vec<VersionFunnel>,
    /// Steps where the guide itself broke (or only a fallback locator
    /// found the target).
    pub broken: Vec<BrokenStep>,
}

/// One guide of the guide list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GuideSummary {
    /// Guide id.
    pub id: String,
    /// Title, empty for guides that only have events.
    pub title: String,
    /// The version the server serves now, if it has the guide.
    pub version: Option<u32>,
    /// Runs over the filter.
    pub runs: u64,
    /// Runs that completed the guide.
    pub completed: u64,
    /// `completed / runs`, `None` without runs.
    pub completion_rate: Option<f64>,
}

fn title(file: &GuideFile) -> String {
    let g = &file.guide;
    g.title
        .resolve(&g.default_locale, &g.default_locale)
        .to_string()
}

/// The report of guide `id`, or `None` when the server has no such guide.
pub async fn funnel_report(
    store: &Store,
    guides: &GuideSet,
    id: &str,
    filter: &Filter,
    now_ms: i64,
) -> Result<Option<FunnelReport>, StoreError> {
    let Some(file) = guides.get(id) else {
        return Ok(None);
    };
    let steps: Vec<&str> = file.guide.steps.iter().map(|s| s.id.as_str()).collect();
    let silent_before = now_ms.saturating_sub(DEFAULT_INACTIVITY_MS);
    let (total, by_version) = match store.funnel_counters(id, filter, silent_before).await? {
        Some(counters) => funnel::report_from_counters(&steps, &counters),
        None => {
            let facts = store.report_facts(id, filter).await?;
            let options = Options {
                now_ms,
                inactivity_ms: DEFAULT_INACTIVITY_MS,
            };
            funnel::report(&steps, &facts, options)
        }
    };
    let versions = match filter.version {
        Some(v) => vec![v],
        None => by_version.iter().map(|v| v.version).collect(),
    };
    let failures = store.failures(id, filter).await?;
    let locators = store.locators(id, filter).await?;
    let broken = funnel::broken(&total, &failures, &locators);
    let biggest_drop = total.biggest_drop().map(|i| total.steps[i].id.clone());
    Ok(Some(FunnelReport {
        guide: id.to_string(),
        title: title(file),
        versions,
        funnel: total,
        biggest_drop,
        by_version,
        broken,
    }))
}

/// Every guide the server has or that has events, with its runs over
/// `filter`, by id.
pub async fn guide_list(
    store: &Store,
    guides: &GuideSet,
    filter: &Filter,
) -> Result<Vec<GuideSummary>, StoreError> {
    let counts = match store.guide_runs_from_summaries(filter).await? {
        Some(counts) => counts,
        None => store.guide_runs(filter).await?,
    };
    let mut list: Vec<GuideSummary> = guides
        .iter()
        .map(|file| GuideSummary {
            id: file.guide.id.clone(),
            title: title(file),
            version: Some(file.guide.version),
            runs: 0,
            completed: 0,
            completion_rate: None,
        })
        .collect();
    for c in counts {
        let row = match list.iter_mut().find(|g| g.id == c.guide) {
            Some(row) => row,
            None => {
                list.push(GuideSummary {
                    id: c.guide.clone(),
                    title: String::new(),
                    version: None,
                    runs: 0,
                    completed: 0,
                    completion_rate: None,
                });
                let last = list.len() - 1;
                &mut list[last]
            }
        };
        row.runs = c.runs;
        row.completed = c.completed;
        row.completion_rate = funnel::rate(c.completed, c.runs);
    }
    list.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(list)
}
