//! Entities: names of people, places, organisations, found in the token list.
//!
//! This first version matches the shipped place gazetteer ([`crate::lexicon::places`]):
//! names of one or more words, the first of which may carry proclitics (وروسيا، بموسكو،
//! للولايات المتحدة). The span covers the name alone, never the attached و ف ب ل ك.

mod gazetteer;

use crate::analysis::{Entity, Token};

/// Entities in the token list, in text order, not overlapping. Byte offsets.
pub fn find(text: &str, tokens: &[Token]) -> Vec<Entity> {
    gazetteer::places(text, tokens)
}
