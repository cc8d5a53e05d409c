//! A step body: the core's safe markup turned into Yew nodes. Text is
//! always text (never parsed as HTML); links are only http(s) or relative.
//! An element whose only content is one text gets it as its `textContent`
//! property instead of a Yew text node (see `super::popover`); text between
//! elements stays a text node.

use lotse_core::markup::{self, Block, Inline};
use yew::prelude::*;

/// A `$tag` element holding the inlines `$nodes`: as its `textContent`
/// when they are exactly one text. (A macro: a dynamic `<@{tag}>` would
/// add about 170 bytes gzip of tag checks to the wasm.)
macro_rules! holding {
    ($tag:ident, $nodes:expr) => {
        match only_text($nodes) {
            Some(text) => html! { <$tag ~textContent={text}></$tag> },
            None => html! { <$tag>{ inline($nodes) }</$tag> },
        }
    };
}

/// The body of the popover (`.lotse-body`) for the markup `source` of step
/// `step`. Keyed by the step: another step's body replaces it instead of
/// being diffed into it, so no element goes from `textContent` to child
/// nodes or back (setting `textContent` would remove children Yew still
/// tracks).
pub fn body(step: &str, source: &str) -> Html {
    let parsed = markup::parse(source);
    let mut blocks = Vec::with_capacity(parsed.blocks.len());
    for block in &parsed.blocks {
        blocks.push(match block {
            Block::Paragraph(inlines) => holding!(p, inlines),
            Block::List(items) => {
                let mut lis = Vec::with_capacity(items.len());
                for item in items {
                    lis.push(holding!(li, item));
                }
                html! { <ul>{ lis }</ul> }
            }
        });
    }
    html! { <div class="lotse-body" id="lotse-body" key={step}>{ blocks }</div> }
}

/// The text of `nodes` when they are exactly one text.
fn only_text(nodes: &[Inline]) -> Option<&str> {
    match nodes {
        [Inline::Text(text)] => Some(text),
        _ => None,
    }
}

fn inline(nodes: &[Inline]) -> Html {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        out.push(match node {
            Inline::Text(text) => Html::from(text.clone()),
            Inline::Strong(children) => holding!(strong, children),
            Inline::Em(children) => holding!(em, children),
            Inline::Code(text) => html! { <code ~textContent={text.as_str()}></code> },
            Inline::Link { href, children } => match only_text(children) {
                Some(text) => html! {
                    <a href={href.clone()} rel="noopener" ~textContent={text}></a>
                },
                None => html! {
                    <a href={href.clone()} rel="noopener">{ inline(children) }</a>
                },
            },
        });
    }
    html! { <>{ out }</> }
}
