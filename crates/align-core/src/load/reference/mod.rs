//! The loader as it was before [`super::doc`]: each file parsed into `toml`'s `DeTable`
//! and walked with a reader over it. Kept only to check the loader against — the
//! differential tests and the `load` fuzz target load every input with both and compare
//! the models and the messages — and compiled only for them (`cfg(test)` or the
//! `reference-loader` feature).

mod document;
mod goal;
mod pieces;
mod schema;
mod task;

use std::path::{Path, PathBuf};

use super::{Loaded, load_with};
use crate::diag::LoadError;

/// [`super::load_sources`], reading each file with the reference loader.
pub fn load_sources(root: &Path, sources: Vec<(PathBuf, Vec<u8>)>) -> Result<Loaded, LoadError> {
    let chain = [crate::load::upstream::canonical(root)];
    load_with(root, sources, &chain, document::read_file)
}
