//! The root component: renders the session's screen into the top layer and,
//! after each render, positions it and moves focus into the popover.
//!
//! Size: the overlay is one struct component; the popover, body and
//! spotlight are plain functions returning `Html`, so Yew's component
//! lifecycle and scheduler are instantiated once, and no hooks are used.

use std::rc::Rc;

use lotse_core::event::Reason;
use lotse_core::runner::Input;
use yew::prelude::*;

use super::popover::{popover, Action};
use super::spotlight::spotlight;
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

/// What the app receives: the screen to show, or a button pressed.
pub enum Msg {
    /// The session shows another screen.
    Show(Screen),
    /// A popover button was pressed.
    Act(Action),
}

/// The overlay.
pub struct App {
    screen: Screen,
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        App {
            screen: ctx.props().session.screen.get(),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Show(screen) => {
                let changed = screen != self.screen;
                self.screen = screen;
                changed
            }
            Msg::Act(action) => {
                ctx.props().session.dispatch(match action {
                    Action::Next => Input::Next,
                    Action::Back => Input::Back,
                    Action::Close => Input::Close(Reason::CloseButton),
                });
                false
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let session = &ctx.props().session;
        let content = match self.screen {
            Screen::Step { index, .. } => match session.guide.steps.get(index) {
                Some(step) => {
                    let count = session.guide.steps.len();
                    let (locale, default) = (&session.locale, &session.guide.default_locale);
                    let link = ctx.link();
                    html! {
                        <>
                            { spotlight(step.spotlight.block_target) }
                            { popover(
                                &step.id,
                                step.title.resolve(locale, default),
                                step.body.resolve(locale, default),
                                session.labels.progress(index, count),
                                (index == 0, index + 1 == count),
                                session.labels,
                                |action| link.callback(move |_: MouseEvent| Msg::Act(action)),
                            ) }
                        </>
                    }
                }
                None => Html::default(),
            },
            Screen::Nothing => Html::default(),
        };
        html! {
            <div class="lotse-layer" popover="manual">{content}</div>
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        let session = &ctx.props().session;
        if first_render {
            *session.on_screen.borrow_mut() = Some(ctx.link().callback(Msg::Show));
            // The screen may have changed between the first render and now.
            ctx.link().send_message(Msg::Show(session.screen.get()));
            if let Ok(Some(layer)) = session.host.shadow.query_selector(".lotse-layer") {
                paint::raise(&layer);
            }
        }
        if let Screen::Step { .. } = self.screen {
            position::update(session);
            // A visitor typing in a page field (whose input may just have
            // completed the step) keeps typing there.
            if !measure::typing_on_page(&session.host.element) {
                if let Ok(Some(dialog)) = session.host.shadow.query_selector("[role=dialog]") {
                    paint::focus(&dialog);
                }
            }
        }
    }
}
