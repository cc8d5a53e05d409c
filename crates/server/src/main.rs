//! The `lotse` binary.
fn main() {}
