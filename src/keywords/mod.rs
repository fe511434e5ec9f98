//! Keywords: what the text is about.
//!
//! 1. [`words`]: each word token's clean key and stem, attached clitics removed (the
//!    segmenter's cut, plus a fallback for و/ف/ب/ل/ك before words this text also has alone).
//!    What depends on the form alone is worked out once per lexeme and kept ([`lexemes`]).
//! 2. [`stopwords`]: function words are dropped by their matching keys, also behind clitics.
//! 3. Single words group by stem (روسيا، وروسيا، بروسيا → one keyword); [`forms`] picks the form
//!    to show and lists the variants.
//! 4. [`phrases`]: multi-word keywords from strongly associated n-grams; a word found almost
//!    only inside accepted phrases is not listed again on its own.
//! 5. [`keyness`]: every keyword is scored against general Arabic; [`blend`] weighs that
//!    rarity with where the keyword first appears, its count and spread and whether names hold
//!    it. `ranking` chooses the blend (the default), keyness alone or the raw count.
//!
//! Offsets are bytes here; [`crate::offsets`] converts them with the rest of the result.

pub mod blend;
pub mod forms;
mod hash;
pub mod keyness;
pub mod lexemes;
pub mod phrases;
pub mod words;

use crate::analysis::{Keyword, Options, Ranking, Span};
use crate::pipeline::Doc;
use forms::Forms;
use std::borrow::Cow;
use std::collections::HashSet;
use crate::lexicon::stopwords::Stopwords;
use words::Word;

/// The stopword keys in force for `options` (exact keys; see [`Stopwords`] for matching behind
/// clitics).
pub fn stopword_keys(options: &Options) -> HashSet<String> {
    stopwords(options).keys()
}

struct Group {
    count: u32,
    /// The sentence of the last occurrence so far, and how many sentences have one.
    last_sentence: u32,
    sentences: u32,
    /// Occurrences inside a name.
    in_names: u32,
    name: NameVote,
    /// The group's distinct clean keys (for its background probability), as a chain through
    /// `next_key`, in order of first appearance: first, last, how many.
    keys: (u32, u32, u32),
    in_phrase: u32,
    first: usize,
    stem: u32,
}

/// An f64 ordered by `total_cmp`.
#[derive(Clone, Copy, PartialEq)]
struct Total(f64);
impl Eq for Total {}
impl PartialOrd for Total {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Total {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

/// Where the keywords' text comes from: the analyzed text itself, or what a stream keeps of
/// it (`crate::stream`).
pub trait Source {
    /// The text from byte `start` to byte `end` (char boundaries; never across a line break).
    fn slice(&self, start: u32, end: u32) -> Cow<'_, str>;
}

impl Source for str {
    fn slice(&self, start: u32, end: u32) -> Cow<'_, str> {
        Cow::Borrowed(&self[start as usize..end as usize])
    }
}

/// Does this word's base read ل… where its key reads ال… (an article that lost its alef after
/// the preposition ل)?
fn lost_alef<S: Source + ?Sized>(text: &S, key: &str, w: &Word) -> bool {
    key.starts_with("ال") && text.slice(w.start, w.end).starts_with('ل')
}

/// The written base of a word as the keyword shows it: its free form when the enclitic changed
/// its last letter (see [`words::free_form`]).
fn written<'t, S: Source + ?Sized>(text: &'t S, w: &Word) -> Cow<'t, str> {
    let raw = text.slice(w.start, w.base_end);
    match w.restored {
        None => raw,
        Some(c) => {
            use crate::text::chars::{is_arabic_mark, is_invisible};
            let at = raw.char_indices().rev().find(|&(_, d)| !is_arabic_mark(d) && !is_invisible(d)).map_or(raw.len(), |(i, _)| i);
            Cow::Owned(format!("{}{c}", &raw[..at]))
        }
    }
}

/// Does general Arabic know the whole key at least as well as the key without its first
/// letter? (Then that letter is no clitic: see [`words::words`].)
pub fn known_better(whole: &str, rest: &str) -> bool {
    match (keyness::zipf(whole), keyness::zipf(rest)) {
        (Some(a), Some(b)) => a >= b,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The stopwords in force for `options`: the shipped list with the reader's edits.
pub fn stopwords(options: &Options) -> Stopwords {
    Stopwords::new(&options.stopwords_add, &options.stopwords_remove)
}

/// How many candidates the blend ranks for each keyword it lists (some give way: see
/// [`one_per_subject`]).
const OVERFETCH: usize = 2;

/// The blend's list from its ranked candidates (best first: whether each is a phrase, its words'
/// stems and its name group): one keyword per subject, as the candidates shown, in order. A
/// candidate whose name (entity group) an earlier one has is one keyword with it: the one that
/// counts more mentions is shown in the earlier place («بوتين», six mentions, for «فلاديمير
/// بوتين», two); a word that an earlier phrase holds gives way,
/// and a phrase whose first word (its head) is an earlier word keyword takes that word's place
/// («وزارة الصحة» for «وزارة»), keeping its own score.
fn one_per_subject(ranked: &[(bool, (Vec<u32>, u32))], counts: &[u32]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut in_phrases: Vec<u32> = Vec::new();
    for (i, (phrase, (stems, name))) in ranked.iter().enumerate() {
        let same_name = (*name != NO_NAME).then(|| out.iter().position(|&s| ranked[s].1 .1 == *name)).flatten();
        if let Some(at) = same_name {
            if counts[i] > counts[out[at]] {
                out[at] = i; // the name's form that counts more of its mentions
            }
            continue;
        }
        if *phrase {
            in_phrases.extend_from_slice(stems);
            if let Some(at) = out.iter().position(|&s| !ranked[s].0 && ranked[s].1 .0[0] == stems[0]) {
                out[at] = i;
                continue;
            }
        } else if in_phrases.contains(&stems[0]) {
            continue;
        }
        out.push(i);
    }
    out
}

/// A found name's mention as keywords see it: its byte span and its entity group (the
/// mentions of one name share it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    pub start: u32,
    pub end: u32,
    pub group: u32,
}

/// The names of `entities` (byte offsets), grouped as `groups` say, in text order.
pub fn names(entities: &[crate::analysis::Entity], groups: &[crate::analysis::EntityGroup]) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::with_capacity(entities.len());
    for (g, group) in groups.iter().enumerate() {
        for &m in &group.mentions {
            let e = &entities[m as usize];
            out.push(Name { start: e.start, end: e.end, group: g as u32 });
        }
    }
    out.sort_by_key(|n| (n.start, n.end));
    out
}

/// Ranked keywords of a [`Doc`], given its found names ([`names`]). Byte offsets.
pub fn extract(doc: &Doc, names: &[Name], options: &Options) -> Vec<Keyword> {
    let starts = sentence_starts(doc.tokens.len(), doc.sentences.general.iter().map(|s| s.0 as usize));
    lexemes::with_store(|store| {
        let view = words::words(&doc.tokens, &stopwords(options), &known_better, store);
        rank(doc.text, &view, &starts, names, options)
    })
}

/// No name holds this word (see [`places`]).
const NO_NAME: u32 = u32::MAX;

/// Where each word is: its sentence (0 = the first) and the entity group of the name that
/// holds it ([`NO_NAME`]: none); and how many sentences the text has.
fn places(words: &[Word], starts: &[bool], names: &[Name]) -> (Vec<u32>, Vec<u32>, u32) {
    let (mut sentence, mut named) = (Vec::with_capacity(words.len()), Vec::with_capacity(words.len()));
    let (mut seen, mut t, mut k) = (0u32, 0usize, 0usize);
    for w in words {
        // the sentence starts up to this word's token (a slice count: no branch per token)
        let upto = (w.tok as usize + 1).min(starts.len());
        if upto > t {
            seen += starts[t..upto].iter().map(|&b| b as u32).sum::<u32>();
            t = upto;
        }
        sentence.push(seen.saturating_sub(1));
        while k < names.len() && names[k].end <= w.start {
            k += 1;
        }
        named.push(if k < names.len() && names[k].start <= w.start { names[k].group } else { NO_NAME });
    }
    seen += starts[t.min(starts.len())..].iter().filter(|&&b| b).count() as u32;
    (sentence, named, seen.max(1))
}

/// The blend's facts of a phrase, from its occurrences (word-index ranges).
fn phrase_facts(occurrences: &[(usize, usize)], sentence: &[u32], named: &[u32], of_sentences: u32) -> blend::Facts {
    let (mut sentences, mut last, mut in_names) = (0, u32::MAX, 0);
    let mut name = NameVote::default();
    for &(a, _) in occurrences {
        if sentence[a] != last {
            sentences += 1;
            last = sentence[a];
        }
        in_names += (named[a] != NO_NAME) as u32;
        name.add(named[a]);
    }
    let count = occurrences.len() as u32;
    blend::Facts { count, first_sentence: sentence[occurrences[0].0], sentences, of_sentences, in_names, phrase: true, name: name.of(count) }
}

/// Which name holds a keyword's occurrences: the first name group seen, and how many
/// occurrences it holds.
#[derive(Clone, Copy)]
struct NameVote {
    group: u32,
    hits: u32,
}

impl Default for NameVote {
    fn default() -> Self {
        NameVote { group: NO_NAME, hits: 0 }
    }
}

impl NameVote {
    fn add(&mut self, group: u32) {
        if group == NO_NAME {
            return;
        }
        if self.group == NO_NAME {
            self.group = group;
        }
        self.hits += (self.group == group) as u32;
    }
    /// The name group holding at least half of `count` occurrences, or [`NO_NAME`].
    fn of(&self, count: u32) -> u32 {
        if self.hits * 2 >= count.max(1) {
            self.group
        } else {
            NO_NAME
        }
    }
}

/// Which of `tokens` tokens begin a sentence, from the first tokens of the sentences.
pub fn sentence_starts(tokens: usize, firsts: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut starts = vec![false; tokens];
    for i in firsts {
        starts[i] = true;
    }
    starts
}

/// Ranked keywords from a text's keyword view, which of its tokens begin a sentence
/// ([`sentence_starts`]) and its found names ([`names`]). Byte offsets.
pub fn rank<S: Source + ?Sized>(text: &S, view: &words::Words, starts: &[bool], names: &[Name], options: &Options) -> Vec<Keyword> {
    let words = &view.words;
    let n_words = view.word_tokens.max(1);
    let min_count = options.min_count.max(1) as u32;

    // Phrases.
    // Name parts by key id: any of them (never a keyword alone), titles (begin a new phrase).
    let (mut name_part, mut title) = (vec![false; view.n_keys()], vec![false; view.n_keys()]);
    for &(p, class) in &view.name_parts {
        name_part[p as usize] = true;
        title[p as usize] = class == words::Part::Title;
    }
    let runs = phrases::runs(words, |w| starts[w.tok as usize] || title[w.id as usize]);
    let ids: Vec<u32> = words.iter().map(|w| w.id).collect();
    let parts: Vec<(u32, bool)> = view.name_parts.iter().map(|&(p, class)| (p, class == words::Part::Inner)).collect();
    let found = phrases::find(&ids, view.keyword_tokens, &runs, options.max_ngram, min_count, &parts);
    let (sentence, named, of_sentences) = places(words, starts, names);
    let mut in_phrase = vec![false; words.len()];
    for p in &found {
        for &(a, b) in &p.occurrences {
            in_phrase[a..b].iter_mut().for_each(|x| *x = true);
        }
    }

    // Single words, grouped by stem (a function of the clean key, so each distinct key joins
    // its group once, and is looked up in general Arabic once).
    // By stem: its group, or SHORT when too short to mean anything (looked up at the stem's
    // first word, so only for the stems that occur outside names).
    const SHORT: u32 = u32::MAX - 1;
    let mut stem_group: Vec<u32> = vec![u32::MAX; view.n_stems()];
    let mut key_seen: Vec<bool> = vec![false; view.n_keys()];
    let mut next_key: Vec<u32> = vec![u32::MAX; view.n_keys()];
    let mut groups: Vec<Group> = Vec::new();
    for (j, w) in words.iter().enumerate() {
        if name_part[w.id as usize] {
            continue; // a name part (بن), never a keyword alone
        }
        let gi = &mut stem_group[w.stem as usize];
        if *gi == u32::MAX && view.short_stem(w.stem) {
            *gi = SHORT;
        }
        if *gi == SHORT {
            continue;
        }
        if *gi == u32::MAX {
            *gi = groups.len() as u32;
            groups.push(Group { count: 0, last_sentence: u32::MAX, sentences: 0, in_names: 0, name: NameVote::default(), keys: (w.id, w.id, 0), in_phrase: 0, first: j, stem: w.stem });
        }
        let g = &mut groups[*gi as usize];
        if g.last_sentence != sentence[j] {
            g.last_sentence = sentence[j];
            g.sentences += 1;
        }
        g.in_names += (named[j] != NO_NAME) as u32;
        g.name.add(named[j]);
        if !key_seen[w.id as usize] {
            key_seen[w.id as usize] = true;
            if g.keys.2 > 0 {
                next_key[g.keys.1 as usize] = w.id;
            }
            g.keys.1 = w.id;
            g.keys.2 += 1;
        }
        g.count += 1;
        g.in_phrase += in_phrase[j] as u32;
    }

    // Score every candidate that can reach the top; build the (costlier) keyword records for the
    // top ones only.
    enum Source {
        Word(u32),
        Phrase(usize),
    }
    struct Cand {
        first: usize,
        count: u32,
        keyness: f64,
        score: f64,
        /// Breaks the last ties: phrases in the order found, then words by count and first
        /// appearance.
        seq: usize,
        source: Source,
        facts: blend::Facts,
        zipf: f64,
    }
    let score = |count: u32, keyness: f64| match options.ranking {
        Ranking::Keyness | Ranking::Blend => keyness,
        Ranking::Frequency => count as f64,
    };
    let group_facts = |g: &Group| blend::Facts { count: g.count, first_sentence: sentence[g.first], sentences: g.sentences, of_sentences, in_names: g.in_names, phrase: false, name: g.name.of(g.count) };
    let mut cands: Vec<Cand> = Vec::with_capacity(128);
    // Background probability by key id (looked up once per thread).
    let background = |i: u32| view.background(i);
    // Looking a key up in general Arabic is the costly part, and most candidates are rare
    // phrases and words that cannot reach the top: candidates are taken by count, most frequent
    // first, and each kind stops once the top `top_n` are certain. A candidate's keyness is at
    // most what it would be if its keys were as rare as any can be, and a lower count bounds it
    // lower.
    let group_p = |g: &Group| {
        let (mut k, mut p) = (g.keys.0, 0.0);
        for _ in 0..g.keys.2 {
            p += background(k);
            k = next_key[k as usize];
        }
        p
    };
    let eligible = |g: &Group| g.count >= min_count && (g.in_phrase as f64) < phrases::SUBSUMED * g.count as f64;
    // Indices by count, most frequent first, then in their given order (a counting sort:
    // counts are small integers).
    fn by_count(items: &[(u32, u32)]) -> Vec<u32> {
        let max = items.iter().map(|&(_, c)| c as usize).max().unwrap_or(0);
        // start[c]: where the items of count c begin, counts in descending order
        let mut start = vec![0usize; max + 2];
        for &(_, c) in items {
            start[max - c as usize + 1] += 1;
        }
        for c in 1..start.len() {
            start[c] += start[c - 1];
        }
        let mut out = vec![0u32; start[max + 1]];
        for &(i, c) in items {
            let at = &mut start[max - c as usize];
            out[*at] = i;
            *at += 1;
        }
        out
    }
    let eligible_groups: Vec<(u32, u32)> = groups.iter().enumerate().filter(|(_, g)| eligible(g)).map(|(i, g)| (i as u32, g.count)).collect();
    let word_order = by_count(&eligible_groups);
    let phrase_counts: Vec<(u32, u32)> = found.iter().enumerate().map(|(i, p)| (i as u32, p.count)).collect();
    let phrase_order = by_count(&phrase_counts);
    let blended = options.ranking == Ranking::Blend;
    // The blend lists one keyword per subject (see [`one_per_subject`]): it takes more
    // candidates than it lists.
    let want = if blended { options.top_n * OVERFETCH } else { options.top_n };
    // The `want` best (score, keyness) pairs so far, worst first.
    let mut best: std::collections::BinaryHeap<std::cmp::Reverse<(Total, Total)>> = Default::default();
    let note = |best: &mut std::collections::BinaryHeap<std::cmp::Reverse<(Total, Total)>>, s: f64, k: f64| {
        if want > 0 {
            best.push(std::cmp::Reverse((Total(s), Total(k))));
            if best.len() > want {
                best.pop();
            }
        }
    };
    // Can no candidate with this (score, keyness) enter the top any more? (The margins keep
    // rounding from ever dropping a candidate that would tie.)
    let out_of_reach = |best: &std::collections::BinaryHeap<std::cmp::Reverse<(Total, Total)>>, s: f64, k: f64| {
        if want == 0 || best.len() < want {
            return false;
        }
        let std::cmp::Reverse((Total(ws), Total(wk))) = *best.peek().unwrap();
        let margin = 1e-9 * (1.0 + s.abs());
        ws > s + margin || (ws == s && wk > k + 1e-9 * (1.0 + k.abs()))
    };
    let (mut at_w, mut at_p) = (0, 0);
    let (mut words_done, mut phrases_done) = (word_order.is_empty(), phrase_order.is_empty());
    if options.ranking == Ranking::Blend {
        // Every candidate's facts but its rarity cost nothing to know: candidates are taken by
        // their score with the largest rarity any can have, best first, and looked up until
        // no one left can enter the top.
        let mut pending: Vec<(f64, usize, blend::Facts)> = Vec::with_capacity(word_order.len() + found.len());
        for (i, p) in found.iter().enumerate() {
            let f = phrase_facts(&p.occurrences, &sentence, &named, of_sentences);
            pending.push((f.without_rarity() + blend::max_rarity_part(), i, f));
        }
        for (at, &gi) in word_order.iter().enumerate() {
            let f = group_facts(&groups[gi as usize]);
            pending.push((f.without_rarity() + blend::max_rarity_part(), found.len() + at, f));
        }
        // Every score is at least its part without rarity: the `want`-th best of those bounds
        // the list's last score from below, and a candidate whose best cannot reach it is
        // dropped before the sort (most of a long text's).
        if want > 0 && pending.len() > want {
            let mut floor: Vec<f64> = pending.iter().map(|p| p.0 - blend::max_rarity_part()).collect();
            let (_, &mut at_least, _) = floor.select_nth_unstable_by(want - 1, |a, b| b.total_cmp(a));
            let margin = 1e-9 * (1.0 + at_least.abs());
            pending.retain(|p| p.0 + margin >= at_least);
        }
        pending.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (bound, seq, f) in pending {
            if out_of_reach(&best, bound, f64::INFINITY) {
                break;
            }
            if seq < found.len() {
                let p = &found[seq];
                let rarest = p.ids.iter().map(|&i| background(i)).fold(f64::INFINITY, f64::min);
                let k = keyness::log_likelihood(p.count, n_words, rarest * keyness::PHRASE_SHARE);
                let zipf = blend::zipf_of(rarest);
                let s = blend::score(&f, zipf);
                note(&mut best, s, k);
                cands.push(Cand { first: p.occurrences[0].0, count: p.count, keyness: k, score: s, seq, source: Source::Phrase(seq), facts: f, zipf });
            } else {
                let g = &groups[word_order[seq - found.len()] as usize];
                let bg = group_p(g);
                let k = keyness::log_likelihood(g.count, n_words, bg);
                let zipf = blend::zipf_of(bg);
                let s = blend::score(&f, zipf);
                note(&mut best, s, k);
                cands.push(Cand { first: g.first, count: g.count, keyness: k, score: s, seq, source: Source::Word(g.stem), facts: f, zipf });
            }
        }
        (words_done, phrases_done) = (true, true);
    }
    while !(words_done && phrases_done) {
        // The next count level: the larger of the two streams' next counts.
        let next_p = (!phrases_done).then(|| found[phrase_order[at_p] as usize].count);
        let next_w = (!words_done).then(|| groups[word_order[at_w] as usize].count);
        let count = next_p.max(next_w).unwrap();
        if next_p == Some(count) {
            let bound = keyness::log_likelihood(count, n_words, keyness::MIN_PROBABILITY * keyness::PHRASE_SHARE);
            if out_of_reach(&best, score(count, bound), bound) {
                phrases_done = true; // no phrase from here on can enter the top
            } else {
                while at_p < phrase_order.len() && found[phrase_order[at_p] as usize].count == count {
                    let i = phrase_order[at_p] as usize;
                    let p = &found[i];
                    at_p += 1;
                    let rarest = p.ids.iter().map(|&i| background(i)).fold(f64::INFINITY, f64::min);
                    let k = keyness::log_likelihood(p.count, n_words, rarest * keyness::PHRASE_SHARE);
                    note(&mut best, score(p.count, k), k);
                    let facts = phrase_facts(&p.occurrences, &sentence, &named, of_sentences);
                    cands.push(Cand { first: p.occurrences[0].0, count: p.count, keyness: k, score: score(p.count, k), seq: i, source: Source::Phrase(i), facts, zipf: blend::zipf_of(rarest) });
                }
                phrases_done = at_p == phrase_order.len();
            }
        }
        if next_w == Some(count) {
            let bound = keyness::log_likelihood(count, n_words, keyness::MIN_PROBABILITY);
            if out_of_reach(&best, score(count, bound), bound) {
                words_done = true; // no group from here on can enter the top
            } else {
                while at_w < word_order.len() && groups[word_order[at_w] as usize].count == count {
                    let g = &groups[word_order[at_w] as usize];
                    let seq = found.len() + at_w;
                    at_w += 1;
                    // A group's background is the sum over its keys, so any one key bounds its
                    // keyness from above: a group that cannot enter the top even so needs no
                    // more lookups (most groups here have several keys and stay out).
                    if g.keys.2 > 1 {
                        let most = keyness::log_likelihood(g.count, n_words, background(g.keys.0));
                        if out_of_reach(&best, score(g.count, most), most) {
                            continue;
                        }
                    }
                    let bg = group_p(g);
                    let k = keyness::log_likelihood(g.count, n_words, bg);
                    note(&mut best, score(g.count, k), k);
                    cands.push(Cand { first: g.first, count: g.count, keyness: k, score: score(g.count, k), seq, source: Source::Word(g.stem), facts: group_facts(g), zipf: blend::zipf_of(bg) });
                }
                words_done = at_w == word_order.len();
            }
        }
    }
    // Highest score first; then the more key, then in order of first appearance, then `seq`
    // (deterministic).
    let order = |a: &Cand, b: &Cand| b.score.total_cmp(&a.score).then(b.keyness.total_cmp(&a.keyness)).then(a.first.cmp(&b.first)).then(a.seq.cmp(&b.seq));
    let mut ranked = cands;
    let n = if want == 0 { ranked.len() } else { want.min(ranked.len()) };
    if n < ranked.len() && n > 0 {
        ranked.select_nth_unstable_by(n - 1, order);
    }
    ranked.truncate(n);
    ranked.sort_unstable_by(order);
    if blended {
        let subject = |c: &Cand| -> (Vec<u32>, u32) {
            let stems = match c.source {
                Source::Word(stem) => vec![stem],
                Source::Phrase(i) => {
                    let (a, b) = found[i].occurrences[0];
                    words[a..b].iter().map(|w| w.stem).collect()
                }
            };
            (stems, c.facts.name)
        };
        let list = one_per_subject(&ranked.iter().map(|c| (matches!(c.source, Source::Phrase(_)), subject(c))).collect::<Vec<_>>(), &ranked.iter().map(|c| c.count).collect::<Vec<_>>());
        let mut slots: Vec<Option<Cand>> = ranked.into_iter().map(Some).collect();
        ranked = list.into_iter().map(|shown| slots[shown].take().expect("each candidate is shown once")).collect();
        if options.top_n > 0 {
            ranked.truncate(options.top_n);
        }
    }
    let cands = ranked;
    let mut found: Vec<Option<phrases::Phrase>> = found.into_iter().map(Some).collect();
    // The words of the listed single-word keywords, in one pass.
    let mut listed: Vec<u32> = vec![u32::MAX; view.n_stems()];
    let mut members: Vec<Vec<u32>> = Vec::new();
    for c in &cands {
        if let Source::Word(stem) = c.source {
            listed[stem as usize] = members.len() as u32;
            members.push(Vec::with_capacity(c.count as usize));
        }
    }
    if !members.is_empty() {
        for (j, w) in words.iter().enumerate() {
            if listed[w.stem as usize] == u32::MAX {
                continue;
            }
            members[listed[w.stem as usize] as usize].push(j as u32);
        }
    }
    cands
        .into_iter()
        .map(|c| {
            let share = c.count as f64 / n_words as f64;
            let explain = options.explain.then(|| c.facts.explain(c.zipf));
            match c.source {
                Source::Word(stem) => {
                    let mut forms = Forms::default();
                    let g = std::mem::take(&mut members[listed[stem as usize] as usize]);
                    let mut occurrences = Vec::with_capacity(g.len());
                    for &j in &g {
                        let w = &words[j as usize];
                        forms.add(written(text, w), lost_alef(text, view.key(w), w));
                        occurrences.push(Span { start: w.start, end: w.base_end });
                    }
                    let (shown, variants) = forms.finish();
                    Keyword { text: shown, key: view.stem_str(stem).to_string(), kind: "word".into(), count: c.count, share, score: c.score, keyness: c.keyness, variants, occurrences, explain }
                }
                Source::Phrase(i) => {
                    let p = found[i].take().expect("each phrase is listed once");
                    let mut forms = Forms::default();
                    let mut occurrences = Vec::with_capacity(p.occurrences.len());
                    for &occ in &p.occurrences {
                        let sp = phrases::span(words, occ);
                        forms.add(text.slice(sp.start, sp.end), lost_alef(text, view.key(&words[occ.0]), &words[occ.0]));
                        occurrences.push(sp);
                    }
                    let (shown, variants) = forms.finish();
                    let key = p.ids.iter().map(|&i| view.key_str(i)).collect::<Vec<_>>().join(" ");
                    Keyword { text: shown, key, kind: "phrase".into(), count: c.count, share, score: c.score, keyness: c.keyness, variants, occurrences, explain }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_keyword_per_subject() {
        // a name's keywords take one place, the earlier's, shown by the one counting more
        let name = [(true, (vec![2, 1], 7)), (false, (vec![1], 7)), (false, (vec![9], NO_NAME))];
        assert_eq!(one_per_subject(&name, &[2, 6, 3]), vec![1, 2]);
        assert_eq!(one_per_subject(&name, &[2, 2, 3]), vec![0, 2]);
        // a phrase takes its head word's place
        assert_eq!(one_per_subject(&[(false, (vec![3], NO_NAME)), (false, (vec![8], NO_NAME)), (true, (vec![3, 4], NO_NAME))], &[3, 3, 2]), vec![2, 1]);
        // a word an earlier phrase holds gives way; an unrelated one stays
        assert_eq!(one_per_subject(&[(true, (vec![5, 6], NO_NAME)), (false, (vec![6], NO_NAME)), (false, (vec![4], NO_NAME))], &[2, 3, 3]), vec![0, 2]);
    }
}
