//! `lotse check`: whether every step's target exists, exactly once, on the
//! saved pages its `url` names. This is how a web team learns in CI that a
//! redesign broke a guide.
//!
//! - `page`: loading pages (files under `--root`, or localhost URLs).
//! - `locate`: counting the elements a locator matches in a page.
//! - `report`: the table and the JSON a run prints.

mod locate;
mod page;
mod report;

use lotse_core::guide::{Guide, Locator, Step};
use serde::Serialize;

pub use page::Page;
pub use report::{render_json, render_table};

/// What one step's target does on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "result")]
pub enum Outcome {
    /// The step has no target: it is shown centred.
    Centred,
    /// None of the given pages has a path the step's `url` names.
    NoPage,
    /// The first locator that matches anything matches exactly one element.
    One {
        /// Index of that locator in the step's target list.
        locator: usize,
    },
    /// The first locator that matches anything matches several elements.
    Several {
        /// Index of that locator in the step's target list.
        locator: usize,
        /// How many elements it matches.
        count: usize,
    },
    /// No locator matches anything.
    None,
    /// A CSS selector the selector engine cannot use.
    Unsupported {
        /// Index of that locator in the step's target list.
        locator: usize,
        /// Why.
        reason: String,
    },
}

impl Outcome {
    /// Whether this outcome fails the check.
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Outcome::Several { .. } | Outcome::None | Outcome::Unsupported { .. }
        )
    }
}

/// One row of the report: a step on a page.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// The step's id.
    pub step: String,
    /// The page file or URL; `None` for centred steps and steps without a page.
    pub page: Option<String>,
    /// What the step's target does there.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Checks every step of `guide` against the pages that its `url` names. A
/// step without a `url` is checked on the pages the guide starts on
/// (`start.urls`), or on every page when those are not given either.
pub fn check(guide: &Guide, pages: &[Page]) -> Vec<Row> {
    let mut rows = Vec::new();
    for step in &guide.steps {
        let row = |page: Option<&Page>, outcome| Row {
            step: step.id.clone(),
            page: page.map(|p| p.source.clone()),
            outcome,
        };
        if step.target.is_empty() {
            rows.push(row(None, Outcome::Centred));
            continue;
        }
        let named: Vec<&Page> = pages.iter().filter(|p| names(guide, step, p)).collect();
        if named.is_empty() {
            rows.push(row(None, Outcome::NoPage));
        }
        for page in named {
            rows.push(row(Some(page), locate_on(&step.target, page)));
        }
    }
    rows
}

/// Whether `page` is one of the pages `step` lives on.
fn names(guide: &Guide, step: &Step, page: &Page) -> bool {
    let on =
        |pattern: &lotse_core::pattern::UrlPattern| page.paths.iter().any(|p| pattern.matches(p));
    match &step.url {
        Some(url) => on(url),
        None if guide.start.urls.is_empty() => true,
        None => guide.start.urls.iter().any(on),
    }
}

/// The first locator that matches anything wins, as in the widget.
fn locate_on(target: &[Locator], page: &Page) -> Outcome {
    for (locator, l) in target.iter().enumerate() {
        match locate::count(&page.html, l) {
            Err(reason) => return Outcome::Unsupported { locator, reason },
            Ok(0) => continue,
            Ok(1) => return Outcome::One { locator },
            Ok(count) => return Outcome::Several { locator, count },
        }
    }
    Outcome::None
}
