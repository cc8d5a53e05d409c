//! This module provides suspense support.

//!
//! LOTSE: without the `<Suspense>` component (`component.rs`) and its
//! `VSuspense` node. A component whose render suspends keeps its last
//! rendered view until the suspension resumes (Yew panicked there when no
//! `<Suspense>` was above it, which is always the case now).

mod hooks;
mod suspension;

pub use hooks::*;
pub use suspension::{Suspension, SuspensionHandle, SuspensionResult};
