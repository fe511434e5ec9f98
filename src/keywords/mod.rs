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
pub mod keyness;
pub mod phrases;
pub mod stopwords;
pub mod words;

use crate::analysis::{Keyword, Options, Ranking, Span};
use forms::Forms;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use stopwords::Stopwords;
use words::Word;

/// The stopword keys in force for `options` (exact keys; see [`Stopwords`] for matching behind
/// clitics).
pub fn stopword_keys(options: &Options) -> HashSet<String> {
    Stopwords::new(options).keys().clone()
}

struct Group<'a> {
    count: u32,
    forms: Forms<'a>,
    keys: HashSet<&'a str>,
    occurrences: Vec<Span>,
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
    let starts: HashSet<u32> = sentences.iter().map(|s| s.start).collect();
    let runs = phrases::runs(&words, &|tok| starts.contains(&tokens[tok].start));
    let mut key_ids: HashMap<&str, u32> = HashMap::new();
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

    // Single words, grouped by stem.
    let mut index: HashMap<&Cow<str>, usize> = HashMap::new();
    let mut groups: Vec<(&Cow<str>, Group)> = Vec::new();
    for (j, w) in words.iter().enumerate() {
        if w.stop || w.stem.chars().nth(1).is_none() {
            continue;
        }
        let g = match index.get(&w.stem) {
            Some(&g) => g,
            None => {
                index.insert(&w.stem, groups.len());
                groups.push((&w.stem, Group { count: 0, forms: Forms::default(), keys: HashSet::new(), occurrences: Vec::new(), in_phrase: 0, first: j }));
                groups.len() - 1
            }
        };
        let g = &mut groups[g].1;
        g.count += 1;
        g.forms.add(&text[w.start as usize..w.base_end as usize], lost_alef(text, w));
        g.keys.insert(w.key);
        g.occurrences.push(Span { start: w.start, end: w.base_end });
        g.in_phrase += in_phrase[j] as u32;
    }

    let mut out: Vec<(usize, Keyword)> = Vec::with_capacity(groups.len() + found.len());
    for (stem, g) in groups {
        if g.count < min_count || g.in_phrase as f64 >= phrases::SUBSUMED * g.count as f64 {
            continue;
        }
        let p: f64 = g.keys.iter().map(|k| keyness::probability(keyness::zipf(k))).sum();
        let (text, variants) = g.forms.finish();
        let kw = Keyword {
            text,
            key: stem.to_string(),
            kind: "word".into(),
            count: g.count,
            share: g.count as f64 / n_words as f64,
            score: 0.0,
            keyness: keyness::log_likelihood(g.count, n_words, p),
            variants,
            occurrences: g.occurrences,
        };
        out.push((g.first, kw));
    }
    let by_id: Vec<&str> = {
        let mut v = vec![""; key_ids.len() + 1];
        for (k, &i) in &key_ids {
            v[i as usize] = k;
        }
        v
    };
    for p in found {
        let mut forms = Forms::default();
        let mut occurrences = Vec::with_capacity(p.occurrences.len());
        for &occ in &p.occurrences {
            let sp = phrases::span(&words, occ);
            forms.add(&text[sp.start as usize..sp.end as usize], lost_alef(text, &words[occ.0]));
            occurrences.push(sp);
        }
        let rarest = p.ids.iter().map(|&i| keyness::probability(keyness::zipf(by_id[i as usize]))).fold(f64::INFINITY, f64::min);
        let (text, variants) = forms.finish();
        let kw = Keyword {
            text,
            key: p.ids.iter().map(|&i| by_id[i as usize]).collect::<Vec<_>>().join(" "),
            kind: "phrase".into(),
            count: p.count,
            share: p.count as f64 / n_words as f64,
            score: 0.0,
            keyness: keyness::log_likelihood(p.count, n_words, rarest * keyness::PHRASE_SHARE),
            variants,
            occurrences,
        };
        out.push((p.occurrences[0].0, kw));
    }
    for (_, k) in out.iter_mut() {
        k.score = match options.ranking {
            Ranking::Keyness => k.keyness,
            Ranking::Frequency => k.count as f64,
        };
    }
    // Highest score first; then the more key, then in order of first appearance (deterministic).
    out.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(b.1.keyness.total_cmp(&a.1.keyness)).then(a.0.cmp(&b.0)));
    let n = if options.top_n == 0 { out.len() } else { options.top_n.min(out.len()) };
    out.truncate(n);
    out.into_iter().map(|(_, k)| k).collect()
}
