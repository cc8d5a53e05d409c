//! The small, safe markup of step bodies, parsed into a tree that the widget
//! turns into DOM nodes (never into HTML, so `<script>` stays text).
//!
//! - Paragraphs are separated by blank lines; lines within one are joined
//!   with a space.
//! - Lines starting with `- ` are list items; a following line that does not
//!   start with `- ` continues the item.
//! - `**bold**`, `*italic*`, `` `code` ``, `[text](url)` inline; a backslash
//!   makes the next punctuation character plain (`\*`).
//! - Links only to `http:`/`https:` or relative URLs (`/path`, `page.html`,
//!   `#anchor`); any other link keeps its text and loses the link, and is
//!   listed in [`Markup::rejected_links`] so validation can report it.

/// A parsed body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Markup {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// Link targets that were not allowed (e.g. `javascript:...`).
    pub rejected_links: Vec<String>,
}

/// A block of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A bulleted list; each item is inline content.
    List(Vec<Vec<Inline>>),
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text, shown as is (also `<`, `>` and `&`).
    Text(String),
    /// `**bold**`.
    Strong(Vec<Inline>),
    /// `*italic*`.
    Em(Vec<Inline>),
    /// `` `code` ``.
    Code(String),
    /// `[text](href)`, `href` being http(s) or relative.
    Link {
        /// The link target, checked by [`is_safe_href`].
        href: String,
        /// The link text.
        children: Vec<Inline>,
    },
}

/// Parses a body.
pub fn parse(source: &str) -> Markup {
    let mut markup = Markup::default();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<&str>> = Vec::new();
    for line in source.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut markup, &mut paragraph, &mut items);
        } else if let Some(item) = line.strip_prefix("- ") {
            if !paragraph.is_empty() {
                flush(&mut markup, &mut paragraph, &mut items);
            }
            items.push(vec![item.trim_start()]);
        } else if let Some(item) = items.last_mut() {
            item.push(line);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut markup, &mut paragraph, &mut items);
    markup
}

fn flush<'a>(markup: &mut Markup, paragraph: &mut Vec<&'a str>, items: &mut Vec<Vec<&'a str>>) {
    if !paragraph.is_empty() {
        let content = inlines(
            &crate::strings::join(paragraph, " "),
            false,
            &mut markup.rejected_links,
        );
        markup.blocks.push(Block::Paragraph(content));
        paragraph.clear();
    }
    if !items.is_empty() {
        let list = items
            .drain(..)
            .map(|item| {
                inlines(
                    &crate::strings::join(&item, " "),
                    false,
                    &mut markup.rejected_links,
                )
            })
            .collect();
        markup.blocks.push(Block::List(list));
    }
}

/// Whether a link may point at `href`: http(s), protocol-relative, or a
/// relative URL without a scheme; no spaces or control characters (browsers
/// drop those, which would let `java\tscript:` through).
pub fn is_safe_href(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c <= ' ' || c == '\u{7f}') {
        return false;
    }
    let before_path = href.split(['/', '?', '#']).next().unwrap_or("");
    match before_path.split_once(':') {
        None => true,
        Some((scheme, _)) => {
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        }
    }
}

/// Inline content of `s`; `in_link` stops links from nesting.
fn inlines(s: &str, in_link: bool, rejected: &mut Vec<String>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let rest = &s[i..];
        let found = match c {
            '\\' => match rest[1..].chars().next() {
                Some(p) if p.is_ascii_punctuation() => {
                    text.push(p);
                    i += 2;
                    continue;
                }
                _ => None,
            },
            '`' => closing(rest, 1, "`")
                .map(|end| (vec![Inline::Code(rest[1..end].to_string())], end + 1)),
            '*' if rest.starts_with("**") => closing(rest, 2, "**")
                .filter(|&end| flanked(&rest[2..end]))
                .map(|end| {
                    (
                        vec![Inline::Strong(inlines(&rest[2..end], in_link, rejected))],
                        end + 2,
                    )
                }),
            '*' => closing(rest, 1, "*")
                .filter(|&end| flanked(&rest[1..end]))
                .map(|end| {
                    (
                        vec![Inline::Em(inlines(&rest[1..end], in_link, rejected))],
                        end + 1,
                    )
                }),
            '[' if !in_link => link(rest, rejected),
            _ => None,
        };
        match found {
            Some((nodes, used)) => {
                if !text.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut text)));
                }
                out.extend(nodes);
                i += used;
            }
            None => {
                let skip = if rest.starts_with("**") {
                    2
                } else {
                    c.len_utf8()
                };
                text.push_str(&rest[..skip]);
                i += skip;
            }
        }
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
    out
}

/// Byte offset in `s` (which starts with an opening marker of `open`
/// bytes) of the closing `marker`, if the content between is not empty.
fn closing(s: &str, open: usize, marker: &str) -> Option<usize> {
    crate::strings::find(&s[open..], marker)
        .map(|end| end + open)
        .filter(|&end| end > open)
}

/// Emphasis hugs its content: `*a*` is italic, `2 * 3 * 4` is not.
fn flanked(inner: &str) -> bool {
    !inner.is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
}

/// `[text](href)` at the start of `s`: the nodes it becomes (the link, or
/// only its text if the target is not allowed) and the bytes used.
fn link(s: &str, rejected: &mut Vec<String>) -> Option<(Vec<Inline>, usize)> {
    let close = s.find(']')?;
    let after = s[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let href = after[..end].trim();
    if close == 1 || href.is_empty() {
        return None;
    }
    let used = close + 2 + end + 1;
    let children = inlines(&s[1..close], true, rejected);
    if !is_safe_href(href) {
        rejected.push(href.to_string());
        return Some((children, used));
    }
    let href = href.to_string();
    Some((vec![Inline::Link { href, children }], used))
}

#[cfg(test)]
mod tests;
