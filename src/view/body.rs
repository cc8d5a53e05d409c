//! A step body: the core's safe markup turned into Yew nodes. Text is
//! always text (never parsed as HTML); links are only http(s) or relative.

use lotse_core::markup::{self, Block, Inline};
use yew::prelude::*;

/// The body of the popover (`.lotse-body`) for the markup `source`.
pub fn body(source: &str) -> Html {
    let parsed = markup::parse(source);
    let mut blocks = Vec::with_capacity(parsed.blocks.len());
    for block in &parsed.blocks {
        blocks.push(match block {
            Block::Paragraph(inlines) => html! { <p>{ inline(inlines) }</p> },
            Block::List(items) => {
                let mut lis = Vec::with_capacity(items.len());
                for item in items {
                    lis.push(html! { <li>{ inline(item) }</li> });
                }
                html! { <ul>{ lis }</ul> }
            }
        });
    }
    html! { <div class="lotse-body" id="lotse-body">{ blocks }</div> }
}

fn inline(nodes: &[Inline]) -> Html {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        out.push(match node {
            Inline::Text(text) => Html::from(text.clone()),
            Inline::Strong(children) => html! { <strong>{ inline(children) }</strong> },
            Inline::Em(children) => html! { <em>{ inline(children) }</em> },
            Inline::Code(text) => html! { <code>{text.clone()}</code> },
            Inline::Link { href, children } => html! {
                <a href={href.clone()} rel="noopener">{ inline(children) }</a>
            },
        });
    }
    html! { <>{ out }</> }
}
