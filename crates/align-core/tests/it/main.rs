//! The domain's integration tests, one binary: property tests of the edit path and of
//! scoring on generated workspaces, and the regressions they found; the loader against
//! the one it replaced, and its TOML layer against the toml-test suite.

mod edit_props;
mod edit_regressions;
mod load_differential;
mod scoring_props;
mod toml_test;
