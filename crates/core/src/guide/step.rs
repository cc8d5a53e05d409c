//! Stage two of loading, one step: its fields, placement and advance.

use serde_json::Value;

use super::check::Checker;
use super::input_pattern;
use super::raw::{RawAdvance, RawInput, RawSpotlight, RawStep, RawWaitFor};
use super::values::kind;
use super::*;

/// Longest `waitFor.timeoutMs`: two minutes.
const MAX_WAIT_MS: u32 = 120_000;
/// Largest spotlight padding and radius, in CSS pixels.
const MAX_SPOTLIGHT_PX: u32 = 200;

const SIDES: &[(&str, Side)] = &[
    ("auto", Side::Auto),
    ("top", Side::Top),
    ("bottom", Side::Bottom),
    ("left", Side::Left),
    ("right", Side::Right),
];

impl Checker {
    pub(super) fn step(&mut self, i: usize, value: Value) -> Option<Step> {
        let at = format!("$.steps[{i}]");
        let raw: RawStep = self.object(&at, value)?;
        self.unknown(&at, &raw.other, RawStep::FIELDS);
        let path = |field: &str| format!("{at}.{field}");
        let id = self
            .required(&path("id"), raw.id)
            .and_then(|v| self.slug(&path("id"), v));
        let url = match raw.url {
            None => Some(None),
            Some(v) => self.pattern(&path("url"), v).map(Some),
        };
        let target = match raw.target {
            None => Some(Vec::new()),
            Some(v) => self.target(&path("target"), v),
        };
        if let Some(targets) = &target {
            self.positional_warning(&path("target"), targets);
        }
        let placement = raw.placement.map_or(Some(Placement::default()), |v| {
            self.placement(&path("placement"), v)
        });
        let title = self.text(&path("title"), raw.title, true, false);
        let body = match raw.body {
            None => Some(Text::Plain(String::new())),
            Some(v) => self.text(&path("body"), Some(v), true, true),
        };
        let has_target = target.as_ref().is_none_or(|t| !t.is_empty());
        let advance = raw.advance.map_or(Some(Advance::Next), |v| {
            self.advance(&path("advance"), v, has_target)
        });
        let wait_for_ms = raw.wait_for.map_or(Some(DEFAULT_WAIT_MS), |v| {
            let raw: RawWaitFor = self.object(&path("waitFor"), v)?;
            self.unknown(&path("waitFor"), &raw.other, RawWaitFor::FIELDS);
            let ms = raw
                .timeout_ms
                .map(|v| self.whole(&path("waitFor.timeoutMs"), v, 0, MAX_WAIT_MS));
            ms.unwrap_or(Some(DEFAULT_WAIT_MS))
        });
        let on_missing = raw.on_missing.map_or(Some(OnMissing::Center), |v| {
            let choices = [
                ("center", OnMissing::Center),
                ("skip", OnMissing::Skip),
                ("abort", OnMissing::Abort),
            ];
            self.choice(&path("onMissing"), v, &choices, "center, skip, abort")
        });
        let spotlight = raw.spotlight.map_or(Some(Spotlight::default()), |v| {
            self.spotlight(&path("spotlight"), v)
        });
        if let (Some(s), Some(a)) = (&spotlight, &advance) {
            let needs_target =
                matches!(a, Advance::Click | Advance::Input { .. } | Advance::Submit);
            if s.block_target && needs_target {
                self.error(
                    &path("spotlight.blockTarget"),
                    "blocks the target, but this step's advance needs the visitor to use it",
                );
            }
        }
        let optional = raw
            .optional
            .map_or(Some(false), |v| self.boolean(&path("optional"), v));
        Some(Step {
            id: id?,
            url: url?,
            target: target?,
            placement: placement?,
            title: title?,
            body: body?,
            advance: advance?,
            wait_for_ms: wait_for_ms?,
            on_missing: on_missing?,
            spotlight: spotlight?,
            optional: optional?,
        })
    }

    /// `auto`, `top`, `bottom`, `left`, `right`, each with optional `-start`/`-end`.
    fn placement(&mut self, path: &str, value: Value) -> Option<Placement> {
        let mut choices = Vec::new();
        for (name, side) in SIDES {
            for (suffix, align) in [
                ("", Align::Center),
                ("-start", Align::Start),
                ("-end", Align::End),
            ] {
                choices.push((format!("{name}{suffix}"), Placement { side: *side, align }));
            }
        }
        let choices: Vec<(&str, Placement)> =
            choices.iter().map(|(n, p)| (n.as_str(), *p)).collect();
        let listed = match &value {
            Value::String(s) if s.contains('-') => {
                "auto, top, bottom, left, right, each optionally with -start or -end"
            }
            _ => "auto, top, bottom, left, right",
        };
        self.choice(path, value, &choices, listed)
    }

    fn advance(&mut self, path: &str, value: Value, has_target: bool) -> Option<Advance> {
        let advance = match value {
            Value::String(_) => {
                let choices = [
                    ("next", Advance::Next),
                    ("click", Advance::Click),
                    ("input", Advance::Input { pattern: None }),
                    ("submit", Advance::Submit),
                ];
                let choices: Vec<(&str, &Advance)> = choices.iter().map(|(n, a)| (*n, a)).collect();
                let listed = "next, click, input, submit, or an object with input, url or event";
                self.choice(path, value, &choices, listed).cloned()?
            }
            Value::Object(_) => self.advance_object(path, value)?,
            other => {
                self.error(path, format!("must be a string like \"next\" or an object like {{\"url\": \"/done\"}}, not {}", kind(&other)));
                return None;
            }
        };
        let needs = match advance {
            Advance::Click => Some("a click on"),
            Advance::Input { .. } => Some("input in"),
            Advance::Submit => Some("the form of"),
            _ => None,
        };
        if let (Some(needs), false) = (needs, has_target) {
            self.error(
                path,
                format!("waits for {needs} the target, but the step has no target"),
            );
            return None;
        }
        Some(advance)
    }

    fn advance_object(&mut self, path: &str, value: Value) -> Option<Advance> {
        let raw: RawAdvance = self.object(path, value)?;
        self.unknown(path, &raw.other, RawAdvance::FIELDS);
        let given = [raw.input.is_some(), raw.url.is_some(), raw.event.is_some()];
        if given.iter().filter(|g| **g).count() != 1 {
            if raw.other.is_empty() {
                self.error(path, "needs exactly one of input, url or event");
            }
            return None;
        }
        if let Some(input) = raw.input {
            let at = format!("{path}.input");
            let raw: RawInput = self.object(&at, input)?;
            self.unknown(&at, &raw.other, RawInput::FIELDS);
            let Some(pattern) = raw.pattern else {
                return Some(Advance::Input { pattern: None });
            };
            let at = format!("{at}.pattern");
            let pattern = self.string(&at, pattern)?;
            if let Err(reason) = input_pattern::check(&pattern) {
                self.error(
                    &at,
                    format!("{pattern:?} is not a valid regular expression: it {reason}"),
                );
                return None;
            }
            return Some(Advance::Input {
                pattern: Some(pattern),
            });
        }
        if let Some(url) = raw.url {
            return self.pattern(&format!("{path}.url"), url).map(Advance::Url);
        }
        let at = format!("{path}.event");
        let name = self.string(&at, raw.event?)?;
        if name.contains(char::is_whitespace) {
            self.error(
                &at,
                format!(
                    "{name:?} contains a space; event names are single words like \"plan-chosen\""
                ),
            );
            return None;
        }
        Some(Advance::Event(name))
    }

    fn spotlight(&mut self, path: &str, value: Value) -> Option<Spotlight> {
        let raw: RawSpotlight = self.object(path, value)?;
        self.unknown(path, &raw.other, RawSpotlight::FIELDS);
        let default = Spotlight::default();
        let padding = raw.padding.map_or(Some(default.padding), |v| {
            self.whole(&format!("{path}.padding"), v, 0, MAX_SPOTLIGHT_PX)
        });
        let radius = raw.radius.map_or(Some(default.radius), |v| {
            self.whole(&format!("{path}.radius"), v, 0, MAX_SPOTLIGHT_PX)
        });
        let block_target = raw.block_target.map_or(Some(default.block_target), |v| {
            self.boolean(&format!("{path}.blockTarget"), v)
        });
        Some(Spotlight {
            padding: padding?,
            radius: radius?,
            block_target: block_target?,
        })
    }
}
