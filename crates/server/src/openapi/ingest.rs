//! `POST /v1/events` in the OpenAPI document: the batch, the answer and
//! every error status, with the limits `crate::ingest` enforces.

use lotse_core::event::{EventType, Reason};
use serde_json::{json, Value};

use super::{error_response, retry_response};
use crate::ingest::check::{MAX_AGE_MS, MAX_AHEAD_MS, MAX_EVENTS};
use crate::ingest::MAX_BODY;

/// The `paths` entry of the ingest route.
pub fn paths() -> Value {
    json!({
        "/v1/events": {
            "post": {
                "summary": "Store a batch of guide events",
                "operationId": "postEvents",
                "description": format!(
                    "Stores every event of the batch, or none. Answers 200 only after the \
                     batch is committed; an event whose site and id are already stored counts \
                     as a duplicate and is not stored again, so retries are safe. The body \
                     must be at most {MAX_BODY} bytes. Client timestamps may be at most {} \
                     days old and {} minutes ahead of the server's clock.",
                    MAX_AGE_MS / 86_400_000,
                    MAX_AHEAD_MS / 60_000
                ),
                "requestBody": {
                    "required": true,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Batch"}}}
                },
                "responses": {
                    "200": {
                        "description": "Committed.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Accepted"}}}
                    },
                    "400": error_response("The body is not JSON."),
                    "403": error_response("Unknown site key, or an Origin the site does not allow."),
                    "413": error_response("The body is larger than 64 KiB."),
                    "422": error_response("Fields are missing, of the wrong type or not allowed; \
                        each problem names its field (events[i].field). Nothing was stored."),
                    "429": retry_response("Too many requests from this site or address; nothing was stored."),
                    "503": retry_response("The store is unavailable or busy; nothing was stored.")
                }
            }
        }
    })
}

/// The schemas the ingest route references.
pub fn schemas() -> Value {
    let types: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
    let reasons: Vec<&str> = Reason::SENT_ABANDONED
        .iter()
        .chain(Reason::FAILED)
        .map(|r| r.as_str())
        .collect();
    let token = json!({"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"});
    json!({
        "Batch": {
            "type": "object",
            "required": ["site", "events"],
            "example": {
                "site": "demo",
                "events": [{
                    "id": "5f0c1e0b8f7a4e0d9a3b2c1d0e9f8a7b",
                    "type": "step_viewed",
                    "guide": "tariff-switch",
                    "guideVersion": 2,
                    "run": "0b9d7c6e5f4a3b2c1d0e9f8a7b6c5d4e",
                    "step": "postcode",
                    "stepIndex": 1,
                    "stepCount": 12,
                    "ts": 1_795_430_400_000_i64,
                    "path": "/de/tarif/",
                    "locale": "de-DE",
                    "device": "desktop",
                    "dwellMs": 4200,
                    "locator": 0
                }]
            },
            "properties": {
                "site": {"type": "string", "description": "The site key."},
                "dropped": {"type": "integer", "minimum": 0,
                            "description": "Events the client gave up on since its last acknowledged batch (accepted and ignored)."},
                "events": {
                    "type": "array", "minItems": 1, "maxItems": MAX_EVENTS,
                    "items": {"$ref": "#/components/schemas/Event"}
                }
            }
        },
        "Event": {
            "type": "object",
            "required": ["id", "type", "guide", "guideVersion", "run", "stepCount", "ts",
                         "path", "locale", "device"],
            "properties": {
                "id": token,
                "type": {"type": "string", "enum": types},
                "guide": {"type": "string", "maxLength": 64},
                "guideVersion": {"type": "integer", "minimum": 0, "maximum": u32::MAX},
                "run": token,
                "step": {"type": "string", "maxLength": 64, "nullable": true},
                "stepIndex": {"type": "integer", "minimum": 0, "maximum": 1000, "nullable": true},
                "stepCount": {"type": "integer", "minimum": 0, "maximum": 1000},
                "ts": {"type": "integer", "format": "int64",
                       "description": "Client time, ms since the Unix epoch."},
                "path": {"type": "string", "maxLength": 2048, "pattern": "^/[^?#]*$"},
                "locale": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,35}$"},
                "device": {"type": "string", "enum": ["mobile", "tablet", "desktop"]},
                "reason": {"type": "string", "enum": reasons, "nullable": true,
                           "description": "For guide_abandoned and step_failed only."},
                "dwellMs": {"type": "integer", "minimum": 0, "maximum": 604_800_000_u64,
                            "nullable": true},
                "locator": {"type": "integer", "minimum": 0, "maximum": 1000, "nullable": true}
            }
        },
        "Accepted": {
            "type": "object",
            "required": ["accepted", "duplicates"],
            "properties": {
                "accepted": {"type": "integer", "minimum": 0, "description": "Events stored now."},
                "duplicates": {"type": "integer", "minimum": 0,
                               "description": "Events already stored (same site and id)."}
            }
        }
    })
}
