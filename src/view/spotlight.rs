//! The spotlight: one element whose huge shadow dims the page around a hole
//! over the target. Its hole is positioned by `crate::position`.

use yew::prelude::*;

/// The dimmed page with a hole over the target. `block` is the step's
/// `spotlight.blockTarget`: the hole catches clicks, so the target cannot be
/// used while the step explains it.
pub fn spotlight(block: bool) -> Html {
    let block = block.then_some("");
    html! { <div class="lotse-spotlight" aria-hidden="true" data-block={block}></div> }
}
