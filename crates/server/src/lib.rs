//! The Lotse server library.
