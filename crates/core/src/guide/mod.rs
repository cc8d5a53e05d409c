//! The guide format v1: the validated [`Guide`] and its parts.
//!
//! Guides are loaded in two stages (see `load`, feature `diagnostics`, on by
//! default): JSON is read into the
//! permissive types of `raw`, then validated into a [`Guide`] whose
//! invariants hold by construction: step ids are unique slugs, selectors are
//! non-empty, patterns are valid, every text exists in the default locale.
//! Everything downstream (runner, widget, server) takes a `Guide` and never
//! re-checks these.
//!
//! A `Guide` serializes back to guide JSON v1 in its canonical, explicit
//! form (every default written out), which loads into the same `Guide`.
//! `schema` describes the format as JSON Schema (`guides/guide.schema.json`).
//! [`lean::load`] is the widget's small load: the same guides accepted, only
//! the first reason for a refusal (without the `diagnostics` feature).

#[cfg(feature = "diagnostics")]
mod check;
mod input_pattern;
pub mod lean;
#[cfg(feature = "diagnostics")]
mod load;
#[cfg(feature = "diagnostics")]
mod locate;
#[cfg(feature = "diagnostics")]
mod raw;
mod roles;
#[cfg(feature = "diagnostics")]
mod schema;
mod serialize;
#[cfg(feature = "diagnostics")]
mod step;
#[cfg(feature = "diagnostics")]
mod target;
#[cfg(feature = "diagnostics")]
mod texts;
#[cfg(feature = "diagnostics")]
mod values;

#[cfg(feature = "diagnostics")]
pub use load::{load, Loaded, Problem, Problems, Severity};
#[cfg(feature = "diagnostics")]
pub use schema::schema;

use serde::Serialize;

use crate::pattern::UrlPattern;
use crate::text::Text;

/// A validated guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Guide {
    /// Slug that names the guide in URLs and analytics.
    pub id: String,
    /// Analytics keep versions apart; bump it when the steps change.
    pub version: u32,
    /// Title shown to authors and in reports.
    pub title: Text,
    /// Optional description for authors and reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Locale whose texts are always present; the last fallback.
    pub default_locale: String,
    /// When and where the guide starts.
    pub start: Start,
    /// The steps, 1 to 50, in order.
    pub steps: Vec<Step>,
    /// What counts as the process succeeding after the guide.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<Goal>,
}

impl Guide {
    /// The index of the step with id `id`.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }
}

/// When and where a guide starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Start {
    /// Pages on which the guide may start; empty means every page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<UrlPattern>,
    /// Start on page load when due (otherwise through a launcher or the JS API).
    pub auto: bool,
    /// How often a visitor sees it.
    pub frequency: Frequency,
    /// A CSS selector of an element that starts the guide on click.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launcher: Option<String>,
}

/// How often a guide is shown to one visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Frequency {
    /// Once per browser (remembered in `localStorage`).
    Once,
    /// Once per tab session (remembered in `sessionStorage`).
    Session,
    /// On every matching page load.
    Always,
}

/// What counts as the process succeeding after the guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Goal {
    /// The visitor reaches a page matching this pattern.
    Url(UrlPattern),
    /// An element matching these locators appears.
    Element(Vec<Locator>),
}

/// One step of a guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Slug, unique within the guide.
    pub id: String,
    /// The page the step lives on; `None` means any page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<UrlPattern>,
    /// Locators tried in order, first match wins; empty means a centred step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<Locator>,
    /// Preferred side of the popover relative to the target.
    pub placement: Placement,
    /// Popover title.
    pub title: Text,
    /// Popover body in Lotse's small safe markup (see `crate::markup`);
    /// an empty plain text when the step has none.
    #[serde(skip_serializing_if = "serialize::no_text")]
    pub body: Text,
    /// What moves the visitor to the next step.
    pub advance: Advance,
    /// How long to wait for the target to appear and be visible
    /// (`waitFor.timeoutMs` in the JSON).
    #[serde(rename = "waitFor", serialize_with = "serialize::wait_for")]
    pub wait_for_ms: u32,
    /// What to do when the target never appears.
    pub on_missing: OnMissing,
    /// The spotlight around the target.
    pub spotlight: Spotlight,
    /// The visitor may skip this step.
    pub optional: bool,
}

/// How to find a step's target element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locator {
    /// A CSS selector.
    Css(String),
    /// The value of a `data-testid` attribute.
    TestId(String),
    /// An element whose visible text matches, optionally of an ARIA role.
    Text {
        /// The visible text (trimmed, whitespace collapsed, case-insensitive).
        text: String,
        /// The ARIA role (explicit or implicit), e.g. `button`.
        role: Option<String>,
    },
}

/// The side of the target the popover prefers, and its alignment
/// (`"bottom-start"` in the JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Preferred side.
    pub side: Side,
    /// Alignment along that side.
    pub align: Align,
}

impl Default for Placement {
    fn default() -> Self {
        Self {
            side: Side::Auto,
            align: Align::Center,
        }
    }
}

/// A side of the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// Whichever side has the most room.
    Auto,
    /// Above the target.
    Top,
    /// Below the target.
    Bottom,
    /// Left of the target.
    Left,
    /// Right of the target.
    Right,
}

/// Alignment of the popover along the chosen side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Align {
    /// Aligned with the target's start edge.
    Start,
    /// Centred on the target.
    Center,
    /// Aligned with the target's end edge.
    End,
}

/// What moves the visitor from a step to the next.
#[derive(Debug, Clone, PartialEq)]
pub enum Advance {
    /// The Next button.
    Next,
    /// A click on the target.
    Click,
    /// Input in the target, optionally matching a regular expression.
    Input {
        /// A JavaScript regular expression the whole value must match.
        pattern: Option<String>,
    },
    /// The target's form is submitted.
    Submit,
    /// The visitor reaches a page matching this pattern.
    Url(UrlPattern),
    /// The page dispatches this custom event or calls `Lotse.next()`.
    Event(String),
}

/// What to do when a step's target never appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OnMissing {
    /// Show the step centred, without a spotlight.
    Center,
    /// Skip to the next step.
    Skip,
    /// End the guide.
    Abort,
}

/// The spotlight cut out of the dimmed page around the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spotlight {
    /// Space between target and the cutout's edge, in CSS pixels.
    pub padding: u32,
    /// Corner radius of the cutout, in CSS pixels.
    pub radius: u32,
    /// Whether clicks on the target are blocked.
    pub block_target: bool,
}

impl Default for Spotlight {
    fn default() -> Self {
        Self {
            padding: 8,
            radius: 6,
            block_target: false,
        }
    }
}

/// Default time to wait for a target, in milliseconds.
pub const DEFAULT_WAIT_MS: u32 = 5000;
/// Most steps a guide may have.
pub const MAX_STEPS: usize = 50;
/// More steps than this draw a warning: completion falls off beyond it.
pub const WARN_STEPS: usize = 12;
