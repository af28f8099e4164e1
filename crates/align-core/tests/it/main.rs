//! The domain's integration tests, one binary: property tests of the edit path and of
//! scoring on generated workspaces, and the regressions they found; the loader against
//! the one it replaced, and its TOML layer against the toml-test suite.

mod cascade_props;
mod edit_props;
mod edit_regressions;
mod insights_props;
mod load_differential;
mod scoring_props;
mod session_props;
mod time_props;
mod toml_test;
mod unblocks_props;

/// A test file that no `mod` line above names is never compiled, and its tests never run.
#[test]
fn every_test_file_is_part_of_the_binary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let undeclared = align_testkit::test_layout::undeclared_test_files(&dir);
    assert!(
        undeclared.is_empty(),
        "not part of the test binary (add a `mod` line for each): {undeclared:#?}"
    );
}
