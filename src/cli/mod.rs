//! Plumbing of the `kashif` command (not part of the library): reading input and writing output
//! in bounded memory.

pub mod corpus;
pub mod document;
pub mod lines;
