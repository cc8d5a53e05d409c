//! Stage one of loading: permissive serde types that mirror the JSON.
//! Everything is optional here; `load` turns these into a `Guide`.

use serde::Deserialize;
use serde_json::Value;

use crate::text::Text;

/// A guide as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawGuide {
    #[serde(rename = "$schema")]
    pub schema: Option<String>,
    pub id: Option<String>,
    pub version: Option<Value>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub default_locale: Option<String>,
    pub start: Option<RawStart>,
    #[serde(default)]
    pub steps: Vec<RawStep>,
    pub goal: Option<Value>,
}

/// `start` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawStart {
    #[serde(default)]
    pub urls: Vec<String>,
    pub auto: Option<bool>,
    pub frequency: Option<String>,
    pub launcher: Option<String>,
}

/// A step as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawStep {
    pub id: Option<String>,
    pub url: Option<String>,
    pub target: Option<Value>,
    pub placement: Option<String>,
    pub title: Option<Text>,
    pub body: Option<Text>,
    pub advance: Option<Value>,
    pub wait_for: Option<RawWaitFor>,
    pub on_missing: Option<String>,
    pub spotlight: Option<RawSpotlight>,
    pub optional: Option<bool>,
}

/// `waitFor` as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawWaitFor {
    pub timeout_ms: Option<u32>,
}

/// `spotlight` as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawSpotlight {
    pub padding: Option<u32>,
    pub radius: Option<u32>,
    pub block_target: Option<bool>,
}
