//! The files align ships inside its binary: the demo workspace that `align demo` opens
//! and the commented starter that `align init` writes.

/// A realistic sample workspace showing every class of task.
pub const DEMO: &str = include_str!("../assets/demo.toml");

/// The commented starter written by `align init`.
pub const STARTER: &str = include_str!("../assets/starter.toml");
