//! The words a file may use for a fixed set of values — lens, goal kind and status,
//! horizon, task status — each an enum that parses and prints exactly the spelling the file
//! uses, with the list of allowed words for error messages.

use std::fmt;

macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }
        impl $name {
            /// Every allowed value, as written in the file.
            pub const ALL: &'static [&'static str] = &[$($text),+];
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)+ _ => None }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

choice!(
    /// The scoring mindset: the seed's strategic alignment, or task completion for crunch time.
    Lens { Strategy = "strategy", Crunch = "crunch" }
);
choice!(GoalKind { Objective = "objective", Operational = "operational" });
choice!(GoalStatus { Active = "active", Paused = "paused", Achieved = "achieved", Missed = "missed", Dropped = "dropped" });
choice!(Horizon { Sprint = "sprint", Quarter = "quarter", Year = "year", MultiYear = "multi-year" });
choice!(TaskStatus { Todo = "todo", Doing = "doing", Done = "done", Dropped = "dropped" });

impl TaskStatus {
    /// Open work: what effort shares are computed over.
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Todo | TaskStatus::Doing)
    }
}
