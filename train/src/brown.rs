//! Brown clustering (Brown et al. 1992), the windowed agglomerative version of Liang (2005,
//! "Semi-supervised learning for natural language", section 3): words that occur in the same
//! left and right contexts end up in the same cluster, and the merge history is a binary tree
//! whose paths (bit strings) name the clusters, so that a prefix of a path is a coarser class.
//!
//! Why this algorithm: the tagger needs a class for words it never saw labelled (names of
//! other years and other countries), and the unlabeled news is small enough (about a million
//! words) for the exact greedy criterion, the class-bigram mutual information, without the
//! approximations that word-vector methods need; the result is one short bit string per word,
//! which ships in a few tens of kilobytes.
//!
//! The algorithm. Words are taken in order of decreasing frequency. The first `window` words
//! are clusters of their own; then each further word becomes a new cluster, and the two
//! clusters whose merge loses the least mutual information are merged, so that `window`
//! clusters are active at all times. When every word is in, the `window` clusters left are the
//! final clusters, and they are merged down to one the same way: those last merges are the
//! tree that gives the paths (the words of a cluster share its path).
//!
//! The quality is the mutual information of adjacent clusters, computed over the bigrams
//! whose two words are both in active clusters (words not yet added do not count), with
//! unigram counts over the whole corpus:
//! `MI = Σ_{c,d} p(c,d) ln(p(c,d) / (p(c) p(d)))`. Everything here is scaled by the
//! number of tokens N (counts instead of probabilities), which changes no choice.
//!
//! Why it is fast enough: the loss of merging s and t is a sum of terms, one per other
//! active cluster u (`T_u(s, t)` below), plus the terms among s and t. A merge of a and b
//! (or a new cluster z) changes only the terms for u ∈ {a, b} (or z) in the loss of every
//! other pair, so each step updates the `window`² pair losses in O(1) each, and recomputes
//! in O(window) only the losses of pairs that involve the new cluster: O(V · window²) in
//! all. `c ln c` of a count is read from a table (counts are whole numbers), and `ln(c(s) +
//! c(t))` is kept per pair, so the O(1) update needs no logarithm.

/// The result: the final cluster of each word and the path of each cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clustering {
    /// Per word id (as given to [`brown`]): its cluster, an index into `paths`.
    pub cluster_of: Vec<u32>,
    /// Per cluster: its path from the root of the merge tree, `'0'` and `'1'` (left is the
    /// cluster kept in the merge, right the one merged into it).
    pub paths: Vec<String>,
}

/// Counts below this have their `c ln c` in a table.
const TABLE: usize = 1 << 16;

fn c_ln_c_table() -> Vec<f64> {
    (0..TABLE).map(|c| if c == 0 { 0.0 } else { c as f64 * (c as f64).ln() }).collect()
}

/// The merge state: `k` slots (the window and one more), dense k × k matrices.
///
/// The gain of merging s and t splits into a part that is linear in the counts and a part
/// that is not. With `g(c) = c ln c`, the term of a third cluster u is
///
/// ```text
/// T_u(s, t) = nl(c(s,u), c(t,u)) + nl(c(u,s), c(u,t))
///           + (c(s,u) + c(u,s)) (ln c1(s) − ln c1(m)) + (c(t,u) + c(u,t)) (ln c1(t) − ln c1(m))
/// ```
///
/// where `nl(x, y) = g(x + y) − g(x) − g(y)` is 0 unless u is linked with both s and t, and m
/// is s ∪ t (u's own count cancels). So the
/// linear parts sum to each slot's total of links ([`State::cnt`]) and only the common
/// neighbours of s and t need a loop; and when a and b merge, the linear parts of every other
/// pair are unchanged: only pairs both linked with the merged cluster change.
struct State {
    k: usize,
    active: Vec<bool>,
    /// Unigram count of each slot's cluster and its logarithm.
    c1: Vec<f64>,
    ln_c1: Vec<f64>,
    /// c2[s * k + t]: how often a word of s is followed by a word of t; c2t is its
    /// transpose (c2t[t * k + s]), so that a slot's links both ways are two rows.
    c2: Vec<u64>,
    c2t: Vec<u64>,
    /// Per slot: Σ_u c2(s, u) + c2(u, s), over every slot u (s itself counts twice).
    cnt: Vec<u64>,
    /// Per slot, a bit set of the slots it is linked with either way (`words` u64 each): the
    /// common neighbours of a pair are the AND of two rows.
    nb: Vec<u64>,
    words: usize,
    /// For s < t: ln(c1(s) + c1(t)), and the change of MI if s and t were merged.
    ln_m: Vec<f64>,
    gain: Vec<f64>,
    ln_n: f64,
    clnc: Vec<f64>,
}

/// A snapshot of a slot's links with every slot, taken before a merge.
struct Links {
    /// out_c[s]: the slot followed by s; in_c[s]: s followed by the slot.
    out_c: Vec<u64>,
    in_c: Vec<u64>,
}

impl Links {
    fn linked(&self, s: usize) -> bool {
        self.out_c[s] + self.in_c[s] > 0
    }
}

impl State {
    fn new(window: usize, total: f64) -> State {
        let k = window + 1;
        State {
            k,
            active: vec![false; k],
            c1: vec![0.0; k],
            ln_c1: vec![0.0; k],
            c2: vec![0; k * k],
            c2t: vec![0; k * k],
            cnt: vec![0; k],
            nb: vec![0; k * k.div_ceil(64)],
            words: k.div_ceil(64),
            ln_m: vec![0.0; k * k],
            gain: vec![0.0; k * k],
            ln_n: total.ln(),
            clnc: c_ln_c_table(),
        }
    }

    #[inline]
    fn g(&self, c: u64) -> f64 {
        if (c as usize) < TABLE {
            self.clnc[c as usize]
        } else {
            let c = c as f64;
            c * c.ln()
        }
    }

    /// What MI gains when two counts x and y become one, beyond the linear part.
    #[inline]
    fn nl(&self, x: u64, y: u64) -> f64 {
        if x == 0 || y == 0 {
            0.0
        } else {
            self.g(x + y) - self.g(x) - self.g(y)
        }
    }

    /// The (scaled) term of a pair of clusters in MI: c ln(c N / (c1(x) c1(y))).
    #[inline]
    fn q_of(&self, c: u64, ln_x: f64, ln_y: f64) -> f64 {
        if c == 0 {
            0.0
        } else {
            self.g(c) + c as f64 * (self.ln_n - ln_x - ln_y)
        }
    }

    #[inline]
    fn c(&self, s: usize, t: usize) -> u64 {
        self.c2[s * self.k + t]
    }

    /// Sets the count of s followed by u (and the transpose).
    #[inline]
    fn set_c2(&mut self, s: usize, u: usize, c: u64) {
        self.c2[s * self.k + u] = c;
        self.c2t[u * self.k + s] = c;
        let linked = c + self.c2[u * self.k + s] > 0;
        let w = self.words;
        for (x, y) in [(s, u), (u, s)] {
            let word = &mut self.nb[x * w + y / 64];
            if linked {
                *word |= 1 << (y % 64);
            } else {
                *word &= !(1 << (y % 64));
            }
        }
    }

    fn links(&self, s: usize) -> Links {
        let k = self.k;
        Links { out_c: self.c2[s * k..(s + 1) * k].to_vec(), in_c: self.c2t[s * k..(s + 1) * k].to_vec() }
    }

    /// The slots linked with s (either way), s itself left out.
    fn neighbours(&self, s: usize) -> Vec<usize> {
        let k = self.k;
        let (out, inn) = (&self.c2[s * k..(s + 1) * k], &self.c2t[s * k..(s + 1) * k]);
        (0..k).filter(|&u| u != s && out[u] + inn[u] > 0).collect()
    }

    /// The non-linear part of u's term (u described by `l`) in the gain of s and t.
    #[inline]
    fn nl_term(&self, l: &Links, s: usize, t: usize) -> f64 {
        self.nl(l.in_c[s], l.in_c[t]) + self.nl(l.out_c[s], l.out_c[t])
    }

    /// The change of MI if s and t (s < t, both active) were merged.
    fn full_gain(&self, s: usize, t: usize) -> f64 {
        let k = self.k;
        let ln_m = self.ln_m[s * k + t];
        let mut sum = 0.0;
        let (s_out, t_out) = (&self.c2[s * k..(s + 1) * k], &self.c2[t * k..(t + 1) * k]);
        let (s_in, t_in) = (&self.c2t[s * k..(s + 1) * k], &self.c2t[t * k..(t + 1) * k]);
        let w = self.words;
        // the common neighbours, in increasing order
        for (i, (&x, &y)) in self.nb[s * w..(s + 1) * w].iter().zip(&self.nb[t * w..(t + 1) * w]).enumerate() {
            let mut both = x & y;
            while both != 0 {
                let u = i * 64 + both.trailing_zeros() as usize;
                both &= both - 1;
                if u != s && u != t {
                    sum += self.nl(s_out[u], t_out[u]) + self.nl(s_in[u], t_in[u]);
                }
            }
        }
        let (ss, st, ts, tt) = (self.c(s, s), self.c(s, t), self.c(t, s), self.c(t, t));
        let lin_s = self.cnt[s] - 2 * ss - st - ts;
        let lin_t = self.cnt[t] - 2 * tt - st - ts;
        sum += lin_s as f64 * (self.ln_c1[s] - ln_m) + lin_t as f64 * (self.ln_c1[t] - ln_m);
        let (ls, lt) = (self.ln_c1[s], self.ln_c1[t]);
        sum + self.q_of(ss + st + ts + tt, ln_m, ln_m) - self.q_of(ss, ls, ls) - self.q_of(st, ls, lt) - self.q_of(ts, lt, ls) - self.q_of(tt, lt, lt)
    }

    /// The pair logarithms and gains of every pair that involves `s`.
    fn refresh_pairs_of(&mut self, s: usize) {
        let k = self.k;
        for u in 0..k {
            if u == s || !self.active[u] {
                continue;
            }
            let (x, y) = (s.min(u), s.max(u));
            self.ln_m[x * k + y] = (self.c1[x] + self.c1[y]).ln();
            self.gain[x * k + y] = self.full_gain(x, y);
        }
    }

    #[inline]
    fn pair(&self, s: usize, t: usize) -> usize {
        s.min(t) * self.k + s.max(t)
    }

    /// Puts a new cluster of count `count` in the free slot `z`, with bigram counts
    /// `links` (slot, count of z followed by slot, count of slot followed by z) and `self_c`.
    fn add(&mut self, z: usize, count: f64, links: &[(usize, u64, u64)], self_c: u64) {
        let k = self.k;
        for u in 0..k {
            self.set_c2(z, u, 0);
            self.set_c2(u, z, 0);
        }
        self.cnt[z] = 2 * self_c;
        for &(u, out, inn) in links {
            self.set_c2(z, u, self.c(z, u) + out);
            self.set_c2(u, z, self.c(u, z) + inn);
            self.cnt[u] += out + inn;
            self.cnt[z] += out + inn;
        }
        self.set_c2(z, z, self_c);
        self.c1[z] = count;
        self.ln_c1[z] = count.ln();
        self.active[z] = true;
        // Every pair (s, t) without z gains z's term: its linear part for each of s, t
        // linked with z, its non-linear part when both are.
        let l = self.links(z);
        let near = self.neighbours(z);
        let others: Vec<usize> = (0..k).filter(|&t| self.active[t] && t != z).collect();
        for &s in &near {
            let zs = (l.out_c[s] + l.in_c[s]) as f64;
            for &t in &others {
                if t != s {
                    let p = self.pair(s, t);
                    self.gain[p] += zs * (self.ln_c1[s] - self.ln_m[p]);
                }
            }
        }
        for (i, &s) in near.iter().enumerate() {
            for &t in &near[i + 1..] {
                let p = self.pair(s, t);
                self.gain[p] += self.nl_term(&l, s.min(t), s.max(t));
            }
        }
        self.refresh_pairs_of(z);
    }

    /// The active pair with the largest gain (the least loss); ties go to the first pair.
    fn best_pair(&self) -> Option<(usize, usize)> {
        let k = self.k;
        let mut best: Option<(usize, usize, f64)> = None;
        for s in 0..k {
            if !self.active[s] {
                continue;
            }
            for t in s + 1..k {
                if !self.active[t] {
                    continue;
                }
                let g = self.gain[s * k + t];
                if best.is_none_or(|b| g > b.2) {
                    best = Some((s, t, g));
                }
            }
        }
        best.map(|(s, t, _)| (s, t))
    }

    /// Merges slot b into slot a (a < b); b becomes free.
    fn merge(&mut self, a: usize, b: usize) {
        let k = self.k;
        let (old_a, old_b) = (self.links(a), self.links(b));
        let self_m = self.c(a, a) + self.c(a, b) + self.c(b, a) + self.c(b, b);
        self.active[b] = false;
        for u in 0..k {
            self.set_c2(a, u, self.c(a, u) + self.c(b, u));
            self.set_c2(u, a, self.c(u, a) + self.c(u, b));
        }
        self.set_c2(a, a, self_m);
        for u in 0..k {
            self.set_c2(b, u, 0);
            self.set_c2(u, b, 0);
        }
        self.cnt[a] = (0..k).map(|u| self.c(a, u) + self.c(u, a)).sum();
        self.cnt[b] = 0;
        self.c1[a] += self.c1[b];
        self.c1[b] = 0.0;
        self.ln_c1[a] = self.c1[a].ln();
        // Other pairs: the linear parts of a and b add up to the merged one's; only the
        // non-linear part changes, for pairs both linked with the merged cluster.
        let new_a = self.links(a);
        let near: Vec<usize> = self.neighbours(a).into_iter().filter(|&s| s != b && self.active[s]).collect();
        for (i, &s) in near.iter().enumerate() {
            for &t in &near[i + 1..] {
                let (x, y) = (s.min(t), s.max(t));
                let d = self.nl_term(&new_a, x, y) - self.nl_term(&old_a, x, y) - self.nl_term(&old_b, x, y);
                self.gain[x * k + y] += d;
            }
        }
        debug_assert!(near.iter().all(|&s| new_a.linked(s)));
        self.refresh_pairs_of(a);
    }
}

/// Per word: (earlier word, count of the word followed by it, count of it followed by the word).
type EarlierLinks = Vec<Vec<(u32, u64, u64)>>;

/// Bigram links of each word with the words before it in frequency order: for word w, the
/// entries (earlier word v, count of w followed by v, count of v followed by w), and the count
/// of w followed by itself. A bigram is counted when its later word joins the window.
fn earlier_links(n: usize, bigrams: &[(u32, u32, u64)]) -> (EarlierLinks, Vec<u64>) {
    let mut links: EarlierLinks = vec![Vec::new(); n];
    let mut selfs = vec![0u64; n];
    for &(x, y, c) in bigrams {
        let (x, y) = (x as usize, y as usize);
        if x == y {
            selfs[x] += c;
        } else if x > y {
            links[x].push((y as u32, c, 0));
        } else {
            links[y].push((x as u32, 0, c));
        }
    }
    (links, selfs)
}

/// Clusters words `0..counts.len()` (ids in order of decreasing count, ties as the caller
/// wants them ordered) with `bigrams` (left id, right id, count; each pair once) into at most
/// `window` clusters, calling `progress` now and then with (words added, words).
pub fn brown(counts: &[u64], bigrams: &[(u32, u32, u64)], window: usize, mut progress: impl FnMut(usize, usize)) -> Clustering {
    let n = counts.len();
    assert!(window >= 1, "the window holds at least one cluster");
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "word ids must be in order of decreasing count");
    let total: f64 = counts.iter().map(|&c| c as f64).sum::<f64>().max(1.0);
    let (links, selfs) = earlier_links(n, bigrams);
    let mut st = State::new(window, total);
    // word -> slot, and each slot's words
    let mut slot_of = vec![usize::MAX; n];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); st.k];
    for w in 0..n {
        let z = (0..st.k).find(|&s| !st.active[s]).expect("a free slot");
        let mut by_slot: Vec<(usize, u64, u64)> = Vec::with_capacity(links[w].len());
        for &(v, out, inn) in &links[w] {
            by_slot.push((slot_of[v as usize], out, inn));
        }
        st.add(z, counts[w].max(1) as f64, &by_slot, selfs[w]);
        slot_of[w] = z;
        members[z].push(w as u32);
        if st.active.iter().filter(|&&a| a).count() > window {
            let (a, b) = st.best_pair().expect("two active clusters");
            st.merge(a, b);
            let moved = std::mem::take(&mut members[b]);
            for &m in &moved {
                slot_of[m as usize] = a;
            }
            members[a].extend(moved);
        }
        if w % 1000 == 999 {
            progress(w + 1, n);
        }
    }
    hierarchy(&mut st, &members, n)
}

/// Merges the final clusters down to one and reads the paths off the merge tree.
fn hierarchy(st: &mut State, members: &[Vec<u32>], n: usize) -> Clustering {
    let finals: Vec<usize> = (0..st.k).filter(|&s| st.active[s]).collect();
    let mut cluster_of = vec![0u32; n];
    for (c, &s) in finals.iter().enumerate() {
        for &w in &members[s] {
            cluster_of[w as usize] = c as u32;
        }
    }
    // Tree nodes: 0..finals are the clusters; each merge adds a node (left, right).
    let mut node_of = vec![usize::MAX; st.k];
    for (c, &s) in finals.iter().enumerate() {
        node_of[s] = c;
    }
    let mut children: Vec<(usize, usize)> = Vec::new();
    while let Some((a, b)) = st.best_pair() {
        st.merge(a, b);
        children.push((node_of[a], node_of[b]));
        node_of[a] = finals.len() + children.len() - 1;
    }
    let mut paths = vec![String::new(); finals.len()];
    let mut stack: Vec<(usize, String)> = vec![(finals.len() + children.len() - 1, String::new())];
    if finals.is_empty() {
        stack.clear();
    }
    while let Some((node, path)) = stack.pop() {
        if node < finals.len() {
            paths[node] = path;
        } else {
            let (l, r) = children[node - finals.len()];
            stack.push((r, format!("{path}1")));
            stack.push((l, format!("{path}0")));
        }
    }
    Clustering { cluster_of, paths }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    type Bigrams = Vec<(u32, u32, u64)>;

    /// Word ids in decreasing count order and the bigram list of a toy corpus of sentences.
    fn corpus(sents: &[&str]) -> (Vec<String>, Vec<u64>, Bigrams) {
        let mut count: HashMap<&str, u64> = HashMap::new();
        for s in sents {
            for w in s.split_whitespace() {
                *count.entry(w).or_default() += 1;
            }
        }
        let mut words: Vec<(&str, u64)> = count.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let id: HashMap<&str, u32> = words.iter().enumerate().map(|(i, w)| (w.0, i as u32)).collect();
        let mut bi: HashMap<(u32, u32), u64> = HashMap::new();
        for s in sents {
            let ws: Vec<u32> = s.split_whitespace().map(|w| id[w]).collect();
            for p in ws.windows(2) {
                *bi.entry((p[0], p[1])).or_default() += 1;
            }
        }
        let mut bigrams: Vec<(u32, u32, u64)> = bi.into_iter().map(|((a, b), c)| (a, b, c)).collect();
        bigrams.sort();
        (words.iter().map(|w| w.0.to_string()).collect(), words.iter().map(|w| w.1).collect(), bigrams)
    }

    fn toy() -> Vec<&'static str> {
        let mut s = Vec::new();
        for _ in 0..3 {
            s.extend([
                "the cat runs", "the dog runs", "a cat sleeps", "a dog sleeps", "the cow eats", "a cow runs", "the dog eats",
                "a cat eats", "the cow sleeps",
            ]);
        }
        s
    }

    fn path_of<'a>(c: &'a Clustering, words: &[String], w: &str) -> &'a str {
        let i = words.iter().position(|x| x == w).unwrap();
        &c.paths[c.cluster_of[i] as usize]
    }

    fn shared(a: &str, b: &str) -> usize {
        a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
    }

    #[test]
    fn a_window_of_three_finds_the_three_classes() {
        let (words, counts, bigrams) = corpus(&toy());
        let c = brown(&counts, &bigrams, 3, |_, _| {});
        let same = |x: &str, y: &str| path_of(&c, &words, x) == path_of(&c, &words, y);
        assert!(same("cat", "dog") && same("dog", "cow"), "{c:?}");
        assert!(same("runs", "sleeps") && same("sleeps", "eats"), "{c:?}");
        assert!(same("the", "a"), "{c:?}");
        assert!(!same("the", "cat") && !same("cat", "runs"));
        assert_eq!(c.paths.len(), 3);
    }

    #[test]
    fn a_wide_window_puts_like_words_under_one_node() {
        // Every word is a cluster of its own; the tree must join the nouns first.
        let (words, counts, bigrams) = corpus(&toy());
        let c = brown(&counts, &bigrams, 20, |_, _| {});
        assert_eq!(c.paths.len(), words.len());
        let p = |w: &str| path_of(&c, &words, w);
        // the nouns share a deeper prefix with each other than with any verb or determiner
        let nouns = shared(p("cat"), p("dog")).min(shared(p("dog"), p("cow"))).min(shared(p("cat"), p("cow")));
        for other in ["runs", "sleeps", "eats", "the", "a"] {
            assert!(shared(p("cat"), p(other)) < nouns, "{other}: {:?}", c.paths);
        }
        assert!(shared(p("the"), p("a")) > shared(p("the"), p("runs")));
        // paths are distinct and none is a prefix of another
        for (i, a) in c.paths.iter().enumerate() {
            for b in &c.paths[i + 1..] {
                assert!(!a.starts_with(b.as_str()) && !b.starts_with(a.as_str()), "{a} {b}");
            }
        }
    }

    /// The mutual information (scaled by N) of a clustering, from scratch, over the bigrams
    /// whose words are all in `of` (None = not yet added).
    fn mi(counts: &[u64], bigrams: &[(u32, u32, u64)], of: &[Option<usize>]) -> f64 {
        let n: f64 = counts.iter().sum::<u64>() as f64;
        let mut c1: HashMap<usize, f64> = HashMap::new();
        for (w, &c) in counts.iter().enumerate() {
            if let Some(k) = of[w] {
                *c1.entry(k).or_default() += c as f64;
            }
        }
        let mut c2: HashMap<(usize, usize), f64> = HashMap::new();
        for &(x, y, c) in bigrams {
            if let (Some(a), Some(b)) = (of[x as usize], of[y as usize]) {
                *c2.entry((a, b)).or_default() += c as f64;
            }
        }
        c2.iter().map(|(&(a, b), &c)| c * (c * n / (c1[&a] * c1[&b])).ln()).sum()
    }

    #[test]
    fn each_merge_is_the_best_by_brute_force() {
        // A pseudo-random corpus: the incremental gains must pick the pair that a full
        // recomputation of the mutual information finds best.
        let mut x: u64 = 12345;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let vocab = 14usize;
        let text: Vec<u32> = (0..3000).map(|_| (next() % vocab as u64).min(next() % vocab as u64) as u32).collect();
        let mut count = vec![0u64; vocab];
        for &w in &text {
            count[w as usize] += 1;
        }
        let mut order: Vec<usize> = (0..vocab).collect();
        order.sort_by(|a, b| count[*b].cmp(&count[*a]).then(a.cmp(b)));
        let rank: Vec<u32> = {
            let mut r = vec![0u32; vocab];
            for (i, &w) in order.iter().enumerate() {
                r[w] = i as u32;
            }
            r
        };
        let counts: Vec<u64> = order.iter().map(|&w| count[w]).collect();
        let mut bi: HashMap<(u32, u32), u64> = HashMap::new();
        for p in text.windows(2) {
            *bi.entry((rank[p[0] as usize], rank[p[1] as usize])).or_default() += 1;
        }
        let mut bigrams: Vec<(u32, u32, u64)> = bi.into_iter().map(|((a, b), c)| (a, b, c)).collect();
        bigrams.sort();
        // Replay the algorithm with window 4 and check each merge against brute force.
        let window = 4;
        let total = counts.iter().sum::<u64>() as f64;
        let (links, selfs) = earlier_links(vocab, &bigrams);
        let mut st = State::new(window, total);
        let mut slot_of: Vec<Option<usize>> = vec![None; vocab];
        for w in 0..vocab {
            let z = (0..st.k).find(|&s| !st.active[s]).unwrap();
            let by: Vec<(usize, u64, u64)> = links[w].iter().map(|&(v, o, i)| (slot_of[v as usize].unwrap(), o, i)).collect();
            st.add(z, counts[w] as f64, &by, selfs[w]);
            slot_of[w] = Some(z);
            if st.active.iter().filter(|&&a| a).count() <= window {
                continue;
            }
            let before = mi(&counts, &bigrams, &slot_of);
            let act: Vec<usize> = (0..st.k).filter(|&s| st.active[s]).collect();
            let mut best = (f64::NEG_INFINITY, 0, 0);
            for (i, &a) in act.iter().enumerate() {
                for &b in &act[i + 1..] {
                    let merged: Vec<Option<usize>> = slot_of.iter().map(|s| s.map(|s| if s == b { a } else { s })).collect();
                    let g = mi(&counts, &bigrams, &merged) - before;
                    let inc = st.gain[a * st.k + b];
                    assert!((g - inc).abs() < 1e-6 * (1.0 + g.abs()), "pair ({a},{b}) gain {inc} vs brute force {g}");
                    if g > best.0 {
                        best = (g, a, b);
                    }
                }
            }
            let (a, b) = st.best_pair().unwrap();
            assert_eq!((a, b), (best.1, best.2));
            st.merge(a, b);
            for s in slot_of.iter_mut() {
                if *s == Some(b) {
                    *s = Some(a);
                }
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_clusters() {
        let (_, counts, bigrams) = corpus(&toy());
        assert_eq!(brown(&counts, &bigrams, 4, |_, _| {}), brown(&counts, &bigrams, 4, |_, _| {}));
    }
}
