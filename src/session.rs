//! One running guide: its validated guide, the runner state, and the input
//! trampoline that feeds the runner and hands each effect to
//! [`crate::effects`]. At most one session runs per page.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_events::EventListener;
use lotse_core::guide::{Frequency, Guide};
use lotse_core::runner::{self, Input};
use web_sys::Element;
use yew::{AppHandle, Callback};

use crate::analytics::{self, Client};
use crate::config::Config;
use crate::failure::log_parts;
use crate::host::Host;
use crate::labels::Labels;
use crate::view::App;
use crate::{effects, input, measure, seek};

/// What the overlay shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Nothing (before the first step, or while a target is sought).
    Nothing,
    /// Step `index`, centred or at its target.
    Step {
        /// The step shown.
        index: usize,
        /// Centred, without a spotlight.
        centred: bool,
    },
}

/// A running guide.
pub struct Session {
    /// The validated guide.
    pub guide: Guide,
    /// The visitor's locale.
    pub locale: String,
    /// UI strings for that locale.
    pub labels: &'static Labels,
    /// The random id of this run.
    pub run: String,
    /// Where events go.
    pub analytics: Rc<Client>,
    /// The overlay's host element.
    pub host: Host,
    /// What the overlay shows; the view follows it.
    pub screen: Cell<Screen>,
    /// Tells the view that `screen` changed (set once the app mounted).
    pub on_screen: RefCell<Option<Callback<Screen>>>,
    /// The current step's target element, once found.
    pub target: RefCell<Option<Element>>,
    /// The wait for a target in progress.
    pub seeker: RefCell<Option<seek::Seeker>>,
    /// Pending reposition, one per frame.
    pub frame: RefCell<Option<gloo_render::AnimationFrame>>,
    /// Where focus was before the guide took it.
    pub focus_before: Option<Element>,
    /// When the visitor's last activity was passed to the runner (ms).
    pub last_activity: Cell<f64>,
    idle: RefCell<Option<gloo_timers::callback::Interval>>,
    state: Cell<runner::State>,
    inbox: RefCell<VecDeque<Input>>,
    draining: Cell<bool>,
    listeners: RefCell<Vec<EventListener>>,
    advance: RefCell<Option<EventListener>>,
    resize: RefCell<Option<crate::position::Watch>>,
    app: RefCell<Option<AppHandle<App>>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Session>>> = const { RefCell::new(None) };
}

/// Takes the running session out without waiting on a borrow (for the
/// panic hook, which may run inside one).
#[cfg_attr(panic = "immediate-abort", allow(dead_code))]
pub(crate) fn take_current() -> Option<Rc<Session>> {
    CURRENT
        .try_with(|c| c.try_borrow_mut().ok().and_then(|mut c| c.take()))
        .ok()
        .flatten()
}

/// Runs `f` on the running session, if any.
pub fn with_current(f: impl FnOnce(&Rc<Session>)) {
    if let Some(session) = CURRENT.with(|c| c.borrow().clone()) {
        f(&session);
    }
}

/// Loads the guide and, if it is due on this page, starts it.
pub async fn launch(config: Config) {
    if CURRENT.with(|c| c.borrow().is_some()) {
        return;
    }
    let json = match &config.guide_json {
        Some(json) => json.clone(),
        None => match analytics::fetch_text(&config.guide_url).await {
            Ok(json) => json,
            Err(e) => {
                log_parts(&["could not load guide ", &config.guide_url, ": ", &e]);
                return;
            }
        },
    };
    // The lean load: the same guides as `lotse validate` accepts, but only
    // the first reason when not (the server validated it before serving).
    let guide = match lotse_core::guide::lean::load(&json) {
        Ok(guide) => guide,
        Err(refused) => {
            let file = if config.guide_url.is_empty() {
                "guide"
            } else {
                &config.guide_url
            };
            log_parts(&[
                "invalid guide ",
                file,
                ", not shown: ",
                &refused.0,
                " (run `lotse validate` for every problem)",
            ]);
            return;
        }
    };
    let path = measure::path();
    // A run left on an earlier page continues (or waits for its page);
    // otherwise the start rules decide.
    // A step asked for through the JavaScript API starts afresh there.
    let stored = match config.step {
        Some(_) => None,
        None => effects::stored_progress(&guide),
    };
    let start = match stored {
        Some((run, index)) => match runner::arrival(&guide, index, &path) {
            Some(input) => (run, input),
            None => return,
        },
        None if config.force || due(&guide, &path) => {
            let first = match config.step.as_deref().map(|s| step_index(&guide, s)) {
                None => Input::Start,
                Some(Some(index)) => Input::StartAt { index },
                Some(None) => {
                    log_parts(&[
                        "guide ",
                        &guide.id,
                        " has no step ",
                        config.step.as_deref().unwrap_or_default(),
                    ]);
                    return;
                }
            };
            (analytics::random_id(), first)
        }
        None => return,
    };
    if let Err(e) = begin(config, guide, start) {
        crate::host::remove_all();
        log_parts(&["could not start: ", &e.as_string().unwrap_or_default()]);
    }
}

/// The index of the step with id `step`, or of 0-based index `step`.
fn step_index(guide: &Guide, step: &str) -> Option<usize> {
    guide
        .steps
        .iter()
        .position(|s| s.id == step)
        .or_else(|| step.parse().ok().filter(|i| *i < guide.steps.len()))
}

/// Whether the guide's start rules say it starts on `path` now.
fn due(guide: &Guide, path: &str) -> bool {
    let start = &guide.start;
    let on_page = start.urls.is_empty() || start.urls.iter().any(|u| u.matches(path));
    let seen = match start.frequency {
        Frequency::Always => false,
        Frequency::Once | Frequency::Session => effects::seen(guide),
    };
    start.auto && on_page && !seen
}

fn begin(
    config: Config,
    guide: Guide,
    (run, first): (String, Input),
) -> Result<(), wasm_bindgen::JsValue> {
    let locale = config.locale.clone().unwrap_or_else(measure::page_locale);
    let host = Host::create(config.theme.as_deref())?;
    let session = Rc::new(Session {
        labels: Labels::for_locale(&locale),
        analytics: Client::for_page(&config),
        locale,
        run,
        host,
        guide,
        screen: Cell::new(Screen::Nothing),
        on_screen: RefCell::new(None),
        target: RefCell::new(None),
        seeker: RefCell::new(None),
        frame: RefCell::new(None),
        focus_before: measure::focused(),
        last_activity: Cell::new(0.0),
        idle: RefCell::new(None),
        state: Cell::new(runner::State::default()),
        inbox: RefCell::new(VecDeque::new()),
        draining: Cell::new(false),
        listeners: RefCell::new(Vec::new()),
        advance: RefCell::new(None),
        resize: RefCell::new(None),
        app: RefCell::new(None),
    });
    CURRENT.with(|c| *c.borrow_mut() = Some(session.clone()));
    *session.listeners.borrow_mut() = input::attach(&session);
    *session.idle.borrow_mut() = input::idle_clock(&session, config.idle_timeout_ms);
    let app = yew::Renderer::<App>::with_root_and_props(
        session.host.mount.clone(),
        crate::view::AppProps {
            session: session.clone(),
        },
    )
    .render();
    *session.app.borrow_mut() = Some(app);
    if measure::page_hidden() {
        session.dispatch(Input::PageHidden);
    }
    session.dispatch(first);
    Ok(())
}

impl Session {
    /// Feeds `input` to the runner and carries out its effects. Inputs that
    /// arrive while effects run (a target found at once) queue behind them.
    pub fn dispatch(self: &Rc<Self>, input: Input) {
        self.inbox.borrow_mut().push_back(input);
        if self.draining.replace(true) {
            return;
        }
        loop {
            let next = self.inbox.borrow_mut().pop_front();
            let Some(input) = next else { break };
            let now = js_sys::Date::now() as i64;
            let (state, effects) = runner::step(&self.guide, &self.state.get(), input, now);
            self.state.set(state);
            for effect in effects {
                effects::apply(self, effect, now);
            }
        }
        self.draining.set(false);
    }

    /// The runner's state now.
    pub fn state(&self) -> runner::State {
        self.state.get()
    }

    /// Replaces the current step's advance listener.
    pub fn set_advance(&self, listener: Option<EventListener>) {
        let old = self.advance.replace(listener);
        // The old one may be the listener running right now.
        wasm_bindgen_futures::spawn_local(async move { drop(old) });
    }

    /// Replaces the observer of the current target's size.
    pub fn set_resize_watch(&self, watch: Option<crate::position::Watch>) {
        let old = self.resize.replace(watch);
        wasm_bindgen_futures::spawn_local(async move { drop(old) });
    }

    /// Shows `screen` in the view.
    pub fn show(&self, screen: Screen) {
        self.screen.set(screen);
        if let Some(notify) = self.on_screen.borrow().as_ref() {
            notify.emit(screen);
        }
    }

    /// Takes every listener, observer and timer off the page at once, with
    /// `try_` borrows only (after a panic, one may be held).
    #[cfg_attr(panic = "immediate-abort", allow(dead_code))]
    pub fn detach(&self) {
        if let Ok(mut listeners) = self.listeners.try_borrow_mut() {
            listeners.clear();
        }
        if let Ok(mut idle) = self.idle.try_borrow_mut() {
            idle.take();
        }
        if let Ok(mut advance) = self.advance.try_borrow_mut() {
            advance.take();
        }
        if let Ok(mut seeker) = self.seeker.try_borrow_mut() {
            seeker.take();
        }
        if let Ok(mut resize) = self.resize.try_borrow_mut() {
            resize.take();
        }
    }

    /// Ends the session: removes the overlay at once, detaches every
    /// listener and unmounts the app right after the current event.
    pub fn teardown(self: &Rc<Self>) {
        self.host.remove();
        CURRENT.with(|c| c.borrow_mut().take());
        if let Some(element) = &self.focus_before {
            crate::paint::focus(element);
        }
        // Listeners and observers may be on the stack right now: drop them
        // after this event has been handled.
        let session = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            session.listeners.borrow_mut().clear();
            session.idle.borrow_mut().take();
            session.advance.borrow_mut().take();
            session.resize.borrow_mut().take();
            session.seeker.borrow_mut().take();
            session.frame.borrow_mut().take();
            session.on_screen.borrow_mut().take();
            session.target.borrow_mut().take();
            if let Some(app) = session.app.borrow_mut().take() {
                app.destroy();
            }
        });
    }
}
