//! `align`: is what we are doing moving what matters?
//!
//! The library holds the whole domain — the workspace model, loading and validation,
//! scoring, the strategy-vs-task comparison and byte-exact write-back — with no terminal
//! code, so the command line, the board and the tests share one truth.

pub mod assets;
pub mod check;
pub(crate) mod chunks;
pub mod compare;
pub mod config;
pub mod diag;
pub mod discover;
pub mod edit;
pub mod explain;
pub mod import;
pub mod insights;
pub mod load;
pub mod markdown;
pub mod model;
pub mod number;
pub mod output;
pub mod report;
pub(crate) mod schema;
pub mod scoring;
pub mod store;
pub mod suggest;
pub mod table;
pub(crate) mod validate;
pub mod writeback;

pub use diag::{Diagnostic, LoadError, Severity};
pub use load::{Loaded, load};
pub use model::{Goal, KeyResult, Lens, Link, Task, Workspace};
pub use scoring::{Class, Factor, Score, Scoreboard, Scorer, score_workspace};
