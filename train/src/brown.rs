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
struct State {
    k: usize,
    active: Vec<bool>,
    /// Unigram count of each slot's cluster and its logarithm.
    c1: Vec<f64>,
    ln_c1: Vec<f64>,
    /// c2[s * k + t]: how often a word of s is followed by a word of t.
    c2: Vec<u64>,
    /// q[s * k + t] = c2 · ln(c2 · N / (c1(s) c1(t))): the (scaled) term of the pair in MI.
    q: Vec<f64>,
    /// For s < t: ln(c1(s) + c1(t)), and the change of MI if s and t were merged.
    ln_m: Vec<f64>,
    gain: Vec<f64>,
    ln_n: f64,
    clnc: Vec<f64>,
}

/// A snapshot of a slot's links with every slot, taken before a merge.
struct Links {
    out_c: Vec<u64>,
    in_c: Vec<u64>,
    out_q: Vec<f64>,
    in_q: Vec<f64>,
    ln_c1: f64,
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
            q: vec![0.0; k * k],
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

    #[inline]
    fn q_of(&self, c: u64, ln_x: f64, ln_y: f64) -> f64 {
        if c == 0 {
            0.0
        } else {
            self.g(c) + c as f64 * (self.ln_n - ln_x - ln_y)
        }
    }

    fn refresh_q(&mut self, s: usize) {
        let k = self.k;
        for u in 0..k {
            if self.active[u] {
                self.q[s * k + u] = self.q_of(self.c2[s * k + u], self.ln_c1[s], self.ln_c1[u]);
                self.q[u * k + s] = self.q_of(self.c2[u * k + s], self.ln_c1[u], self.ln_c1[s]);
            }
        }
    }

    fn links(&self, s: usize) -> Links {
        let k = self.k;
        Links {
            out_c: (0..k).map(|u| self.c2[s * k + u]).collect(),
            in_c: (0..k).map(|u| self.c2[u * k + s]).collect(),
            out_q: (0..k).map(|u| self.q[s * k + u]).collect(),
            in_q: (0..k).map(|u| self.q[u * k + s]).collect(),
            ln_c1: self.ln_c1[s],
        }
    }

    /// The term of cluster u (described by `l`) in the change of MI if s and t merge, s < t.
    #[inline]
    fn term(&self, l: &Links, s: usize, t: usize) -> f64 {
        let (out_m, in_m) = (l.in_c[s] + l.in_c[t], l.out_c[s] + l.out_c[t]);
        if out_m == 0 && in_m == 0 {
            return 0.0;
        }
        let ln_m = self.ln_m[s * self.k + t];
        let merged = self.g(out_m) + self.g(in_m) + (out_m + in_m) as f64 * (self.ln_n - ln_m - l.ln_c1);
        merged - l.in_q[s] - l.out_q[s] - l.in_q[t] - l.out_q[t]
    }

    /// The change of MI if s and t (s < t, both active) were merged, summed over every
    /// active cluster.
    fn full_gain(&self, s: usize, t: usize) -> f64 {
        let k = self.k;
        let ln_m = self.ln_m[s * k + t];
        let mut sum = 0.0;
        for u in 0..k {
            if !self.active[u] || u == s || u == t {
                continue;
            }
            let out_m = self.c2[s * k + u] + self.c2[t * k + u];
            let in_m = self.c2[u * k + s] + self.c2[u * k + t];
            if out_m == 0 && in_m == 0 {
                continue;
            }
            let merged = self.g(out_m) + self.g(in_m) + (out_m + in_m) as f64 * (self.ln_n - ln_m - self.ln_c1[u]);
            sum += merged - self.q[s * k + u] - self.q[u * k + s] - self.q[t * k + u] - self.q[u * k + t];
        }
        let self_m = self.c2[s * k + s] + self.c2[s * k + t] + self.c2[t * k + s] + self.c2[t * k + t];
        sum += self.q_of(self_m, ln_m, ln_m);
        sum - self.q[s * k + s] - self.q[s * k + t] - self.q[t * k + s] - self.q[t * k + t]
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
        }
        for u in 0..k {
            if u == s || !self.active[u] {
                continue;
            }
            let (x, y) = (s.min(u), s.max(u));
            self.gain[x * k + y] = self.full_gain(x, y);
        }
    }

    /// For every pair of active slots (s, t) outside `skip`: gain += sign · T_u(s, t) for
    /// each (links of u, sign) in `terms`. Pairs where no u has a link with s or t are left.
    fn update_pairs(&mut self, terms: &[(&Links, f64)], skip: &[usize]) {
        let k = self.k;
        let linked: Vec<bool> = (0..k).map(|s| terms.iter().any(|(l, _)| l.out_c[s] + l.in_c[s] > 0)).collect();
        let slots: Vec<usize> = (0..k).filter(|&s| self.active[s] && !skip.contains(&s)).collect();
        for (i, &s) in slots.iter().enumerate() {
            for &t in &slots[i + 1..] {
                if !linked[s] && !linked[t] {
                    continue;
                }
                let mut d = 0.0;
                for (l, sign) in terms {
                    d += sign * self.term(l, s, t);
                }
                self.gain[s * k + t] += d;
            }
        }
    }

    /// Puts a new cluster of count `count` in the free slot `z`, with bigram counts
    /// `links` (slot, count of z followed by slot, count of slot followed by z) and `self_c`.
    fn add(&mut self, z: usize, count: f64, links: &[(usize, u64, u64)], self_c: u64) {
        let k = self.k;
        for u in 0..k {
            self.c2[z * k + u] = 0;
            self.c2[u * k + z] = 0;
            self.q[z * k + u] = 0.0;
            self.q[u * k + z] = 0.0;
        }
        for &(u, out, inn) in links {
            self.c2[z * k + u] += out;
            self.c2[u * k + z] += inn;
        }
        self.c2[z * k + z] = self_c;
        self.c1[z] = count;
        self.ln_c1[z] = count.ln();
        self.active[z] = true;
        self.refresh_q(z);
        let l = self.links(z);
        self.update_pairs(&[(&l, 1.0)], &[z]);
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
        let self_m = self.c2[a * k + a] + self.c2[a * k + b] + self.c2[b * k + a] + self.c2[b * k + b];
        self.active[b] = false;
        for u in 0..k {
            self.c2[a * k + u] += self.c2[b * k + u];
            self.c2[u * k + a] += self.c2[u * k + b];
        }
        self.c2[a * k + a] = self_m;
        for u in 0..k {
            self.c2[a * k + b] = 0;
            self.c2[b * k + u] = 0;
            self.c2[u * k + b] = 0;
        }
        self.c1[a] += self.c1[b];
        self.c1[b] = 0.0;
        self.ln_c1[a] = self.c1[a].ln();
        self.refresh_q(a);
        let new_a = self.links(a);
        self.update_pairs(&[(&old_a, -1.0), (&old_b, -1.0), (&new_a, 1.0)], &[a, b]);
        self.refresh_pairs_of(a);
    }
}

/// Bigram links of each word with the words before it in frequency order: for word w, the
/// entries (earlier word v, count of w followed by v, count of v followed by w), and the count
/// of w followed by itself. A bigram is counted when its later word joins the window.
fn earlier_links(n: usize, bigrams: &[(u32, u32, u64)]) -> (Vec<Vec<(u32, u64, u64)>>, Vec<u64>) {
    let mut links: Vec<Vec<(u32, u64, u64)>> = vec![Vec::new(); n];
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

    /// Word ids in decreasing count order and the bigram list of a toy corpus of sentences.
    fn corpus(sents: &[&str]) -> (Vec<String>, Vec<u64>, Vec<(u32, u32, u64)>) {
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
