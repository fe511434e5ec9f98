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
/// Longest n-gram the packed keys hold.
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

/// Up to four ids (each ≥ 1) packed into one integer: cheap to hash, no allocation.
fn pack(ids: &[u32]) -> u128 {
    ids.iter().fold(0u128, |acc, &id| (acc << 32) | id as u128)
}

/// Phrase runs: maximal stretches of words a phrase may span, as half-open word-index ranges.
pub fn runs(words: &[Word], sentence_start: &dyn Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (j, w) in words.iter().enumerate() {
        let joins = j > 0 && words[j - 1].tok + 1 == w.tok && !sentence_start(w.tok) && !w.proclitic;
        if w.stop || !joins {
            if let Some(s) = start.take() {
                out.push((s, j));
            }
        }
        if !w.stop && start.is_none() {
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

/// Accepted phrases, most associated first. `ids[j]` is the key id (≥ 1) of word j.
pub fn find(ids: &[u32], runs: &[(usize, usize)], max_ngram: usize, min_count: u32) -> Vec<Phrase> {
    let max = max_ngram.min(MAX_LEN);
    if max < 2 {
        return Vec::new();
    }
    // Counts, level by level: an n-gram seen twice has its (n-1)-word prefix and suffix seen
    // twice, so longer n-grams are only counted where both are (no work on the long tail).
    let mut counts: FastMap<u128, u32> = FastMap::with_capacity_and_hasher(ids.len(), Default::default());
    for &(s, e) in runs {
        for i in s..e {
            for len in 1..=2.min(e - i) {
                *counts.entry(pack(&ids[i..i + len])).or_insert(0) += 1;
            }
        }
    }
    let floor = min_count.max(2);
    for len in 3..=max {
        let mut next: Vec<u128> = Vec::new();
        for &(s, e) in runs {
            for i in s..e.saturating_sub(len - 1) {
                let g = &ids[i..i + len];
                if counts.get(&pack(&g[..len - 1])).is_some_and(|&c| c >= floor) && counts.get(&pack(&g[1..])).is_some_and(|&c| c >= floor) {
                    next.push(pack(g));
                }
            }
        }
        for k in next {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    let n = ids.len().max(1) as f64;
    let min_count = min_count.max(2);
    // Candidates, found once each with their first occurrence.
    let mut cands: Vec<(usize, usize, u32, f64)> = Vec::new(); // start, len, count, association
    let mut seen: FastMap<u128, usize> = FastMap::default();
    for &(s, e) in runs {
        for i in s..e {
            for len in 2..=max.min(e - i) {
                let g = &ids[i..i + len];
                let key = pack(g);
                let c = counts.get(&key).copied().unwrap_or(0);
                if c < min_count {
                    break; // no longer n-gram from here is seen often enough either
                }
                if seen.contains_key(&key) {
                    continue;
                }
                let weakest = (1..len)
                    .map(|cut| g2(c as f64, counts[&pack(&g[..cut])] as f64, counts[&pack(&g[cut..])] as f64, n))
                    .fold(f64::INFINITY, f64::min);
                seen.insert(key, cands.len());
                cands.push((i, len, c, weakest));
            }
        }
    }
    let accepted: Vec<usize> = (0..cands.len()).filter(|&k| cands[k].3 >= MIN_ASSOCIATION).collect();
    // Sub-phrases of accepted longer phrases: how often the longer one covers them.
    let mut covered: FastMap<u128, u32> = FastMap::default();
    for &k in &accepted {
        let (i, len, c, _) = cands[k];
        for sub in 2..len {
            for off in 0..=len - sub {
                let e = covered.entry(pack(&ids[i + off..i + off + sub])).or_insert(0);
                *e = (*e).max(c);
            }
        }
    }
    let mut keep: FastMap<u128, usize> = FastMap::default();
    let mut out: Vec<Phrase> = Vec::new();
    for &k in &accepted {
        let (i, len, c, a) = cands[k];
        let key = pack(&ids[i..i + len]);
        if covered.get(&key).is_some_and(|&cc| cc as f64 >= SUBSUMED * c as f64) {
            continue;
        }
        keep.insert(key, out.len());
        out.push(Phrase { ids: ids[i..i + len].to_vec(), count: c, association: a, occurrences: Vec::new() });
    }
    if keep.is_empty() {
        return out;
    }
    for &(s, e) in runs {
        for i in s..e {
            for len in 2..=max.min(e - i) {
                let key = pack(&ids[i..i + len]);
                if counts.get(&key).map_or(true, |&c| c < min_count) {
                    break;
                }
                if let Some(&p) = keep.get(&key) {
                    out[p].occurrences.push((i, i + len));
                }
            }
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
    fn packs_differ_by_length_and_order() {
        assert_ne!(pack(&[1, 2]), pack(&[2, 1]));
        assert_ne!(pack(&[3]), pack(&[1, 3]));
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
        let ps = find(&ids, &runs, 4, 2);
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
        let ps = find(&ids, &runs, 4, 1);
        assert!(ps.is_empty(), "{:?}", ps.iter().map(|p| p.ids.clone()).collect::<Vec<_>>());
        let (ids, runs) = text(&[&[5, 6], &[5, 6]]);
        assert_eq!(find(&ids, &runs, 4, 1)[0].ids, vec![5, 6]);
        assert!(find(&ids, &runs, 1, 1).is_empty());
    }
}
