//! Which runs a report counts. The store pushes the filter into its query;
//! a run counts when any of its events matches every given condition, and
//! then with all its events (so a run that crosses midnight or pages is
//! never cut in half).

use crate::event::Device;

/// Conditions on the runs a report counts; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only runs of this guide version.
    pub version: Option<u32>,
    /// Only runs with an event at or after this time (ms since the epoch,
    /// client time).
    pub from_ms: Option<i64>,
    /// Only runs with an event before this time (ms since the epoch).
    pub to_ms: Option<i64>,
    /// Only runs in this locale: `de` matches `de` and `de-DE`, `de-DE`
    /// only `de-DE`.
    pub locale: Option<String>,
    /// Only runs on this device class.
    pub device: Option<Device>,
    /// Only runs that showed a step on this URL path.
    pub path: Option<String>,
    /// Only events sent for this site key (tokens bound to a site).
    pub site: Option<String>,
}

impl Filter {
    /// Whether any condition on single events is set (the version and the
    /// site are conditions on every event and cheap to check).
    pub fn narrows_runs(&self) -> bool {
        self.from_ms.is_some()
            || self.to_ms.is_some()
            || self.locale.is_some()
            || self.device.is_some()
            || self.path.is_some()
    }
}
