//! The demo funnel's shape: per step, how often visitors give up, how often
//! the target is missing and how long they stay. Steps not listed give up
//! 5% and stay 8 s.

use crate::event::Reason;

/// The abandonment outcomes, in the order of their weights in the
/// generator (30, 10, 7, 10, 18, 25 of 100): `Left` means the visitor went
/// silent and nothing is sent. (`Stopped` is the demo pages' never: they do
/// not call `Lotse.stop()`.)
pub const ABANDON_REASONS: [Reason; 6] = [
    Reason::CloseButton,
    Reason::Esc,
    Reason::OverlayClick,
    Reason::IdleTimeout,
    Reason::NavigateAway,
    Reason::Left,
];

/// Chance that a visitor on step `step` of `guide` gives up there (before
/// the device factor: mobile x1.3, desktop x0.75). `earlier` is the
/// replaced version of the tariff switch, whose bank step lost more.
pub fn drop_at(guide: &str, step: &str, earlier: bool) -> f64 {
    match (guide, step) {
        ("tariff-switch", "iban") if earlier => 0.26,
        ("tariff-switch", "iban") => 0.08,
        ("tariff-switch", "intro") => 0.07,
        ("tariff-switch", "postcode" | "consumption") => 0.05,
        ("tariff-switch", "calculate" | "tariffs" | "review" | "mandate") => 0.03,
        ("tariff-switch", "choose") => 0.08,
        ("tariff-switch", "details") => 0.07,
        ("tariff-switch", "confirm") => 0.05,
        ("meter-reading", "meter-number") => 0.12,
        ("meter-reading", "meter-type") => 0.02,
        ("meter-reading", "reading") => 0.07,
        ("meter-reading", "reading-date" | "send") => 0.03,
        ("demo", "welcome") => 0.22,
        ("demo", "tariffs") => 0.08,
        ("demo", "meter") => 0.04,
        (_, "done" | "received") => 0.0,
        _ => 0.05,
    }
}

/// Chance that the target of `step` never appears (the run then ends with
/// `step_failed` / `target_missing`): the tariff list loads late and
/// sometimes not within the step's wait.
pub fn missing_at(guide: &str, step: &str) -> f64 {
    match (guide, step) {
        ("tariff-switch", "tariffs") => 0.03,
        _ => 0.0,
    }
}

/// Median time on `step` in ms.
pub fn dwell_at(guide: &str, step: &str, earlier: bool) -> u32 {
    match (guide, step) {
        ("tariff-switch", "iban") if earlier => 42_000,
        ("tariff-switch", "iban") => 28_000,
        ("tariff-switch", "intro") => 6_000,
        ("tariff-switch", "postcode") => 9_000,
        ("tariff-switch", "consumption") => 12_000,
        ("tariff-switch", "calculate") => 3_000,
        ("tariff-switch", "tariffs") => 15_000,
        ("tariff-switch", "choose") => 20_000,
        ("tariff-switch", "details") => 45_000,
        ("tariff-switch", "mandate") => 5_000,
        ("tariff-switch", "review") => 20_000,
        ("tariff-switch", "confirm") => 8_000,
        ("meter-reading", "meter-number") => 15_000,
        ("meter-reading", "reading") => 14_000,
        ("meter-reading", "reading-date") => 5_000,
        (_, "done" | "received") => 4_000,
        ("demo", _) | ("meter-reading", _) => 4_000,
        _ => 8_000,
    }
}
