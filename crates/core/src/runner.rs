//! The guide runner: `(guide, state, input) -> (state, effects)`.
//! (Being written: see ARCHITECTURE.md.)
