//! The token list that every stage annotates (spaCy's `Doc` idea): tokenizer output with
//! display forms, matching keys, clitic segments and stems. Offsets here are bytes;
//! [`crate::offsets`] converts them when the result leaves the crate.

use crate::analysis::{Role, Segment, Span, Stats, Token};
use crate::text::normalize::{normalize, NormOptions};
use crate::text::segment::{restore_article, segment};
use crate::text::sentences::{self, TokenView};
use crate::text::stem::stem;
use crate::text::tokenize::{tokenize, Kind};
use std::collections::HashSet;

/// Tokens of `text` (whitespace dropped), each with its forms and segments. Byte offsets.
pub fn tokens(text: &str, display: &NormOptions) -> Vec<Token> {
    let key_opts = NormOptions::key();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut pos = 0usize;
    for raw in tokenize(text) {
        let (start, end) = (pos, pos + raw.len);
        pos = end;
        if raw.kind == Kind::Whitespace {
            continue;
        }
        let s = &text[start..end];
        let key = normalize(s, &key_opts);
        let mut segments = Vec::with_capacity(1);
        let mut base_key = key.clone();
        if raw.kind == Kind::Arabic || raw.kind == Kind::Mixed {
            let cuts = segment(s);
            let base = cuts.base();
            let mut prev = 0usize;
            let mut prev_key = String::new();
            for (i, cut) in cuts.iter().chain(std::iter::once(s.len())).enumerate() {
                let piece = &s[prev..cut];
                let k = restore_article(&prev_key, normalize(piece, &key_opts));
                let role = match i.cmp(&base) {
                    std::cmp::Ordering::Less => Role::Proclitic,
                    std::cmp::Ordering::Equal => Role::Base,
                    std::cmp::Ordering::Greater => Role::Enclitic,
                };
                if role == Role::Base {
                    base_key = k.clone();
                }
                prev_key = k.clone();
                segments.push(Segment { start: (start + prev) as u32, end: (start + cut) as u32, text: piece.to_string(), key: k, role });
                prev = cut;
            }
        } else if raw.kind == Kind::Number {
            // «60%» is the number and the percent sign, «2019-2020» two numbers and a dash,
            // as treebanks write them.
            let mut prev = 0usize;
            for cut in number_cuts(s).into_iter().chain(std::iter::once(s.len())) {
                let piece = &s[prev..cut];
                segments.push(Segment {
                    start: (start + prev) as u32,
                    end: (start + cut) as u32,
                    text: piece.to_string(),
                    key: normalize(piece, &key_opts),
                    role: Role::Base,
                });
                prev = cut;
            }
        } else {
            segments.push(Segment { start: start as u32, end: end as u32, text: s.to_string(), key: key.clone(), role: Role::Base });
        }
        let stem = if raw.kind == Kind::Arabic { stem(&base_key) } else { base_key };
        out.push(Token {
            start: start as u32,
            end: end as u32,
            text: s.to_string(),
            kind: raw.kind,
            norm: normalize(s, display),
            key,
            stem,
            segments,
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
    let words: Vec<&Token> = tokens.iter().filter(|t| t.kind.is_word()).collect();
    let unique: HashSet<&str> = words.iter().map(|t| t.key.as_str()).collect();
    Stats {
        characters: text.chars().count() as u32,
        words: words.len() as u32,
        sentences: sentences as u32,
        unique_words: unique.len() as u32,
    }
}
