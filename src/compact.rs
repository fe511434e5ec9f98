//! The compact token path: offsets and kinds in flat arrays instead of one object per token.
//!
//! For long texts the full [`crate::Analysis`] means one JS object per token (and per segment);
//! a page that only needs to draw or count tokens can ask for these arrays instead. Offsets are
//! UTF-16 code units, computed in the same single forward pass as the tokenizer.

use crate::morph::segment::segment;
use crate::text::tokenize::{tokenize, Kind};

/// The token kinds in the order of their codes in [`CompactTokens::kinds`].
pub const KINDS: [Kind; 11] = [
    Kind::Arabic,
    Kind::Latin,
    Kind::Mixed,
    Kind::Number,
    Kind::Punct,
    Kind::Symbol,
    Kind::Emoji,
    Kind::Url,
    Kind::Email,
    Kind::Hashtag,
    Kind::Mention,
];

fn code(k: Kind) -> u8 {
    KINDS.iter().position(|&x| x == k).unwrap_or(5) as u8
}

/// Tokens as parallel arrays. Token `i` spans `starts[i]..ends[i]` and has kind `KINDS[kinds[i]]`;
/// its segments start at `segment_starts[j]` for the `segment_counts[i]` consecutive `j` that
/// belong to it (the first one equals `starts[i]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompactTokens {
    pub starts: Vec<u32>,
    pub ends: Vec<u32>,
    pub kinds: Vec<u8>,
    pub segment_counts: Vec<u32>,
    pub segment_starts: Vec<u32>,
}

/// Where a token's segments start after its first, relative to the token, in UTF-16 units.
fn cuts(s: &str, kind: Kind) -> Vec<u32> {
    let bytes: Vec<usize> = match kind {
        Kind::Arabic | Kind::Mixed => segment(s).iter().collect(),
        Kind::Number if s.contains(['%', '\u{066A}', '-']) => crate::doc::number_cuts(s),
        _ => Vec::new(),
    };
    let (mut prev, mut at) = (0, 0);
    bytes
        .into_iter()
        .map(|cut| {
            at += utf16_len(&s[prev..cut]);
            prev = cut;
            at
        })
        .collect()
}

/// Tokenizes and segments `text` into flat arrays, UTF-16 offsets.
///
/// A text repeats its words, so each distinct word is segmented once.
pub fn tokens(text: &str) -> CompactTokens {
    let mut out = CompactTokens::default();
    let cap = text.len() / 7;
    out.starts.reserve(cap);
    out.ends.reserve(cap);
    out.kinds.reserve(cap);
    out.segment_counts.reserve(cap);
    out.segment_starts.reserve(cap);
    let mut seen: std::collections::HashMap<(&str, Kind), Vec<u32>, crate::lexicon::FastBuild> = Default::default();
    let mut pos = 0usize; // bytes
    let mut u16pos = 0u32;
    for t in tokenize(text) {
        let s = &text[pos..pos + t.len];
        let len16 = utf16_len(s);
        if t.kind != Kind::Whitespace {
            out.starts.push(u16pos);
            out.ends.push(u16pos + len16);
            out.kinds.push(code(t.kind));
            out.segment_starts.push(u16pos);
            let c = match t.kind {
                Kind::Arabic | Kind::Mixed | Kind::Number => &*seen.entry((s, t.kind)).or_insert_with(|| cuts(s, t.kind)),
                _ => &[][..],
            };
            out.segment_starts.extend(c.iter().map(|&at| u16pos + at));
            // (u32: a number like «1-2-3-…» can have any number of segments)
            out.segment_counts.push(c.len() as u32 + 1);
        }
        pos += t.len;
        u16pos += len16;
    }
    out
}

fn utf16_len(s: &str) -> u32 {
    // Every byte that is not a UTF-8 continuation byte starts a char; 4-byte chars take two units.
    s.bytes().map(|b| ((b & 0xC0) != 0x80) as u32 + (b >= 0xF0) as u32).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Options};

    #[test]
    fn agrees_with_the_full_analysis() {
        let text = "😀 وروسيا، للسلطة 60% https://x.org كوريا\u{200C}الشمالية ﻻ 👩\u{200D}👩\u{200D}👧";
        let c = tokens(text);
        let a = analyze(text, &Options { keywords: false, entities: false, ..Options::default() });
        assert_eq!(c.starts, a.tokens.iter().map(|t| t.start).collect::<Vec<_>>());
        assert_eq!(c.ends, a.tokens.iter().map(|t| t.end).collect::<Vec<_>>());
        let kinds: Vec<Kind> = c.kinds.iter().map(|&k| KINDS[k as usize]).collect();
        assert_eq!(kinds, a.tokens.iter().map(|t| t.kind).collect::<Vec<_>>());
        let segs: Vec<u32> = a.tokens.iter().flat_map(|t| t.segments.iter().map(|s| s.start)).collect();
        assert_eq!(c.segment_starts, segs);
        assert_eq!(c.segment_counts.iter().map(|&n| n as usize).sum::<usize>(), segs.len());
    }

    #[test]
    fn long_number_runs_keep_counts_and_starts_in_step() {
        let text = format!("{} و{}", vec!["1"; 400].join("-"), "ب".repeat(3));
        let c = tokens(&text);
        assert_eq!(c.segment_counts.iter().map(|&n| n as usize).sum::<usize>(), c.segment_starts.len());
        let a = analyze(&text, &Options { keywords: false, entities: false, ..Options::default() });
        let segs: Vec<u32> = a.tokens.iter().flat_map(|t| t.segments.iter().map(|s| s.start)).collect();
        assert_eq!(c.segment_starts, segs);
        assert!(c.segment_counts[0] > 255, "{:?}", &c.segment_counts);
    }
}
