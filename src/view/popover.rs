//! The step's popover: a labelled dialog with title, body (safe markup),
//! progress and the Back / Next (Done) / Close buttons.

use yew::prelude::*;

use super::body::Body;
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

/// What the popover shows.
#[derive(Properties, PartialEq, Clone)]
pub struct PopoverProps {
    /// The step's id (`data-step`).
    pub step_id: String,
    /// The title, in the visitor's language.
    pub title: String,
    /// The body in Lotse's safe markup.
    pub body: String,
    /// "Step 2 of 3".
    pub progress: String,
    /// The first step: no Back button.
    pub first: bool,
    /// The last step: Next says Done.
    pub last: bool,
    /// Button labels.
    pub labels: &'static Labels,
    /// Called with the button pressed.
    pub on_action: Callback<Action>,
}

/// The popover next to the target.
#[function_component]
pub fn Popover(props: &PopoverProps) -> Html {
    let button = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action))
    };
    let labels = props.labels;
    html! {
        <div class="lotse-popover" role="dialog" aria-modal="false" tabindex="-1"
            aria-labelledby="lotse-title" aria-describedby="lotse-body"
            data-step={props.step_id.clone()}>
            <div class="lotse-arrow" aria-hidden="true"></div>
            <button type="button" data-action="close" aria-label={labels.close}
                title={labels.close} onclick={button(Action::Close)}>{"×"}</button>
            <h2 class="lotse-title" id="lotse-title">{&props.title}</h2>
            <Body source={props.body.clone()} />
            <div class="lotse-footer">
                <span class="lotse-progress" aria-live="polite">{&props.progress}</span>
                if !props.first {
                    <button type="button" data-action="back" onclick={button(Action::Back)}>
                        {labels.back}
                    </button>
                }
                <button type="button" data-action="next" onclick={button(Action::Next)}>
                    {if props.last { labels.done } else { labels.next }}
                </button>
            </div>
        </div>
    }
}
