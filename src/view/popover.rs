//! The step's popover: a labelled dialog with title, body (safe markup),
//! progress and the Back / Next (Done) / Close buttons.
//!
//! Texts are set as the elements' `textContent` property (`~textContent`),
//! not as Yew text nodes: a text node Yew makes is a JS wrapper, and the
//! first one makes the browser set up the `Text` and `CharacterData`
//! interfaces, about 4 KiB of JS heap on the visitor's page.

use yew::prelude::*;

use super::body::body;
use crate::labels::Labels;

/// What a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Next, or Done on the last step.
    Next,
    /// Back.
    Back,
    /// Close.
    Close,
}

/// The popover next to the target: step `id` (`data-step`), `title` and
/// `body` in the visitor's language, `progress` ("Step 2 of 3"), whether it
/// is the (first, last) step (no Back; Next says Done), the button labels,
/// and `button` making the click handler of each action.
pub fn popover(
    id: &str,
    title: &str,
    source: &str,
    progress: String,
    (first, last): (bool, bool),
    labels: &'static Labels,
    button: impl Fn(Action) -> Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="lotse-popover" role="dialog" aria-modal="false" tabindex="-1"
            aria-labelledby="lotse-title" aria-describedby="lotse-body"
            data-step={id.to_string()}>
            <div class="lotse-arrow" aria-hidden="true"></div>
            <button type="button" data-action="close" aria-label={labels.close}
                title={labels.close} onclick={button(Action::Close)} ~textContent="×"></button>
            <h2 class="lotse-title" id="lotse-title" ~textContent={title}></h2>
            { body(id, source) }
            <div class="lotse-footer">
                <span class="lotse-progress" aria-live="polite" ~textContent={progress}></span>
                if !first {
                    <button type="button" data-action="back" onclick={button(Action::Back)}
                        ~textContent={labels.back}></button>
                }
                <button type="button" data-action="next" onclick={button(Action::Next)}
                    ~textContent={if last { labels.done } else { labels.next }}></button>
            </div>
        </div>
    }
}
