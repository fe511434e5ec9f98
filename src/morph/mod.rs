//! Morphology that needs the word-frequency lexicon ([`crate::lexicon::wordfreq`]): clitic
//! segmentation, light stemming and the finite-verb test.
//!
//! Why apart from [`crate::text`]: the text core is pure (characters, folding, normalization,
//! tokens, clitic readings, sentences) and imports nothing above it, so it can be read, tested
//! and changed alone; what here decides by how frequent a form is in general Arabic sits one
//! layer up, beside the lexicon it asks. `tests/layers.rs` checks the layering.

pub mod segment;
pub mod stem;
pub mod verbs;
