//! The text core: characters, letter folding, normalized forms, tokens, clitic readings and
//! sentences. Every function here is pure: text in, spans and strings out; nothing here
//! imports from above `text/` (`tests/layers.rs`). What needs the word-frequency lexicon
//! (clitic segmentation, stems, verbs) is in [`crate::morph`].

pub mod chars;
pub mod clitics;
pub mod fold;
pub mod normalize;
pub mod sentences;
pub mod tokenize;
