//! The lean load's targets: selectors and locator objects.

use super::values::{selector_ok, string};
use super::{refuse, wire, Checked};
use crate::guide::roles::ROLES;
use crate::guide::Locator;

pub(super) fn target(at: &str, raw: wire::Target) -> Checked<Vec<Locator>> {
    if raw.0.is_empty() {
        return refuse(at, "target is an empty list");
    }
    let mut locators = Vec::new();
    for l in raw.0 {
        locators.push(locator(at, l)?);
    }
    Ok(locators)
}

fn locator(at: &str, raw: wire::Located) -> Checked<Locator> {
    let raw = match raw {
        wire::Located::Css(css) => return selector_ok(at, css).map(Locator::Css),
        wire::Located::Object(object) => object,
    };
    match (raw.css, raw.test_id, raw.text, raw.role) {
        (Some(css), None, None, None) => selector_ok(at, css).map(Locator::Css),
        (None, Some(id), None, None) => string(at, &id).map(|_| Locator::TestId(id)),
        (None, None, Some(text), role) => {
            string(at, &text)?;
            if let Some(role) = &role {
                string(at, role)?;
                if !ROLES.contains(&role.as_str()) {
                    return refuse(at, "role is not an ARIA role");
                }
            }
            Ok(Locator::Text { text, role })
        }
        _ => refuse(
            at,
            "a locator has one of css, testId or text (role only with text)",
        ),
    }
}
