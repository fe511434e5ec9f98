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

impl Options {
    /// Reads options from a JSON object: the one reader behind the CLI's `--options`, the JS
    /// API's `options` argument and Python's keyword arguments, so all three accept and refuse
    /// the same things with the same words.
    ///
    /// serde's own message for a wrong value («invalid type: string "x", expected usize») does
    /// not say which field it is about; in an object of several fields the user has to guess.
    /// So when the whole object is refused, each field is tried alone and the first one that is
    /// refused is named in the error.
    ///
    /// Only an object is accepted: serde would also read a JSON array as the fields in order
    /// (`[1]` as `top_n: 1`), which nobody means.
    pub fn from_json(json: &str) -> Result<Options, OptionsError> {
        let not_object = |kind: &str| OptionsError {
            field: None,
            message: format!("options must be a JSON object like {{\"top_n\": 20}}, not {kind}"),
            wrong_type: true,
        };
        match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::Object(_)) | Err(_) => {}
            Ok(serde_json::Value::Array(_)) => return Err(not_object("an array")),
            Ok(serde_json::Value::String(_)) => return Err(not_object("a string")),
            Ok(serde_json::Value::Number(_)) => return Err(not_object("a number")),
            Ok(serde_json::Value::Bool(_)) => return Err(not_object("a boolean")),
            Ok(serde_json::Value::Null) => return Err(not_object("null")),
        }
        serde_json::from_str(json).map_err(|whole| OptionsError::of(json, whole))
    }
}

/// Why [`Options::from_json`] refused its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError {
    /// The top-level field at fault, when one field alone is refused.
    pub field: Option<String>,
    /// serde's message (without a line and column when a field is named).
    pub message: String,
    /// The value has the wrong JSON type (Python raises `TypeError` for these, `ValueError` for the rest).
    pub wrong_type: bool,
}

impl OptionsError {
    fn of(json: &str, whole: serde_json::Error) -> OptionsError {
        let wrong_type = |m: &str| m.starts_with("invalid type");
        if let Ok(serde_json::Value::Object(fields)) = serde_json::from_str::<serde_json::Value>(json) {
            for (name, value) in fields {
                let alone = serde_json::Value::Object([(name.clone(), value)].into_iter().collect());
                if let Err(e) = serde_json::from_value::<Options>(alone) {
                    let message = e.to_string();
                    return OptionsError { field: Some(name), wrong_type: wrong_type(&message), message };
                }
            }
        }
        let message = whole.to_string();
        OptionsError { field: None, wrong_type: wrong_type(&message), message }
    }
}

impl std::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            // serde's unknown-field message names a top-level field already.
            Some(field) if self.message.starts_with(&format!("unknown field `{field}`")) => f.write_str(&self.message),
            Some(field) => write!(f, "field `{field}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for OptionsError {}

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
    /// The name to show: its fullest form, as the name is written alone («الأمم المتحدة» for a
    /// group whose mentions are all «للأمم المتحدة»). `variants` keep the texts as found.
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
    /// Unicode scalar values in the word tokens, marks and tatweel included (the page's average
    /// word length counts `letters` instead, so that diacritized text reads as the same words).
    #[serde(default)]
    pub word_characters: u32,
    /// Letters in the word tokens (of any script; marks and digits are not letters), and how
    /// many of them are Arabic-script letters: `arabic_letters / letters` is the share of
    /// Arabic in the text.
    #[serde(default)]
    pub letters: u32,
    #[serde(default)]
    pub arabic_letters: u32,
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

#[cfg(test)]
mod options_tests {
    use super::*;

    #[test]
    fn from_json_reads_what_serde_reads() {
        let o = Options::from_json(r#"{"top_n": 7, "ranking": "frequency"}"#).unwrap();
        assert_eq!((o.top_n, o.ranking), (7, Ranking::Frequency));
        assert_eq!(Options::from_json("{}").unwrap(), Options::default());
    }

    #[test]
    fn a_refused_field_is_named() {
        let e = Options::from_json(r#"{"top_n": 5, "min_count": -1}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("min_count"));
        assert!(e.to_string().starts_with("field `min_count`: invalid value: integer `-1`"), "{e}");
        assert!(!e.wrong_type);
        let e = Options::from_json(r#"{"tokens": "yes"}"#).unwrap_err();
        assert!(e.wrong_type && e.to_string().starts_with("field `tokens`: invalid type"), "{e}");
        let e = Options::from_json(r#"{"ranking": "alphabetical"}"#).unwrap_err();
        assert!(e.to_string().starts_with("field `ranking`: unknown variant `alphabetical`"), "{e}");
    }

    #[test]
    fn unknown_fields_and_bad_json_keep_serdes_words() {
        let e = Options::from_json(r#"{"top": 3}"#).unwrap_err();
        assert!(e.to_string().starts_with("unknown field `top`, expected one of"), "{e}");
        let e = Options::from_json("{\"top_n\": ").unwrap_err();
        assert_eq!(e.field, None);
        assert!(e.to_string().contains("line 1"), "{e}");
        // serde alone would take an array as the fields in order.
        let e = Options::from_json("[1]").unwrap_err();
        assert!(e.to_string().contains("must be a JSON object") && e.to_string().ends_with("not an array"), "{e}");
        assert!(Options::from_json("null").is_err());
    }
}
