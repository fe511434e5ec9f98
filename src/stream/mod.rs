//! Streaming analysis: a long text given in pieces, with the result of one [`crate::analyze`]
//! over the whole.
//!
//! ```
//! use kashif::{analyze, Options, Stream};
//! let text = "قال بوتين إن روسيا ستدعم كوريا الشمالية.\nوأضاف بوتين أن موسكو مستعدة.\n";
//! let options = Options::default();
//! let mut stream = Stream::new(&options);
//! let mut tokens = Vec::new();
//! for piece in ["قال بوتين إن روسيا ستدعم كو", "ريا الشمالية.\nوأضاف بوتين أن موسكو", " مستعدة.\n"] {
//!     tokens.extend(stream.push(piece).tokens); // emit them here, and drop them
//! }
//! let mut result = stream.finish();
//! tokens.append(&mut result.tokens); // the tokens no push returned
//! result.tokens = tokens;
//! // (as JSON: tokens also carry an internal form number, which differs)
//! let json = |a| serde_json::to_string(&a).unwrap();
//! assert_eq!(json(result), json(analyze(text, &options)));
//! ```
//!
//! **Where the stream cuts.** The caller may cut pieces anywhere between two characters, inside
//! a word too. The stream holds text back and analyzes it only up to a *safe cut*: a line break right after a token that ends a sentence
//! (`.`, `!`, `?`, `؟`, `…`). Across such a break no stage looks: sentences end at every line
//! break; the tagger's sentences and its "sports words nearby" window end at those marks;
//! gazetteer, organisation and rule matches stay on one line or end before such a mark. The
//! two things that do cross it are carried: whether a quotation is open (a tagger feature:
//! the entity stage of the next piece is given a one-line prefix, `«` and/or `"`, that opens
//! it again) and everything document-level, done once in [`Stream::finish`]:
//! - keywords: counts, groups, the proclitic fallback (which looks for a word's rest anywhere in
//!   the text), phrase counts and both log-likelihood scores, from every token's form and
//!   place ([`store::Store`]), as [`crate::keywords::rank`] does for one text;
//! - entities: the tagger's second pass, which reads what its first pass tagged the other
//!   mentions of each word anywhere in the text ([`crate::entities::nonlocal`]): each piece is
//!   tagged by the first pass when it is pushed, keeping each token's tag and word key; at
//!   the end the facts are gathered over the whole text and the pieces where some fire are
//!   tagged again (their text rebuilt from the store); gazetteer places, organisations and
//!   rules are merged after that, and mentions grouped, as for one text;
//! - statistics: summed, and the distinct word keys of the whole text counted.
//!
//! So the result equals `analyze(whole)` exactly (`tests/stream.rs`). One assumption: the
//! tagger never puts the mark that ends a sentence inside a person's name (a name tagged up to
//! a `.` could be joined with one that begins the next line). It has not in any text tried.
//!
//! **Memory.** The text held back (the piece, plus what follows the last safe cut), the
//! result, and per token of the text 21 bytes ([`store::Store`]'s 12, and the first pass's
//! tag and word key), plus one token per distinct form. A text with no line ending in a
//! sentence mark is held back whole, up to
//! [`MAX_HELD`] bytes; past that the stream cuts at a line break anyway, and the result may
//! then differ from `analyze(whole)` around that break (a name across it, a quotation open
//! over it).
//!
//! **Tokens.** [`Stream::push`] returns the tokens of the text it analyzed, with offsets into
//! the whole text; [`Stream::finish`]'s result holds only the tokens no push returned. With
//! `tokens: false` in the options there are none.

pub mod store;

use crate::analysis::{Analysis, Entity, Options, Span, Stats, Token};
use crate::entities::{self, Parts};
use crate::keywords;
use crate::str::Str;
use crate::text::sentences::{is_tagger_stop, Range};
use crate::text::tokenize::{tokenize, Kind};
use std::collections::HashSet;
use store::Store;

/// Text held back without a safe cut, at most: past this the stream cuts at the last line
/// break (see the module's documentation).
pub const MAX_HELD: usize = 64 << 20;

/// What one [`Stream::push`] gives back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PieceResult {
    /// The tokens of the text analyzed by this push (possibly none: the stream holds text back
    /// until a safe cut), in order, with UTF-16 offsets into the whole text.
    pub tokens: Vec<Token>,
}

/// A text analyzed piece by piece (see the module's documentation).
pub struct Stream {
    options: Options,
    /// Text not analyzed yet: everything after the last cut.
    held: String,
    /// How much of `held` has been searched for a safe cut.
    searched: usize,
    /// Where `held` starts in the whole text: bytes, UTF-16 code units.
    at: u32,
    at16: u32,
    /// Whether a «…» and a "…" quotation are open where `held` starts (as the tagger's
    /// features see it: `entities::features`).
    quotes: [bool; 2],
    store: Store,
    /// The pieces analyzed so far: their first token in the store.
    pieces: Vec<usize>,
    /// Byte offsets (whole text), for the result.
    sentences: Vec<Span>,
    /// The first token of each sentence (its index in the store), for keywords.
    sentence_firsts: Vec<u32>,
    parts: Parts,
    /// Each token's first-pass tag and non-local key (see [`entities::parts_first_pass`]),
    /// when the model makes a second pass, and the quotation state where each piece starts.
    first_tags: Vec<u8>,
    nl_keys: Vec<u64>,
    piece_quotes: Vec<[bool; 2]>,
    stats: Stats,
    keys: HashSet<Str, std::hash::BuildHasherDefault<crate::lexicon::wordfreq::Fnv>>,
}

impl Stream {
    pub fn new(options: &Options) -> Stream {
        Stream {
            options: options.clone(),
            held: String::new(),
            searched: 0,
            at: 0,
            at16: 0,
            quotes: [false; 2],
            store: Store::default(),
            pieces: Vec::new(),
            sentences: Vec::new(),
            sentence_firsts: Vec::new(),
            parts: Parts::default(),
            first_tags: Vec::new(),
            nl_keys: Vec::new(),
            piece_quotes: Vec::new(),
            stats: Stats::default(),
            keys: HashSet::default(),
        }
    }

    /// Adds the next piece of the text, and analyzes what can be analyzed of it.
    pub fn push(&mut self, piece: &str) -> PieceResult {
        self.held.push_str(piece);
        let cut = match safe_cut(&self.held, self.searched) {
            Some(c) => c,
            None if self.held.len() > MAX_HELD => match self.held.rfind('\n') {
                Some(n) => n + 1,
                None => {
                    self.searched = self.held.len();
                    return PieceResult::default();
                }
            },
            None => {
                self.searched = self.held.len();
                return PieceResult::default();
            }
        };
        let held = std::mem::take(&mut self.held);
        let tokens = self.analyze_part(&held[..cut]);
        self.held = held[cut..].to_string();
        self.searched = 0;
        PieceResult { tokens }
    }

    /// The analysis of the whole text. Its `tokens` are those no push returned (see the
    /// module's documentation).
    pub fn finish(mut self) -> Analysis {
        let held = std::mem::take(&mut self.held);
        let tokens = self.analyze_part(&held);
        drop(held);
        self.store.shrink_to_fit();
        // entities first (keywords rank with the names found); their tables are gone before
        // the keywords' word view (the largest table of the end) is made
        let entities = if self.options.entities { self.entities() } else { Vec::new() };
        let entity_groups = entities::group::group(&entities);
        let (o, store) = (&self.options, &self.store);
        let keywords = if o.keywords {
            let starts = keywords::sentence_starts(store.len(), self.sentence_firsts.iter().map(|&i| i as usize));
            keywords::lexemes::with_store(|forms| {
                let view = keywords::words::words_from(store.occurrences(), &keywords::stopwords(o), &keywords::known_better, forms);
                keywords::rank(store, &view, &starts, &keywords::names(&entities, &entity_groups), o)
            })
        } else {
            Vec::new()
        };
        let store = &self.store;
        let mut a = Analysis { version: crate::VERSION.to_string(), tokens, sentences: std::mem::take(&mut self.sentences), keywords, entities, entity_groups, stats: self.stats.clone() };
        a.stats.unique_words = self.keys.len() as u32;
        for s in a.sentences.iter_mut() {
            *s = Span { start: store.utf16(s.start), end: store.utf16(s.end) };
        }
        for k in a.keywords.iter_mut() {
            for s in k.occurrences.iter_mut() {
                *s = Span { start: store.utf16(s.start), end: store.utf16(s.end) };
            }
        }
        for e in a.entities.iter_mut() {
            e.start = store.utf16(e.start);
            e.end = store.utf16(e.end);
        }
        a
    }

    /// The entities of the whole text (byte offsets): the tagger's second pass over the
    /// whole text, then the merge with the rest. The pieces were tagged by the first pass; the
    /// non-local facts are gathered from all their tags at once, and a piece in which some
    /// token's facts fire is tagged again with them (its text rebuilt from the store and
    /// analyzed as the push did, quotation prefix included), so that the names are those of
    /// one analysis of the whole text.
    fn entities(&mut self) -> Vec<Entity> {
        let mut parts = std::mem::take(&mut self.parts);
        if entities::second_pass_runs() && self.first_tags.len() == self.store.len() {
            let tags: Vec<usize> = self.first_tags.iter().map(|&t| t as usize).collect();
            let nl = entities::nonlocal::gather(&self.nl_keys, &tags);
            drop(tags);
            let mut again: Vec<Entity> = Vec::new();
            let mut redone: Vec<(u32, u32)> = Vec::new();
            for (p, &first) in self.pieces.iter().enumerate() {
                let end = self.pieces.get(p + 1).copied().unwrap_or(self.store.len());
                if !nl[first..end].iter().any(|f| f.fires()) {
                    continue;
                }
                let (text, _) = self.store.tokens(first..end);
                let prefix = quotes_prefix(self.piece_quotes[p]);
                let full = format!("{prefix}{text}");
                let doc = crate::pipeline::doc(&full, &self.options.normalize);
                // the prefix's tokens come first (the rest are the piece's, as when pushed)
                let Some(n) = doc.tokens.len().checked_sub(end - first) else { continue };
                let mut facts = vec![entities::nonlocal::Nl::default(); n];
                facts.extend_from_slice(&nl[first..end]);
                let base = self.store.start(first) as i64 - prefix.len() as i64;
                again.extend(entities::tagged_given(&doc, &facts).iter().map(|e| shifted(e, base)));
                redone.push((self.store.start(first), self.store.start(first) + text.len() as u32));
            }
            if !redone.is_empty() {
                parts.tagged.retain(|e| !redone.iter().any(|&(a, b)| a <= e.start && e.start < b));
                parts.tagged.append(&mut again);
                parts.tagged.sort_by_key(|e| e.start);
            }
        }
        entities::merge(parts)
    }

    /// Analyzes `text`, the next part of the whole (it ends at a safe cut, or the text ends
    /// with it): its tokens (UTF-16, whole-text offsets; none without `options.tokens`).
    fn analyze_part(&mut self, text: &str) -> Vec<Token> {
        let o = &self.options;
        let prefix = quotes_prefix(self.quotes);
        let mut tokens;
        let sentences: Vec<Range>;
        if o.entities && !prefix.is_empty() {
            // the entity stage sees the quotation open again (see the module's documentation)
            let full = format!("{prefix}{text}");
            let doc = crate::pipeline::doc(&full, &o.normalize);
            let p = prefix.len() as u32;
            let (mut tags, mut keys) = (Vec::new(), Vec::new());
            let parts = entities::parts_first_pass(&doc, &mut tags, &mut keys);
            add_parts(&mut self.parts, parts, self.at as i64 - p as i64);
            tokens = doc.tokens;
            let n = tokens.iter().take_while(|t| t.start < p).count();
            self.first_tags.extend(tags.iter().skip(n));
            self.nl_keys.extend(keys.iter().skip(n));
            tokens.drain(..n);
            for t in tokens.iter_mut() {
                t.start -= p;
                t.end -= p;
                for s in t.segments.iter_mut() {
                    s.start -= p;
                    s.end -= p;
                }
            }
            // The prefix ends with a line break, so it is a sentence of its own: the text's
            // sentences are the rest.
            let n = n as u32;
            sentences = doc.sentences.general.iter().filter(|s| s.0 >= n).map(|s| (s.0 - n, s.1 - n)).collect();
        } else {
            let doc = crate::pipeline::doc(text, &o.normalize);
            if o.entities {
                let parts = entities::parts_first_pass(&doc, &mut self.first_tags, &mut self.nl_keys);
                add_parts(&mut self.parts, parts, self.at as i64);
            }
            tokens = doc.tokens;
            sentences = doc.sentences.general;
        }
        let quotes_before = self.quotes;
        self.quotes = quotes_after(self.quotes, &tokens);
        // statistics
        let st = &mut self.stats;
        st.characters += text.chars().count() as u32;
        st.sentences += sentences.len() as u32;
        let first = self.store.len() as u32;
        self.pieces.push(self.store.len());
        self.piece_quotes.push(quotes_before);
        let forms = self.store.add(text, &tokens, self.at, self.at16);
        crate::pipeline::word_counts(&tokens, &mut self.stats);
        for (t, &(_, new)) in tokens.iter().zip(&forms) {
            if new && t.kind.is_word() {
                self.keys.insert(t.key.clone());
            }
        }
        for &(a, b) in &sentences {
            self.sentence_firsts.push(first + a);
            self.sentences.push(Span { start: tokens[a as usize].start + self.at, end: tokens[b as usize - 1].end + self.at });
        }
        // tokens out: UTF-16, whole-text offsets
        if o.tokens {
            let mut a = Analysis { version: String::new(), tokens, sentences: Vec::new(), keywords: Vec::new(), entities: Vec::new(), entity_groups: Vec::new(), stats: Stats::default() };
            crate::offsets::to_utf16(text, &mut a);
            tokens = a.tokens;
            for t in tokens.iter_mut() {
                t.start += self.at16;
                t.end += self.at16;
                for s in t.segments.iter_mut() {
                    s.start += self.at16;
                    s.end += self.at16;
                }
            }
        } else {
            tokens = Vec::new();
        }
        self.at += text.len() as u32;
        self.at16 += store::utf16_len(text);
        tokens
    }

}

/// Adds a part's entity findings to `all`, moved by `by` bytes.
fn add_parts(all: &mut Parts, part: Parts, by: i64) {
    let move_all = |v: Vec<Entity>, to: &mut Vec<Entity>| to.extend(v.iter().map(|e| shifted(e, by)));
    move_all(part.tagged, &mut all.tagged);
    move_all(part.places, &mut all.places);
    move_all(part.orgs, &mut all.orgs);
    move_all(part.quoted_orgs, &mut all.quoted_orgs);
    move_all(part.rules, &mut all.rules);
}

fn shifted(e: &Entity, by: i64) -> Entity {
    let mut e = e.clone();
    e.start = (e.start as i64 + by) as u32;
    e.end = (e.end as i64 + by) as u32;
    e
}

/// The line that reopens the quotations open where a part starts, for the entity stage.
fn quotes_prefix(open: [bool; 2]) -> &'static str {
    match open {
        [false, false] => "",
        [true, false] => "«\n",
        [false, true] => "\"\n",
        [true, true] => "«\"\n",
    }
}

/// The quotation state after `tokens`, from `open` before them: the same walk as the tagger's
/// `quoted` feature.
fn quotes_after(mut open: [bool; 2], tokens: &[Token]) -> [bool; 2] {
    for t in tokens {
        match t.text.as_ref() {
            "«" => open[0] = true,
            "»" => open[0] = false,
            "\"" | "“" | "”" => open[1] = !open[1],
            _ => {}
        }
    }
    open
}

/// The last safe cut in `held` (see the module's documentation): the offset just after a line
/// break whose line ends with a sentence mark. Line breaks before `from` were searched already.
fn safe_cut(held: &str, from: usize) -> Option<usize> {
    let mut end = held.len();
    while let Some(n) = held[..end].rfind('\n') {
        if n < from {
            return None;
        }
        let line_start = held[..n].rfind('\n').map_or(0, |p| p + 1);
        let line = &held[line_start..n];
        let mut last = None;
        let mut pos = 0;
        for t in tokenize(line) {
            if t.kind != Kind::Whitespace {
                last = Some((t.kind, &line[pos..pos + t.len]));
            }
            pos += t.len;
        }
        if last.is_some_and(|(k, s)| is_tagger_stop(k, s)) {
            return Some(n + 1);
        }
        end = n;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_after_a_line_that_ends_a_sentence() {
        assert_eq!(safe_cut("a.\nb", 0), Some(3));
        assert_eq!(safe_cut("a.\nb\nc", 0), Some(3));
        assert_eq!(safe_cut("a. \nb.\n", 0), Some(7));
        assert_eq!(safe_cut("a\nb", 0), None);
        assert_eq!(safe_cut("a..\nb", 0), None, "«..» is no sentence end for the tagger");
        assert_eq!(safe_cut("a.\nb.\n", 4), Some(6));
        assert_eq!(safe_cut("a.\nb\n", 4), None);
    }
}
