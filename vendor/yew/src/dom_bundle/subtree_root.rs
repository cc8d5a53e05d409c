//! Per-subtree state of apps
//!
//! LOTSE: with event listeners added to each element (`btag/listeners.rs`)
//! there is no per-app state left: no delegation listeners on the host, no
//! listener registry, no subtree ids branded onto elements and events, no
//! bubbling re-implemented across portals. `BSubtree` stays as an empty
//! token so the reconciler's signatures are Yew's.

use web_sys::EventTarget as HtmlEventTarget;

/// The root of a tree Yew controls (an app's host, or a portal's).
#[derive(Debug, Clone)]
pub struct BSubtree(());

/// LOTSE: kept for API compatibility; events always bubble natively now.
#[cfg(feature = "csr")]
pub fn set_event_bubbling(_bubble: bool) {}

impl BSubtree {
    /// Create a bundle root at the specified host element
    pub fn create_root(_host_element: &HtmlEventTarget) -> Self {
        BSubtree(())
    }
}
