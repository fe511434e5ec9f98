//! The token list that every stage annotates (spaCy's `Doc` idea): tokenizer output with
//! display forms, matching keys, clitic segments and stems. Offsets here are bytes;
//! [`crate::offsets`] converts them when the result leaves the crate.

use crate::analysis::{Role, Segment, Span, Stats, Token};
use crate::str::Str;
use crate::text::normalize::{normalize, NormOptions};
use crate::text::segment::{restore_article, segment};
use crate::text::sentences::{self, TokenView};
use crate::text::stem::stem;
use crate::text::tokenize::{tokenize, Kind};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// Everything about a token that depends only on its text: computed once per distinct form,
/// shared by every token with that text.
struct Forms {
    text: Str,
    norm: Str,
    key: Str,
    stem: Str,
    /// (start, end) relative to the token, text, key, role.
    segments: Vec<(u32, u32, Str, Str, Role)>,
}

fn forms(s: &str, kind: Kind, display: &NormOptions, key_opts: &NormOptions) -> Forms {
    let text = Str::from(s);
    let key = Str::from(normalize(s, key_opts));
    let mut segments = Vec::with_capacity(1);
    let mut base_key = None;
    if kind == Kind::Arabic || kind == Kind::Mixed {
        let cuts = segment(s);
        let base = cuts.base();
        let mut prev = 0usize;
        let mut prev_key = String::new();
        for (i, cut) in cuts.iter().chain(std::iter::once(s.len())).enumerate() {
            let piece = &s[prev..cut];
            let (t, k) = if cut - prev == s.len() {
                (text.clone(), key.clone())
            } else {
                (Str::from(piece), Str::from(restore_article(&prev_key, normalize(piece, key_opts))))
            };
            let role = match i.cmp(&base) {
                std::cmp::Ordering::Less => Role::Proclitic,
                std::cmp::Ordering::Equal => Role::Base,
                std::cmp::Ordering::Greater => Role::Enclitic,
            };
            if role == Role::Base {
                base_key = Some(k.clone());
            }
            prev_key.clear();
            prev_key.push_str(&k);
            segments.push((prev as u32, cut as u32, t, k, role));
            prev = cut;
        }
    } else if kind == Kind::Number {
        // «60%» is the number and the percent sign, «2019-2020» two numbers and a dash,
        // as treebanks write them.
        let cuts = number_cuts(s);
        if cuts.is_empty() {
            segments.push((0, s.len() as u32, text.clone(), key.clone(), Role::Base));
        } else {
            let mut prev = 0usize;
            for cut in cuts.into_iter().chain(std::iter::once(s.len())) {
                let piece = &s[prev..cut];
                segments.push((prev as u32, cut as u32, Str::from(piece), Str::from(normalize(piece, key_opts)), Role::Base));
                prev = cut;
            }
        }
    } else {
        segments.push((0, s.len() as u32, text.clone(), key.clone(), Role::Base));
    }
    let base_key = base_key.unwrap_or_else(|| key.clone());
    let stem = if kind == Kind::Arabic { Str::from(stem(&base_key)) } else { base_key };
    let norm = if display == key_opts {
        key.clone()
    } else {
        let n = normalize(s, display);
        if n == s { text.clone() } else { Str::from(n) }
    };
    Forms { text, norm, key, stem, segments }
}

/// Tokens of `text` (whitespace dropped), each with its forms and segments. Byte offsets.
///
/// Words repeat (a news article uses each of its frequent forms many times), so the forms and
/// segments of each distinct token text are computed once and shared.
pub fn tokens(text: &str, display: &NormOptions) -> Vec<Token> {
    let key_opts = NormOptions::key();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut cache: HashMap<(&str, Kind), (Forms, u32), BuildHasherDefault<crate::lexicon::wordfreq::Fnv>> = HashMap::default();
    let mut pos = 0usize;
    for raw in tokenize(text) {
        let (start, end) = (pos, pos + raw.len);
        pos = end;
        if raw.kind == Kind::Whitespace {
            continue;
        }
        let s = &text[start..end];
        let next = cache.len() as u32;
        let (f, form) = cache.entry((s, raw.kind)).or_insert_with(|| (forms(s, raw.kind, display, &key_opts), next));
        let segments = f
            .segments
            .iter()
            .map(|(a, b, t, k, role)| Segment { start: start as u32 + a, end: start as u32 + b, text: t.clone(), key: k.clone(), role: *role })
            .collect();
        out.push(Token {
            start: start as u32,
            end: end as u32,
            text: f.text.clone(),
            kind: raw.kind,
            norm: f.norm.clone(),
            key: f.key.clone(),
            stem: f.stem.clone(),
            segments,
            form: *form,
        });
    }
    out
}

/// Where a number token splits into words: before a percent sign, around a range dash.
pub(crate) fn number_cuts(s: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    for (i, c) in s.char_indices() {
        if (c == '%' || c == '\u{066A}' || c == '-') && i > 0 {
            cuts.push(i);
            if c == '-' && i + 1 < s.len() {
                cuts.push(i + 1);
            }
        }
    }
    cuts
}

/// Sentence spans (bytes) over the token list.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Span> {
    let views: Vec<TokenView> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let gap_end = tokens.get(i + 1).map_or(text.len(), |n| n.start as usize);
            TokenView { kind: t.kind, text: &t.text, newline_after: text[t.end as usize..gap_end].contains('\n') }
        })
        .collect();
    sentences::split(&views)
        .into_iter()
        .map(|(a, b)| Span { start: tokens[a].start, end: tokens[b - 1].end })
        .collect()
}

pub fn stats(text: &str, tokens: &[Token], sentences: usize) -> Stats {
    // Distinct keys of the word tokens: each distinct form is looked at once (tokens of one
    // form share its key).
    let mut seen_form: Vec<bool> = Vec::new();
    let mut unique: HashSet<&str, BuildHasherDefault<crate::lexicon::wordfreq::Fnv>> = HashSet::default();
    let mut words = 0u32;
    for t in tokens.iter().filter(|t| t.kind.is_word()) {
        words += 1;
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
    Stats { characters: text.chars().count() as u32, words, sentences: sentences as u32, unique_words: unique.len() as u32 }
}
