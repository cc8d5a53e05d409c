//! Events to and from JSON with [`crate::json`], for the widget (the server
//! reads and writes them with serde). The output is byte for byte what
//! `serde_json::to_string` writes for an [`Event`]; the reading takes what
//! serde's derived reader takes (unknown fields ignored, `null` for an
//! optional field).

use super::{Device, Event, EventType, Reason};
use crate::json::write::{self, Object};
use crate::json::Json;

impl Event {
    /// Appends the event's wire JSON to `out`.
    pub fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.string("id", &self.id);
        o.string("type", self.kind.as_str());
        o.string("guide", &self.guide);
        o.uint("guideVersion", u64::from(self.guide_version));
        o.string("run", &self.run);
        if let Some(step) = &self.step {
            o.string("step", step);
        }
        if let Some(index) = self.step_index {
            o.uint("stepIndex", u64::from(index));
        }
        o.uint("stepCount", u64::from(self.step_count));
        write::int(o.key("ts"), self.ts);
        o.string("path", &self.path);
        o.string("locale", &self.locale);
        o.string("device", self.device.as_str());
        if let Some(reason) = self.reason {
            o.string("reason", reason.as_str());
        }
        if let Some(dwell) = self.dwell_ms {
            o.uint("dwellMs", dwell);
        }
        if let Some(locator) = self.locator {
            o.uint("locator", u64::from(locator));
        }
        o.end();
    }

    /// The event's wire JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Reads an event from its wire JSON; `None` if a required field is
    /// missing or a field has the wrong type.
    pub fn from_json(value: &Json) -> Option<Event> {
        if !matches!(value, Json::Obj(_)) {
            return None;
        }
        let text = |key| value.get(key).and_then(Json::as_str).map(str::to_string);
        let u32_of = |key| value.get(key).and_then(Json::as_u32);
        // Optional fields: missing or `null` is `None`, a wrong type fails.
        fn optional<T>(v: Option<&Json>, read: impl Fn(&Json) -> Option<T>) -> Option<Option<T>> {
            match v {
                None | Some(Json::Null) => Some(None),
                Some(v) => read(v).map(Some),
            }
        }
        Some(Event {
            id: text("id")?,
            kind: EventType::parse(value.get("type")?.as_str()?)?,
            guide: text("guide")?,
            guide_version: u32_of("guideVersion")?,
            run: text("run")?,
            step: optional(value.get("step"), |v| v.as_str().map(str::to_string))?,
            step_index: optional(value.get("stepIndex"), Json::as_u32)?,
            step_count: u32_of("stepCount")?,
            ts: value.get("ts")?.as_i64()?,
            path: text("path")?,
            locale: text("locale")?,
            device: Device::parse(value.get("device")?.as_str()?)?,
            reason: optional(value.get("reason"), |v| v.as_str().and_then(Reason::parse))?,
            dwell_ms: optional(value.get("dwellMs"), Json::as_u64)?,
            locator: optional(value.get("locator"), Json::as_u32)?,
        })
    }
}

impl Device {
    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        [Device::Mobile, Device::Tablet, Device::Desktop]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(reason: Option<Reason>, step: Option<&str>) -> Event {
        Event {
            id: "0123456789abcdef0123456789abcdef".into(),
            kind: EventType::StepViewed,
            guide: "tariff-switch \"quoted\" \u{1}".into(),
            guide_version: u32::MAX,
            run: "r".into(),
            step: step.map(str::to_string),
            step_index: step.map(|_| 3),
            step_count: 7,
            ts: 1_795_430_400_123,
            path: "/tarif/wechsel/ü".into(),
            locale: "de-DE".into(),
            device: Device::Tablet,
            reason,
            dwell_ms: reason.map(|_| u64::MAX),
            locator: step.map(|_| 0),
        }
    }

    /// The widget's writer and reader agree with serde's, so the server
    /// (serde) reads what the widget (`json`) writes, byte for byte.
    #[test]
    fn json_codec_matches_serde() {
        let events = [
            event(None, None),
            event(Some(Reason::Esc), Some("welcome")),
            event(Some(Reason::TargetMissing), Some("")),
        ];
        for e in &events {
            let json = e.to_json();
            assert_eq!(json, serde_json::to_string(e).expect("serializes"));
            let value = crate::json::parse(&json).expect("json");
            assert_eq!(Event::from_json(&value).as_ref(), Some(e));
        }
        for d in [Device::Mobile, Device::Tablet, Device::Desktop] {
            assert_eq!(Device::parse(d.as_str()), Some(d));
        }
    }

    /// What serde's derived reader takes (unknown fields, `null` optional
    /// fields) the codec takes; what it refuses, the codec refuses.
    #[test]
    fn json_codec_reads_what_serde_reads() {
        let base = event(None, None).to_json();
        let body = &base[1..base.len() - 1];
        let cases = [
            format!("{{{body},\"extra\":[1]}}"),
            format!("{{{body},\"step\":null,\"dwellMs\":null}}"),
            format!("{{{body},\"reason\":\"nope\"}}"),
            format!("{{{body},\"locator\":-1}}"),
            format!("{{{body},\"locator\":1.5}}"),
            base.replace("\"device\":\"tablet\"", "\"device\":\"tv\""),
            base.replace("\"ts\":1795430400123", "\"ts\":-5"),
            base.replace("\"ts\":1795430400123", "\"ts\":\"5\""),
            base.replace("\"stepCount\":7,", ""),
            "[]".to_string(),
        ];
        for json in &cases {
            let serde: Option<Event> = serde_json::from_str(json).ok();
            let codec = crate::json::parse(json)
                .ok()
                .and_then(|v| Event::from_json(&v));
            assert_eq!(codec, serde, "{json}");
        }
    }
}
