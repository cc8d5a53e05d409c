//! Drop-off numbers computed from events.
//! (Being written: see ARCHITECTURE.md.)
