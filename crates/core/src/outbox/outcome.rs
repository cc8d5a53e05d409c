//! What an answer of `POST /v1/events` means for the outbox, and how long
//! to wait before trying again.

use super::Limits;
use crate::json::Json;

/// What the server's answer to a request means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `2xx`: the events are stored.
    Stored,
    /// `4xx` other than `408`/`429`: the batch is invalid and is never
    /// retried. `indexes` are the events the server named (from a `422`
    /// body); when given, only those are dropped and the rest go again.
    Refused {
        /// Indexes into the batch of the events at fault, if known.
        indexes: Vec<usize>,
    },
    /// Network error, `408`, `429`, `5xx`: try again later, not before
    /// `retry_after_ms` if the server said so.
    Retry {
        /// The server's `Retry-After`, in milliseconds.
        retry_after_ms: Option<i64>,
    },
}

impl Outcome {
    /// The meaning of an HTTP `status` (`None`: no answer, a network
    /// error), its `Retry-After` header and its body.
    pub fn of(status: Option<u16>, retry_after: Option<&str>, body: &str) -> Self {
        match status {
            Some(200..=299) => Outcome::Stored,
            Some(408 | 429) | Some(500..=599) | None => Outcome::Retry {
                retry_after_ms: retry_after.and_then(parse_retry_after),
            },
            Some(400..=499) => Outcome::Refused {
                indexes: refused_indexes(body),
            },
            // 1xx/3xx: not an answer the ingest gives; try again.
            Some(_) => Outcome::Retry {
                retry_after_ms: None,
            },
        }
    }
}

/// `Retry-After` in milliseconds; only the delay-seconds form is read.
pub fn parse_retry_after(value: &str) -> Option<i64> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .map(|s| i64::from(s) * 1000)
}

/// The event indexes a `422` body names: `{"errors": [{"index": 3}, ...]}`.
fn refused_indexes(body: &str) -> Vec<usize> {
    let Ok(value) = crate::json::parse(body) else {
        return Vec::new();
    };
    let mut indexes: Vec<usize> = value
        .get("errors")
        .and_then(Json::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e.get("index")?.as_u64())
        .filter_map(|i| usize::try_from(i).ok())
        .collect();
    indexes.sort_unstable();
    indexes.dedup();
    indexes
}

/// The delay before retry number `attempts` (1 = after the first
/// failure): `base * 2^(attempts-1)`, capped, then scaled into its upper
/// half by `jitter` in `[0, 1)` so clients that failed together spread out.
pub fn backoff_ms(attempts: u32, jitter: f64, limits: &Limits) -> i64 {
    let exponent = attempts.saturating_sub(1).min(30);
    let full = limits
        .base_delay_ms
        .saturating_mul(1_i64 << exponent)
        .min(limits.max_delay_ms);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    full / 2 + ((full / 2) as f64 * jitter) as i64
}
