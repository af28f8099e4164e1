//! Searching a text for a few bytes, the way that suits the text's size. memchr's
//! vectorised searches ask the processor which instructions it has the first time one
//! is made (`cpuid`, once per process), and on a virtual machine each such question
//! traps to the hypervisor: about 75 µs in all, measured, more than finding a small
//! file's pieces and conflict markers takes. Texts under [`VECTORISED_FROM`] bytes are
//! searched with memchr's portable Two-Way, which asks nothing but reads about 0.6 µs a
//! kilobyte against the vectorised 0.2; from about 190 KB the question pays for itself.

use memchr::arch::all::twoway;
use memchr::memmem;

/// Texts at least this long are searched with the vectorised search: a 46 KB file of
/// 300 tasks is searched in about 30 µs without it, a 157 KB file of 1,000 tasks about as
/// fast either way.
pub(crate) const VECTORISED_FROM: usize = 128 * 1024;

/// A search for one needle, made for texts of about one length. Made a few times a file
/// and kept on the stack, so the larger variant is not boxed.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Finder<'n> {
    Vectorised(memmem::Finder<'n>),
    Portable(twoway::Finder, &'n [u8]),
}

impl<'n> Finder<'n> {
    /// A search for `needle` (not empty) in texts of about `len` bytes.
    pub(crate) fn new(needle: &'n [u8], len: usize) -> Self {
        if len >= VECTORISED_FROM {
            Finder::Vectorised(memmem::Finder::new(needle))
        } else {
            Finder::Portable(twoway::Finder::new(needle), needle)
        }
    }

    /// Where the needle first occurs in `haystack`.
    pub(crate) fn find(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            Finder::Vectorised(finder) => finder.find(haystack),
            Finder::Portable(finder, needle) => finder.find(haystack, needle),
        }
    }

    /// Where each occurrence in `haystack` starts, none overlapping the one before it.
    pub(crate) fn find_iter<'h>(&'h self, haystack: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
        let step = match self {
            Finder::Vectorised(finder) => finder.needle().len(),
            Finder::Portable(_, needle) => needle.len(),
        }
        .max(1);
        let mut from = 0;
        std::iter::from_fn(move || {
            let found = from + self.find(haystack.get(from..)?)?;
            from = found + step;
            Some(found)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Finder, VECTORISED_FROM};
    use proptest::prelude::*;

    proptest! {
        /// Both ways of searching find the same places, and the places a plain
        /// left-to-right search finds.
        #[test]
        fn both_ways_find_the_same_places(
            haystack in proptest::collection::vec(prop_oneof![Just(b'\n'), Just(b'['), Just(b'<'), Just(b'a')], 0..300),
            needle in proptest::collection::vec(prop_oneof![Just(b'\n'), Just(b'['), Just(b'<'), Just(b'a')], 1..5),
        ) {
            let portable: Vec<usize> = Finder::new(&needle, 0).find_iter(&haystack).collect();
            let vectorised: Vec<usize> =
                Finder::new(&needle, VECTORISED_FROM).find_iter(&haystack).collect();
            let mut plain = Vec::new();
            let mut at = 0;
            while at + needle.len() <= haystack.len() {
                if haystack[at..].starts_with(&needle) {
                    plain.push(at);
                    at += needle.len();
                } else {
                    at += 1;
                }
            }
            prop_assert!(matches!(Finder::new(&needle, 0), Finder::Portable(..)));
            prop_assert!(matches!(Finder::new(&needle, VECTORISED_FROM), Finder::Vectorised(_)));
            prop_assert_eq!(&portable, &plain);
            prop_assert_eq!(&vectorised, &plain);
        }
    }
}
