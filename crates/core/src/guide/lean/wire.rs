//! The lean load's serde types: guide JSON v1 as written, read strictly.
//!
//! Unlike the permissive `raw` types of the full load, these fail on the
//! first unknown field, wrong type, `null` or duplicate key, so every guide
//! the full load refuses for its shape is refused here too; the value checks
//! (slugs, patterns, selectors, ...) follow in `lean::convert`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A JSON object read into `T`: a list is refused (derived struct
/// deserializers would otherwise accept fields by position).
pub(super) struct Obj<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(PhantomData)).map(Obj)
    }
}

/// A field that may be left out but not written as `null`.
fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The guide object.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Guide {
    #[serde(rename = "$schema", default, deserialize_with = "some")]
    pub schema: Option<String>,
    pub id: String,
    pub version: u32,
    pub title: Text,
    #[serde(default, deserialize_with = "some")]
    pub description: Option<Text>,
    #[serde(default, deserialize_with = "some")]
    pub default_locale: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub start: Option<Obj<Start>>,
    pub steps: Vec<Obj<Step>>,
    #[serde(default, deserialize_with = "some")]
    pub goal: Option<Obj<Goal>>,
}

/// `start`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Start {
    #[serde(default, deserialize_with = "some")]
    pub urls: Option<Vec<String>>,
    #[serde(default, deserialize_with = "some")]
    pub auto: Option<bool>,
    #[serde(default, deserialize_with = "some")]
    pub frequency: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub launcher: Option<String>,
}

/// `goal`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Goal {
    #[serde(default, deserialize_with = "some")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub element: Option<Target>,
}

/// One step.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Step {
    pub id: String,
    #[serde(default, deserialize_with = "some")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub target: Option<Target>,
    #[serde(default, deserialize_with = "some")]
    pub placement: Option<String>,
    pub title: Text,
    #[serde(default, deserialize_with = "some")]
    pub body: Option<Text>,
    #[serde(default, deserialize_with = "some")]
    pub advance: Option<Advance>,
    #[serde(default, deserialize_with = "some")]
    pub wait_for: Option<Obj<WaitFor>>,
    #[serde(default, deserialize_with = "some")]
    pub on_missing: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub spotlight: Option<Obj<Spotlight>>,
    #[serde(default, deserialize_with = "some")]
    pub optional: Option<bool>,
}

/// `waitFor`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct WaitFor {
    #[serde(default, deserialize_with = "some")]
    pub timeout_ms: Option<u32>,
}

/// `spotlight`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Spotlight {
    #[serde(default, deserialize_with = "some")]
    pub padding: Option<u32>,
    #[serde(default, deserialize_with = "some")]
    pub radius: Option<u32>,
    #[serde(default, deserialize_with = "some")]
    pub block_target: Option<bool>,
}

/// A locator object.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Locator {
    #[serde(default, deserialize_with = "some")]
    pub css: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub test_id: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub text: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub role: Option<String>,
}

/// The object form of `advance`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AdvanceObject {
    #[serde(default, deserialize_with = "some")]
    pub input: Option<Obj<Input>>,
    #[serde(default, deserialize_with = "some")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "some")]
    pub event: Option<String>,
}

/// `{"input": {...}}`'s object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Input {
    #[serde(default, deserialize_with = "some")]
    pub pattern: Option<String>,
}

/// A text: a string, or locale tags to strings (no tag twice).
pub(super) enum Text {
    Plain(String),
    Localized(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a map of locales")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::Plain(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some((tag, text)) = map.next_entry::<String, String>()? {
                    if texts.insert(tag, text).is_some() {
                        return Err(de::Error::custom("a locale appears twice"));
                    }
                }
                Ok(Text::Localized(texts))
            }
        }
        d.deserialize_any(V)
    }
}

/// A target: one selector, one locator object, or a list of them.
pub(super) struct Target(pub Vec<Located>);

/// One entry of a target, before its checks.
pub(super) enum Located {
    Css(String),
    Object(Locator),
}

struct LocatedVisitor;

impl<'de> Visitor<'de> for LocatedVisitor {
    type Value = Located;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a CSS selector or a locator object")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Located, E> {
        Ok(Located::Css(s.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Located, A::Error> {
        Locator::deserialize(MapAccessDeserializer::new(map)).map(Located::Object)
    }
}

impl<'de> Deserialize<'de> for Located {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LocatedVisitor)
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a target")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Target, E> {
                LocatedVisitor.visit_str(s).map(|l| Target(vec![l]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Target, A::Error> {
                LocatedVisitor.visit_map(map).map(|l| Target(vec![l]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Target, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Located>()? {
                    items.push(item);
                }
                Ok(Target(items))
            }
        }
        d.deserialize_any(V)
    }
}

/// `advance`: a name, or the object form.
pub(super) enum Advance {
    Name(String),
    Object(AdvanceObject),
}

impl<'de> Deserialize<'de> for Advance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Advance;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Advance, E> {
                Ok(Advance::Name(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Advance, A::Error> {
                AdvanceObject::deserialize(MapAccessDeserializer::new(map)).map(Advance::Object)
            }
        }
        d.deserialize_any(V)
    }
}
