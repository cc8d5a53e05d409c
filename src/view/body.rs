//! A step body: the core's safe markup turned into Yew nodes. Text is
//! always text (never parsed as HTML); links are only http(s) or relative.

use lotse_core::markup::{self, Block, Inline};
use yew::prelude::*;

/// Props: the body source in the visitor's language.
#[derive(Properties, PartialEq, Clone)]
pub struct BodyProps {
    /// The markup source.
    pub source: String,
}

/// The body of the popover (`.lotse-body`).
#[function_component]
pub fn Body(props: &BodyProps) -> Html {
    let parsed = markup::parse(&props.source);
    let blocks = parsed.blocks.iter().map(|block| match block {
        Block::Paragraph(inlines) => html! { <p>{ inline(inlines) }</p> },
        Block::List(items) => html! {
            <ul>{ for items.iter().map(|item| html! { <li>{ inline(item) }</li> }) }</ul>
        },
    });
    html! { <div class="lotse-body" id="lotse-body">{ for blocks }</div> }
}

fn inline(nodes: &[Inline]) -> Html {
    nodes
        .iter()
        .map(|node| match node {
            Inline::Text(text) => html! { {text.clone()} },
            Inline::Strong(children) => html! { <strong>{ inline(children) }</strong> },
            Inline::Em(children) => html! { <em>{ inline(children) }</em> },
            Inline::Code(text) => html! { <code>{text.clone()}</code> },
            Inline::Link { href, children } => html! {
                <a href={href.clone()} rel="noopener">{ inline(children) }</a>
            },
        })
        .collect()
}
