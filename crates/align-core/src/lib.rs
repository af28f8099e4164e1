//! `align-core`: the domain of align — is what we are doing moving what matters?
//!
//! The workspace model, loading and validation, scoring, the strategy-vs-task comparison,
//! edits with byte-exact write-back, the safe save path and the session that owns a loaded
//! workspace, with no terminal code: the command line, the board and the tests share this
//! one truth. Nothing here prints; every operation returns a value or an error.

#![forbid(unsafe_code)]

pub mod checkins;
pub(crate) mod chunks;
pub mod compare;
pub(crate) mod cores;
pub mod depends;
pub mod diag;
pub mod edit;
pub mod history;
pub mod import;
pub mod insights;
pub mod load;
pub mod model;
pub mod number;
pub mod org;
pub mod quarter;
pub mod query;
pub mod schema;
pub mod scoring;
pub(crate) mod search;
pub mod session;
pub mod sight;
pub mod store;
pub mod suggest;
pub mod text;
pub mod traction;
pub(crate) mod validate;

pub use diag::{Diagnostic, LoadError, Severity};
pub use load::{Loaded, load};
pub use model::{Goal, KeyResult, Lens, Link, Task, Workspace};
pub use scoring::{Class, Factor, Score, Scoreboard, Scorer, score_workspace};
