//! `GET /v1/openapi.json`: the OpenAPI 3.0 document of the public HTTP API,
//! built from serde_json values: [`ingest::paths`] (`POST /v1/events`) and
//! [`reports::paths`] (the report routes), merged here with the shared
//! components. `scripts/api-fuzz.sh` fuzzes the server from it.

pub mod ingest;
pub mod reports;

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

/// The route serving the document (no CORS: it is for tools, not pages).
pub fn routes() -> Router {
    Router::new().route("/v1/openapi.json", get(|| async { Json(document()) }))
}

/// The whole document.
pub fn document() -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for (part, part_schemas) in [
        (ingest::paths(), ingest::schemas()),
        (reports::paths(), reports::schemas()),
    ] {
        if let Value::Object(p) = part {
            paths.extend(p);
        }
        if let Value::Object(s) = part_schemas {
            schemas.extend(s);
        }
    }
    paths.insert("/v1/health".to_string(), health_path());
    schemas.insert("Errors".to_string(), errors_schema());
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Lotse",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Event ingest and drop-off reports of a Lotse server. \
                The event wire format is described in docs/events.md.",
            "license": {"name": "see the repository's LICENSE"}
        },
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": reports::security_schemes()}
    })
}

/// `GET /v1/health`, for load balancers (see `crate::health`).
fn health_path() -> Value {
    let body = |status: &str| {
        json!({"application/json": {"schema": {
            "type": "object",
            "required": ["status", "store"],
            "properties": {
                "status": {"type": "string", "enum": [status]},
                "store": {"type": "string", "enum": [status]}
            }
        }}})
    };
    json!({"get": {
        "summary": "Whether this instance can reach its store",
        "operationId": "health",
        "responses": {
            "200": {"description": "The store answers.", "content": body("ok")},
            "503": {"description": "The store does not answer within 2 s.",
                    "content": body("unavailable")}
        }
    }})
}

/// The error body every failed request gets: `{"errors": [...]}`.
fn errors_schema() -> Value {
    json!({
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {
                        "index": {
                            "type": "integer", "minimum": 0,
                            "description": "Index of the event in the batch, for problems of one event."
                        },
                        "field": {
                            "type": "string",
                            "description": "The field, e.g. events[3].step, site, body, or a header name."
                        },
                        "message": {"type": "string", "description": "What is wrong, as a plain sentence."}
                    }
                }
            }
        }
    })
}

/// A response with the error body, for `description`.
pub fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}
    })
}

/// Same, with a `Retry-After` header (seconds).
pub fn retry_response(description: &str) -> Value {
    let mut response = error_response(description);
    response["headers"] = json!({
        "Retry-After": {
            "description": "Seconds to wait before sending again.",
            "schema": {"type": "integer", "minimum": 1}
        }
    });
    response
}
