//! The root component: renders the session's screen into the top layer and,
//! after each render, positions it and moves focus into the popover.

use std::rc::Rc;

use lotse_core::event::Reason;
use lotse_core::runner::Input;
use yew::prelude::*;

use super::popover::{Action, Popover};
use super::spotlight::Spotlight;
use crate::session::{Screen, Session};
use crate::{measure, paint, position};

/// The app's one prop: the running session.
#[derive(Properties, Clone)]
pub struct AppProps {
    /// The session this app shows.
    pub session: Rc<Session>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
    }
}

/// The overlay.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let session = props.session.clone();
    let screen = use_state(|| session.screen.get());
    {
        let session = session.clone();
        let setter = screen.setter();
        use_effect_with((), move |_| {
            *session.on_screen.borrow_mut() = Some(Callback::from(move |s| setter.set(s)));
            // The screen may have changed between the first render and now.
            if let Some(notify) = session.on_screen.borrow().as_ref() {
                notify.emit(session.screen.get());
            }
            if let Ok(Some(layer)) = session.host.shadow.query_selector(".lotse-layer") {
                paint::raise(&layer);
            }
        });
    }
    {
        let session = session.clone();
        use_effect_with(*screen, move |screen| {
            if let Screen::Step { .. } = screen {
                position::update(&session);
                // A visitor typing in a page field (whose input may just
                // have completed the step) keeps typing there.
                if !measure::typing_on_page(&session.host.element) {
                    if let Ok(Some(dialog)) = session.host.shadow.query_selector("[role=dialog]") {
                        paint::focus(&dialog);
                    }
                }
            }
        });
    }
    let on_action = {
        let session = session.clone();
        Callback::from(move |action: Action| {
            session.dispatch(match action {
                Action::Next => Input::Next,
                Action::Back => Input::Back,
                Action::Close => Input::Close(Reason::CloseButton),
            })
        })
    };
    let content = match *screen {
        Screen::Nothing => Html::default(),
        Screen::Step { index, .. } => match session.guide.steps.get(index) {
            Some(step) => {
                let count = session.guide.steps.len();
                let (locale, default) = (&session.locale, &session.guide.default_locale);
                html! {
                    <>
                        <Spotlight block={step.spotlight.block_target} />
                        <Popover
                            step_id={step.id.clone()}
                            title={step.title.resolve(locale, default).to_string()}
                            body={step.body.resolve(locale, default).to_string()}
                            progress={session.labels.progress(index, count)}
                            first={index == 0}
                            last={index + 1 == count}
                            labels={session.labels}
                            {on_action}
                        />
                    </>
                }
            }
            None => Html::default(),
        },
    };
    html! {
        <div class="lotse-layer" popover="manual">{content}</div>
    }
}
