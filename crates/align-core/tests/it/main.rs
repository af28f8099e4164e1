//! The domain's integration tests, one binary: property tests of the edit path and of
//! scoring on generated workspaces, and the regressions they found.

mod edit_props;
mod edit_regressions;
mod scoring_props;
mod session_props;
