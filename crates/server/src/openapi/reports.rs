//! The report routes of the OpenAPI document: the guide list and the
//! funnel (JSON, or CSV with `Accept: text/csv` or at `.../funnel.csv`),
//! all behind a bearer token (`lotse token create`).

use serde_json::{json, Value};

use super::{error_response, retry_response};

/// The query parameters every report takes.
fn filters() -> Vec<Value> {
    let text = |name: &str, description: &str| {
        json!({"name": name, "in": "query", "required": false,
               "description": description, "schema": {"type": "string"}})
    };
    vec![
        json!({"name": "version", "in": "query", "required": false,
               "description": "Only this guide version (default: all versions together).",
               "schema": {"type": "string", "pattern": "^([1-9][0-9]*|all)?$"}}),
        text("from", "Runs with an event from this moment: a day YYYY-MM-DD (UTC) or ms since the Unix epoch."),
        text("to", "Runs with an event before this moment: a day YYYY-MM-DD (UTC, inclusive) or ms (exclusive)."),
        text("locale", "Only runs in this locale; a language (de) also matches its regions (de-DE)."),
        json!({"name": "device", "in": "query", "required": false,
               "description": "Only runs on this device class.",
               "schema": {"type": "string", "enum": ["", "mobile", "tablet", "desktop"]}}),
        text("path", "Only runs that sent an event from this URL path (the whole run counts)."),
    ]
}

fn with_id(mut parameters: Vec<Value>) -> Vec<Value> {
    parameters.insert(
        0,
        json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}),
    );
    parameters
}

fn errors() -> Value {
    json!({
        "401": error_response("No valid report token (missing, unknown or revoked)."),
        "422": error_response("A query parameter is invalid; each is named."),
        "503": retry_response("The store is unavailable.")
    })
}

fn merged(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        b.extend(e);
    }
    base
}

/// The `paths` entries of the report routes.
pub fn paths() -> Value {
    let funnel_ok = json!({
        "description": "The funnel: runs, and per step views, completions, going back, \
            abandonment by reason, failures, conversions and visible time; the biggest drop, \
            each version side by side, and the broken-guide panel.",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/FunnelReport"}},
            "text/csv": {"schema": {"type": "string"}}
        }
    });
    let csv_ok = json!({
        "description": "The funnel as CSV: one row per step for all versions together \
            (version = all) and then per version; every cell quoted, cells starting with \
            = + - @ prefixed with '.",
        "content": {"text/csv": {"schema": {"type": "string"}}}
    });
    let not_found = json!({"404": error_response("No such guide on this server.")});
    json!({
        "/v1/reports/guides": {
            "get": {
                "summary": "Every guide with its runs and completion rate",
                "operationId": "listGuides",
                "security": [{"bearerAuth": []}],
                "parameters": filters(),
                "responses": merged(json!({"200": {
                    "description": "The guides, by id.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GuideList"}}}
                }}), errors())
            }
        },
        "/v1/reports/guides/{id}/funnel": {
            "get": {
                "summary": "The drop-off funnel of a guide (JSON, or CSV with Accept: text/csv)",
                "operationId": "guideFunnel",
                "security": [{"bearerAuth": []}],
                "parameters": with_id(filters()),
                "responses": merged(merged(json!({"200": funnel_ok}), not_found.clone()), errors())
            }
        },
        "/v1/reports/guides/{id}/funnel.csv": {
            "get": {
                "summary": "The drop-off funnel of a guide as CSV",
                "operationId": "guideFunnelCsv",
                "security": [{"bearerAuth": []}],
                "parameters": with_id(filters()),
                "responses": merged(merged(json!({"200": csv_ok}), not_found), errors())
            }
        }
    })
}

/// The bearer scheme the report paths name (for `components.securitySchemes`).
pub fn security_schemes() -> Value {
    json!({
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": "A report token from `lotse token create --name NAME [--site KEY]`."
        }
    })
}

fn counts() -> Value {
    json!({"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
           "description": "Runs by reason (wire names, plus left for silent runs)."})
}

fn rate() -> Value {
    json!({"type": "number", "minimum": 0, "maximum": 1, "nullable": true})
}

/// The component schemas the report paths reference.
pub fn schemas() -> Value {
    let ms = json!({"type": "integer", "minimum": 0, "nullable": true});
    let runs = json!({
        "type": "object",
        "required": ["started", "completed", "completionRate", "goalReached", "failed"],
        "properties": {
            "started": {"type": "integer", "minimum": 0},
            "completed": {"type": "integer", "minimum": 0},
            "completionRate": rate(),
            "goalReached": {"type": "integer", "minimum": 0},
            "failed": {"type": "integer", "minimum": 0, "description": "Runs in which a step broke."}
        }
    });
    let step = json!({
        "type": "object",
        "required": ["id", "index", "viewed", "completed", "back", "abandoned", "failed", "dwell"],
        "properties": {
            "id": {"type": "string"},
            "index": {"type": "integer", "minimum": 0},
            "viewed": {"type": "integer", "minimum": 0},
            "completed": {"type": "integer", "minimum": 0},
            "back": {"type": "integer", "minimum": 0},
            "abandoned": counts(),
            "failed": counts(),
            "conversionFromPrevious": rate(),
            "conversionFromStart": rate(),
            "dwell": {"type": "object", "properties": {
                "runs": {"type": "integer", "minimum": 0}, "p50Ms": ms, "p90Ms": ms}}
        }
    });
    let funnel_props = json!({
        "runs": {"$ref": "#/components/schemas/Runs"},
        "steps": {"type": "array", "items": {"$ref": "#/components/schemas/StepFunnel"}}
    });
    json!({
        "Runs": runs,
        "StepFunnel": step,
        "FunnelReport": {
            "type": "object",
            "required": ["guide", "title", "versions", "runs", "steps", "byVersion", "broken"],
            "properties": merged(funnel_props.clone(), json!({
                "guide": {"type": "string"},
                "title": {"type": "string"},
                "versions": {"type": "array", "items": {"type": "integer"}},
                "biggestDrop": {"type": "string", "nullable": true},
                "byVersion": {"type": "array", "items": {"type": "object",
                    "properties": merged(funnel_props, json!({"version": {"type": "integer"}}))}},
                "broken": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "string"},
                    "index": {"type": "integer"},
                    "failed": counts(),
                    "paths": {"type": "array", "items": {"type": "object", "properties": {
                        "path": {"type": "string"}, "runs": {"type": "integer"}}}},
                    "locators": {"type": "object", "additionalProperties": {"type": "integer"},
                        "description": "Runs per locator index that found the target."}
                }}}
            }))
        },
        "GuideList": {
            "type": "object",
            "required": ["guides"],
            "properties": {"guides": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "version": {"type": "integer", "nullable": true},
                "runs": {"type": "integer", "minimum": 0},
                "completed": {"type": "integer", "minimum": 0},
                "completionRate": rate()
            }}}}
        }
    })
}
