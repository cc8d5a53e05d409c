//! Stage one of loading: permissive serde types that mirror the JSON.
//!
//! Every field is an optional `Value` and unknown fields are collected, so
//! deserializing an object never fails: wrong types, unknown fields and
//! missing values are all found and reported together in stage two.
//! `FIELDS` lists each object's known fields for the did-you-mean; a field
//! written as `null` is kept as `Some(Value::Null)` and reported.

use serde::Deserialize;
use serde_json::{Map, Value};

/// A guide as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawGuide {
    #[serde(rename = "$schema")]
    #[serde(default, deserialize_with = "present")]
    pub schema: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub version: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub title: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub description: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub default_locale: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub start: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub steps: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub goal: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawGuide {
    pub const FIELDS: &[&str] = &[
        "$schema",
        "id",
        "version",
        "title",
        "description",
        "defaultLocale",
        "start",
        "steps",
        "goal",
    ];
}

/// `start` as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawStart {
    #[serde(default, deserialize_with = "present")]
    pub urls: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub auto: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub frequency: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub launcher: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawStart {
    pub const FIELDS: &[&str] = &["urls", "auto", "frequency", "launcher"];
}

/// `goal` as written: `{"url": ...}` or `{"element": ...}`.
#[derive(Debug, Deserialize)]
pub(super) struct RawGoal {
    #[serde(default, deserialize_with = "present")]
    pub url: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub element: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawGoal {
    pub const FIELDS: &[&str] = &["url", "element"];
}

/// A step as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawStep {
    #[serde(default, deserialize_with = "present")]
    pub id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub url: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub target: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub placement: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub title: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub body: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub advance: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub wait_for: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub on_missing: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub spotlight: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub optional: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawStep {
    pub const FIELDS: &[&str] = &[
        "id",
        "url",
        "target",
        "placement",
        "title",
        "body",
        "advance",
        "waitFor",
        "onMissing",
        "spotlight",
        "optional",
    ];
}

/// A locator object as written: one of `css`, `testId`, `text` (+ `role`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawLocator {
    #[serde(default, deserialize_with = "present")]
    pub css: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub test_id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub text: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub role: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawLocator {
    pub const FIELDS: &[&str] = &["css", "testId", "text", "role"];
}

/// An `advance` object as written: one of `input`, `url`, `event`.
#[derive(Debug, Deserialize)]
pub(super) struct RawAdvance {
    #[serde(default, deserialize_with = "present")]
    pub input: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub url: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub event: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawAdvance {
    pub const FIELDS: &[&str] = &["input", "url", "event"];
}

/// `{"input": {...}}`'s object as written.
#[derive(Debug, Deserialize)]
pub(super) struct RawInput {
    #[serde(default, deserialize_with = "present")]
    pub pattern: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawInput {
    pub const FIELDS: &[&str] = &["pattern"];
}

/// `waitFor` as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawWaitFor {
    #[serde(default, deserialize_with = "present")]
    pub timeout_ms: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawWaitFor {
    pub const FIELDS: &[&str] = &["timeoutMs"];
}

/// `spotlight` as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawSpotlight {
    #[serde(default, deserialize_with = "present")]
    pub padding: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub radius: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub block_target: Option<Value>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl RawSpotlight {
    pub const FIELDS: &[&str] = &["padding", "radius", "blockTarget"];
}

/// Keeps an explicit `null` as `Some(Value::Null)`, so validation can say
/// that a field must not be null instead of treating it as left out.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An object with every name in `fields` leaves nothing unknown: the
    /// lists match the serde names.
    fn check<T: for<'de> Deserialize<'de>>(fields: &[&str], other: impl Fn(&T) -> usize) {
        let object: Map<String, Value> = fields
            .iter()
            .map(|f| (f.to_string(), Value::Bool(true)))
            .collect();
        let raw: T = serde_json::from_value(Value::Object(object)).expect("object deserializes");
        assert_eq!(other(&raw), 0, "{fields:?}");
    }

    #[test]
    fn field_lists_match_the_types() {
        check::<RawGuide>(RawGuide::FIELDS, |r| r.other.len());
        check::<RawStart>(RawStart::FIELDS, |r| r.other.len());
        check::<RawGoal>(RawGoal::FIELDS, |r| r.other.len());
        check::<RawStep>(RawStep::FIELDS, |r| r.other.len());
        check::<RawLocator>(RawLocator::FIELDS, |r| r.other.len());
        check::<RawAdvance>(RawAdvance::FIELDS, |r| r.other.len());
        check::<RawInput>(RawInput::FIELDS, |r| r.other.len());
        check::<RawWaitFor>(RawWaitFor::FIELDS, |r| r.other.len());
        check::<RawSpotlight>(RawSpotlight::FIELDS, |r| r.other.len());
    }
}
