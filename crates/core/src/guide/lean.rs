//! The lean load, for the widget: guide JSON v1 straight into a [`Guide`],
//! refusing exactly the guides [`load`](super::load) refuses, but with the
//! first reason only and without positions, suggestions or warnings.
//!
//! The server validates every guide with the full load before it serves it
//! (and refuses to start otherwise), so in a browser a refusal is rare; the
//! widget still checks, because a page may point it at any guide file. This
//! path reads JSON with [`crate::json`] (no `serde_json`, no serde visitors),
//! has no did-you-mean and no problem texts, so it is a fraction of the full
//! load's size in the wasm. The full load's diagnostics stay in the CLI and
//! the server (feature `diagnostics`).

mod fields;
mod target;
mod values;
mod wire;

use target::target;

use values::{links_ok, locale_tag, pattern, selector_ok, slug, string};

use std::fmt;

use super::input_pattern;
use super::*;
use crate::json;

/// Why the lean load refused a guide: a JSON path and a short reason (for
/// text that is not JSON, the byte where it stops being JSON). Run
/// `lotse validate` for every problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub(super) type Checked<T> = Result<T, Refused>;

pub(super) fn refuse<T>(path: &str, reason: &str) -> Checked<T> {
    Err(refused(path, reason))
}

/// Not generic and not inlined: one copy in the wasm for every `refuse::<T>`.
#[inline(never)]
fn refused(path: &str, reason: &str) -> Refused {
    // Concatenated, not `format!`: no formatting machinery in the wasm.
    Refused(crate::strings::concat(&[path, ": ", reason]))
}

/// `$.steps[i]`.
fn step_path(i: usize) -> String {
    let mut at = String::from("$.steps[");
    json::write::uint(&mut at, i as u64);
    at.push(']');
    at
}

/// Reads guide JSON into a validated [`Guide`], or the first reason it is
/// not a valid guide. Accepts and refuses the same guides as
/// [`load`](super::load), and yields the same `Guide`.
pub fn load(json: &str) -> Result<Guide, Refused> {
    let value = json::parse(json).map_err(|json::Invalid(at)| {
        let mut reason = String::from("$: is not JSON (at byte ");
        json::write::uint(&mut reason, at as u64);
        reason.push(')');
        Refused(reason)
    })?;
    guide(wire::Guide::read(value)?)
}

fn guide(raw: wire::Guide) -> Checked<Guide> {
    if let Some(schema) = &raw.schema {
        string("$.$schema", schema)?;
    }
    let id = slug("$.id", raw.id)?;
    if raw.version == 0 {
        return refuse("$.version", "must be at least 1");
    }
    let default_locale = match raw.default_locale {
        None => "en".to_string(),
        Some(tag) => locale_tag("$.defaultLocale", tag)?,
    };
    let lang = default_locale.as_str();
    let title = text("$.title", raw.title, lang, false)?;
    let description = match raw.description {
        None => None,
        Some(t) => Some(text("$.description", t, lang, false)?),
    };
    let start = match raw.start {
        None => Start {
            urls: Vec::new(),
            auto: true,
            frequency: Frequency::Always,
            launcher: None,
        },
        Some(s) => start(s)?,
    };
    if raw.steps.is_empty() || raw.steps.len() > MAX_STEPS {
        return refuse("$.steps", "a guide has 1 to 50 steps");
    }
    let mut steps = Vec::with_capacity(raw.steps.len());
    for (i, s) in raw.steps.into_iter().enumerate() {
        let at = step_path(i);
        let s = step(&at, wire::Step::read(&at, s)?, lang)?;
        // At most 50 steps: a scan is smaller in the wasm than a set.
        if steps.iter().any(|earlier: &Step| earlier.id == s.id) {
            return refuse(&crate::strings::concat(&[&at, ".id"]), "is not unique");
        }
        steps.push(s);
    }
    let goal = match raw.goal {
        None => None,
        Some(g) => Some(match (g.url, g.element) {
            (Some(url), None) => Goal::Url(pattern("$.goal.url", url)?),
            (None, Some(element)) => Goal::Element(target("$.goal.element", element)?),
            _ => return refuse("$.goal", "needs one of url or element"),
        }),
    };
    Ok(Guide {
        id,
        version: raw.version,
        title,
        description,
        default_locale,
        start,
        steps,
        goal,
    })
}

fn start(raw: wire::Start) -> Checked<Start> {
    let urls = match raw.urls {
        None => Vec::new(),
        Some(urls) if urls.is_empty() => return refuse("$.start.urls", "is empty"),
        Some(urls) => {
            let mut patterns = Vec::new();
            for u in urls {
                patterns.push(pattern("$.start.urls", u)?);
            }
            patterns
        }
    };
    let frequency = match raw.frequency.as_deref() {
        None | Some("always") => Frequency::Always,
        Some("once") => Frequency::Once,
        Some("session") => Frequency::Session,
        Some(_) => return refuse("$.start.frequency", "is not a frequency"),
    };
    let launcher = match raw.launcher {
        None => None,
        Some(css) => Some(selector_ok("$.start.launcher", css)?),
    };
    Ok(Start {
        urls,
        auto: raw.auto.unwrap_or(true),
        frequency,
        launcher,
    })
}

fn step(at: &str, raw: wire::Step, lang: &str) -> Checked<Step> {
    let id = slug(at, raw.id)?;
    let url = match raw.url {
        None => None,
        Some(u) => Some(pattern(at, u)?),
    };
    let target = match raw.target {
        None => Vec::new(),
        Some(t) => target(at, t)?,
    };
    let placement = match raw.placement {
        None => Placement::default(),
        Some(name) => placement(at, &name)?,
    };
    let title = text(at, raw.title, lang, false)?;
    let body = match raw.body {
        None => Text::Plain(String::new()),
        Some(t) => text(at, t, lang, true)?,
    };
    let advance = match raw.advance {
        None => Advance::Next,
        Some(a) => advance(at, a)?,
    };
    if matches!(
        advance,
        Advance::Click | Advance::Input { .. } | Advance::Submit
    ) && target.is_empty()
    {
        return refuse(at, "its advance needs a target");
    }
    let wait_for_ms = match raw.timeout_ms {
        None => DEFAULT_WAIT_MS,
        Some(ms) if ms <= 120_000 => ms,
        Some(_) => return refuse(at, "waitFor.timeoutMs is out of range"),
    };
    let on_missing = match raw.on_missing.as_deref() {
        None | Some("center") => OnMissing::Center,
        Some("skip") => OnMissing::Skip,
        Some("abort") => OnMissing::Abort,
        Some(_) => return refuse(at, "onMissing is not center, skip or abort"),
    };
    let default = Spotlight::default();
    let spotlight = Spotlight {
        padding: raw.padding.unwrap_or(default.padding),
        radius: raw.radius.unwrap_or(default.radius),
        block_target: raw.block_target.unwrap_or(default.block_target),
    };
    if spotlight.padding > 200 || spotlight.radius > 200 {
        return refuse(at, "spotlight is out of range");
    }
    if spotlight.block_target
        && matches!(
            advance,
            Advance::Click | Advance::Input { .. } | Advance::Submit
        )
    {
        return refuse(
            at,
            "spotlight.blockTarget blocks the target its advance needs",
        );
    }
    Ok(Step {
        id,
        url,
        target,
        placement,
        title,
        body,
        advance,
        wait_for_ms,
        on_missing,
        spotlight,
        optional: raw.optional.unwrap_or(false),
    })
}

fn placement(at: &str, name: &str) -> Checked<Placement> {
    let (side, align) = match name.split_once('-') {
        None => (name, Align::Center),
        Some((side, "start")) => (side, Align::Start),
        Some((side, "end")) => (side, Align::End),
        Some(_) => return refuse(at, "placement is not a placement"),
    };
    let side = match side {
        "auto" => Side::Auto,
        "top" => Side::Top,
        "bottom" => Side::Bottom,
        "left" => Side::Left,
        "right" => Side::Right,
        _ => return refuse(at, "placement is not a placement"),
    };
    Ok(Placement { side, align })
}

fn advance(at: &str, raw: wire::Advance) -> Checked<Advance> {
    let object = match raw {
        wire::Advance::Name(name) => {
            return match name.as_str() {
                "next" => Ok(Advance::Next),
                "click" => Ok(Advance::Click),
                "input" => Ok(Advance::Input { pattern: None }),
                "submit" => Ok(Advance::Submit),
                _ => refuse(at, "advance is not next, click, input or submit"),
            }
        }
        wire::Advance::Object(object) => object,
    };
    match (object.input, object.url, object.event) {
        (Some(input), None, None) => match input {
            None => Ok(Advance::Input { pattern: None }),
            Some(p) if string(at, &p).is_ok() && input_pattern::check(&p).is_ok() => {
                Ok(Advance::Input { pattern: Some(p) })
            }
            Some(_) => refuse(
                at,
                "advance.input.pattern is not a valid regular expression",
            ),
        },
        (None, Some(url), None) => pattern(at, url).map(Advance::Url),
        (None, None, Some(event)) if string(at, &event).is_ok() => {
            if event.contains(char::is_whitespace) {
                return refuse(at, "advance.event contains a space");
            }
            Ok(Advance::Event(event))
        }
        _ => refuse(at, "advance needs exactly one of input, url or event"),
    }
}

fn text(at: &str, raw: wire::Text, default_locale: &str, markup: bool) -> Checked<Text> {
    let ok = |s: &str| string(at, s).and_then(|_| links_ok(at, s, markup));
    match raw {
        wire::Text::Plain(s) => ok(&s).map(|_| Text::Plain(s)),
        wire::Text::Localized(texts) => {
            for (tag, s) in &texts {
                locale_tag(at, tag.clone())?;
                ok(s)?;
            }
            if !texts.contains_key(default_locale) {
                return refuse(at, "has no text in the defaultLocale");
            }
            Ok(Text::Localized(texts))
        }
    }
}
