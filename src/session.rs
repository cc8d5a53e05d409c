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

/// Runs `f` on the running session, if any.
pub fn with_current(f: impl FnOnce(&Rc<Session>)) {
    if let Some(session) = CURRENT.with(|c| c.borrow().clone()) {
        f(&session);
    }
}

/// Logs one error to the console, prefixed with `Lotse:`.
pub fn log_error(message: &str) {
    web_sys::console::error_1(&format!("Lotse: {message}").into());
}

/// After a panic nothing of the widget can be trusted: remove the overlay
/// and say so once. Installed once; a hook the page's other wasm set up
/// (or a test harness) still runs, ours only adds the clean-up.
pub fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // std's default hook writes to stderr, which goes nowhere in a
        // browser: the console sees our one line.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            crate::host::remove_all();
            log_error(&format!("internal error, guide stopped ({info})"));
            previous(info);
        }));
    });
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
                log_error(&format!("could not load guide {}: {e}", config.guide_url));
                return;
            }
        },
    };
    let file = if config.guide_url.is_empty() {
        "guide"
    } else {
        &config.guide_url
    };
    let guide = match lotse_core::guide::load(file, &json) {
        Ok(loaded) => loaded.guide,
        Err(problems) => {
            log_error(&format!("invalid guide, not shown\n{}", problems.render()));
            return;
        }
    };
    let path = measure::path();
    // A run left on an earlier page continues (or waits for its page);
    // otherwise the start rules decide.
    let start = match effects::stored_progress(&guide) {
        Some((run, index)) => match runner::arrival(&guide, index, &path) {
            Some(input) => (run, input),
            None => return,
        },
        None if config.force || due(&guide, &path) => (analytics::random_id(), Input::Start),
        None => return,
    };
    if let Err(e) = begin(config, guide, start) {
        crate::host::remove_all();
        log_error(&format!(
            "could not start: {}",
            e.as_string().unwrap_or_default()
        ));
    }
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
    let host = Host::create()?;
    let session = Rc::new(Session {
        labels: Labels::for_locale(&locale),
        analytics: Client::new(&config),
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
