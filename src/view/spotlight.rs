//! The spotlight: one element whose huge shadow dims the page around a hole
//! over the target. Its hole is positioned by `crate::position`.

use yew::prelude::*;

/// The dimmed page with a hole over the target.
#[function_component]
pub fn Spotlight() -> Html {
    html! { <div class="lotse-spotlight" aria-hidden="true"></div> }
}
