//! The keyword view of each token: its clean key (base segment, attached clitics removed), its
//! grouping stem, and where the clean word starts and ends in the text.
//!
//! The segmenter's cut is taken first. Then, because a segmenter cannot know every name, a
//! leading و/ف/ب/ل/ك is also stripped when the rest occurs in this same text as a word of its
//! own (روسيا makes وروسيا and بروسيا forms of it) and general Arabic does not know the whole
//! form better than the rest (so بيان stays بيان even in a text that has يان).

use super::stopwords::{ends_with_written_heh, Stopwords, CONJUNCTIONS, PREPOSITIONS};
use crate::analysis::{Role, Token};
use crate::text::chars::{is_arabic_mark, is_invisible};
use crate::text::stem::stem;
use crate::text::tokenize::Kind;
use std::borrow::Cow;
use super::hash::{FastMap, FastSet};

/// One word token as keywords see it. Offsets are bytes into the text.
#[derive(Clone, Debug)]
pub struct Word<'a> {
    /// Index of the token.
    pub tok: usize,
    /// Matching key of the clean word (the article kept): «روسيا», «الاسلحه».
    pub key: &'a str,
    /// Grouping key (article and inflection removed by the stemmer).
    pub stem: Cow<'a, str>,
    /// The clean word: from the base (after proclitics) to the token's end.
    pub start: u32,
    /// End of the base segment (enclitics excluded).
    pub base_end: u32,
    /// End of the token.
    pub end: u32,
    /// A clitic was attached in front (so the word cannot continue a phrase).
    pub proclitic: bool,
    pub stop: bool,
}

/// Can this kind of token be a keyword (or part of one)?
pub fn is_keyword_kind(k: Kind) -> bool {
    matches!(k, Kind::Arabic | Kind::Latin | Kind::Mixed)
}

/// The keyword view of every keyword-kind token, in order. `known_better(whole, rest)` says
/// whether general Arabic knows the whole key at least as well as the key without its first
/// letter (then that letter is not stripped).
pub fn words<'a>(tokens: &'a [Token], stop: &Stopwords, known_better: &dyn Fn(&str, &str) -> bool) -> Vec<Word<'a>> {
    let mut out: Vec<Word<'a>> = Vec::with_capacity(tokens.len());
    // Texts repeat their words: decide each distinct key once.
    let mut stop_cache: FastMap<(&str, bool), bool> = FastMap::default();
    for (i, t) in tokens.iter().enumerate() {
        if !is_keyword_kind(t.kind) {
            continue;
        }
        let base = t.segments.iter().find(|s| s.role == Role::Base);
        let (key, start, base_end, proclitic) = match base {
            Some(b) => (b.key.as_str(), b.start, b.end, t.segments.first().is_some_and(|s| s.role == Role::Proclitic)),
            None => (t.key.as_str(), t.start, t.end, false),
        };
        let heh = t.key.ends_with('ه') && ends_with_written_heh(&t.text);
        let is_stop = *stop_cache.entry((t.key.as_str(), heh)).or_insert_with(|| stop.is_stop_token(t));
        let stop = is_stop || t.stem.chars().nth(1).is_none();
        out.push(Word { tok: i, key, stem: Cow::Borrowed(t.stem.as_str()), start, base_end, end: t.end, proclitic, stop });
    }
    // Keys and stems seen as words of their own, for the proclitic fallback.
    let mut present: FastSet<&str> = FastSet::with_capacity_and_hasher(out.len(), Default::default());
    for w in out.iter().filter(|w| !w.stop) {
        present.insert(w.key);
        present.insert(&tokens[w.tok].stem);
    }
    let mut cut_cache: FastMap<&str, Option<(usize, String)>> = FastMap::default();
    for w in out.iter_mut() {
        if w.stop || tokens[w.tok].kind != Kind::Arabic {
            continue;
        }
        let mut cs = w.key.chars();
        let Some(c0) = cs.next() else { continue };
        if !CONJUNCTIONS.contains(&c0) && !PREPOSITIONS.contains(&c0) {
            continue;
        }
        let key = w.key;
        let decided = cut_cache.entry(key).or_insert_with(|| {
            // Two letters (a conjunction then a preposition) first, then one letter.
            let two = CONJUNCTIONS.contains(&c0) && cs.next().is_some_and(|c1| PREPOSITIONS.contains(&c1));
            let n = if two && acceptable(key, nth_rest(key, 2), &present, known_better) {
                2
            } else if acceptable(key, nth_rest(key, 1), &present, known_better) {
                1
            } else {
                return None;
            };
            Some((n, stem(nth_rest(key, n))))
        });
        let Some((n, st)) = decided else { continue };
        let t = &tokens[w.tok];
        let mut at = (w.start - t.start) as usize;
        let mut ok = true;
        for c in key.chars().take(*n) {
            match skip_letter(&t.text, at, c) {
                Some(next) => at = next,
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        w.start = t.start + at as u32;
        w.key = nth_rest(key, *n);
        w.stem = Cow::Owned(st.clone());
        w.proclitic = true;
    }
    out
}

/// `key` without its first `n` letters.
fn nth_rest(key: &str, n: usize) -> &str {
    let mut cs = key.chars();
    for _ in 0..n {
        cs.next();
    }
    cs.as_str()
}

/// Is `rest` (the key without leading clitic letters) a word we should read `whole` as?
fn acceptable(whole: &str, rest: &str, present: &FastSet<&str>, known_better: &dyn Fn(&str, &str) -> bool) -> bool {
    rest.chars().nth(2).is_some() && present.contains(rest) && !known_better(whole, rest)
}

/// The byte offset in `text` after the letter at `at` (and its marks), if that letter is `c`
/// as a matching key (so ligatures and the like are never split).
fn skip_letter(text: &str, at: usize, c: char) -> Option<usize> {
    let mut it = text[at..].char_indices();
    let (_, first) = it.next()?;
    if first == c || crate::lexicon::key(first.encode_utf8(&mut [0; 4])).chars().eq(std::iter::once(c)) {
        for (j, d) in it {
            if !is_arabic_mark(d) && !is_invisible(d) {
                return Some(at + j);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;
    use crate::pipeline;

    fn view(text: &str) -> Vec<(String, String, String)> {
        let toks = pipeline::tokens(text, &Options::default().normalize);
        let stop = Stopwords::new(&Options::default());
        words(&toks, &stop, &|_, _| false)
            .into_iter()
            .map(|w| (text[w.start as usize..w.base_end as usize].to_string(), w.key.to_string(), w.stem.into_owned()))
            .collect()
    }

    #[test]
    fn proclitics_stripped_when_the_rest_is_a_word_here() {
        let v = view("روسيا وروسيا بروسيا لأسلحة أسلحة وبأسلحة");
        assert_eq!(v[1].0, "روسيا");
        assert_eq!(v[2].0, "روسيا");
        assert_eq!(v[1].2, v[0].2);
        assert_eq!(v[2].2, v[0].2);
        assert_eq!(v[3].0, "أسلحة");
        assert_eq!(v[3].2, v[4].2);
        assert_eq!(v[5].0, "أسلحة");
    }

    #[test]
    fn proclitic_kept_without_evidence() {
        let v = view("وزير بيان");
        assert_eq!(v[0].0, "وزير");
        assert_eq!(v[1].0, "بيان");
        // Even with the rest present, general Arabic can veto the cut.
        let toks = pipeline::tokens("بيان يان", &Options::default().normalize);
        let stop = Stopwords::new(&Options::default());
        let w = words(&toks, &stop, &|whole, _| whole == "بيان");
        assert_eq!(w[0].key, "بيان");
    }
}
