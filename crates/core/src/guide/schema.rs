//! The JSON Schema of guide format v1 (`guides/guide.schema.json`), written
//! out by hand next to the validator so that it stays exact without a
//! schema-generation dependency in the core (which also ships as wasm).
//! A test fails when the committed file differs from [`schema`].
//!
//! The schema catches shapes, names and enums in the editor; the loader
//! checks the rest (selector syntax, unique ids, default-locale texts, ...).

use serde_json::{json, Map, Value};

use super::{MAX_STEPS, WARN_STEPS};

/// The JSON Schema (draft 2020-12) of a guide.
pub fn schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lotse.dev/schema/guide-v1.json",
        "title": "Lotse guide",
        "description": "A guide (format v1) that leads a website's visitors through a process step by step. See guides/README.md.",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "version", "title", "steps"],
        "properties": {
            "$schema": { "type": "string", "description": "Path or URL of this schema, for editors." },
            "id": { "$ref": "#/$defs/slug", "description": "Names the guide in URLs and analytics." },
            "version": { "type": "integer", "minimum": 1, "maximum": u32::MAX, "description": "Analytics keep versions apart; bump it when the steps change." },
            "title": { "$ref": "#/$defs/text", "description": "Shown to authors and in reports." },
            "description": { "$ref": "#/$defs/text" },
            "defaultLocale": { "$ref": "#/$defs/locale", "description": "Locale every text has; the last fallback. Default \"en\"." },
            "start": { "$ref": "#/$defs/start" },
            "steps": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_STEPS,
                "items": { "$ref": "#/$defs/step" },
                "description": format!("1 to {MAX_STEPS} steps; more than {WARN_STEPS} draw a warning."),
            },
            "goal": { "$ref": "#/$defs/goal" },
        },
        "$defs": defs(),
    })
}

/// The definitions the schema refers to, one `json!` each (a single macro
/// call this size exceeds the macro recursion limit).
fn defs() -> Map<String, Value> {
    let placements: Vec<String> = ["auto", "top", "bottom", "left", "right"]
        .iter()
        .flat_map(|side| ["", "-start", "-end"].map(|align| format!("{side}{align}")))
        .collect();
    let mut defs = Map::new();
    defs.insert(
        "slug".into(),
        json!({
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "maxLength": 64,
        }),
    );
    defs.insert(
        "locale".into(),
        json!({
            "type": "string",
            "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        }),
    );
    defs.insert(
        "nonEmpty".into(),
        json!({ "type": "string", "pattern": "\\S" }),
    );
    defs.insert("text".into(), json!({
        "description": "A plain string, or a map from locale tag to string that includes defaultLocale.",
        "oneOf": [
            { "$ref": "#/$defs/nonEmpty" },
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": { "$ref": "#/$defs/locale" },
                "additionalProperties": { "$ref": "#/$defs/nonEmpty" },
            },
        ],
    }));
    defs.insert(
        "urlPattern".into(),
        json!({
            "type": "string",
            "pattern": "^[/*][^\\s?#]*$",
            "description": "A path where * matches anything, like /checkout/*.",
        }),
    );
    defs.insert(
        "selector".into(),
        json!({ "$ref": "#/$defs/nonEmpty", "description": "A CSS selector." }),
    );
    defs.insert("locator".into(), json!({
        "oneOf": [
            { "$ref": "#/$defs/selector" },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["css"],
                "properties": { "css": { "$ref": "#/$defs/selector" } },
            },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["testId"],
                "properties": { "testId": { "$ref": "#/$defs/nonEmpty", "description": "The value of a data-testid attribute." } },
            },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["text"],
                "properties": {
                    "text": { "$ref": "#/$defs/nonEmpty", "description": "Visible text, compared trimmed and case-insensitively." },
                    "role": { "type": "string", "description": "ARIA role, e.g. button." },
                },
            },
        ],
    }));
    defs.insert(
        "target".into(),
        json!({
            "description": "A CSS selector, a locator object, or a list of them tried in turn.",
            "oneOf": [
                { "$ref": "#/$defs/locator" },
                { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/locator" } },
            ],
        }),
    );
    defs.insert("start".into(), json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "urls": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/urlPattern" }, "description": "Pages where the guide may start; every page if left out." },
            "auto": { "type": "boolean", "description": "Start on page load (default true)." },
            "frequency": { "enum": ["once", "session", "always"], "description": "Default always." },
            "launcher": { "$ref": "#/$defs/selector", "description": "An element that starts the guide on click." },
        },
    }));
    defs.insert("goal".into(), json!({
        "oneOf": [
            { "type": "object", "additionalProperties": false, "required": ["url"], "properties": { "url": { "$ref": "#/$defs/urlPattern" } } },
            { "type": "object", "additionalProperties": false, "required": ["element"], "properties": { "element": { "$ref": "#/$defs/target" } } },
        ],
    }));
    defs.insert("advance".into(), json!({
        "description": "What moves the visitor on (default next).",
        "oneOf": [
            { "enum": ["next", "click", "input", "submit"] },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["input"],
                "properties": {
                    "input": {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": { "pattern": { "$ref": "#/$defs/nonEmpty", "description": "A JavaScript regular expression." } },
                    },
                },
            },
            { "type": "object", "additionalProperties": false, "required": ["url"], "properties": { "url": { "$ref": "#/$defs/urlPattern" } } },
            { "type": "object", "additionalProperties": false, "required": ["event"], "properties": { "event": { "type": "string", "pattern": "^\\S+$" } } },
        ],
    }));
    defs.insert("step".into(), json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title"],
        "properties": {
            "id": { "$ref": "#/$defs/slug" },
            "url": { "$ref": "#/$defs/urlPattern", "description": "The page the step lives on; any page if left out." },
            "target": { "$ref": "#/$defs/target", "description": "Left out: a centred step." },
            "placement": { "enum": placements, "description": "Default auto." },
            "title": { "$ref": "#/$defs/text" },
            "body": { "$ref": "#/$defs/text", "description": "Safe markup: paragraphs, **bold**, *italic*, - lists, [links](https://...), `code`." },
            "advance": { "$ref": "#/$defs/advance" },
            "waitFor": {
                "type": "object",
                "additionalProperties": false,
                "properties": { "timeoutMs": { "type": "integer", "minimum": 0, "maximum": 120000, "description": "Default 5000." } },
            },
            "onMissing": { "enum": ["center", "skip", "abort"], "description": "Default center." },
            "spotlight": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "padding": { "type": "integer", "minimum": 0, "maximum": 200, "description": "Default 8." },
                    "radius": { "type": "integer", "minimum": 0, "maximum": 200, "description": "Default 6." },
                    "blockTarget": { "type": "boolean", "description": "Default false." },
                },
            },
            "optional": { "type": "boolean", "description": "The visitor may skip this step (default false)." },
        },
    }));
    defs
}
