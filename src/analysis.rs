//! `Analysis`, the one result type, and `Options`, the one options type.
//!
//! The CLI's JSON, the JS object returned by the wasm module and the page all show exactly this
//! structure. All `start`/`end` fields are UTF-16 code units into the analyzed text, end
//! exclusive, so that `text.slice(start, end)` in JavaScript is the span.

use crate::str::Str;
use crate::text::normalize::NormOptions;
use crate::text::tokenize::Kind;
use serde::{Deserialize, Serialize};

/// Options for [`crate::analyze`]. Every field has a default; unknown fields are an error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// How many keywords to return (0 = all).
    pub top_n: usize,
    /// A keyword must occur at least this often (phrases at least twice in any case).
    pub min_count: usize,
    /// How keywords are ordered: `blend` (the default: where a keyword first appears, how
    /// often and how widely, whether it is part of a name or phrase, how unusual it is in
    /// general Arabic; see `keywords::blend`), `keyness` (how much more often than in general
    /// Arabic, log-likelihood against wordfreq) or `frequency` (raw count).
    pub ranking: Ranking,
    /// Longest multi-word keyword, in words (2–4; 0 or 1 = single words only).
    pub max_ngram: usize,
    /// Extra stopwords (any spelling; matched by their keys).
    pub stopwords_add: Vec<String>,
    /// Shipped stopwords to ignore (any spelling).
    pub stopwords_remove: Vec<String>,
    /// The rules used for each token's `norm` (display form). Matching keys always use every rule.
    pub normalize: NormOptions,
    /// Return the token list. Turn off when only keywords, entities and statistics are needed:
    /// for long texts the tokens are most of the result (use the compact token path instead).
    pub tokens: bool,
    /// Find entities. (The `blend` ranking uses the names found: without entities, names count
    /// for nothing in it and a name's keywords are not merged.)
    pub entities: bool,
    /// Rank keywords.
    pub keywords: bool,
    /// Give each keyword the parts of its score (`Keyword::explain`).
    pub explain: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            top_n: 50,
            min_count: 1,
            ranking: Ranking::Blend,
            max_ngram: 4,
            stopwords_add: Vec::new(),
            stopwords_remove: Vec::new(),
            normalize: NormOptions::display(),
            tokens: true,
            entities: true,
            keywords: true,
            explain: false,
        }
    }
}

/// How keywords are ordered (see [`Options::ranking`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ranking {
    /// By a blend of position, count, spread, name and rarity (`keywords::blend`).
    #[default]
    Blend,
    /// By log-likelihood keyness against general Arabic.
    Keyness,
    /// By count.
    Frequency,
}

/// A half-open span of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// What part of its word a segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// و ف ب ل ك س before the base.
    Proclitic,
    /// The word itself.
    Base,
    /// A pronoun suffix after the base.
    Enclitic,
}

/// One syntactic word inside a token. A token's segments tile it exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub start: u32,
    pub end: u32,
    pub text: Str,
    /// Matching key (every normalization rule; «لسلطة» after «ل» gets its article back: «السلطه»).
    pub key: Str,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    /// The original text of the token.
    pub text: Str,
    pub kind: Kind,
    /// Display normalization (see `Options::normalize`).
    pub norm: Str,
    /// Matching key: every normalization rule applied.
    pub key: Str,
    /// Grouping key of the base segment: clitics and the article removed.
    pub stem: Str,
    pub segments: Vec<Segment>,
    /// Which distinct form of this token list the token is: tokens with the same text (and
    /// kind) share an id, numbered from 0 in order of first appearance, so later stages can
    /// keep per-form facts in arrays instead of hashing each token. Internal: not serialized
    /// ([`NO_FORM`] after deserializing).
    #[serde(skip, default = "no_form")]
    pub form: u32,
    /// The token's entry in this thread's lexeme table ([`crate::doc::Vocab`]): per-word facts
    /// that every text shares, computed once per distinct form. Internal, not serialized
    /// ([`NO_FORM`] after deserializing); a stage trusts it only when the entry's text is the
    /// very string the token holds ([`crate::str::Str::ptr_eq`]), so a token kept past a reset
    /// of the table, or moved to another thread, is looked up afresh, never misread.
    #[serde(skip, default = "no_form")]
    pub lex: u32,
}

/// The form id of a token that did not come from [`crate::pipeline::tokens`].
pub const NO_FORM: u32 = u32::MAX;

fn no_form() -> u32 {
    NO_FORM
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The form to show: the most frequent clean surface form of the group.
    pub text: String,
    /// The grouping key.
    pub key: String,
    /// `word` or `phrase`.
    pub kind: String,
    pub count: u32,
    /// count / number of words in the text.
    pub share: f64,
    /// The ranking score (higher first): the blend, `keyness` or `count`, per `Options::ranking`.
    pub score: f64,
    /// Log-likelihood G² of the count against general Arabic (wordfreq); negative when the
    /// keyword is rarer here than in general Arabic.
    pub keyness: f64,
    /// Every surface form seen (clitics removed) and how often.
    pub variants: Vec<Variant>,
    /// Where the keyword occurs: a word's base (without clitics); a phrase from its first
    /// word's base to its last word's end.
    pub occurrences: Vec<Span>,
    /// The parts of the blended score, with `Options::explain` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

/// What a keyword's blended score is made of (`keywords::blend`): the facts it was measured
/// on, and each fact's weighted part (the parts add up to the blended score, whatever ranking
/// ordered the list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explain {
    /// The sentence (0 = the first) where the keyword first appears.
    pub first_sentence: u32,
    /// How many sentences it appears in, of `of_sentences`.
    pub sentences: u32,
    pub of_sentences: u32,
    /// How many of its occurrences are inside a found name (entity).
    pub in_names: u32,
    /// Its Zipf frequency in general Arabic (log10 of occurrences per billion words; a word
    /// group's keys summed, a phrase's rarest word; 2 when general Arabic does not list it).
    pub zipf: f64,
    /// The weighted parts: their sum is the blended score.
    pub parts: ScoreParts,
}

/// The weighted parts of a blended score (see [`Explain`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreParts {
    /// From the count.
    pub count: f64,
    /// From where it first appears (early is better).
    pub position: f64,
    /// From the share of sentences it appears in.
    pub spread: f64,
    /// From the share of its occurrences inside names.
    pub name: f64,
    /// From its rarity in general Arabic.
    pub rarity: f64,
    /// For being a phrase.
    pub phrase: f64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub text: String,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub start: u32,
    pub end: u32,
    /// The original text of the span (attached proclitics excluded).
    pub text: String,
    /// PER, LOC, ORG, MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Matching key of the name (word keys joined by a space).
    pub key: String,
    /// What found it: `gazetteer`.
    pub source: String,
}

/// One distinct name and all its mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityGroup {
    /// The name to show: its fullest form.
    pub text: String,
    /// Matching key of the name (articles removed).
    pub key: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Number of mentions.
    pub count: u32,
    /// Surface forms of the mentions and how often each occurs.
    pub variants: Vec<Variant>,
    /// Indices into `entities`, in text order.
    pub mentions: Vec<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Unicode scalar values in the text.
    pub characters: u32,
    /// Word tokens (Arabic, Latin, mixed, numbers).
    pub words: u32,
    pub sentences: u32,
    /// Distinct matching keys among the word tokens.
    pub unique_words: u32,
}

/// The result of [`crate::analyze`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The analyzer's version.
    pub version: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Span>,
    pub keywords: Vec<Keyword>,
    pub entities: Vec<Entity>,
    /// Distinct names: mentions grouped across variants, clitic forms and short forms.
    pub entity_groups: Vec<EntityGroup>,
    pub stats: Stats,
}
