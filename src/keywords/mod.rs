//! Keywords: what the text is about.
//!
//! 1. [`words`]: each word token's clean key and stem, attached clitics removed (the
//!    segmenter's cut, plus a fallback for و/ف/ب/ل/ك before words this text also has alone).
//!    What depends on the form alone is worked out once per lexeme and kept ([`lexemes`]).
//! 2. [`stopwords`]: function words are dropped by their matching keys, also behind clitics.
//! 3. Single words group by stem (روسيا، وروسيا، بروسيا → one keyword); [`forms`] picks the form
//!    to show and lists the variants.
//! 4. [`phrases`]: multi-word keywords from strongly associated n-grams; a word found almost
//!    only inside accepted phrases is not listed again on its own.
//! 5. [`keyness`]: every keyword is scored against general Arabic; [`blend`] weighs that
//!    rarity with where the keyword first appears, its count and spread and whether names hold
//!    it. `ranking` chooses the blend (the default), keyness alone or the raw count.
//!
//! Offsets are bytes here; [`crate::offsets`] converts them with the rest of the result.

pub mod blend;
pub mod forms;
mod hash;
pub mod keyness;
pub mod lexemes;
pub mod phrases;
mod rank;
pub mod words;

pub use rank::rank;

use crate::analysis::{Keyword, Options};
use crate::pipeline::Doc;
use std::borrow::Cow;
use std::collections::HashSet;
use crate::lexicon::stopwords::Stopwords;
use words::Word;

/// The stopword keys in force for `options` (exact keys; see [`Stopwords`] for matching behind
/// clitics).
pub fn stopword_keys(options: &Options) -> HashSet<String> {
    stopwords(options).keys()
}

/// Where the keywords' text comes from: the analyzed text itself, or what a stream keeps of
/// it (`crate::stream`).
pub trait Source {
    /// The text from byte `start` to byte `end` (char boundaries; never across a line break).
    fn slice(&self, start: u32, end: u32) -> Cow<'_, str>;
}

impl Source for str {
    fn slice(&self, start: u32, end: u32) -> Cow<'_, str> {
        Cow::Borrowed(&self[start as usize..end as usize])
    }
}

/// Does this word's base read ل… where its key reads ال… (an article that lost its alef after
/// the preposition ل)?
fn lost_alef<S: Source + ?Sized>(text: &S, key: &str, w: &Word) -> bool {
    key.starts_with("ال") && text.slice(w.start, w.end).starts_with('ل')
}

/// The written base of a word as the keyword shows it: its free form when the enclitic changed
/// its last letter (see [`words::free_form`]).
fn written<'t, S: Source + ?Sized>(text: &'t S, w: &Word) -> Cow<'t, str> {
    let raw = text.slice(w.start, w.base_end);
    match w.restored {
        None => raw,
        Some(c) => {
            use crate::text::chars::{is_arabic_mark, is_invisible};
            let at = raw.char_indices().rev().find(|&(_, d)| !is_arabic_mark(d) && !is_invisible(d)).map_or(raw.len(), |(i, _)| i);
            Cow::Owned(format!("{}{c}", &raw[..at]))
        }
    }
}

/// Does general Arabic know the whole key at least as well as the key without its first
/// letter? (Then that letter is no clitic: see [`words::words`].)
pub fn known_better(whole: &str, rest: &str) -> bool {
    match (keyness::zipf(whole), keyness::zipf(rest)) {
        (Some(a), Some(b)) => a >= b,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The stopwords in force for `options`: the shipped list with the reader's edits.
pub fn stopwords(options: &Options) -> Stopwords {
    Stopwords::new(&options.stopwords_add, &options.stopwords_remove)
}

/// A found name's mention as keywords see it: its byte span and its entity group (the
/// mentions of one name share it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    pub start: u32,
    pub end: u32,
    pub group: u32,
}

/// The names of `entities` (byte offsets), grouped as `groups` say, in text order.
pub fn names(entities: &[crate::analysis::Entity], groups: &[crate::analysis::EntityGroup]) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::with_capacity(entities.len());
    for (g, group) in groups.iter().enumerate() {
        for &m in &group.mentions {
            let e = &entities[m as usize];
            out.push(Name { start: e.start, end: e.end, group: g as u32 });
        }
    }
    out.sort_by_key(|n| (n.start, n.end));
    out
}

/// Ranked keywords of a [`Doc`], given its found names ([`names`]). Byte offsets.
pub fn extract(doc: &Doc, names: &[Name], options: &Options) -> Vec<Keyword> {
    let starts = sentence_starts(doc.tokens.len(), doc.sentences.general.iter().map(|s| s.0 as usize));
    lexemes::with_store(|store| {
        let view = words::words(&doc.tokens, &stopwords(options), &known_better, store);
        rank(doc.text, &view, &starts, names, options)
    })
}

/// Which of `tokens` tokens begin a sentence, from the first tokens of the sentences.
pub fn sentence_starts(tokens: usize, firsts: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut starts = vec![false; tokens];
    for i in firsts {
        starts[i] = true;
    }
    starts
}
