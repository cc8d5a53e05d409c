//! A small JSON reader and writer for the widget's paths (the lean guide
//! load, the outbox and its request bodies, the ingest's answers), so the
//! wasm carries one non-generic parser instead of `serde_json` and the
//! visitors serde derives for each type. The server and the full guide
//! load keep `serde_json`.
//!
//! - [`parse`] reads RFC 8259 JSON as `serde_json` does (same grammar,
//!   escapes, surrogate pairs, nesting limit), with two deliberate
//!   differences: an object with a key twice is refused (guide JSON forbids
//!   it and serde's derived readers refuse it too), and a number with a
//!   fraction or exponent is only checked, not converted ([`Num::Float`]:
//!   no reader here takes fractions, so no float parsing is linked), so a
//!   number too large for a float (`1e999`) is not refused.
//! - [`write`] writes strings, integers and objects byte for byte as
//!   `serde_json::to_string` does (compact, the same escapes).
//!
//! No `core::fmt` on any path: errors are a byte offset.

mod read;
pub mod write;

#[cfg(test)]
mod tests;

pub use read::parse;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(Num),
    /// A string, escapes decoded.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object's members in document order (no key twice).
    Obj(Vec<(String, Json)>),
}

/// A number, classified as `serde_json` classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// An integer from 0 to `u64::MAX`.
    Uint(u64),
    /// A negative integer from `i64::MIN` to -1.
    Int(i64),
    /// Anything else (a fraction, an exponent, `-0`, an integer out of
    /// range): checked, but its value is not kept.
    Float,
}

/// Where a text stopped being JSON: a byte offset into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid(pub usize);

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is one from 0 to `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Num(Num::Uint(n)) => Some(*n),
            _ => None,
        }
    }

    /// The integer, if this is one from `i64::MIN` to `i64::MAX`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Num(Num::Uint(n)) => i64::try_from(*n).ok(),
            Json::Num(Num::Int(n)) => Some(*n),
            _ => None,
        }
    }

    /// The integer, if this is one from 0 to `u32::MAX`.
    pub fn as_u32(&self) -> Option<u32> {
        self.as_u64().and_then(|n| u32::try_from(n).ok())
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }
}
