//! Fuzzes the widget's JSON reader (`lotse_core::json`) against serde_json
//! and the lean guide load against the full one: the reader takes what
//! serde_json takes and reads the same values, except the two documented
//! differences (a key twice is refused; a float out of range is taken); a
//! string written back is what serde_json writes; the lean load accepts
//! exactly the guides the full load accepts, into the same guide.
#![no_main]

use std::fmt;

use libfuzzer_sys::fuzz_target;
use lotse_core::guide::{lean, load};
use lotse_core::json::{self, Json, Num};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// serde_json's reading, with every member of an object kept (duplicates
/// too), in `Json` terms.
struct Tree(Json, bool);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tree;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree(Json::Null, false))
            }
            fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
                Ok(Tree(Json::Bool(b), false))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
                Ok(Tree(Json::Num(Num::Uint(n)), false))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
                Ok(Tree(Json::Num(Num::Int(n)), false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Tree, E> {
                Ok(Tree(Json::Num(Num::Float), false))
            }
            fn visit_string<E>(self, s: String) -> Result<Tree, E> {
                Ok(Tree(Json::Str(s), false))
            }
            fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
                Ok(Tree(Json::Str(s.to_string()), false))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
                let (mut items, mut twice) = (Vec::new(), false);
                while let Some(Tree(item, t)) = seq.next_element()? {
                    items.push(item);
                    twice |= t;
                }
                Ok(Tree(Json::Arr(items), twice))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
                let (mut members, mut twice) = (Vec::<(String, Json)>::new(), false);
                while let Some((key, Tree(value, t))) = map.next_entry::<String, Tree>()? {
                    twice |= t || members.iter().any(|(k, _)| *k == key);
                    members.push((key, value));
                }
                Ok(Tree(Json::Obj(members), twice))
            }
        }
        d.deserialize_any(V)
    }
}

fn strings(value: &Json, f: &mut impl FnMut(&str)) {
    match value {
        Json::Str(s) => f(s),
        Json::Arr(items) => items.iter().for_each(|v| strings(v, f)),
        Json::Obj(members) => members.iter().for_each(|(k, v)| {
            f(k);
            strings(v, f);
        }),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = json::parse(text);
    match serde_json::from_str::<Tree>(text) {
        Ok(Tree(theirs, false)) => assert_eq!(ours.as_ref(), Ok(&theirs), "{text:?}"),
        Ok(Tree(_, true)) => assert!(ours.is_err(), "a key twice was taken: {text:?}"),
        Err(e) if e.to_string().starts_with("number out of range") => {}
        Err(e) => assert!(ours.is_err(), "took what serde_json refuses ({e}): {text:?}"),
    }
    if let Ok(value) = &ours {
        strings(value, &mut |s| {
            let mut out = String::new();
            json::write::string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).expect("a string serializes"));
        });
    }
    match (lean::load(text), load("fuzz.json", text)) {
        (Ok(lean), Ok(full)) => assert_eq!(lean, full.guide),
        (Err(_), Err(_)) => {}
        (lean, full) => panic!(
            "the loads disagree on {text:?}: lean {:?}, full {:?}",
            lean.err(),
            full.err().map(|p| p.render())
        ),
    }
});
