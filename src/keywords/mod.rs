//! Keywords: what the text is about.
//!
//! 1. [`words`]: each word token's clean key and stem, attached clitics removed (the
//!    segmenter's cut, plus a fallback for و/ف/ب/ل/ك before words this text also has alone).
//! 2. [`stopwords`]: function words are dropped by their matching keys, also behind clitics.
//! 3. Single words group by stem (روسيا، وروسيا، بروسيا → one keyword); [`forms`] picks the form
//!    to show and lists the variants.
//! 4. [`phrases`]: multi-word keywords from strongly associated n-grams; a word found almost
//!    only inside accepted phrases is not listed again on its own.
//! 5. [`keyness`]: every keyword is scored against general Arabic; `ranking` chooses whether
//!    that score or the raw count orders the list.
//!
//! Offsets are bytes here; [`crate::offsets`] converts them with the rest of the result.

pub mod forms;
mod hash;
pub mod keyness;
pub mod phrases;
pub mod stopwords;
pub mod words;

use crate::analysis::{Keyword, Options, Ranking, Span};
use forms::Forms;
use hash::{FastMap, FastSet};
use std::collections::HashSet;
use stopwords::Stopwords;
use words::Word;

/// The stopword keys in force for `options` (exact keys; see [`Stopwords`] for matching behind
/// clitics).
pub fn stopword_keys(options: &Options) -> HashSet<String> {
    Stopwords::new(options).keys()
}

struct Group<'a> {
    count: u32,
    /// The distinct clean keys of the group (for its background frequency).
    keys: Vec<&'a str>,
    /// Indices of its words.
    words: Vec<u32>,
    in_phrase: u32,
    first: usize,
}

/// Does this word's base read ل… where its key reads ال… (an article that lost its alef after
/// the preposition ل)?
fn lost_alef(text: &str, w: &Word) -> bool {
    w.key.starts_with("ال") && text[w.start as usize..].starts_with('ل')
}

/// Ranked keywords of `text`, given its tokens and sentence spans (bytes). Byte offsets.
pub fn extract(text: &str, tokens: &[crate::analysis::Token], sentences: &[Span], options: &Options) -> Vec<Keyword> {
    let stop = Stopwords::new(options);
    let known_better = |whole: &str, rest: &str| match (keyness::zipf(whole), keyness::zipf(rest)) {
        (Some(a), Some(b)) => a >= b,
        (Some(_), None) => true,
        _ => false,
    };
    let words = words::words(tokens, &stop, &known_better);
    let n_words = tokens.iter().filter(|t| t.kind.is_word()).count().max(1);
    let min_count = options.min_count.max(1) as u32;

    // Phrases.
    let starts: FastSet<u32> = sentences.iter().map(|s| s.start).collect();
    let runs = phrases::runs(&words, &|tok| starts.contains(&tokens[tok].start));
    let mut key_ids: FastMap<&str, u32> = FastMap::default();
    let ids: Vec<u32> = words
        .iter()
        .map(|w| {
            let next = key_ids.len() as u32 + 1;
            *key_ids.entry(w.key).or_insert(next)
        })
        .collect();
    let found = phrases::find(&ids, &runs, options.max_ngram, min_count);
    let mut in_phrase = vec![false; words.len()];
    for p in &found {
        for &(a, b) in &p.occurrences {
            in_phrase[a..b].iter_mut().for_each(|x| *x = true);
        }
    }

    // Single words, grouped by stem. The stem is a function of the clean key, so each distinct
    // key is looked up once and every word then finds its group by index.
    let mut key_group: Vec<u32> = vec![u32::MAX; key_ids.len() + 1];
    let mut index: FastMap<&str, u32> = FastMap::default();
    let mut groups: Vec<(&str, Group)> = Vec::new();
    for (j, w) in words.iter().enumerate() {
        if w.stop || w.stem.chars().nth(1).is_none() {
            continue;
        }
        let id = ids[j] as usize;
        if key_group[id] == u32::MAX {
            let stem: &str = &w.stem;
            key_group[id] = *index.entry(stem).or_insert_with(|| {
                groups.push((stem, Group { count: 0, keys: Vec::new(), words: Vec::new(), in_phrase: 0, first: j }));
                groups.len() as u32 - 1
            });
            groups[key_group[id] as usize].1.keys.push(w.key);
        }
        let g = &mut groups[key_group[id] as usize].1;
        g.count += 1;
        g.words.push(j as u32);
        g.in_phrase += in_phrase[j] as u32;
    }

    // Score every candidate first; build the (costlier) keyword records for the top ones only.
    enum Source<'a> {
        Word(&'a str, Group<'a>),
        Phrase(phrases::Phrase),
    }
    struct Cand<'a> {
        first: usize,
        count: u32,
        keyness: f64,
        score: f64,
        source: Source<'a>,
    }
    let score = |count: u32, keyness: f64| match options.ranking {
        Ranking::Keyness => keyness,
        Ranking::Frequency => count as f64,
    };
    let by_id: Vec<&str> = {
        let mut v = vec![""; key_ids.len() + 1];
        for (k, &i) in &key_ids {
            v[i as usize] = k;
        }
        v
    };
    let mut cands: Vec<Cand> = Vec::with_capacity(groups.len() + found.len());
    for (stem, g) in groups {
        if g.count < min_count || g.in_phrase as f64 >= phrases::SUBSUMED * g.count as f64 {
            continue;
        }
        let p: f64 = g.keys.iter().map(|k| keyness::probability(keyness::zipf(k))).sum();
        let k = keyness::log_likelihood(g.count, n_words, p);
        cands.push(Cand { first: g.first, count: g.count, keyness: k, score: score(g.count, k), source: Source::Word(stem, g) });
    }
    for p in found {
        let rarest = p.ids.iter().map(|&i| keyness::probability(keyness::zipf(by_id[i as usize]))).fold(f64::INFINITY, f64::min);
        let k = keyness::log_likelihood(p.count, n_words, rarest * keyness::PHRASE_SHARE);
        cands.push(Cand { first: p.occurrences[0].0, count: p.count, keyness: k, score: score(p.count, k), source: Source::Phrase(p) });
    }
    // Highest score first; then the more key, then in order of first appearance (deterministic).
    cands.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.keyness.total_cmp(&a.keyness)).then(a.first.cmp(&b.first)));
    let n = if options.top_n == 0 { cands.len() } else { options.top_n.min(cands.len()) };
    cands.truncate(n);
    cands
        .into_iter()
        .map(|c| {
            let share = c.count as f64 / n_words as f64;
            match c.source {
                Source::Word(stem, g) => {
                    let mut forms = Forms::default();
                    let mut occurrences = Vec::with_capacity(g.words.len());
                    for &j in &g.words {
                        let w = &words[j as usize];
                        forms.add(&text[w.start as usize..w.base_end as usize], lost_alef(text, w));
                        occurrences.push(Span { start: w.start, end: w.base_end });
                    }
                    let (shown, variants) = forms.finish();
                    Keyword { text: shown, key: stem.to_string(), kind: "word".into(), count: c.count, share, score: c.score, keyness: c.keyness, variants, occurrences }
                }
                Source::Phrase(p) => {
                    let mut forms = Forms::default();
                    let mut occurrences = Vec::with_capacity(p.occurrences.len());
                    for &occ in &p.occurrences {
                        let sp = phrases::span(&words, occ);
                        forms.add(&text[sp.start as usize..sp.end as usize], lost_alef(text, &words[occ.0]));
                        occurrences.push(sp);
                    }
                    let (shown, variants) = forms.finish();
                    let key = p.ids.iter().map(|&i| by_id[i as usize]).collect::<Vec<_>>().join(" ");
                    Keyword { text: shown, key, kind: "phrase".into(), count: c.count, share, score: c.score, keyness: c.keyness, variants, occurrences }
                }
            }
        })
        .collect()
}
