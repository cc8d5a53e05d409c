//! The lean load's typed reading of JSON values: an object's members by
//! name (unknown names and `null` refused), strings, lists, whole numbers.

use super::{refuse, Checked};
use crate::json::Json;

/// The members of an object, taken by name.
pub(super) struct Fields(pub(super) Vec<Option<Json>>);

impl Fields {
    /// Reads the object `value` with members from `names` only, none `null`.
    pub(super) fn of(at: &str, value: Json, names: &[&str]) -> Checked<Self> {
        let Json::Obj(members) = value else {
            return refuse(at, "is not an object");
        };
        let mut slots: Vec<Option<Json>> = names.iter().map(|_| None).collect();
        for (key, value) in members {
            let Some(i) = names.iter().position(|n| *n == key) else {
                return refuse(at, "has an unknown field");
            };
            if value == Json::Null {
                return refuse(at, "has a null field");
            }
            slots[i] = Some(value);
        }
        Ok(Self(slots))
    }

    pub(super) fn take(&mut self, i: usize) -> Option<Json> {
        self.0[i].take()
    }

    pub(super) fn need(&mut self, at: &str, i: usize) -> Checked<Json> {
        match self.take(i) {
            Some(v) => Ok(v),
            None => refuse(at, "misses a required field"),
        }
    }

    pub(super) fn string(&mut self, at: &str, i: usize) -> Checked<Option<String>> {
        self.take(i).map(|v| string(at, v)).transpose()
    }

    pub(super) fn uint(&mut self, at: &str, i: usize) -> Checked<Option<u32>> {
        match self.take(i) {
            None => Ok(None),
            Some(v) => match v.as_u32() {
                Some(n) => Ok(Some(n)),
                None => refuse(at, "is not a whole number"),
            },
        }
    }

    pub(super) fn boolean(&mut self, at: &str, i: usize) -> Checked<Option<bool>> {
        match self.take(i) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(b)),
            Some(_) => refuse(at, "is not true or false"),
        }
    }
}

pub(super) fn string(at: &str, value: Json) -> Checked<String> {
    match value {
        Json::Str(s) => Ok(s),
        _ => refuse(at, "is not a string"),
    }
}

pub(super) fn list(at: &str, value: Json) -> Checked<Vec<Json>> {
    match value {
        Json::Arr(items) => Ok(items),
        _ => refuse(at, "is not a list"),
    }
}
