//! The lean load's checks of single values; each returns the first reason.

use super::{refuse, Checked};
use crate::guide::UrlPattern;
use crate::{markup, selector};

pub(super) fn links_ok(at: &str, body: &str, markup: bool) -> Checked<()> {
    if markup && !markup::parse(body).rejected_links.is_empty() {
        return refuse(at, "links may only go to http(s) or relative URLs");
    }
    Ok(())
}

pub(super) fn string(at: &str, s: &str) -> Checked<()> {
    if s.trim().is_empty() {
        return refuse(at, "a text is empty");
    }
    Ok(())
}

pub(super) fn slug(at: &str, s: String) -> Checked<String> {
    let ok = s.len() <= 64
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !ok {
        return refuse(at, "id is not a slug");
    }
    Ok(s)
}

pub(super) fn locale_tag(at: &str, tag: String) -> Checked<String> {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    let ok = (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !ok {
        return refuse(at, "is not a locale tag");
    }
    Ok(tag)
}

pub(super) fn pattern(at: &str, s: String) -> Checked<UrlPattern> {
    string(at, &s)?;
    if crate::strings::find(&s, "://").is_some()
        || s.contains(char::is_whitespace)
        || s.contains(['?', '#'])
    {
        return refuse(at, "is not a path pattern");
    }
    match UrlPattern::new(&s) {
        Some(p) => Ok(p),
        None => refuse(at, "is not a path pattern"),
    }
}

pub(super) fn selector_ok(at: &str, css: String) -> Checked<String> {
    string(at, &css)?;
    match selector::check(&css) {
        Ok(_) => Ok(css),
        Err(_) => refuse(at, "is not a valid CSS selector"),
    }
}
