//! The lean load's shape check: guide JSON v1 as written, read strictly
//! from a [`Json`] tree into plain structs.
//!
//! Like serde's derived readers before it (and the full load), it refuses
//! an unknown field, a wrong type, a `null` or a list where an object
//! belongs; a key twice is refused by the JSON reader itself. The value
//! checks (slugs, patterns, selectors, ...) follow in `lean`.

use std::collections::BTreeMap;

use super::fields::{list, string, Fields};
use super::{refuse, Checked};
use crate::json::Json;

/// The guide object.
pub(super) struct Guide {
    pub schema: Option<String>,
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub description: Option<Text>,
    pub default_locale: Option<String>,
    pub start: Option<Start>,
    pub steps: Vec<Json>,
    pub goal: Option<Goal>,
}

impl Guide {
    pub fn read(value: Json) -> Checked<Self> {
        let at = "$";
        let names = [
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
        let mut f = Fields::of(at, value, &names)?;
        let Some(version) = f.uint("$.version", 2)? else {
            return refuse("$.version", "misses a required field");
        };
        Ok(Self {
            schema: f.string("$.$schema", 0)?,
            id: string("$.id", f.need(at, 1)?)?,
            version,
            title: Text::read("$.title", f.need(at, 3)?)?,
            description: f
                .take(4)
                .map(|v| Text::read("$.description", v))
                .transpose()?,
            default_locale: f.string("$.defaultLocale", 5)?,
            start: f.take(6).map(Start::read).transpose()?,
            steps: list("$.steps", f.need(at, 7)?)?,
            goal: f.take(8).map(Goal::read).transpose()?,
        })
    }
}

/// `start`.
pub(super) struct Start {
    pub urls: Option<Vec<String>>,
    pub auto: Option<bool>,
    pub frequency: Option<String>,
    pub launcher: Option<String>,
}

impl Start {
    fn read(value: Json) -> Checked<Self> {
        let at = "$.start";
        let mut f = Fields::of(at, value, &["urls", "auto", "frequency", "launcher"])?;
        let urls = match f.take(0) {
            None => None,
            Some(v) => {
                // Loops, not `collect::<Result<..>>()`: smaller in the wasm.
                let mut urls = Vec::new();
                for u in list(at, v)? {
                    urls.push(string(at, u)?);
                }
                Some(urls)
            }
        };
        Ok(Self {
            urls,
            auto: f.boolean(at, 1)?,
            frequency: f.string(at, 2)?,
            launcher: f.string(at, 3)?,
        })
    }
}

/// `goal`.
pub(super) struct Goal {
    pub url: Option<String>,
    pub element: Option<Target>,
}

impl Goal {
    fn read(value: Json) -> Checked<Self> {
        let at = "$.goal";
        let mut f = Fields::of(at, value, &["url", "element"])?;
        Ok(Self {
            url: f.string(at, 0)?,
            element: f.take(1).map(|v| Target::read(at, v)).transpose()?,
        })
    }
}

/// One step.
pub(super) struct Step {
    pub id: String,
    pub url: Option<String>,
    pub target: Option<Target>,
    pub placement: Option<String>,
    pub title: Text,
    pub body: Option<Text>,
    pub advance: Option<Advance>,
    pub timeout_ms: Option<u32>,
    pub on_missing: Option<String>,
    pub padding: Option<u32>,
    pub radius: Option<u32>,
    pub block_target: Option<bool>,
    pub optional: Option<bool>,
}

impl Step {
    pub fn read(at: &str, value: Json) -> Checked<Self> {
        let names = [
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
        let mut f = Fields::of(at, value, &names)?;
        let mut wait = match f.take(7) {
            None => Fields(vec![None]),
            Some(v) => Fields::of(at, v, &["timeoutMs"])?,
        };
        let mut spotlight = match f.take(9) {
            None => Fields(vec![None, None, None]),
            Some(v) => Fields::of(at, v, &["padding", "radius", "blockTarget"])?,
        };
        Ok(Self {
            id: string(at, f.need(at, 0)?)?,
            url: f.string(at, 1)?,
            target: f.take(2).map(|v| Target::read(at, v)).transpose()?,
            placement: f.string(at, 3)?,
            title: Text::read(at, f.need(at, 4)?)?,
            body: f.take(5).map(|v| Text::read(at, v)).transpose()?,
            advance: f.take(6).map(|v| Advance::read(at, v)).transpose()?,
            timeout_ms: wait.uint(at, 0)?,
            on_missing: f.string(at, 8)?,
            padding: spotlight.uint(at, 0)?,
            radius: spotlight.uint(at, 1)?,
            block_target: spotlight.boolean(at, 2)?,
            optional: f.boolean(at, 10)?,
        })
    }
}

/// A locator object.
pub(super) struct Locator {
    pub css: Option<String>,
    pub test_id: Option<String>,
    pub text: Option<String>,
    pub role: Option<String>,
}

/// The object form of `advance`.
pub(super) struct AdvanceObject {
    /// `{"input": {...}}`: the object's `pattern`, if any.
    pub input: Option<Option<String>>,
    pub url: Option<String>,
    pub event: Option<String>,
}

/// A text: a string, or locale tags to strings (no tag twice).
pub(super) enum Text {
    Plain(String),
    Localized(BTreeMap<String, String>),
}

impl Text {
    fn read(at: &str, value: Json) -> Checked<Self> {
        match value {
            Json::Str(s) => Ok(Text::Plain(s)),
            Json::Obj(members) => {
                // Inserted one by one: collecting sorts, which is more code.
                let mut texts = BTreeMap::new();
                for (tag, text) in members {
                    texts.insert(tag, string(at, text)?);
                }
                Ok(Text::Localized(texts))
            }
            _ => refuse(at, "is not a text"),
        }
    }
}

/// A target: one selector, one locator object, or a list of them.
pub(super) struct Target(pub Vec<Located>);

/// One entry of a target, before its checks.
pub(super) enum Located {
    Css(String),
    Object(Locator),
}

impl Located {
    fn read(at: &str, value: Json) -> Checked<Self> {
        if let Json::Str(css) = value {
            return Ok(Located::Css(css));
        }
        let mut f = Fields::of(at, value, &["css", "testId", "text", "role"])?;
        Ok(Located::Object(Locator {
            css: f.string(at, 0)?,
            test_id: f.string(at, 1)?,
            text: f.string(at, 2)?,
            role: f.string(at, 3)?,
        }))
    }
}

impl Target {
    fn read(at: &str, value: Json) -> Checked<Self> {
        match value {
            Json::Arr(items) => {
                let mut located = Vec::new();
                for item in items {
                    located.push(Located::read(at, item)?);
                }
                Ok(Target(located))
            }
            one => Located::read(at, one).map(|l| Target(vec![l])),
        }
    }
}

/// `advance`: a name, or the object form.
pub(super) enum Advance {
    Name(String),
    Object(AdvanceObject),
}

impl Advance {
    fn read(at: &str, value: Json) -> Checked<Self> {
        if let Json::Str(name) = value {
            return Ok(Advance::Name(name));
        }
        let mut f = Fields::of(at, value, &["input", "url", "event"])?;
        let input = match f.take(0) {
            None => None,
            Some(v) => Some(Fields::of(at, v, &["pattern"])?.string(at, 0)?),
        };
        Ok(Advance::Object(AdvanceObject {
            input,
            url: f.string(at, 1)?,
            event: f.string(at, 2)?,
        }))
    }
}
