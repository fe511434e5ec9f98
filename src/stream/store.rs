//! What a stream keeps of the text it has been given: one token per distinct form, and for
//! every token only where it starts and which form it is (12 bytes a token, about the text's
//! own size; the tokens themselves, with their strings and segments, are ten times that).
//!
//! The steps that need the whole text read it back from here: keywords (every word's form and
//! place, [`Store::occurrences`]), the tagger's second pass over pieces already tagged
//! ([`Store::tokens`], [`Store::slice`]), and the conversion of their offsets to UTF-16
//! ([`Store::utf16`]). The whitespace between tokens is kept where it is not one space, so any
//! stretch from a token's start to a token's end reads back exactly.

use crate::analysis::Token;
use crate::keywords::words::Occurrence;
use crate::keywords::Source;
use crate::str::Str;
use crate::text::tokenize::Kind;
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(Default)]
pub struct Store {
    /// One token per distinct (text, kind), at offset 0, its `form` its index here.
    forms: Vec<Token>,
    index: HashMap<(Str, Kind), u32>,
    /// Per token of the text: byte start, UTF-16 start, form.
    starts: Vec<u32>,
    starts16: Vec<u32>,
    form: Vec<u32>,
    /// The whitespace after a token, where it is neither one space nor nothing.
    gaps: HashMap<u32, Box<str>>,
    /// Whitespace seen after the last token so far (the next piece may add to it).
    pending_gap: String,
}

impl Store {
    /// Records `tokens` of `text` (byte offsets into `text`), which starts at byte `at` and
    /// UTF-16 offset `at16` of the whole text. Returns each token's form id here, and whether
    /// it is a form seen for the first time.
    pub fn add(&mut self, text: &str, tokens: &[Token], at: u32, at16: u32) -> Vec<(u32, bool)> {
        let mut by_piece_form: Vec<u32> = Vec::new();
        let mut out = Vec::with_capacity(tokens.len());
        let (mut byte, mut u16s) = (0usize, at16);
        let mut prev_end: Option<usize> = None;
        for t in tokens {
            let (start, end) = (t.start as usize, t.end as usize);
            // UTF-16 start: the units from the last position walked to this token's start
            u16s += utf16_len(&text[byte..start]);
            byte = start;
            // the whitespace before this token is the previous token's gap
            if !self.starts.is_empty() {
                let before = &text[prev_end.unwrap_or(0)..start];
                let gap: Cow<str> = match prev_end {
                    None if !self.pending_gap.is_empty() => Cow::Owned(format!("{}{before}", self.pending_gap)),
                    _ => Cow::Borrowed(before),
                };
                if !gap.is_empty() && gap != " " {
                    self.gaps.insert(self.starts.len() as u32 - 1, gap.into());
                }
            }
            prev_end = Some(end);
            let (id, new) = self.form_id(t, &mut by_piece_form);
            self.starts.push(at + t.start);
            self.starts16.push(u16s);
            self.form.push(id);
            out.push((id, new));
        }
        match prev_end {
            Some(end) => {
                self.pending_gap.clear();
                self.pending_gap.push_str(&text[end..]);
            }
            None if !self.starts.is_empty() => self.pending_gap.push_str(text),
            None => {}
        }
        out
    }

    /// The form id of token `t` (numbered per piece in `t.form`; `seen` maps those numbers to
    /// ids here, so each of the piece's forms is looked up once).
    fn form_id(&mut self, t: &Token, seen: &mut Vec<u32>) -> (u32, bool) {
        let f = t.form as usize;
        if let Some(&id) = seen.get(f).filter(|&&id| id != u32::MAX) {
            return (id, false);
        }
        let next = self.forms.len() as u32;
        let id = *self.index.entry((t.text.clone(), t.kind)).or_insert(next);
        let new = id == next;
        if new {
            let mut rep = t.clone();
            let shift = rep.start;
            rep.start -= shift;
            rep.end -= shift;
            for s in rep.segments.iter_mut() {
                s.start -= shift;
                s.end -= shift;
            }
            rep.form = id;
            self.forms.push(rep);
        }
        if seen.len() <= f {
            seen.resize(f + 1, u32::MAX);
        }
        seen[f] = id;
        (id, new)
    }

    /// Gives back the room the per-token tables grew into but do not use (up to half of them).
    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.starts16.shrink_to_fit();
        self.form.shrink_to_fit();
    }

    /// How many tokens the text has so far.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Every token as [`words_from`](crate::keywords::words::words_from) reads them.
    pub fn occurrences(&self) -> impl ExactSizeIterator<Item = Occurrence<'_>> + '_ {
        self.starts.iter().zip(&self.form).enumerate().map(|(i, (&start, &f))| Occurrence { tok: i as u32, start, token: &self.forms[f as usize] })
    }

    /// Where token `i` starts (byte).
    pub fn start(&self, i: usize) -> u32 {
        self.starts[i]
    }


    /// The end (byte) of token `i`.
    fn end(&self, i: usize) -> u32 {
        self.starts[i] + self.forms[self.form[i] as usize].text.len() as u32
    }

    /// Tokens `range` again, with byte offsets from the first one's start, and the text they
    /// span (from the first one's start to the last one's end).
    pub fn tokens(&self, range: std::ops::Range<usize>) -> (String, Vec<Token>) {
        if range.is_empty() {
            return (String::new(), Vec::new());
        }
        let base = self.starts[range.start];
        let text = self.slice(base, self.end(range.end - 1)).into_owned();
        let tokens = range
            .map(|i| {
                let mut t = self.forms[self.form[i] as usize].clone();
                let shift = self.starts[i] - base;
                t.start += shift;
                t.end += shift;
                for s in t.segments.iter_mut() {
                    s.start += shift;
                    s.end += shift;
                }
                t
            })
            .collect();
        (text, tokens)
    }

    /// The token that holds byte `at` (or whose end it is), or the last one before it.
    fn holding(&self, at: u32) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The UTF-16 offset of byte offset `at`, which lies inside a token or at its end.
    pub fn utf16(&self, at: u32) -> u32 {
        if self.starts.is_empty() {
            return 0;
        }
        let i = self.holding(at);
        self.starts16[i] + utf16_len(&self.slice(self.starts[i], at))
    }
}

impl Source for Store {
    fn slice(&self, start: u32, end: u32) -> Cow<'_, str> {
        if start >= end || self.starts.is_empty() {
            return Cow::Borrowed("");
        }
        let mut i = self.holding(start);
        let text = |i: usize| -> &str { &self.forms[self.form[i] as usize].text };
        let token_end = self.end(i);
        if end <= token_end {
            let from = (start - self.starts[i]) as usize;
            return Cow::Borrowed(&text(i)[from..(end - self.starts[i]) as usize]);
        }
        let mut out = String::with_capacity((end - start) as usize);
        out.push_str(&text(i)[(start - self.starts[i]) as usize..]);
        loop {
            let gap = match self.gaps.get(&(i as u32)) {
                Some(g) => &**g,
                None if i + 1 < self.starts.len() && self.starts[i + 1] > self.end(i) => " ",
                None => "",
            };
            let gap_end = self.end(i) + gap.len() as u32;
            if end <= gap_end {
                out.push_str(&gap[..(end - self.end(i)) as usize]);
                return Cow::Owned(out);
            }
            out.push_str(gap);
            i += 1;
            let t = text(i);
            let upto = ((end - self.starts[i]) as usize).min(t.len());
            out.push_str(&t[..upto]);
            if upto < t.len() || end == self.end(i) {
                return Cow::Owned(out);
            }
        }
    }
}

/// UTF-16 code units of `s`.
pub fn utf16_len(s: &str) -> u32 {
    // Every char has one leading (non-continuation) byte and is one UTF-16 unit, except the
    // four-byte ones (leading byte ≥ 0xF0), which are two.
    s.bytes().map(|b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0)).sum()
}
