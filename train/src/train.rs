//! The training run of the entity tagger: features of the labelled sentences, several
//! perceptrons ([`crate::perceptron`]) on different shuffles averaged into one model ("bags"),
//! mixed with a CRF run over the same features ([`crate::crf`]), then quantized to the byte
//! weights of the model file, with the training-word memory. Fully deterministic: fixed
//! shuffles, sums in a fixed order, and no hash-map iteration.

use crate::conll::Sentence;
use kashif::entities::tagger::{self, tag_info, Memory, Model, TAGS};
use kashif::Kind;

#[derive(Clone, Debug)]
pub struct Config {
    pub bits: u32,
    pub epochs: usize,
    pub seed: u64,
    /// Quantized weights with |q| below this are dropped.
    pub min_abs: i8,
    /// Quantized weights are rounded to multiples of this (fewer distinct bytes: the model
    /// gzips smaller, and the wasm with it).
    pub step: u8,
    /// At most this many buckets keep weights: those whose largest |q| is largest (ties: lower
    /// bucket first). Trained on ANERcorp and WikiFANE, the model has three times the buckets
    /// it had on ANERcorp alone; this keeps it within the wasm's size budget.
    pub max_rows: usize,
    /// Subtracted from the score of every O tag (baked into the transitions).
    pub o_penalty: f32,
    /// Features (buckets) seen in fewer training tokens than this are left out.
    pub min_count: u32,
    /// Feature dropout during training, in 256ths.
    pub dropout: u8,
    /// Cost-augmented training: the score head start of every wrong tag where the gold tag is
    /// inside a name.
    pub margin: f32,
    /// The head start of the wrong tags where the gold tag is O (`margin` where it is a name).
    pub margin_o: f32,
    /// ... and where it is the first word of a name (a name's start is what most errors miss).
    pub margin_b: f32,
    /// Passive-aggressive (PA-I) steps capped at this (0: plain perceptron steps of 1).
    pub pa: f64,
    /// How many perceptrons (on different shuffles) are averaged into the model.
    pub bags: usize,
    /// Train CRFs ([`crate::crf`]) instead of perceptrons (an experiment: see there).
    pub crf: bool,
    /// The CRF's AdaGrad step size, L2 penalty, and softmax-margin head start (inside a name).
    pub crf_eta: f64,
    pub l2: f64,
    pub crf_cost: f64,
    /// Feature domain-doubling: every feature of a sentence also fires as a copy of its own
    /// corpus ([`domain_bucket`]); the model keeps shared + news, so it tags as the news copy.
    pub double: bool,
    /// How much of the news copy is folded into the shared weights (1: tag as news; 0: as
    /// the shared copy alone). A quarter: ANERcorp dev 0.7592 (0.7633 at 1, 0.7359 at 0) and
    /// WikiFANE dev without MISC 0.7188 (0.6629 at 1, 0.7377 at 0); docs/entities-2.md.
    pub news_share: f64,
    /// Share of a CRF run in the model (0: perceptrons only). The CRF's weights are rescaled
    /// to the perceptrons' mean magnitude and mixed in: the two objectives err differently.
    pub mix_crf: f64,
    /// Non-local features ([`nonlocal_facts`]): a second pass reads what a first pass tagged
    /// the other mentions of each word in the document.
    pub nonlocal: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config { bits: 20, epochs: 10, seed: 0x6b61_7368_6966, min_abs: 70, step: 6, max_rows: 170_000, o_penalty: 2.0, min_count: 4, dropout: 64, margin: 90.0, margin_o: 90.0, margin_b: 135.0, pa: 0.0, bags: 4, crf: false, crf_eta: 0.1, l2: 0.01, crf_cost: 5.0, mix_crf: 0.5, double: true, news_share: 0.25, nonlocal: true }
    }
}

fn sentence_features(s: &Sentence, mask: u32, mem: &Memory) -> Vec<Vec<u32>> {
    let mut store = tagger::Store::default();
    let mut ws = tagger::words(&s.tokens, mem, &tagger::places(&s.text, &s.tokens), &mut store);
    for (w, nl) in ws.iter_mut().zip(&s.nl) {
        w.nl = *nl;
    }
    (0..ws.len())
        .map(|i| {
            let mut f = Vec::with_capacity(80);
            tagger::extract(&ws, i, mask, &mut f);
            f
        })
        .collect()
}

pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Shuffles `order` in place (Fisher–Yates), for the next epoch.
    pub fn shuffle(&mut self, order: &mut [usize]) {
        for i in (1..order.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
    }

    /// The features of one sentence for one update, each left out with probability
    /// `dropout`/256 (feature dropout: no single lexical feature carries a decision alone);
    /// the sentence's own features when `dropout` is 0.
    pub fn drop_features<'a>(&mut self, feats: &'a [Vec<u32>], dropout: u8) -> std::borrow::Cow<'a, [Vec<u32>]> {
        if dropout == 0 {
            return std::borrow::Cow::Borrowed(feats);
        }
        std::borrow::Cow::Owned(feats.iter().map(|f| f.iter().copied().filter(|_| (self.next_u64() >> 56) as u8 >= dropout).collect()).collect())
    }
}

/// Training features of every sentence: each token's buckets, the rare ones left out.
pub fn training_features(sents: &[Sentence], cfg: &Config) -> Vec<Vec<Vec<u32>>> {
    let mask = (1u32 << cfg.bits) - 1;
    // Cross-fold memory: each fifth of the data sees what the other four fifths said.
    const FOLDS: usize = 5;
    let fold = |i: usize| i * FOLDS / sents.len().max(1);
    let mems: Vec<Memory> = (0..FOLDS).map(|k| memory((0..sents.len()).filter(|&i| fold(i) != k).map(|i| &sents[i]))).collect();
    let mut feats: Vec<Vec<Vec<u32>>> = sents.iter().enumerate().map(|(i, s)| sentence_features(s, mask, &mems[fold(i)])).collect();
    drop(mems);
    if cfg.min_count > 1 {
        let mut count = vec![0u32; 1 << cfg.bits];
        for f in feats.iter().flatten().flatten() {
            count[*f as usize] += 1;
        }
        for f in feats.iter_mut().flatten() {
            f.retain(|&b| count[b as usize] >= cfg.min_count);
        }
    }
    // (after the pruning: a token's plain features are the first half of its list)
    if cfg.double {
        for (s, f) in sents.iter().zip(feats.iter_mut()) {
            for tok in f.iter_mut() {
                let n = tok.len();
                for k in 0..n {
                    tok.push(domain_bucket(tok[k], s.domain, mask));
                }
            }
        }
    }
    feats
}

/// The bucket of the copy of feature bucket `b` that fires only in corpus `domain`
/// (domain-doubling: Daumé's "frustratingly easy" adaptation). A mix of the bucket and the
/// domain, masked: it shares the table with the plain features, as any hashed feature does.
pub fn domain_bucket(b: u32, domain: u8, mask: u32) -> u32 {
    let mut x = (b as u64) << 8 | domain as u64 | 0x5a00_0000_0000;
    x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 29;
    ((x.wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 32) as u32) & mask
}

/// Folds the news copies into the shared weights: the weight of bucket `b` becomes its shared
/// weight plus that of its news copy, so the model tags as shared + news with the features of
/// one table and no extra work at analysis time.
/// Only the buckets of plain features (`plain`) are kept: any other bucket holds a corpus copy,
/// or nothing, and folding a copy into it would give weights to buckets no feature fills.
fn fold_news(w: &[f64], bits: u32, plain: &[bool], share: f64) -> Vec<f64> {
    let mask = (1u32 << bits) - 1;
    let mut out = vec![0.0; w.len()];
    for b in (0..=mask).filter(|&b| plain[b as usize]) {
        let d = domain_bucket(b, crate::conll::NEWS, mask) as usize;
        for t in 0..TAGS {
            out[b as usize * TAGS + t] = w[b as usize * TAGS + t] + share * w[d * TAGS + t];
        }
    }
    out
}

/// Float weights before quantization: `bucket * TAGS + tag`, and the tag transitions.
pub struct Weights {
    pub w: Vec<f64>,
    pub trans: [[f64; TAGS]; TAGS + 1],
}

/// The shuffle seed of bag `b`: the configured seed for the first, well-mixed variants of it
/// (splitmix64) for the others, so that no two bags (nor two configured seeds) share a stream.
fn bag_seed(seed: u64, b: usize) -> u64 {
    if b == 0 {
        return seed;
    }
    let mut z = seed.wrapping_add((b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Trains a model. `log` receives one progress line per epoch (of the first bag).
///
/// With `cfg.bags` > 1, several perceptrons are trained on different shuffles (and feature
/// dropouts) of the same data and their averaged weights are averaged again before
/// quantization: the mean of a few noisy runs generalizes better than any one of them, and
/// costs nothing at analysis time. Two bags train at a time (one per core); the sum is taken
/// in bag order, so the result does not depend on the threads.
///
/// With `cfg.mix_crf` > 0, one CRF run ([`crate::crf`], no dropout, the name-start cost twice
/// the inside's) is mixed in at that share, its weights rescaled to the perceptrons' mean
/// magnitude. The two objectives err differently: the perceptron moves only on the tokens it
/// gets wrong, the CRF on every token by how unsure it is. Half and half, on the dev split
/// (tagger alone), 0.7502 -> 0.7517 (four seeds 0.7482 -> 0.7508) and 5-fold CV 0.7616 ->
/// 0.7641, with the rare small weights pruned harder (`min_abs` 55 -> 60) to keep the model
/// at 0.69 MB gzip (0.38 before; 0.79 at 55). Shares 0.3, 0.65 and 0.8 gave less.
pub fn train(sents: &[Sentence], cfg: &Config, mut log: impl FnMut(&str)) -> Model {
    if !cfg.nonlocal {
        return train_shares(sents, cfg, &[cfg.news_share], log).pop().expect("one share");
    }
    let mut sents = sents.to_vec();
    nonlocal_facts(&mut sents, cfg, &mut log);
    train_shares(&sents, cfg, &[cfg.news_share], log).pop().expect("one share")
}

/// How many folds [`nonlocal_facts`] splits the documents into.
const NL_FOLDS: usize = 5;

/// Fills each sentence's non-local facts ([`Sentence::nl`]) for training the second pass,
/// without leakage: the documents ([`crate::conll::documents`]) are split into
/// [`NL_FOLDS`] folds, each fold's sentences are tagged by a first-pass model trained on the
/// other folds (no non-local features; one perceptron, no CRF: two folds train at a time, one
/// per core), and each document's facts are gathered from those tags as the tagger gathers
/// them at analysis time ([`tagger::gather`]).
///
/// Only every other sentence of a document keeps its facts: the model is trained on
/// sentences with and without them, so its first pass (the same weights, those features
/// absent) stays as good as a model trained without them.
pub fn nonlocal_facts(sents: &mut [Sentence], cfg: &Config, log: &mut impl FnMut(&str)) {
    let docs = crate::conll::documents(sents);
    let mut fold_of = vec![0usize; sents.len()];
    for (d, r) in docs.iter().enumerate() {
        fold_of[r.clone()].fill(d % NL_FOLDS);
    }
    let first = Config { nonlocal: false, bags: 1, mix_crf: 0.0, ..cfg.clone() };
    let mut tags: Vec<Vec<usize>> = vec![Vec::new(); sents.len()];
    let all: &[Sentence] = sents;
    for pair in (0..NL_FOLDS).collect::<Vec<_>>().chunks(2) {
        let tagged: Vec<Vec<(usize, Vec<usize>)>> = std::thread::scope(|sc| {
            let handles: Vec<_> = pair
                .iter()
                .map(|&f| {
                    let (fold_of, first) = (&fold_of, &first);
                    sc.spawn(move || {
                        let rest: Vec<Sentence> = all.iter().zip(fold_of).filter(|(_, &k)| k != f).map(|(s, _)| s.clone()).collect();
                        let m = train_shares(&rest, first, &[first.news_share], |_| {}).pop().expect("one share");
                        all.iter().enumerate().filter(|(i, _)| fold_of[*i] == f).map(|(i, s)| (i, tagger::first_pass_tags(&s.text, &s.tokens, &m))).collect()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("first-pass thread")).collect()
        });
        for (i, t) in tagged.into_iter().flatten() {
            tags[i] = t;
        }
        log(&format!("first-pass folds {pair:?} tagged"));
    }
    let mut fired = 0usize;
    for r in docs {
        let mut keys = Vec::new();
        let mut doc_tags = Vec::new();
        for i in r.clone() {
            let s = &sents[i];
            let mut store = tagger::Store::default();
            let ws = tagger::words(&s.tokens, &Memory::default(), &[], &mut store);
            keys.extend(ws.iter().map(tagger::nl_key));
            doc_tags.extend_from_slice(&tags[i]);
        }
        let nl = tagger::gather(&keys, &doc_tags);
        let mut at = 0;
        for (j, i) in r.enumerate() {
            let n = sents[i].tokens.len();
            if j % 2 == 0 {
                sents[i].nl = nl[at..at + n].to_vec();
                fired += sents[i].nl.iter().filter(|x| x.fires()).count();
            }
            at += n;
        }
    }
    log(&format!("non-local facts on {fired} training tokens"));
}

/// [`train`], folding the news copies in at each share of `shares` (one model each, one
/// training run): the experiment behind [`Config::news_share`].
pub fn train_shares(sents: &[Sentence], cfg: &Config, shares: &[f64], mut log: impl FnMut(&str)) -> Vec<Model> {
    let bags = cfg.bags.max(1);
    let feats = training_features(sents, cfg);
    let mut sum: Option<Weights> = None;
    let mut lines = Vec::new();
    for first in (0..bags).step_by(2) {
        let runs: Vec<(Weights, Vec<String>)> = std::thread::scope(|s| {
            let handles: Vec<_> = (first..(first + 2).min(bags)).map(|b| {
                let feats = &feats;
                let seed = bag_seed(cfg.seed, b);
                s.spawn(move || if cfg.crf { crate::crf::train(sents, feats, cfg, seed) } else { crate::perceptron::train(sents, feats, cfg, seed) })
            }).collect();
            handles.into_iter().map(|h| h.join().expect("training thread")).collect()
        });
        for (run, l) in runs {
            if lines.is_empty() {
                lines = l;
            }
            sum = Some(match sum {
                None => run,
                Some(mut acc) => {
                    acc.w.iter_mut().zip(&run.w).for_each(|(a, b)| *a += b);
                    for (ra, rb) in acc.trans.iter_mut().zip(&run.trans) {
                        ra.iter_mut().zip(rb).for_each(|(a, b)| *a += b);
                    }
                    acc
                }
            });
        }
    }
    for l in &lines {
        log(l);
    }
    let mut weights = sum.expect("at least one bag");
    if bags > 1 {
        let k = bags as f64;
        weights.w.iter_mut().for_each(|v| *v /= k);
        weights.trans.iter_mut().flatten().for_each(|v| *v /= k);
    }
    if cfg.mix_crf > 0.0 && !cfg.crf {
        let crf_cfg = Config { dropout: 0, margin_b: cfg.margin * 2.0, ..cfg.clone() };
        let (c, _) = crate::crf::train(sents, &feats, &crf_cfg, bag_seed(cfg.seed, bags));
        let mean_abs = |w: &[f64]| {
            let (s, n) = w.iter().filter(|v| **v != 0.0).fold((0.0, 0usize), |(s, n), v| (s + v.abs(), n + 1));
            if n == 0 { 1.0 } else { s / n as f64 }
        };
        let a = cfg.mix_crf;
        let scale = mean_abs(&weights.w) / mean_abs(&c.w) * a;
        weights.w.iter_mut().zip(&c.w).for_each(|(p, q)| *p = *p * (1.0 - a) + q * scale);
        for (rp, rq) in weights.trans.iter_mut().zip(&c.trans) {
            rp.iter_mut().zip(rq).for_each(|(p, q)| *p = *p * (1.0 - a) + q * scale);
        }
    }
    if !cfg.double {
        return vec![quantize(sents, cfg, &weights)];
    }
    let mut plain = vec![false; 1 << cfg.bits];
    for f in feats.iter().flatten() {
        // the first half of a token's features are the plain ones
        f[..f.len() / 2].iter().for_each(|&b| plain[b as usize] = true);
    }
    drop(feats);
    shares
        .iter()
        .map(|&share| {
            let w = fold_news(&weights.w, cfg.bits, &plain, share);
            quantize(sents, cfg, &Weights { w, trans: weights.trans })
        })
        .collect()
}


/// The model of the float weights: each quantized to a byte on a log scale,
/// q = round(127 ln(1 + |w|/s) / L), L = ln(1 + max/s), with s the 90th percentile of the
/// non-zero magnitudes / 64; bytes below `min_abs` dropped.
fn quantize(sents: &[Sentence], cfg: &Config, weights: &Weights) -> Model {
    let mut mags: Vec<f64> = weights.w.iter().map(|v| v.abs()).filter(|&v| v > 0.0).collect();
    let (s, max) = if mags.is_empty() {
        (1.0, 1.0)
    } else {
        let (pct, div) = (0.9, 64.0);
        let k = (((mags.len() as f64) * pct) as usize).min(mags.len() - 1);
        let max = mags.iter().copied().fold(0.0, f64::max);
        let (_, v, _) = mags.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
        ((*v / div).max(1e-9), max)
    };
    drop(mags);
    let l = (1.0 + max / s).ln();
    let mut table = [0f32; 256];
    for q in -127i32..=127 {
        let v = (q.unsigned_abs() as f64 * l / 127.0).exp_m1() * s;
        table[q as i8 as u8 as usize] = (if q < 0 { -v } else { v }) as f32;
    }
    let step = cfg.step.max(1) as f64;
    let mut bytes: Vec<i8> = weights
        .w
        .iter()
        .map(|&v| {
            let q = (127.0 * (v.abs() / s).ln_1p() / l).round().min(127.0);
            if (q as u8) < cfg.min_abs as u8 {
                return 0;
            }
            let q = ((q / step).round() * step).min(127.0) as i8;
            if v < 0.0 { -q } else { q }
        })
        .collect();
    keep_strongest_rows(&mut bytes, cfg.max_rows);
    let trans = weights.trans.map(|row| {
        let mut r = row.map(|v| v as f32);
        // A penalty on O (moving into O costs `o_penalty`) trades precision for recall.
        r[0] -= cfg.o_penalty;
        r
    });
    let mut m = Model::new(cfg.bits, table, &bytes, trans, memory(sents.iter()));
    // trained with non-local facts: the tagger runs the second pass
    m.second_pass = sents.iter().any(|s| !s.nl.is_empty());
    m
}

/// Zeroes all but the `max_rows` buckets whose largest |weight| is largest (ties: lower bucket
/// first).
fn keep_strongest_rows(bytes: &mut [i8], max_rows: usize) {
    let strength: Vec<u8> = bytes.chunks_exact(TAGS).map(|r| r.iter().map(|q| q.unsigned_abs()).max().unwrap_or(0)).collect();
    let mut order: Vec<usize> = (0..strength.len()).filter(|&b| strength[b] > 0).collect();
    if order.len() <= max_rows {
        return;
    }
    order.sort_by_key(|&b| (std::cmp::Reverse(strength[b]), b));
    for &b in &order[max_rows..] {
        bytes[b * TAGS..(b + 1) * TAGS].fill(0);
    }
}

/// What the labelled sentences say about each word (see [`Memory`]).
pub fn memory<'a>(sents: impl Iterator<Item = &'a Sentence>) -> Memory {
    let mut counts: std::collections::HashMap<u32, [u32; 5]> = std::collections::HashMap::new();
    for s in sents {
        for (t, &tag) in s.tokens.iter().zip(&s.tags) {
            if !matches!(t.kind, Kind::Arabic | Kind::Latin | Kind::Mixed) {
                continue;
            }
            let (safe, _) = tagger::strip_safe(&t.key);
            let c = counts.entry(tagger::word_hash(&safe)).or_default();
            c[tag_info(tag).map_or(0, |(_, ty)| ty + 1)] += 1;
        }
    }
    let mut out = Memory::default();
    for (k, c) in counts {
        let total: u32 = c.iter().sum();
        let (ty, &n) = c[1..].iter().enumerate().max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i))).expect("four types");
        if n == 0 {
            continue;
        }
        let r = n as f64 / total as f64;
        let bucket = if r >= 0.8 { 3 } else if r >= 0.5 { 2 } else if r >= 0.2 { 1 } else { 0 };
        if bucket > 0 {
            out.insert(k, ((ty as u8 + 1) << 2) | bucket);
        }
    }
    out
}
