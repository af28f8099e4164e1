//! `align-testkit`: what align's tests, benchmarks and fuzz targets share — workspaces
//! generated at any size ([`generate`]), random valid workspaces in every style a person
//! writes with random edit sessions over them and the checker of every write-path promise
//! ([`workspaces`]), the guard that every file of an integration-test binary is part of
//! it ([`test_layout`]), and (with the `reference` feature) the loader checked against
//! the one it replaced (`differential`). Not published: it exists so no test reaches
//! into another's files.

#![forbid(unsafe_code)]

#[cfg(feature = "reference")]
pub mod differential;
pub mod generate;
pub mod organisation;
pub mod test_layout;
pub mod workspaces;

use std::path::PathBuf;

use align_core::model::Workspace;

/// A one-file workspace (`align.toml`) from its text: panics when it does not load.
pub fn load_text(text: &str) -> Workspace {
    let path = PathBuf::from("align.toml");
    align_core::load::load_sources(&path, vec![(path.clone(), text.as_bytes().to_vec())])
        .map(|l| l.workspace)
        .unwrap_or_else(|e| panic!("{e:?}"))
}
