//! Ranking a text's keyword candidates, in the steps [`rank`] names:
//!
//! 1. [`phrases::find`] finds the phrases; [`places`] says which sentence and which name holds
//!    each word.
//! 2. [`group_words`] groups the single words by stem (a name part or a stem too short to mean
//!    anything is never a keyword alone).
//! 3. The candidates are scored, the costly part being a key's lookup in general Arabic: the
//!    blend takes them by the best score they could reach ([`Ranker::blended`]), keyness and
//!    frequency by count ([`Ranker::by_count`]), and each stops once nothing left can enter the
//!    top ([`Top`]).
//! 4. [`Ranker::choose`] sorts the best and, for the blend, keeps one keyword per subject
//!    ([`one_per_subject`]); [`Ranker::keywords`] builds the records of those alone.

use super::forms::Forms;
use super::{blend, keyness, lost_alef, phrases, words, written, Source};
use crate::analysis::{Keyword, Options, Ranking, Span};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use words::Word;

/// How many candidates the blend ranks for each keyword it lists (some give way: see
/// [`one_per_subject`]).
const OVERFETCH: usize = 2;

/// No name holds this word (see [`places`]).
const NO_NAME: u32 = u32::MAX;

/// A stem too short to mean anything: never a keyword (see [`group_words`]).
const SHORT: u32 = u32::MAX - 1;

/// The words of one stem in the text.
struct Group {
    count: u32,
    /// The sentence of the last occurrence so far, and how many sentences have one.
    last_sentence: u32,
    sentences: u32,
    /// Occurrences inside a name.
    in_names: u32,
    name: NameVote,
    /// The group's distinct clean keys (for its background probability), as a chain through
    /// [`Groups::next_key`], in order of first appearance: first, last, how many.
    keys: (u32, u32, u32),
    in_phrase: u32,
    first: usize,
    stem: u32,
}

/// The text's single-word groups, and the chain of each group's keys.
struct Groups {
    groups: Vec<Group>,
    next_key: Vec<u32>,
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

/// What a candidate is: a stem's group of words, or a phrase (its index among the found ones).
#[derive(Clone, Copy)]
enum Of {
    Word(u32),
    Phrase(usize),
}

/// A scored candidate.
struct Cand {
    first: usize,
    count: u32,
    keyness: f64,
    score: f64,
    /// Breaks the last ties: phrases in the order found, then words by count and first
    /// appearance.
    seq: usize,
    of: Of,
    facts: blend::Facts,
    zipf: f64,
}

/// The `want` best (score, keyness) pairs seen so far: whether a candidate can still enter the
/// list.
struct Top {
    want: usize,
    /// Worst first.
    best: BinaryHeap<Reverse<(Total, Total)>>,
}

impl Top {
    fn new(want: usize) -> Top {
        Top { want, best: BinaryHeap::new() }
    }

    fn note(&mut self, score: f64, keyness: f64) {
        if self.want > 0 {
            self.best.push(Reverse((Total(score), Total(keyness))));
            if self.best.len() > self.want {
                self.best.pop();
            }
        }
    }

    /// Can no candidate with this (score, keyness) enter the top any more? (The margins keep
    /// rounding from ever dropping a candidate that would tie.)
    fn out_of_reach(&self, score: f64, keyness: f64) -> bool {
        if self.want == 0 || self.best.len() < self.want {
            return false;
        }
        let Reverse((Total(ws), Total(wk))) = *self.best.peek().unwrap();
        let margin = 1e-9 * (1.0 + score.abs());
        ws > score + margin || (ws == score && wk > keyness + 1e-9 * (1.0 + keyness.abs()))
    }
}

/// Ranked keywords from a text's keyword view, which of its tokens begin a sentence
/// ([`super::sentence_starts`]) and its found names ([`super::names`]). Byte offsets.
pub fn rank<S: Source + ?Sized>(text: &S, view: &words::Words, starts: &[bool], names: &[super::Name], options: &Options) -> Vec<Keyword> {
    let words = &view.words;
    let min_count = options.min_count.max(1) as u32;
    let (name_part, title) = name_parts(view);
    let runs = phrases::runs(words, |w| starts[w.tok as usize] || title[w.id as usize]);
    let ids: Vec<u32> = words.iter().map(|w| w.id).collect();
    let parts: Vec<(u32, bool)> = view.name_parts.iter().map(|&(p, class)| (p, class == words::Part::Inner)).collect();
    let found = phrases::find(&ids, view.keyword_tokens, &runs, options.max_ngram, min_count, &parts);
    let (sentence, named, of_sentences) = places(words, starts, names);
    let in_phrase = in_phrases(words.len(), &found);
    let groups = group_words(view, &name_part, &sentence, &named, &in_phrase);
    let blended = options.ranking == Ranking::Blend;
    // The blend lists one keyword per subject (see [`one_per_subject`]): it takes more
    // candidates than it lists.
    let want = if blended { options.top_n * OVERFETCH } else { options.top_n };
    let r = Ranker { view, options, found, groups, sentence, named, of_sentences, n_words: view.word_tokens.max(1), min_count };
    let cands = if blended { r.blended(want) } else { r.by_count(want) };
    let cands = r.choose(cands, want);
    r.keywords(text, cands)
}

/// By key id: whether the key is a name part (any: never a keyword alone), and whether it is
/// a title (begins a new phrase).
fn name_parts(view: &words::Words) -> (Vec<bool>, Vec<bool>) {
    let (mut name_part, mut title) = (vec![false; view.n_keys()], vec![false; view.n_keys()]);
    for &(p, class) in &view.name_parts {
        name_part[p as usize] = true;
        title[p as usize] = class == words::Part::Title;
    }
    (name_part, title)
}

/// By word: whether a found phrase holds it.
fn in_phrases(n: usize, found: &[phrases::Phrase]) -> Vec<bool> {
    let mut in_phrase = vec![false; n];
    for p in found {
        for &(a, b) in &p.occurrences {
            in_phrase[a..b].iter_mut().for_each(|x| *x = true);
        }
    }
    in_phrase
}

/// Single words grouped by stem (a function of the clean key, so each distinct key joins its
/// group once, and is looked up in general Arabic once). Name parts (بن) and stems too short to
/// mean anything join no group (the shortness is looked up at the stem's first word, so only
/// for the stems that occur outside names).
fn group_words(view: &words::Words, name_part: &[bool], sentence: &[u32], named: &[u32], in_phrase: &[bool]) -> Groups {
    // By stem: its group, SHORT, or u32::MAX while not met yet.
    let mut stem_group: Vec<u32> = vec![u32::MAX; view.n_stems()];
    let mut key_seen: Vec<bool> = vec![false; view.n_keys()];
    let mut next_key: Vec<u32> = vec![u32::MAX; view.n_keys()];
    let mut groups: Vec<Group> = Vec::new();
    for (j, w) in view.words.iter().enumerate() {
        if name_part[w.id as usize] {
            continue;
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
    Groups { groups, next_key }
}

/// Indices by count, most frequent first, then in their given order (a counting sort: counts
/// are small integers).
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

/// What ranking one text needs: its view, phrases, word groups and where each word is.
struct Ranker<'v> {
    view: &'v words::Words<'v>,
    options: &'v Options,
    found: Vec<phrases::Phrase>,
    groups: Groups,
    sentence: Vec<u32>,
    named: Vec<u32>,
    of_sentences: u32,
    n_words: usize,
    min_count: u32,
}

impl Ranker<'_> {
    /// A key's background probability (looked up once per thread).
    fn background(&self, key: u32) -> f64 {
        self.view.background(key)
    }

    /// A group's background probability: the sum over its keys.
    fn group_p(&self, g: &Group) -> f64 {
        let (mut k, mut p) = (g.keys.0, 0.0);
        for _ in 0..g.keys.2 {
            p += self.background(k);
            k = self.groups.next_key[k as usize];
        }
        p
    }

    /// The background probability of a phrase's rarest word.
    fn rarest(&self, p: &phrases::Phrase) -> f64 {
        p.ids.iter().map(|&i| self.background(i)).fold(f64::INFINITY, f64::min)
    }

    fn group_facts(&self, g: &Group) -> blend::Facts {
        blend::Facts { count: g.count, first_sentence: self.sentence[g.first], sentences: g.sentences, of_sentences: self.of_sentences, in_names: g.in_names, phrase: false, name: g.name.of(g.count) }
    }

    fn phrase_facts(&self, p: &phrases::Phrase) -> blend::Facts {
        phrase_facts(&p.occurrences, &self.sentence, &self.named, self.of_sentences)
    }

    /// The score that keyness or frequency ranks by (the blend scores with [`blend::score`]).
    fn plain_score(&self, count: u32, keyness: f64) -> f64 {
        match self.options.ranking {
            Ranking::Keyness | Ranking::Blend => keyness,
            Ranking::Frequency => count as f64,
        }
    }

    /// The groups that may be listed (often enough, and not mostly inside listed phrases), and
    /// the phrases, each in [`by_count`] order.
    fn orders(&self) -> (Vec<u32>, Vec<u32>) {
        let eligible = |g: &Group| g.count >= self.min_count && (g.in_phrase as f64) < phrases::SUBSUMED * g.count as f64;
        let groups: Vec<(u32, u32)> = self.groups.groups.iter().enumerate().filter(|(_, g)| eligible(g)).map(|(i, g)| (i as u32, g.count)).collect();
        let phrases: Vec<(u32, u32)> = self.found.iter().enumerate().map(|(i, p)| (i as u32, p.count)).collect();
        (by_count(&groups), by_count(&phrases))
    }

    /// The blend's candidates. Every candidate's facts but its rarity cost nothing to know:
    /// candidates are taken by their score with the largest rarity any can have, best first,
    /// and looked up until no one left can enter the top.
    fn blended(&self, want: usize) -> Vec<Cand> {
        let (word_order, _) = self.orders();
        let found = &self.found;
        let mut pending: Vec<(f64, usize, blend::Facts)> = Vec::with_capacity(word_order.len() + found.len());
        for (i, p) in found.iter().enumerate() {
            let f = self.phrase_facts(p);
            pending.push((f.without_rarity() + blend::max_rarity_part(), i, f));
        }
        for (at, &gi) in word_order.iter().enumerate() {
            let f = self.group_facts(&self.groups.groups[gi as usize]);
            pending.push((f.without_rarity() + blend::max_rarity_part(), found.len() + at, f));
        }
        drop_hopeless(&mut pending, want);
        pending.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top = Top::new(want);
        let mut cands: Vec<Cand> = Vec::with_capacity(128);
        for (bound, seq, f) in pending {
            if top.out_of_reach(bound, f64::INFINITY) {
                break;
            }
            let (first, count, of, bg, rarity) = if seq < found.len() {
                let p = &found[seq];
                let rarest = self.rarest(p);
                (p.occurrences[0].0, p.count, Of::Phrase(seq), rarest * keyness::PHRASE_SHARE, rarest)
            } else {
                let g = &self.groups.groups[word_order[seq - found.len()] as usize];
                let bg = self.group_p(g);
                (g.first, g.count, Of::Word(g.stem), bg, bg)
            };
            let k = keyness::log_likelihood(count, self.n_words, bg);
            let zipf = blend::zipf_of(rarity);
            let s = blend::score(&f, zipf);
            top.note(s, k);
            cands.push(Cand { first, count, keyness: k, score: s, seq, of, facts: f, zipf });
        }
        cands
    }

    /// Keyness's and frequency's candidates: taken by count, most frequent first, and each
    /// kind (phrases, words) stops once the top `want` are certain. A candidate's keyness is at
    /// most what it would be if its keys were as rare as any can be, and a lower count bounds
    /// it lower.
    fn by_count(&self, want: usize) -> Vec<Cand> {
        let (word_order, phrase_order) = self.orders();
        let (found, groups) = (&self.found, &self.groups.groups);
        let mut top = Top::new(want);
        let mut cands: Vec<Cand> = Vec::with_capacity(128);
        let (mut at_w, mut at_p) = (0, 0);
        let (mut words_done, mut phrases_done) = (word_order.is_empty(), phrase_order.is_empty());
        while !(words_done && phrases_done) {
            // The next count level: the larger of the two streams' next counts.
            let next_p = (!phrases_done).then(|| found[phrase_order[at_p] as usize].count);
            let next_w = (!words_done).then(|| groups[word_order[at_w] as usize].count);
            let count = next_p.max(next_w).unwrap();
            if next_p == Some(count) {
                let bound = keyness::log_likelihood(count, self.n_words, keyness::MIN_PROBABILITY * keyness::PHRASE_SHARE);
                if top.out_of_reach(self.plain_score(count, bound), bound) {
                    phrases_done = true; // no phrase from here on can enter the top
                } else {
                    while at_p < phrase_order.len() && found[phrase_order[at_p] as usize].count == count {
                        let i = phrase_order[at_p] as usize;
                        at_p += 1;
                        cands.push(self.phrase_cand(i, &mut top));
                    }
                    phrases_done = at_p == phrase_order.len();
                }
            }
            if next_w == Some(count) {
                let bound = keyness::log_likelihood(count, self.n_words, keyness::MIN_PROBABILITY);
                if top.out_of_reach(self.plain_score(count, bound), bound) {
                    words_done = true; // no group from here on can enter the top
                } else {
                    while at_w < word_order.len() && groups[word_order[at_w] as usize].count == count {
                        let g = &groups[word_order[at_w] as usize];
                        let seq = found.len() + at_w;
                        at_w += 1;
                        cands.extend(self.word_cand(g, seq, &mut top));
                    }
                    words_done = at_w == word_order.len();
                }
            }
        }
        cands
    }

    /// Phrase `i` scored by keyness or frequency.
    fn phrase_cand(&self, i: usize, top: &mut Top) -> Cand {
        let p = &self.found[i];
        let rarest = self.rarest(p);
        let k = keyness::log_likelihood(p.count, self.n_words, rarest * keyness::PHRASE_SHARE);
        let s = self.plain_score(p.count, k);
        top.note(s, k);
        Cand { first: p.occurrences[0].0, count: p.count, keyness: k, score: s, seq: i, of: Of::Phrase(i), facts: self.phrase_facts(p), zipf: blend::zipf_of(rarest) }
    }

    /// A word group scored by keyness or frequency, unless it cannot enter the top.
    fn word_cand(&self, g: &Group, seq: usize, top: &mut Top) -> Option<Cand> {
        // A group's background is the sum over its keys, so any one key bounds its keyness
        // from above: a group that cannot enter the top even so needs no more lookups (most
        // groups here have several keys and stay out).
        if g.keys.2 > 1 {
            let most = keyness::log_likelihood(g.count, self.n_words, self.background(g.keys.0));
            if top.out_of_reach(self.plain_score(g.count, most), most) {
                return None;
            }
        }
        let bg = self.group_p(g);
        let k = keyness::log_likelihood(g.count, self.n_words, bg);
        let s = self.plain_score(g.count, k);
        top.note(s, k);
        Some(Cand { first: g.first, count: g.count, keyness: k, score: s, seq, of: Of::Word(g.stem), facts: self.group_facts(g), zipf: blend::zipf_of(bg) })
    }

    /// The `want` best candidates, best first: highest score, then the more key, then in
    /// order of first appearance, then `seq` (deterministic). The blend then keeps one per
    /// subject ([`one_per_subject`]) and the first `top_n`.
    fn choose(&self, mut ranked: Vec<Cand>, want: usize) -> Vec<Cand> {
        let order = |a: &Cand, b: &Cand| b.score.total_cmp(&a.score).then(b.keyness.total_cmp(&a.keyness)).then(a.first.cmp(&b.first)).then(a.seq.cmp(&b.seq));
        let n = if want == 0 { ranked.len() } else { want.min(ranked.len()) };
        if n < ranked.len() && n > 0 {
            ranked.select_nth_unstable_by(n - 1, order);
        }
        ranked.truncate(n);
        ranked.sort_unstable_by(order);
        if self.options.ranking != Ranking::Blend {
            return ranked;
        }
        let subject = |c: &Cand| -> (bool, (Vec<u32>, u32)) {
            let stems = match c.of {
                Of::Word(stem) => vec![stem],
                Of::Phrase(i) => {
                    let (a, b) = self.found[i].occurrences[0];
                    self.view.words[a..b].iter().map(|w| w.stem).collect()
                }
            };
            (matches!(c.of, Of::Phrase(_)), (stems, c.facts.name))
        };
        let list = one_per_subject(&ranked.iter().map(subject).collect::<Vec<_>>(), &ranked.iter().map(|c| c.count).collect::<Vec<_>>());
        let mut slots: Vec<Option<Cand>> = ranked.into_iter().map(Some).collect();
        let mut shown: Vec<Cand> = list.into_iter().map(|i| slots[i].take().expect("each candidate is shown once")).collect();
        if self.options.top_n > 0 {
            shown.truncate(self.options.top_n);
        }
        shown
    }

    /// The keyword records of the chosen candidates: the form shown, the variants and the
    /// occurrences.
    fn keywords<S: Source + ?Sized>(self, text: &S, cands: Vec<Cand>) -> Vec<Keyword> {
        let (view, words) = (self.view, &self.view.words);
        let mut members = word_members(view, &cands);
        let mut found: Vec<Option<phrases::Phrase>> = self.found.into_iter().map(Some).collect();
        let options = self.options;
        cands
            .into_iter()
            .enumerate()
            .map(|(at, c)| {
                let share = c.count as f64 / self.n_words as f64;
                let explain = options.explain.then(|| c.facts.explain(c.zipf));
                let mut forms = Forms::default();
                let (key, kind, occurrences) = match c.of {
                    Of::Word(stem) => {
                        let g = std::mem::take(&mut members[at]);
                        let mut occurrences = Vec::with_capacity(g.len());
                        for &j in &g {
                            let w = &words[j as usize];
                            forms.add(written(text, w), lost_alef(text, view.key(w), w));
                            occurrences.push(Span { start: w.start, end: w.base_end });
                        }
                        (view.stem_str(stem).to_string(), "word", occurrences)
                    }
                    Of::Phrase(i) => {
                        let p = found[i].take().expect("each phrase is listed once");
                        let mut occurrences = Vec::with_capacity(p.occurrences.len());
                        for &occ in &p.occurrences {
                            let sp = phrases::span(words, occ);
                            forms.add(text.slice(sp.start, sp.end), lost_alef(text, view.key(&words[occ.0]), &words[occ.0]));
                            occurrences.push(sp);
                        }
                        (p.ids.iter().map(|&i| view.key_str(i)).collect::<Vec<_>>().join(" "), "phrase", occurrences)
                    }
                };
                let (shown, variants) = forms.finish();
                Keyword { text: shown, key, kind: kind.into(), count: c.count, share, score: c.score, keyness: c.keyness, variants, occurrences, explain }
            })
            .collect()
    }
}

/// Drops from the blend's `pending` (best possible score, seq, facts) the candidates that cannot
/// reach the list. Every score is at least its part without rarity: the `want`-th best of those
/// bounds the list's last score from below, and a candidate whose best cannot reach it is
/// dropped before the sort (most of a long text's).
fn drop_hopeless(pending: &mut Vec<(f64, usize, blend::Facts)>, want: usize) {
    if want == 0 || pending.len() <= want {
        return;
    }
    let mut floor: Vec<f64> = pending.iter().map(|p| p.0 - blend::max_rarity_part()).collect();
    let (_, &mut at_least, _) = floor.select_nth_unstable_by(want - 1, |a, b| b.total_cmp(a));
    let margin = 1e-9 * (1.0 + at_least.abs());
    pending.retain(|p| p.0 + margin >= at_least);
}

/// By listed candidate: the words of the single-word keywords among `cands` (in one pass over
/// the words); empty for phrases.
fn word_members(view: &words::Words, cands: &[Cand]) -> Vec<Vec<u32>> {
    let mut listed: Vec<u32> = vec![u32::MAX; view.n_stems()];
    let mut members: Vec<Vec<u32>> = cands.iter().map(|_| Vec::new()).collect();
    let mut any = false;
    for (at, c) in cands.iter().enumerate() {
        if let Of::Word(stem) = c.of {
            listed[stem as usize] = at as u32;
            members[at].reserve(c.count as usize);
            any = true;
        }
    }
    if any {
        for (j, w) in view.words.iter().enumerate() {
            let at = listed[w.stem as usize];
            if at != u32::MAX {
                members[at as usize].push(j as u32);
            }
        }
    }
    members
}

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

/// Where each word is: its sentence (0 = the first) and the entity group of the name that
/// holds it ([`NO_NAME`]: none); and how many sentences the text has.
fn places(words: &[Word], starts: &[bool], names: &[super::Name]) -> (Vec<u32>, Vec<u32>, u32) {
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

    #[test]
    fn counts_sort_most_frequent_first_and_stable() {
        assert_eq!(by_count(&[(0, 2), (1, 5), (2, 2), (3, 1), (4, 5)]), vec![1, 4, 0, 2, 3]);
        assert_eq!(by_count(&[]), Vec::<u32>::new());
    }

    #[test]
    fn top_says_when_nothing_can_enter() {
        let mut top = Top::new(2);
        assert!(!top.out_of_reach(0.0, 0.0), "an empty list takes anything");
        top.note(3.0, 1.0);
        top.note(5.0, 1.0);
        assert!(top.out_of_reach(2.0, 9.0), "below the second best");
        assert!(!top.out_of_reach(3.0, 1.0), "a tie may still enter");
        assert!(!top.out_of_reach(4.0, 0.0));
        assert!(!Top::new(0).out_of_reach(-1.0, -1.0), "no limit: everything is listed");
    }
}
