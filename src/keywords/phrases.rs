//! Multi-word keywords: n-grams of 2 to `max_ngram` words that hold together more than chance
//! allows (كوريا الشمالية، البيت الأبيض، حلف شمال الأطلسي).
//!
//! Candidates never cross a sentence boundary, punctuation or a number, never contain a
//! stopword, and only their first word may carry a proclitic (و before the second word means
//! a new phrase begins). Each candidate seen at least `min_count` times (and at least twice) is
//! scored by its weakest link: the smallest log-likelihood G² (Dunning) over every way of
//! cutting it in two, from the counts of the two parts. A phrase that is almost always part of a
//! longer accepted phrase gives way to it.

use super::words::Word;
use crate::analysis::Span;
use super::hash::FastMap;

/// G² a phrase needs (p < 0.001 for one degree of freedom).
pub const MIN_ASSOCIATION: f64 = 10.83;
/// A phrase at least this often inside a longer accepted phrase gives way to it; a word at
/// least this often inside accepted phrases is not listed on its own.
pub const SUBSUMED: f64 = 0.75;
/// Longest n-gram considered.
pub const MAX_LEN: usize = 4;

/// An accepted phrase.
pub struct Phrase {
    /// The words' key ids, in order.
    pub ids: Vec<u32>,
    pub count: u32,
    /// Weakest-link G².
    pub association: f64,
    /// Occurrences as half-open ranges of indices into the word list.
    pub occurrences: Vec<(usize, usize)>,
}

/// Phrase runs: maximal stretches of words a phrase may span, as half-open word-index ranges.
/// `begins(w)` says that a word begins a new run whatever precedes it (it begins a sentence, or
/// it is a title).
pub fn runs(words: &[Word], begins: impl Fn(&Word) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (j, w) in words.iter().enumerate() {
        // Tanween (ً ٌ ٍ) marks an indefinite word that ends its noun phrase: it pairs only with
        // an agreeing adjective written with tanween too. «اتصالاً هاتفياً» holds; «ريال محققاً
        // زيادة» breaks on both sides of محققاً (an adverbial accusative, not part of a term).
        let joins = j > 0
            && words[j - 1].tok + 1 == w.tok
            && !begins(w)
            && !w.proclitic
            && words[j - 1].tanween == w.tanween;
        if !joins {
            if let Some(s) = start.take() {
                out.push((s, j));
            }
        }
        if start.is_none() {
            start = Some(j);
        }
    }
    if let Some(s) = start {
        out.push((s, words.len()));
    }
    out
}

/// Dunning's G² for a 2×2 table: `ab` joint count, `a` and `b` the parts' counts, `n` total.
pub fn g2(ab: f64, a: f64, b: f64, n: f64) -> f64 {
    let cells = [(ab, a, b), (a - ab, a, n - b), (b - ab, n - a, b), (n - a - b + ab, n - a, n - b)];
    let mut g = 0.0;
    for (k, row, col) in cells {
        if k > 0.0 && row > 0.0 && col > 0.0 {
            g += k * libm::log(k * n / (row * col));
        }
    }
    2.0 * g.max(0.0)
}

const NONE: u32 = u32::MAX;

/// Accepted phrases, most associated first. `ids[j]` is the key id (≥ 1) of word j; `total`
/// is the text's length in words for the association scores (stopwords, which are not in
/// `ids`, included). `name_parts` are key ids that never end a phrase, and, when marked inner,
/// never start one (بن in محمد بن سلمان).
///
/// Every n-gram gets an integer id once, level by level: a bigram from its two word ids, an
/// n-gram from its (n-1)-word prefix's id and its last word. `gram[len][i]` is the id of the
/// `len`-gram starting at word i, and `count[len]` counts by id, so the scoring passes only
/// index arrays.
pub fn find(ids: &[u32], total: usize, runs: &[(usize, usize)], max_ngram: usize, min_count: u32, name_parts: &[(u32, bool)]) -> Vec<Phrase> {
    let max = max_ngram.min(MAX_LEN);
    if max < 2 {
        return Vec::new();
    }
    let n_words = ids.len();
    let floor = min_count.max(2);
    let n_ids = ids.iter().copied().max().unwrap_or(0) as usize + 1;
    // (`gram[1]` stays empty: a word's unigram id is its key id, `ids` itself.)
    let mut gram: Vec<Vec<u32>> = vec![Vec::new(); max + 1];
    let mut count: Vec<Vec<u32>> = vec![Vec::new(); max + 1];
    count[1] = vec![0; n_ids];
    for &(s, e) in runs {
        for &id in &ids[s..e] {
            count[1][id as usize] += 1;
        }
    }
    // Counts, level by level: an n-gram seen twice has its (n-1)-word prefix and suffix seen
    // twice, so n-grams are only counted where both are (no work on the long tail: a bigram
    // with a word seen once is never looked up).
    for len in 2..=max {
        // (sized for the bigrams of a long text without growing: about one distinct bigram in
        // four words)
        let mut index: FastMap<u64, u32> = FastMap::with_capacity_and_hasher(if len == 2 { n_words / 3 } else { 64 }, Default::default());
        let mut g = vec![NONE; n_words];
        let mut c: Vec<u32> = Vec::new();
        let (prev, prev_count) = (if len == 2 { ids } else { &gram[len - 1][..] }, &count[len - 1]);
        let frequent = |i: usize| prev[i] != NONE && prev_count[prev[i] as usize] >= floor;
        for &(s, e) in runs {
            for i in s..e.saturating_sub(len - 1) {
                if !(frequent(i) && frequent(i + 1)) {
                    continue;
                }
                let k = (prev[i] as u64) << 32 | ids[i + len - 1] as u64;
                let next = c.len() as u32;
                let id = *index.entry(k).or_insert(next);
                if id == next {
                    c.push(0);
                }
                c[id as usize] += 1;
                g[i] = id;
            }
        }
        gram[len] = g;
        count[len] = c;
    }
    let cnt = |len: usize, i: usize| -> u32 {
        let g = if len == 1 { ids[i] } else { gram[len][i] };
        if g == NONE {
            0
        } else {
            count[len][g as usize]
        }
    };
    let n = total.max(n_words).max(1) as f64;
    let min_count = min_count.max(2);
    // Candidates, found once each with their first occurrence; and every occurrence of an
    // n-gram seen often enough, in text order (the accepted phrases' occurrences are among
    // them: the last pass reads only these).
    let mut cands: Vec<(usize, usize, u32, f64)> = Vec::new(); // start, len, count, association
    let mut often: Vec<(u32, u32)> = Vec::new(); // start, len
    let mut seen: Vec<Vec<bool>> = count.iter().map(|c| vec![false; c.len()]).collect();
    for &(s, e) in runs {
        for i in s..e {
            for len in 2..=max.min(e - i) {
                let c = cnt(len, i);
                if c < min_count {
                    break; // no longer n-gram from here is seen often enough either
                }
                often.push((i as u32, len as u32));
                let g = gram[len][i] as usize;
                if seen[len][g] {
                    continue;
                }
                seen[len][g] = true;
                let (first, last) = (ids[i], ids[i + len - 1]);
                if name_parts.iter().any(|&(p, inner)| p == last || (inner && p == first)) {
                    continue; // not a whole name
                }
                let weakest = (1..len)
                    .map(|cut| g2(c as f64, cnt(cut, i) as f64, cnt(len - cut, i + cut) as f64, n))
                    .fold(f64::INFINITY, f64::min);
                cands.push((i, len, c, weakest));
            }
        }
    }
    let accepted: Vec<usize> = (0..cands.len()).filter(|&k| cands[k].3 >= MIN_ASSOCIATION).collect();
    // Sub-phrases of accepted longer phrases: how often the longer one covers them.
    let mut covered: Vec<Vec<u32>> = count.iter().map(|c| vec![0; c.len()]).collect();
    for &k in &accepted {
        let (i, len, c, _) = cands[k];
        for sub in 2..len {
            for off in 0..=len - sub {
                let e = &mut covered[sub][gram[sub][i + off] as usize];
                *e = (*e).max(c);
            }
        }
    }
    let mut keep: Vec<Vec<u32>> = count.iter().map(|c| vec![NONE; c.len()]).collect();
    let mut out: Vec<Phrase> = Vec::new();
    for &k in &accepted {
        let (i, len, c, a) = cands[k];
        let g = gram[len][i] as usize;
        if covered[len][g] > 0 && covered[len][g] as f64 >= SUBSUMED * c as f64 {
            continue;
        }
        keep[len][g] = out.len() as u32;
        out.push(Phrase { ids: ids[i..i + len].to_vec(), count: c, association: a, occurrences: Vec::new() });
    }
    if out.is_empty() {
        return out;
    }
    for &(i, len) in &often {
        let (i, len) = (i as usize, len as usize);
        let p = keep[len][gram[len][i] as usize];
        if p != NONE {
            out[p as usize].occurrences.push((i, i + len));
        }
    }
    out.sort_by(|a, b| b.association.total_cmp(&a.association).then(a.occurrences[0].0.cmp(&b.occurrences[0].0)));
    out
}

/// The span of an occurrence: from the first word's base to the last word's end.
pub fn span(words: &[Word], occ: (usize, usize)) -> Span {
    Span { start: words[occ.0].start, end: words[occ.1 - 1].end }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_is_high_for_words_that_always_meet() {
        assert!(g2(8.0, 8.0, 8.0, 700.0) > 50.0);
        assert!(g2(2.0, 50.0, 60.0, 700.0) < MIN_ASSOCIATION);
    }

    #[test]
    fn order_matters_and_lengths_are_distinct() {
        // a b and b a three times each: two different bigrams; c d e twice beside them.
        let (ids, runs) = text(&[&[1, 2], &[1, 2], &[1, 2], &[2, 1], &[2, 1], &[2, 1], &[3, 4, 5], &[3, 4, 5]]);
        let ps = find(&ids, ids.len(), &runs, 4, 2, &[]);
        let found: Vec<&[u32]> = ps.iter().map(|p| p.ids.as_slice()).collect();
        assert_eq!(ps.iter().find(|p| p.ids == [1, 2]).expect("a b").count, 3, "{found:?}");
        assert_eq!(ps.iter().find(|p| p.ids == [2, 1]).expect("b a").count, 3, "{found:?}");
        assert_eq!(ps.iter().find(|p| p.ids == [3, 4, 5]).expect("c d e").count, 2, "{found:?}");
        assert!(!found.contains(&&[3, 4][..]) && !found.contains(&&[4, 5][..]), "{found:?}");
    }

    /// Word ids and runs of a text: `phrases` are placed between runs of distinct filler words.
    fn text(phrases: &[&[u32]]) -> (Vec<u32>, Vec<(usize, usize)>) {
        let (mut ids, mut runs) = (Vec::new(), Vec::new());
        let mut filler = 100;
        for p in phrases {
            runs.push((ids.len(), ids.len() + p.len()));
            ids.extend_from_slice(p);
            for _ in 0..20 {
                runs.push((ids.len(), ids.len() + 1));
                ids.push(filler);
                filler += 1;
            }
        }
        (ids, runs)
    }

    #[test]
    fn longer_phrase_absorbs_its_parts() {
        // a b c three times; b c once more alone.
        let (ids, runs) = text(&[&[1, 2, 3], &[1, 2, 3], &[1, 2, 3], &[2, 3]]);
        let ps = find(&ids, ids.len(), &runs, 4, 2, &[]);
        let found: Vec<&[u32]> = ps.iter().map(|p| p.ids.as_slice()).collect();
        assert!(found.contains(&&[1, 2, 3][..]), "{found:?}");
        assert!(!found.contains(&&[1, 2][..]), "{found:?}");
        // b c occurs 4 times, 3 inside a b c: 3 ≥ 0.75 × 4, so it goes too.
        assert!(!found.contains(&&[2, 3][..]), "{found:?}");
        let abc = ps.iter().find(|p| p.ids == [1, 2, 3]).unwrap();
        assert_eq!(abc.occurrences.len(), 3);
        assert_eq!(abc.count, 3);
    }

    #[test]
    fn phrases_stay_inside_runs_and_need_two_occurrences() {
        // a | b (split by a boundary) three times: never a phrase. c d once: too rare.
        let (ids, runs) = text(&[&[1], &[2], &[1], &[2], &[1], &[2], &[3, 4]]);
        let ps = find(&ids, ids.len(), &runs, 4, 1, &[]);
        assert!(ps.is_empty(), "{:?}", ps.iter().map(|p| p.ids.clone()).collect::<Vec<_>>());
        let (ids, runs) = text(&[&[5, 6], &[5, 6]]);
        assert_eq!(find(&ids, ids.len(), &runs, 4, 1, &[])[0].ids, vec![5, 6]);
        assert!(find(&ids, ids.len(), &runs, 1, 1, &[]).is_empty());
    }

    #[test]
    fn name_parts_join_but_never_end_a_phrase() {
        // 7 = بن (inner), 8 = أبو (lead): «1 7 2» and «8 3» hold; «7 2», «1 7» and «3 8» do not.
        let (ids, runs) = text(&[&[1, 7, 2], &[1, 7, 2], &[1, 7, 2], &[8, 3], &[8, 3], &[8, 3], &[4, 8], &[4, 8], &[4, 8]]);
        let ps = find(&ids, ids.len(), &runs, 4, 2, &[(7, true), (8, false)]);
        let found: Vec<&[u32]> = ps.iter().map(|p| p.ids.as_slice()).collect();
        assert!(found.contains(&&[1, 7, 2][..]), "{found:?}");
        assert!(found.contains(&&[8, 3][..]), "{found:?}");
        for bad in [&[7, 2][..], &[1, 7][..], &[4, 8][..]] {
            assert!(!found.contains(&bad), "{bad:?} in {found:?}");
        }
    }
}
