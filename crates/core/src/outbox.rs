//! The widget's durable event queue, as pure decisions: what is kept
//! (bounded, oldest dropped first, with a counter), what goes into the next
//! request (each body under 64 KiB), what an answer means (stored, refused,
//! or try again later) and when to try again (exponential backoff with
//! jitter, `Retry-After` honoured). The widget keeps an [`Outbox`] in
//! `localStorage` as JSON and only does the I/O; time and jitter come in
//! as values. Its JSON (stored outbox, request bodies) is read and written
//! with [`crate::json`], byte for byte what serde writes for the same types.
//!
//! Delivery is at least once: an event leaves the outbox only when a
//! request that carried it was answered `2xx` (or refused as invalid).
//! Event ids make re-sends idempotent on the server, so sending an event
//! twice (a beacon on unload, then a fetch on the next page) stores it once.

use serde::{Deserialize, Serialize};

use crate::event::Event;
use crate::json::{self, write, Json};

mod outcome;
#[cfg(test)]
mod tests;

pub use outcome::{backoff_ms, parse_retry_after, Outcome};

/// The bounds of an outbox and its requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most events kept; the oldest beyond are dropped.
    pub max_events: usize,
    /// Most bytes of event JSON kept; the oldest beyond are dropped.
    pub max_bytes: usize,
    /// Largest request body (the server takes 64 KiB).
    pub max_body: usize,
    /// Most events in one request (the server takes 500).
    pub max_batch: usize,
    /// Events older than this are dropped (the server refuses events more
    /// than 30 days old, and would refuse the whole batch).
    pub max_age_ms: i64,
    /// First retry delay; doubled per failure.
    pub base_delay_ms: i64,
    /// Longest retry delay.
    pub max_delay_ms: i64,
    /// Longest `Retry-After` honoured.
    pub max_retry_after_ms: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_events: 500,
            max_bytes: 200 * 1024,
            max_body: 60 * 1024,
            max_batch: 200,
            max_age_ms: 29 * 24 * 60 * 60 * 1000,
            base_delay_ms: 1_000,
            max_delay_ms: 5 * 60 * 1000,
            max_retry_after_ms: 60 * 60 * 1000,
        }
    }
}

/// Events waiting to be stored by the server, and the retry state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outbox {
    /// Waiting events, oldest first.
    pub events: Vec<Event>,
    /// Events given up on (queue full, too old) and not yet reported to
    /// the server in a request's `dropped` field.
    pub dropped: u64,
    /// Failed attempts in a row.
    pub attempts: u32,
    /// No request before this time (ms since the epoch).
    pub not_before: i64,
    /// `not_before` was set by the server's `Retry-After`: not even an
    /// unload beacon is sent before it.
    pub hold: bool,
}

/// One request body and what it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// The JSON body: `{"site", "events", "dropped"?}`.
    pub body: String,
    /// Ids of the events carried.
    pub ids: Vec<String>,
    /// The `dropped` count reported with it.
    pub dropped: u64,
}

fn size(event: &Event) -> usize {
    event.to_json().len()
}

fn events_json(out: &mut String, events: &[Event]) {
    out.push('[');
    for (i, event) in events.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        event.write_json(out);
    }
    out.push(']');
}

impl Outbox {
    /// Reads a stored outbox; anything unreadable is an empty one.
    pub fn parse(json: &str) -> Self {
        json::parse(json)
            .ok()
            .and_then(|v| Self::from_json(&v))
            .unwrap_or_default()
    }

    /// Every field is required and every event must read, as serde's
    /// derived reader had it.
    fn from_json(v: &Json) -> Option<Self> {
        let mut events = Vec::new();
        for event in v.get("events")?.as_array()? {
            events.push(Event::from_json(event)?);
        }
        Some(Self {
            events,
            dropped: v.get("dropped")?.as_u64()?,
            attempts: v.get("attempts")?.as_u32()?,
            not_before: v.get("notBefore")?.as_i64()?,
            hold: v.get("hold")?.as_bool()?,
        })
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = write::Object::new(&mut out);
        events_json(o.key("events"), &self.events);
        o.uint("dropped", self.dropped);
        o.uint("attempts", u64::from(self.attempts));
        write::int(o.key("notBefore"), self.not_before);
        write::boolean(o.key("hold"), self.hold);
        o.end();
        out
    }

    /// Whether nothing waits and nothing is to be reported.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Adds `event` at the end, then keeps within the limits.
    pub fn push(&mut self, event: Event, limits: &Limits) {
        self.events.push(event);
        self.bound(limits);
    }

    /// Drops the oldest events beyond `max_events` or `max_bytes`,
    /// counting them in `dropped`.
    pub fn bound(&mut self, limits: &Limits) {
        let sizes: Vec<usize> = self.events.iter().map(size).collect();
        let mut bytes: usize = sizes.iter().sum();
        let mut cut = 0;
        while cut < self.events.len()
            && (self.events.len() - cut > limits.max_events || bytes > limits.max_bytes)
        {
            bytes -= sizes[cut];
            cut += 1;
        }
        self.drop_front(cut);
    }

    fn drop_front(&mut self, n: usize) {
        if n > 0 {
            self.events.drain(..n);
            self.dropped = self.dropped.saturating_add(n as u64);
        }
    }

    /// Drops events the server would refuse as too old at `now`.
    pub fn expire(&mut self, now: i64, limits: &Limits) {
        let before = self.events.len();
        let oldest = now.saturating_sub(limits.max_age_ms);
        self.events.retain(|e| e.ts >= oldest);
        self.dropped = self
            .dropped
            .saturating_add((before - self.events.len()) as u64);
    }

    /// Whether a request may go out at `now`.
    pub fn due(&self, now: i64) -> bool {
        !self.events.is_empty() && now >= self.not_before
    }

    /// The next request: the oldest events that fit one body, or `None`
    /// when nothing waits or a retry is not due yet.
    pub fn next(&mut self, site: &str, now: i64, limits: &Limits) -> Option<Payload> {
        self.expire(now, limits);
        if !self.due(now) {
            return None;
        }
        self.payloads(site, limits).into_iter().next()
    }

    /// Every waiting event split into bodies under `max_body`, for a page
    /// that is being left (beacons); none while the server's `Retry-After`
    /// holds. The events stay until a later request is answered.
    pub fn unload(&mut self, site: &str, now: i64, limits: &Limits) -> Vec<Payload> {
        self.expire(now, limits);
        if self.hold && now < self.not_before {
            return Vec::new();
        }
        self.payloads(site, limits)
    }

    fn payloads(&self, site: &str, limits: &Limits) -> Vec<Payload> {
        let sizes: Vec<usize> = self.events.iter().map(size).collect();
        let mut out = Vec::new();
        let mut start = 0;
        while start < self.events.len() {
            // The first body reports `dropped`.
            let dropped = if out.is_empty() { self.dropped } else { 0 };
            // `{"site":..,"events":[]..}` plus each event and its comma.
            let mut length = wire(site, &[], dropped).len();
            let mut end = start;
            while end < self.events.len() && end - start < limits.max_batch {
                let more = sizes[end] + usize::from(end > start);
                if length + more > limits.max_body && end > start {
                    break;
                }
                length += more;
                end += 1;
            }
            // A single event too large for any body (impossible for events
            // the widget makes) is sent alone; the server's 413 drops it.
            let events = &self.events[start..end];
            out.push(Payload {
                body: wire(site, events, dropped),
                ids: events.iter().map(|e| e.id.clone()).collect(),
                dropped,
            });
            start = end;
        }
        out
    }

    /// Records the `outcome` of the request that carried `payload`, at
    /// `now`, with `jitter` in `[0, 1)` for the next delay.
    pub fn settle(
        &mut self,
        payload: &Payload,
        outcome: &Outcome,
        now: i64,
        jitter: f64,
        limits: &Limits,
    ) {
        match outcome {
            Outcome::Stored => {
                self.events.retain(|e| !payload.ids.contains(&e.id));
                self.dropped = self.dropped.saturating_sub(payload.dropped);
                self.ready();
            }
            Outcome::Refused { indexes } => {
                let named: Vec<&String> =
                    indexes.iter().filter_map(|&i| payload.ids.get(i)).collect();
                let gone: Vec<&String> = if named.is_empty() {
                    payload.ids.iter().collect()
                } else {
                    named
                };
                self.events.retain(|e| !gone.contains(&&e.id));
                self.ready();
            }
            Outcome::Retry { retry_after_ms } => {
                self.attempts = self.attempts.saturating_add(1);
                let backoff = backoff_ms(self.attempts, jitter, limits);
                let asked = retry_after_ms.map(|ms| ms.clamp(0, limits.max_retry_after_ms));
                self.hold = asked.is_some_and(|ms| ms >= backoff);
                self.not_before = now.saturating_add(asked.map_or(backoff, |ms| ms.max(backoff)));
            }
        }
    }

    fn ready(&mut self) {
        self.attempts = 0;
        self.not_before = 0;
        self.hold = false;
    }
}

/// The wire body: a [`crate::event::Batch`] plus the `dropped` counter
/// the server ignores (left out when 0).
fn wire(site: &str, events: &[Event], dropped: u64) -> String {
    let mut out = String::new();
    let mut o = write::Object::new(&mut out);
    o.string("site", site);
    events_json(o.key("events"), events);
    if dropped > 0 {
        o.uint("dropped", dropped);
    }
    o.end();
    out
}
