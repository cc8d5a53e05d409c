//! When things go wrong: the one console error, and the panic hook that
//! removes the overlay and takes the widget's listeners off the page, so a
//! bug in the widget never breaks the host page.

use lotse_core::strings::concat;

/// Logs one error to the console, prefixed with `Lotse:`.
pub fn log_error(message: &str) {
    web_sys::console::error_1(&concat(&["Lotse: ", message]).into());
}

/// Logs one error made of `parts` (no `format!`: its machinery would be
/// in the wasm for these lines alone).
pub fn log_parts(parts: &[&str]) {
    log_error(&concat(parts));
}

/// After a panic nothing of the widget can be trusted: remove the overlay
/// and say so once. Installed once; a hook the page's other wasm set up
/// (or a test harness) still runs, ours only adds the clean-up.
///
/// A release build with `-Cpanic=immediate-abort` (scripts/build-widget.sh,
/// Debian route) never runs a hook: a panic traps at once and the loader
/// cleans up. There the hook, and the panic message formatting it needs,
/// is left out.
#[cfg(panic = "immediate-abort")]
pub fn install_panic_hook() {}

/// See the other `install_panic_hook`.
#[cfg(not(panic = "immediate-abort"))]
pub fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // std's default hook writes to stderr, which goes nowhere in a
        // browser: the console sees our one line.
        let previous = std::panic::take_hook();
        // Through Yew: its renderer replaces any hook not set this way.
        yew::set_custom_panic_hook(Box::new(move |info| {
            crate::host::remove_all();
            detach_after_panic();
            log_error(&format!("internal error, guide stopped ({info})"));
            mark_failed();
            previous(info);
        }));
    });
}

/// Tells the loader (`Lotse.failed`) that the panic was reported, so its
/// guard for trapping builds does not report the trap that follows again.
#[cfg(not(panic = "immediate-abort"))]
fn mark_failed() {
    let lotse = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"Lotse".into()).ok())
        .filter(|l| l.is_object());
    if let Some(lotse) = lotse {
        let _ = js_sys::Reflect::set(&lotse, &"failed".into(), &true.into());
    }
}

/// Takes the running session's listeners, observers and timers off the
/// page so nothing calls into the broken module again. Only `try_` borrows
/// (the panic may have happened inside one), and the session is leaked,
/// not dropped: no destructor may run (and panic again) inside the hook.
#[cfg(not(panic = "immediate-abort"))]
fn detach_after_panic() {
    if let Some(session) = crate::session::take_current() {
        session.detach();
        std::mem::forget(session);
    }
}
