//! Counts the elements of a parsed page that one locator matches, the way
//! the widget finds targets (`src/measure.rs`), but counting every element
//! in the HTML whether or not it is visible (pages hide parts until their
//! scripts run).

use std::collections::HashSet;

use lotse_core::guide::Locator;
use scraper::{ElementRef, Html, Selector};

/// How many elements `locator` matches in `page`; `Err` with the reason
/// when a CSS selector is beyond the selector engine.
pub fn count(page: &Html, locator: &Locator) -> Result<usize, String> {
    match locator {
        Locator::Css(css) => {
            let selector = Selector::parse(css).map_err(|e| format!("{css:?}: {e}"))?;
            Ok(page.select(&selector).count())
        }
        Locator::TestId(id) => Ok(elements(page)
            .filter(|e| e.attr("data-testid") == Some(id.as_str()))
            .count()),
        Locator::Text { text, role } => Ok(by_text(page, text, role.as_deref())),
    }
}

/// Elements whose text (trimmed, whitespace collapsed, case-insensitive) is
/// `text`, of ARIA `role` if given. Like the widget, only the innermost of
/// nested matches counts: `<li><a>Tariffs</a></li>` is one match.
fn by_text(page: &Html, text: &str, role: Option<&str>) -> usize {
    let wanted = normalise(text);
    let matched: Vec<ElementRef<'_>> = elements(page)
        .filter(|e| role.is_none_or(|r| roles_of(e).contains(&r)))
        .filter(|e| normalise(&e.text().collect::<String>()) == wanted)
        .collect();
    let ids: HashSet<_> = matched.iter().map(|e| e.id()).collect();
    matched
        .iter()
        .filter(|e| {
            !e.descendent_elements()
                .skip(1)
                .any(|d| ids.contains(&d.id()))
        })
        .count()
}

/// Every element inside `<body>`.
fn elements(page: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    page.root_element()
        .descendent_elements()
        .filter(|e| e.value().name() != "html")
        .filter(|e| {
            e.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "body")
        })
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The element's explicit roles (the `role` attribute's tokens) and its
/// implicit role from HTML-AAM, simplified to what guides name.
fn roles_of<'a>(e: &ElementRef<'a>) -> Vec<&'a str> {
    let mut roles: Vec<&'a str> = e.attr("role").unwrap_or("").split_whitespace().collect();
    if let Some(implicit) = implicit_role(e) {
        roles.push(implicit);
    }
    roles
}

fn implicit_role(e: &ElementRef<'_>) -> Option<&'static str> {
    let named = || e.attr("aria-label").is_some() || e.attr("aria-labelledby").is_some();
    let role = match e.value().name() {
        "button" => "button",
        "a" | "area" if e.attr("href").is_some() => "link",
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
        "textarea" => "textbox",
        "input" => input_role(e.attr("type").unwrap_or("text"))?,
        "select" if e.attr("multiple").is_some() => "listbox",
        "select" => "combobox",
        "option" => "option",
        "ul" | "ol" | "menu" => "list",
        "li" => "listitem",
        "nav" => "navigation",
        "main" => "main",
        "aside" => "complementary",
        "header" => "banner",
        "footer" => "contentinfo",
        "form" if named() || e.attr("name").is_some() => "form",
        "section" if named() => "region",
        "fieldset" => "group",
        "dialog" => "dialog",
        "img" if e.attr("alt") != Some("") => "img",
        "table" => "table",
        "tr" => "row",
        "td" => "cell",
        "th" => "columnheader",
        "p" => "paragraph",
        "progress" => "progressbar",
        "hr" => "separator",
        "article" => "article",
        _ => return None,
    };
    Some(role)
}

fn input_role(kind: &str) -> Option<&'static str> {
    Some(match kind.to_ascii_lowercase().as_str() {
        "button" | "submit" | "reset" | "image" => "button",
        "checkbox" => "checkbox",
        "radio" => "radio",
        "search" => "searchbox",
        "number" => "spinbutton",
        "range" => "slider",
        "text" | "email" | "tel" | "url" | "" => "textbox",
        _ => return None,
    })
}
