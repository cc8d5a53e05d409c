//! The spotlight: one element whose huge shadow dims the page around a hole
//! over the target. Its hole is positioned by `crate::position`.

use yew::prelude::*;

/// The spotlight's props.
#[derive(Properties, PartialEq, Clone, Copy)]
pub struct SpotlightProps {
    /// The step's `spotlight.blockTarget`: the hole catches clicks, so the
    /// target cannot be used while the step explains it.
    pub block: bool,
}

/// The dimmed page with a hole over the target.
#[function_component]
pub fn Spotlight(props: &SpotlightProps) -> Html {
    let block = props.block.then_some("");
    html! { <div class="lotse-spotlight" aria-hidden="true" data-block={block}></div> }
}
