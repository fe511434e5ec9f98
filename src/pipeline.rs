//! The [`Doc`] every stage reads (spaCy's `Doc` idea): the tokens, with display forms,
//! matching keys, clitic segments and stems read from the lexeme table, and the sentences as
//! token ranges. Offsets here are bytes; [`crate::offsets`] converts them when the result
//! leaves the crate.

use crate::analysis::{Segment, Span, Stats, Token};
use crate::doc;
use crate::text::normalize::NormOptions;
use crate::text::sentences::{Sentences, TokenView};
use crate::text::tokenize::{tokenize, Kind};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// One text as every stage after the text core reads it: built once per text.
pub struct Doc<'t> {
    pub text: &'t str,
    /// The tokens (whitespace dropped), each pointing to its lexeme ([`Token::lex`]).
    pub tokens: Vec<Token>,
    /// Every split of the text into sentences, as token ranges ([`Sentences`]).
    pub sentences: Sentences,
}

/// The [`Doc`] of `text`, with display options `display`.
pub fn doc<'t>(text: &'t str, display: &NormOptions) -> Doc<'t> {
    Doc::of_tokens(text, tokens(text, display))
}

impl<'t> Doc<'t> {
    /// The Doc of a token list of `text` made elsewhere (tests, training).
    pub fn of_tokens(text: &'t str, tokens: Vec<Token>) -> Doc<'t> {
        let sentences = split(text, &tokens);
        Doc { text, tokens, sentences }
    }

    /// The sentences as byte spans, for the result.
    pub fn sentence_spans(&self) -> Vec<Span> {
        self.sentences.general.iter().map(|&(a, b)| Span { start: self.tokens[a as usize].start, end: self.tokens[b as usize - 1].end }).collect()
    }
}

/// Every split of `tokens` (of `text`) into sentences ([`Sentences::of`]).
pub fn split(text: &str, tokens: &[Token]) -> Sentences {
    let views: Vec<TokenView> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let gap_end = tokens.get(i + 1).map_or(text.len(), |n| n.start as usize);
            TokenView { kind: t.kind, text: &t.text, newline_after: text[t.end as usize..gap_end].contains('\n') }
        })
        .collect();
    Sentences::of(&views)
}

/// Tokens of `text` (whitespace dropped), each with its forms and segments. Byte offsets.
///
/// The forms and segments of each distinct token text come from this thread's lexeme table
/// ([`doc::Vocab`]): worked out once per form, shared by every text analyzed on the thread.
pub fn tokens(text: &str, display: &NormOptions) -> Vec<Token> {
    doc::with_vocab(|vocab| {
        vocab.begin(display);
        let mut out = Vec::with_capacity(text.len() / 6);
        let mut pos = 0usize;
        for raw in tokenize(text) {
            let (start, end) = (pos, pos + raw.len);
            pos = end;
            if raw.kind == Kind::Whitespace {
                continue;
            }
            let (lex, form) = vocab.intern(&text[start..end], raw.kind);
            out.push(token(vocab.lexeme(lex), start as u32, form, lex));
        }
        out
    })
}

/// The token at byte `start` of lexeme `l`.
fn token(l: &doc::Lexeme, start: u32, form: u32, lex: u32) -> Token {
    let segments = l
        .segments
        .iter()
        .map(|g| Segment { start: start + g.start, end: start + g.end, text: g.text.clone(), key: g.key.clone(), role: g.role })
        .collect();
    Token {
        start,
        end: start + l.text.len() as u32,
        text: l.text.clone(),
        kind: l.kind,
        norm: l.norm.clone(),
        key: l.key.clone(),
        stem: l.stem.clone(),
        segments,
        form,
        lex,
    }
}

/// The statistics of a text: its characters, its word tokens' counts ([`word_counts`]), its
/// sentences and its distinct word keys.
pub fn stats(text: &str, tokens: &[Token], sentences: usize) -> Stats {
    // Distinct keys of the word tokens: each distinct form is looked at once (tokens of one
    // form share its key).
    let mut seen_form: Vec<bool> = Vec::new();
    let mut unique: HashSet<&str, BuildHasherDefault<crate::lexicon::wordfreq::Fnv>> = HashSet::default();
    for t in tokens.iter().filter(|t| t.kind.is_word()) {
        if t.form != crate::analysis::NO_FORM {
            let f = t.form as usize;
            if f >= seen_form.len() {
                seen_form.resize(f + 1, false);
            }
            if std::mem::replace(&mut seen_form[f], true) {
                continue;
            }
        }
        unique.insert(&t.key);
    }
    let mut st = Stats { characters: text.chars().count() as u32, sentences: sentences as u32, unique_words: unique.len() as u32, ..Stats::default() };
    word_counts(tokens, &mut st);
    st
}

/// Adds the counts of the word tokens of `tokens` to `st`: words, their characters, their
/// letters and Arabic letters. Additive, so a text analyzed in pieces sums its pieces'.
pub fn word_counts(tokens: &[Token], st: &mut Stats) {
    // per form: (characters, letters, Arabic letters), counted once
    let mut by_form: Vec<Option<(u32, u32, u32)>> = Vec::new();
    let count = |t: &Token| {
        let (letters, arabic) = crate::text::chars::letter_counts(&t.text);
        (t.text.chars().count() as u32, letters, arabic)
    };
    for t in tokens.iter().filter(|t| t.kind.is_word()) {
        let (chars, letters, arabic) = if t.form == crate::analysis::NO_FORM {
            count(t)
        } else {
            let f = t.form as usize;
            if f >= by_form.len() {
                by_form.resize(f + 1, None);
            }
            *by_form[f].get_or_insert_with(|| count(t))
        };
        st.words += 1;
        st.word_characters += chars;
        st.letters += letters;
        st.arabic_letters += arabic;
    }
}
