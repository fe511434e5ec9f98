//! The text core: characters, tokens, normalized forms, sentences, clitic segments and stems.
//! Every function here is pure: text in, spans and strings out.

pub mod chars;
pub mod clitics;
pub mod fold;
pub mod normalize;
pub mod segment;
pub mod sentences;
pub mod stem;
pub mod tokenize;
