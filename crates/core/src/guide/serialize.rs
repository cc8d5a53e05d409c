//! Writing a [`Guide`] back as guide JSON v1: the parts whose JSON shape
//! differs from their Rust shape (placement as `"bottom-start"`, advance as
//! `"next"` or `{"url": ...}`, locators as `{"css": ...}`, `waitFor`).

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::{Advance, Align, Locator, Placement, Side};
use crate::text::Text;

impl Placement {
    /// The JSON name, e.g. `bottom-start`.
    pub fn name(&self) -> String {
        let side = match self.side {
            Side::Auto => "auto",
            Side::Top => "top",
            Side::Bottom => "bottom",
            Side::Left => "left",
            Side::Right => "right",
        };
        let align = match self.align {
            Align::Start => "-start",
            Align::Center => "",
            Align::End => "-end",
        };
        format!("{side}{align}")
    }
}

impl Serialize for Placement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

impl Serialize for Advance {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Advance::Next => s.serialize_str("next"),
            Advance::Click => s.serialize_str("click"),
            Advance::Submit => s.serialize_str("submit"),
            Advance::Input { pattern: None } => s.serialize_str("input"),
            Advance::Input { pattern: Some(p) } => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("input", &Pattern { pattern: p })?;
                map.end()
            }
            Advance::Url(url) => one_entry(s, "url", url.as_str()),
            Advance::Event(name) => one_entry(s, "event", name),
        }
    }
}

#[derive(Serialize)]
struct Pattern<'a> {
    pattern: &'a str,
}

impl Serialize for Locator {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Locator::Css(css) => one_entry(s, "css", css),
            Locator::TestId(id) => one_entry(s, "testId", id),
            Locator::Text { text, role } => {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("text", text)?;
                if let Some(role) = role {
                    map.serialize_entry("role", role)?;
                }
                map.end()
            }
        }
    }
}

fn one_entry<S: Serializer>(s: S, key: &str, value: &str) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry(key, value)?;
    map.end()
}

/// `wait_for_ms` as `{"timeoutMs": ...}`.
pub(super) fn wait_for<S: Serializer>(ms: &u32, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry("timeoutMs", ms)?;
    map.end()
}

/// A body left out of the JSON is an empty plain text; it stays left out.
pub(super) fn no_text(text: &Text) -> bool {
    matches!(text, Text::Plain(s) if s.is_empty())
}
