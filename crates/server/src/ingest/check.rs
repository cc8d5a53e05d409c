//! Validation of a posted batch, field by field, against the wire format
//! and the loaded guides. Every problem is reported at once, each naming
//! the event index and the field (`events[3].step`); one bad event refuses
//! the whole batch.

use lotse_core::event::{Device, Event, EventType, Reason};
use serde_json::{Map, Value};

use super::versions::Known;
use crate::error::FieldError;

/// Most events in one batch.
pub const MAX_EVENTS: usize = 500;
/// Client clocks may be this far behind (events queued offline for days).
pub const MAX_AGE_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// Client clocks may be this far ahead.
pub const MAX_AHEAD_MS: i64 = 60 * 60 * 1000;
/// Most problems reported for one batch.
const MAX_PROBLEMS: usize = 50;
const MAX_PATH: usize = 2048;
const MAX_DWELL_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// Checks the events of a batch (the `events` member) at server time
/// `now_ms`, against the guide versions resolved for it (any version the
/// server knows is accepted; steps are checked against that version's).
pub fn events(
    events: Option<&Value>,
    known: &Known,
    now_ms: i64,
) -> Result<Vec<Event>, Vec<FieldError>> {
    let list = match events {
        Some(Value::Array(list)) => list,
        Some(_) => {
            return Err(vec![FieldError::request(
                "events",
                "must be an array of events",
            )])
        }
        None => return Err(vec![FieldError::request("events", "is missing")]),
    };
    if list.is_empty() || list.len() > MAX_EVENTS {
        return Err(vec![FieldError::request(
            "events",
            format!("must hold 1 to {MAX_EVENTS} events (got {})", list.len()),
        )]);
    }
    let mut errors = Vec::new();
    let mut valid = Vec::with_capacity(list.len());
    for (index, value) in list.iter().enumerate() {
        let mut check = Check {
            index,
            errors: &mut errors,
        };
        if let Some(event) = check.event(value, known, now_ms) {
            valid.push(event);
        }
        if errors.len() >= MAX_PROBLEMS {
            errors.truncate(MAX_PROBLEMS);
            break;
        }
    }
    if errors.is_empty() {
        Ok(valid)
    } else {
        Err(errors)
    }
}

struct Check<'e> {
    index: usize,
    errors: &'e mut Vec<FieldError>,
}

impl Check<'_> {
    fn error(&mut self, field: &str, message: impl Into<String>) {
        let index = self.index;
        self.errors.push(FieldError {
            index: Some(index),
            field: if field.is_empty() {
                format!("events[{index}]")
            } else {
                format!("events[{index}].{field}")
            },
            message: message.into(),
        });
    }

    fn event(&mut self, value: &Value, known: &Known, now_ms: i64) -> Option<Event> {
        let Value::Object(o) = value else {
            self.error("", "must be an object");
            return None;
        };
        let before = self.errors.len();
        let id = self.token(o, "id");
        let kind = self.string(o, "type", 64).and_then(|t| {
            let kind = EventType::parse(&t);
            if kind.is_none() {
                let known: Vec<_> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                self.error("type", format!("{t:?} is not one of {}", known.join(", ")));
            }
            kind
        });
        let guide_id = self.string(o, "guide", 64);
        let guide_known = guide_id.as_deref().is_some_and(|g| {
            let found = known.has_guide(g);
            if !found {
                self.error("guide", format!("{g:?} is not a guide of this server"));
            }
            found
        });
        let guide_version = self
            .uint(o, "guideVersion", u32::MAX.into(), true)
            .map(|v| v as u32);
        let steps = match (guide_id.as_deref(), guide_version) {
            (Some(g), Some(v)) if guide_known => {
                let steps = known.steps(g, v);
                if steps.is_none() {
                    self.error(
                        "guideVersion",
                        format!("guide {g:?} has no version {v} on this server"),
                    );
                }
                steps
            }
            _ => None,
        };
        let run = self.token(o, "run");
        let step = self
            .optional(o, "step")
            .and_then(|_| self.string(o, "step", 64));
        let step_index = self
            .optional(o, "stepIndex")
            .and_then(|_| self.uint(o, "stepIndex", 1000, true))
            .map(|v| v as u32);
        let step_count = self.uint(o, "stepCount", 1000, true).map(|v| v as u32);
        if let (Some(steps), Some(g), Some(v)) = (steps, guide_id.as_deref(), guide_version) {
            if let Some(count) = step_count {
                if count as usize != steps.len() {
                    self.error(
                        "stepCount",
                        format!(
                            "version {v} of guide {g:?} has {} steps, not {count}",
                            steps.len()
                        ),
                    );
                }
            }
            if let Some(s) = &step {
                match steps.iter().position(|id| id == s) {
                    None => self.error(
                        "step",
                        format!("{s:?} is not a step of version {v} of guide {g:?}"),
                    ),
                    Some(i) => {
                        if step_index.is_some_and(|si| si as usize != i) {
                            self.error("stepIndex", format!("step {s:?} is at index {i}"));
                        }
                    }
                }
            }
        }
        let needs_step = matches!(
            kind,
            Some(
                EventType::StepViewed
                    | EventType::StepCompleted
                    | EventType::StepBack
                    | EventType::StepFailed
                    | EventType::GuideAbandoned
            )
        );
        if needs_step && step.is_none() && self.optional(o, "step").is_none() {
            self.error("step", "is required for this type");
        }
        let ts = self.int(o, "ts");
        if let Some(ts) = ts {
            if ts < now_ms - MAX_AGE_MS || ts > now_ms + MAX_AHEAD_MS {
                self.error(
                    "ts",
                    "is too far from the server's time (at most 30 days old, 1 hour ahead)",
                );
            }
        }
        let path = self.string(o, "path", MAX_PATH);
        if let Some(p) = &path {
            if !p.starts_with('/') || p.contains(['?', '#']) {
                self.error(
                    "path",
                    "must be a URL path starting with / without query or fragment",
                );
            }
        }
        let locale = self.string(o, "locale", 35);
        if let Some(l) = &locale {
            if l.is_empty()
                || !l
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                self.error("locale", "must be a language tag such as de-DE");
            }
        }
        let device = self.string(o, "device", 16).and_then(|d| {
            let device = [Device::Mobile, Device::Tablet, Device::Desktop]
                .into_iter()
                .find(|x| x.as_str() == d);
            if device.is_none() {
                self.error(
                    "device",
                    format!("{d:?} is not one of mobile, tablet, desktop"),
                );
            }
            device
        });
        let reason = self.reason(o, kind);
        let dwell_ms = self
            .optional(o, "dwellMs")
            .and_then(|_| self.uint(o, "dwellMs", MAX_DWELL_MS, true));
        let locator = self
            .optional(o, "locator")
            .and_then(|_| self.uint(o, "locator", 1000, true))
            .map(|v| v as u32);
        if self.errors.len() > before {
            return None;
        }
        Some(Event {
            id: id?,
            kind: kind?,
            guide: guide_id?,
            guide_version: guide_version?,
            run: run?,
            step,
            step_index,
            step_count: step_count?,
            ts: ts?,
            path: path?,
            locale: locale?,
            device: device?,
            reason,
            dwell_ms,
            locator,
        })
    }

    /// `Some(())` when the field is present and not null.
    fn optional(&self, o: &Map<String, Value>, field: &str) -> Option<()> {
        o.get(field).filter(|v| !v.is_null()).map(|_| ())
    }

    fn string(&mut self, o: &Map<String, Value>, field: &str, max: usize) -> Option<String> {
        match o.get(field) {
            None | Some(Value::Null) => {
                self.error(field, "is missing");
                None
            }
            Some(Value::String(s)) => {
                if s.chars().count() > max {
                    self.error(field, format!("must be at most {max} characters"));
                    None
                } else if s.chars().any(char::is_control) {
                    self.error(field, "must not contain control characters");
                    None
                } else {
                    Some(s.clone())
                }
            }
            Some(_) => {
                self.error(field, "must be a string");
                None
            }
        }
    }

    /// A random id: 16 to 64 letters, digits, `-` or `_`.
    fn token(&mut self, o: &Map<String, Value>, field: &str) -> Option<String> {
        let s = self.string(o, field, 64)?;
        if s.len() < 16
            || !s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            self.error(field, "must be 16 to 64 letters, digits, '-' or '_'");
            return None;
        }
        Some(s)
    }

    fn uint(
        &mut self,
        o: &Map<String, Value>,
        field: &str,
        max: u64,
        required: bool,
    ) -> Option<u64> {
        match o.get(field) {
            None | Some(Value::Null) => {
                if required {
                    self.error(field, "is missing");
                }
                None
            }
            Some(v) => match v.as_u64().filter(|n| *n <= max) {
                Some(n) => Some(n),
                None => {
                    self.error(field, format!("must be a whole number from 0 to {max}"));
                    None
                }
            },
        }
    }

    fn int(&mut self, o: &Map<String, Value>, field: &str) -> Option<i64> {
        match o.get(field) {
            None | Some(Value::Null) => {
                self.error(field, "is missing");
                None
            }
            Some(v) => {
                let n = v.as_i64();
                if n.is_none() {
                    self.error(field, "must be a whole number (ms since the Unix epoch)");
                }
                n
            }
        }
    }

    fn reason(&mut self, o: &Map<String, Value>, kind: Option<EventType>) -> Option<Reason> {
        let allowed: &[Reason] = match kind {
            Some(EventType::GuideAbandoned) => Reason::SENT_ABANDONED,
            Some(EventType::StepFailed) => Reason::FAILED,
            _ => &[],
        };
        if self.optional(o, "reason").is_none() {
            if !allowed.is_empty() {
                self.error("reason", "is required for this type");
            }
            return None;
        }
        let name = self.string(o, "reason", 32)?;
        let reason = Reason::parse(&name).filter(|r| allowed.contains(r));
        if reason.is_none() {
            if allowed.is_empty() {
                self.error(
                    "reason",
                    "is only allowed for guide_abandoned and step_failed",
                );
            } else {
                let names: Vec<_> = allowed.iter().map(|r| r.as_str()).collect();
                self.error(
                    "reason",
                    format!("{name:?} is not one of {}", names.join(", ")),
                );
            }
        }
        reason
    }
}
