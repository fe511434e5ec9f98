//! Training and evaluation of the NER tagger (native builds only; the wasm carries none of it).
//!
//! Data: CoNLL files with one `token TAG` a line and a blank line after each sentence (BIO
//! tags, PERS/LOC/ORG/MISC), like ANERcorp. Each sentence is joined with single spaces, run
//! through the same pipeline as at analysis time, and the gold labels are projected onto the
//! pipeline's tokens. Training is a structured averaged perceptron with Viterbi decoding,
//! four of them on different shuffles averaged into one model ("bags"), mixed half and half
//! with a CRF run over the same features ([`super::crf`]), fully deterministic: fixed
//! shuffles, sums in a fixed order, and no hash-map iteration.

use super::features::{self, Memory};
use super::model::{tag_info, tag_of, viterbi, Model, TAGS, TYPES};
use crate::analysis::{Entity, Token};
use crate::pipeline;
use crate::text::normalize::NormOptions;
use crate::text::tokenize::Kind;

/// One `token TAG` sentence.
pub type Conll = Vec<(String, String)>;

pub fn read_conll(path: &str) -> std::io::Result<Vec<Conll>> {
    let src = std::fs::read_to_string(path)?;
    Ok(parse_conll(&src))
}

pub fn parse_conll(src: &str) -> Vec<Conll> {
    let mut out = Vec::new();
    let mut cur: Conll = Vec::new();
    for line in src.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line.rsplit_once(' ').unwrap_or((line, "O"));
        cur.push((tok.to_string(), tag.to_string()));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The dev split used in the reports: the last 10% of the sentences (the file's tail, i.e.
/// whole later articles). Returns (train, dev).
pub fn split_dev(sents: &[Conll]) -> (&[Conll], &[Conll]) {
    let n_dev = sents.len() / 10;
    sents.split_at(sents.len() - n_dev)
}

pub fn write_conll(sents: &[Conll]) -> String {
    let mut s = String::new();
    for sent in sents {
        for (t, g) in sent {
            s.push_str(t);
            s.push(' ');
            s.push_str(g);
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

fn type_index(t: &str) -> Option<usize> {
    let t = if t.eq_ignore_ascii_case("PERS") || t.eq_ignore_ascii_case("PERSON") { "PER" } else { t };
    TYPES.iter().position(|&x| x.eq_ignore_ascii_case(t))
}

/// Gold entities of a sentence as (first token, last token, type), conlleval style.
pub fn gold_entities(sent: &Conll) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, (_, tag)) in sent.iter().chain(std::iter::once(&(String::new(), "O".to_string()))).enumerate() {
        let (bio, ty) = match tag.split_once('-') {
            Some((b, t)) => (b, type_index(t)),
            None => ("O", None),
        };
        let continues = bio == "I" && open.is_some_and(|(_, t)| Some(t) == ty);
        if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i - 1, t));
            }
            if let Some(t) = ty {
                open = Some((i, t));
            }
        }
    }
    out
}

/// A sentence ready for training or evaluation.
pub struct Sentence {
    pub text: String,
    pub tokens: Vec<Token>,
    /// Byte span of each CoNLL token in `text`.
    pub spans: Vec<(usize, usize)>,
    pub gold: Vec<(usize, usize, usize)>,
    /// Gold tag of each pipeline token.
    pub tags: Vec<usize>,
}

pub fn prepare(sent: &Conll) -> Sentence {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(sent.len());
    for (i, (t, _)) in sent.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        spans.push((text.len(), text.len() + t.len()));
        text.push_str(t);
    }
    let tokens = pipeline::tokens(&text, &NormOptions::display());
    let gold = gold_entities(sent);
    let owner: Vec<usize> = tokens
        .iter()
        .map(|t| spans.iter().position(|&(a, b)| a <= t.start as usize && (t.start as usize) < b).unwrap_or(0))
        .collect();
    let mut tags = vec![0; tokens.len()];
    for &(a, b, ty) in &gold {
        let inside: Vec<usize> = (0..tokens.len()).filter(|&j| owner[j] >= a && owner[j] <= b).collect();
        let core = |j: &&usize| !matches!(tokens[**j].kind, Kind::Punct | Kind::Symbol);
        let first = inside.iter().position(|j| core(&j));
        let last = inside.iter().rposition(|j| core(&j));
        if let (Some(f), Some(l)) = (first, last) {
            for (k, &j) in inside[f..=l].iter().enumerate() {
                tags[j] = tag_of(k == 0, ty);
            }
        }
    }
    Sentence { text, tokens, spans, gold, tags }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub bits: u32,
    pub epochs: usize,
    pub seed: u64,
    /// Quantized weights with |q| below this are dropped.
    pub min_abs: i8,
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
    /// Train CRFs ([`super::crf`]) instead of perceptrons (an experiment: see there).
    pub crf: bool,
    /// The CRF's AdaGrad step size, L2 penalty, and softmax-margin head start (inside a name).
    pub crf_eta: f64,
    pub l2: f64,
    pub crf_cost: f64,
    /// Share of a CRF run in the model (0: perceptrons only). The CRF's weights are rescaled
    /// to the perceptrons' mean magnitude and mixed in: the two objectives err differently.
    pub mix_crf: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config { bits: 20, epochs: 10, seed: 0x6b61_7368_6966, min_abs: 60, o_penalty: 2.0, min_count: 4, dropout: 64, margin: 90.0, margin_o: 90.0, margin_b: 135.0, pa: 0.0, bags: 4, crf: false, crf_eta: 0.1, l2: 0.01, crf_cost: 5.0, mix_crf: 0.5 }
    }
}

fn sentence_features(s: &Sentence, mask: u32, mem: &Memory) -> Vec<Vec<u32>> {
    let mut store = features::Store::default();
    let ws = features::words(&s.tokens, mem, &super::gazetteer::places(&s.text, &s.tokens), &mut store);
    (0..ws.len())
        .map(|i| {
            let mut f = Vec::with_capacity(80);
            features::extract(&ws, i, mask, &mut f);
            f
        })
        .collect()
}

pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Shuffles `order` in place (Fisher–Yates), for the next epoch.
    pub(super) fn shuffle(&mut self, order: &mut [usize]) {
        for i in (1..order.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
    }

    /// The features of one sentence for one update, each left out with probability
    /// `dropout`/256 (feature dropout: no single lexical feature carries a decision alone);
    /// the sentence's own features when `dropout` is 0.
    pub(super) fn drop_features<'a>(&mut self, feats: &'a [Vec<u32>], dropout: u8) -> std::borrow::Cow<'a, [Vec<u32>]> {
        if dropout == 0 {
            return std::borrow::Cow::Borrowed(feats);
        }
        std::borrow::Cow::Owned(feats.iter().map(|f| f.iter().copied().filter(|_| (self.next() >> 56) as u8 >= dropout).collect()).collect())
    }
}

/// Training features of every sentence: each token's buckets, the rare ones left out.
fn training_features(sents: &[Sentence], cfg: &Config) -> Vec<Vec<Vec<u32>>> {
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
    feats
}

/// Float weights before quantization: `bucket * TAGS + tag`, and the tag transitions.
pub(super) struct Weights {
    pub(super) w: Vec<f64>,
    pub(super) trans: [[f64; TAGS]; TAGS + 1],
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
/// With `cfg.mix_crf` > 0, one CRF run ([`super::crf`], no dropout, the name-start cost twice
/// the inside's) is mixed in at that share, its weights rescaled to the perceptrons' mean
/// magnitude. The two objectives err differently: the perceptron moves only on the tokens it
/// gets wrong, the CRF on every token by how unsure it is. Half and half, on the dev split
/// (tagger alone), 0.7502 -> 0.7517 (four seeds 0.7482 -> 0.7508) and 5-fold CV 0.7616 ->
/// 0.7641, with the rare small weights pruned harder (`min_abs` 55 -> 60) to keep the model
/// at 0.69 MB gzip (0.38 before; 0.79 at 55). Shares 0.3, 0.65 and 0.8 gave less.
pub fn train(sents: &[Sentence], cfg: &Config, mut log: impl FnMut(&str)) -> Model {
    let bags = cfg.bags.max(1);
    let feats = training_features(sents, cfg);
    let mut sum: Option<Weights> = None;
    let mut lines = Vec::new();
    for first in (0..bags).step_by(2) {
        let runs: Vec<(Weights, Vec<String>)> = std::thread::scope(|s| {
            let handles: Vec<_> = (first..(first + 2).min(bags)).map(|b| {
                let feats = &feats;
                let seed = bag_seed(cfg.seed, b);
                s.spawn(move || if cfg.crf { super::crf::train(sents, feats, cfg, seed) } else { perceptron(sents, feats, cfg, seed) })
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
        let (c, _) = super::crf::train(sents, &feats, &crf_cfg, bag_seed(cfg.seed, bags));
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
    quantize(sents, cfg, &weights)
}

/// One averaged perceptron run over the prepared features, with its own shuffle seed.
/// Returns the averaged weights and one progress line per epoch.
fn perceptron(sents: &[Sentence], feats: &[Vec<Vec<u32>>], cfg: &Config, seed: u64) -> (Weights, Vec<String>) {
    let size = (1usize << cfg.bits) * TAGS;
    let mut lines = Vec::new();
    let mut w = vec![0f64; size];
    let mut u = vec![0f64; size];
    let mut tw = [[0f64; TAGS]; TAGS + 1];
    let mut tu = [[0f64; TAGS]; TAGS + 1];
    let mut c: f64 = 1.0;
    let mut rng = Rng(seed | 1);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut total = 0usize;
        for &si in &order {
            let gold = &sents[si].tags;
            if gold.is_empty() {
                continue;
            }
            let fs = rng.drop_features(&feats[si], cfg.dropout);
            let emit: Vec<[f32; TAGS]> = fs
                .iter()
                .map(|f| {
                    let mut s = [0f32; TAGS];
                    for &b in f {
                        let row = &w[b as usize * TAGS..b as usize * TAGS + TAGS];
                        for t in 0..TAGS {
                            s[t] += row[t] as f32;
                        }
                    }
                    s
                })
                .collect();
            let mut emit = emit;
            if cfg.margin > 0.0 {
                // Cost-augmented decoding: every wrong tag gets a head start, so updates
                // continue until the gold path wins by a margin.
                for (e, &g) in emit.iter_mut().zip(gold) {
                    let m = if g == 0 { cfg.margin_o } else if tag_info(g).is_some_and(|(b, _)| b) { cfg.margin_b } else { cfg.margin };
                    for (t, v) in e.iter_mut().enumerate() {
                        if t != g {
                            *v += m;
                        }
                    }
                }
            }
            let trans = tw.map(|r| r.map(|v| v as f32));
            let pred = viterbi(&emit, &trans);
            total += gold.len();
            if pred != *gold {
                let tau = if cfg.pa > 0.0 {
                    // PA-I: the smallest step that makes the gold path win by the cost, capped.
                    let path = |p: &[usize]| -> f64 {
                        (0..p.len()).map(|k| (emit[k][p[k]] + trans[if k == 0 { TAGS } else { p[k - 1] }][p[k]]) as f64).sum()
                    };
                    let loss = path(&pred) - path(gold);
                    let mut norm = 0usize;
                    for k in 0..gold.len() {
                        if gold[k] != pred[k] {
                            norm += 2 * fs[k].len();
                        }
                        let gp = if k == 0 { TAGS } else { gold[k - 1] };
                        let pp = if k == 0 { TAGS } else { pred[k - 1] };
                        if (gp, gold[k]) != (pp, pred[k]) {
                            norm += 2;
                        }
                    }
                    (loss / norm.max(1) as f64).clamp(0.0, cfg.pa)
                } else {
                    1.0
                };
                let ct = c * tau;
                for k in 0..gold.len() {
                    let (g, p) = (gold[k], pred[k]);
                    if g != p {
                        errors += 1;
                        for &b in &fs[k] {
                            let gi = b as usize * TAGS + g;
                            let pi = b as usize * TAGS + p;
                            w[gi] += tau;
                            u[gi] += ct;
                            w[pi] -= tau;
                            u[pi] -= ct;
                        }
                    }
                    let gp = if k == 0 { TAGS } else { gold[k - 1] };
                    let pp = if k == 0 { TAGS } else { pred[k - 1] };
                    if (gp, g) != (pp, p) {
                        tw[gp][g] += tau;
                        tu[gp][g] += ct;
                        tw[pp][p] -= tau;
                        tu[pp][p] -= ct;
                    }
                }
            }
            c += 1.0;
        }
        lines.push(format!("epoch {}: token errors {} / {}", epoch + 1, errors, total));
    }
    // the averaged perceptron's weights: w - u / c
    for (a, b) in w.iter_mut().zip(&u) {
        *a -= b / c;
    }
    let trans = std::array::from_fn(|p| std::array::from_fn(|t| tw[p][t] - tu[p][t] / c));
    (Weights { w, trans }, lines)
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
    let bytes: Vec<i8> = weights
        .w
        .iter()
        .map(|&v| {
            let q = (127.0 * (v.abs() / s).ln_1p() / l).round().min(127.0) as i8;
            if q.unsigned_abs() < cfg.min_abs as u8 {
                0
            } else if v < 0.0 {
                -q
            } else {
                q
            }
        })
        .collect();
    let trans = weights.trans.map(|row| {
        let mut r = row.map(|v| v as f32);
        // A penalty on O (moving into O costs `o_penalty`) trades precision for recall.
        r[0] -= cfg.o_penalty;
        r
    });
    Model::new(cfg.bits, table, &bytes, trans, memory(sents.iter()))
}

/// What the labelled sentences say about each word (see [`Memory`]).
pub fn memory<'a>(sents: impl Iterator<Item = &'a Sentence>) -> Memory {
    let mut counts: std::collections::HashMap<u32, [u32; 5]> = std::collections::HashMap::new();
    for s in sents {
        for (t, &tag) in s.tokens.iter().zip(&s.tags) {
            if !matches!(t.kind, Kind::Arabic | Kind::Latin | Kind::Mixed) {
                continue;
            }
            let (safe, _) = features::strip_safe(&t.key);
            let c = counts.entry(features::word_hash(&safe)).or_default();
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

/// Counts per type: (true positives, false positives, false negatives).
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub counts: [(usize, usize, usize); 4],
}

impl Scores {
    fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
        let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
        let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
    fn add(&mut self, other: &Scores) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    pub fn micro(&self) -> (f64, f64, f64) {
        let s = self.counts.iter().fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        Self::prf(s.0, s.1, s.2)
    }
    pub fn report(&self) -> String {
        let mut s = format!("{:8} {:>6} {:>6} {:>6} {:>6}\n", "type", "P", "R", "F1", "gold");
        for (i, t) in TYPES.iter().enumerate() {
            let (tp, fp, fn_) = self.counts[i];
            let (p, r, f) = Self::prf(tp, fp, fn_);
            s += &format!("{:8} {:6.4} {:6.4} {:6.4} {:6}\n", t, p, r, f, tp + fn_);
        }
        let (p, r, f) = self.micro();
        let gold: usize = self.counts.iter().map(|c| c.0 + c.2).sum();
        s += &format!("{:8} {:6.4} {:6.4} {:6.4} {:6}\n", "micro", p, r, f, gold);
        s
    }
}

/// Scores `find` on the sentences, exactly like `score_ner.py`: a predicted entity is the range
/// of CoNLL tokens its span overlaps, correct when range and type equal a gold entity's.
pub fn evaluate(sents: &[Sentence], find: impl Fn(&str, &[Token]) -> Vec<Entity>) -> Scores {
    let mut sc = Scores::default();
    for s in sents {
        score(s, &find(&s.text, &s.tokens), &mut sc);
    }
    sc
}

/// Adds one sentence's counts for the entities found in it to `sc`.
fn score(s: &Sentence, found: &[Entity], sc: &mut Scores) {
    let pred = predicted(s, found);
    for ty in 0..4 {
        let p: Vec<_> = pred.iter().filter(|x| x.2 == ty).collect();
        let g: Vec<_> = s.gold.iter().filter(|x| x.2 == ty).collect();
        let tp = p.iter().filter(|x| g.contains(x)).count();
        sc.counts[ty].0 += tp;
        sc.counts[ty].1 += p.len() - tp;
        sc.counts[ty].2 += g.len() - tp;
    }
}

/// [`evaluate`] with the sentences read `k` at a time as one document (joined by line
/// breaks), the way an article reaches `analyze`: what document-level steps do shows here.
/// Each sentence is scored on the entities inside it.
pub fn evaluate_docs(sents: &[Sentence], k: usize, find: impl Fn(&str, &[Token]) -> Vec<Entity>) -> Scores {
    let mut sc = Scores::default();
    for (s, found) in sents.iter().zip(doc_entities(sents, k, find)) {
        score(s, &found, &mut sc);
    }
    sc
}

/// The entities `find` gives each sentence when the sentences are read `k` at a time as one
/// document, with offsets into the sentence.
fn doc_entities(sents: &[Sentence], k: usize, find: impl Fn(&str, &[Token]) -> Vec<Entity>) -> Vec<Vec<Entity>> {
    let mut out = Vec::with_capacity(sents.len());
    for doc in sents.chunks(k.max(1)) {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(doc.len());
        for s in doc {
            if !text.is_empty() {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(&s.text);
        }
        let tokens = pipeline::tokens(&text, &NormOptions::display());
        let found = find(&text, &tokens);
        for (s, &at) in doc.iter().zip(&starts) {
            let end = at + s.text.len();
            out.push(
                found
                    .iter()
                    .filter(|e| at <= e.start as usize && e.end as usize <= end)
                    .map(|e| Entity { start: e.start - at as u32, end: e.end - at as u32, ..e.clone() })
                    .collect(),
            );
        }
    }
    out
}

/// Entities as (first CoNLL token, last CoNLL token, type).
fn predicted(s: &Sentence, found: &[Entity]) -> Vec<(usize, usize, usize)> {
    let mut pred = Vec::new();
    for e in found {
        let Some(ty) = type_index(&e.kind) else { continue };
        let hit: Vec<usize> =
            (0..s.spans.len()).filter(|&i| s.spans[i].0 < e.end as usize && (e.start as usize) < s.spans[i].1).collect();
        if let (Some(&a), Some(&b)) = (hit.first(), hit.last()) {
            if !pred.contains(&(a, b, ty)) {
                pred.push((a, b, ty));
            }
        }
    }
    pred
}

/// Convenience for tags: the type name of a tag (for debugging output).
pub fn tag_name(t: usize) -> String {
    match tag_info(t) {
        None => "O".into(),
        Some((b, ty)) => format!("{}-{}", if b { "B" } else { "I" }, TYPES[ty]),
    }
}

/// Why a `train-ner` / `eval-ner` command failed: bad usage (exit 2) or an I/O error (exit 1).
#[derive(Debug)]
pub enum CliError {
    Usage(String),
    Io(String),
}

impl From<String> for CliError {
    fn from(m: String) -> Self {
        CliError::Usage(m)
    }
}

fn flag_value<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args.get(i + 1).map(|s| Some(s.as_str())).ok_or_else(|| format!("{name} needs a value")),
    }
}

/// The value of `--name`, parsed; `wants` says what it should be in the error.
fn parsed_flag<T: std::str::FromStr>(args: &[String], name: &str, wants: &str) -> Result<Option<T>, String> {
    flag_value(args, name)?.map(|v| v.parse().map_err(|_| format!("{name} wants {wants}, not '{v}'"))).transpose()
}

fn check_flags(args: &[String], with_value: &[&str], plain: &[&str]) -> Result<(), String> {
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if with_value.contains(&a) {
            i += 2;
        } else if plain.contains(&a) {
            i += 1;
        } else {
            return Err(format!("unknown argument '{a}'; try 'kashif help'"));
        }
    }
    Ok(())
}

/// `kashif train-ner --data PATH [--out FILE] [--holdout] [--write-dev FILE] [--epochs N] [--bits N]`.
///
/// Without `--holdout` it trains on every sentence of PATH (how the shipped model is built);
/// with it, on all but the dev split (the last 10%), and reports the dev score.
pub fn cli_train(args: &[String]) -> Result<(), CliError> {
    check_flags(args, &["--data", "--out", "--write-dev", "--epochs", "--bits", "--cv", "--o-penalty", "--min-count", "--dropout", "--min-abs", "--margin", "--margin-o", "--margin-b", "--pa", "--seed", "--bags", "--eta", "--l2", "--cost", "--mix-crf"], &["--holdout", "--crf"])?;
    let data = flag_value(args, "--data")?.ok_or("train-ner needs --data PATH (e.g. ../shared/data/anercorp-train.conll)".to_string())?;
    let out = flag_value(args, "--out")?.unwrap_or("data/ner.model");
    let mut cfg = Config::default();
    let whole = "a whole number";
    let number = "a number";
    if let Some(v) = parsed_flag(args, "--epochs", whole)? {
        cfg.epochs = v;
    }
    if let Some(v) = flag_value(args, "--bits")? {
        cfg.bits = v.parse().ok().filter(|b| (12..=22).contains(b)).ok_or(format!("--bits wants 12..22, not '{v}'"))?;
    }
    if let Some(v) = parsed_flag(args, "--o-penalty", number)? {
        cfg.o_penalty = v;
    }
    if let Some(v) = parsed_flag(args, "--min-count", whole)? {
        cfg.min_count = v;
    }
    if let Some(v) = parsed_flag(args, "--dropout", "0..255")? {
        cfg.dropout = v;
    }
    if let Some(v) = parsed_flag(args, "--min-abs", "0..127")? {
        cfg.min_abs = v;
    }
    if let Some(v) = parsed_flag(args, "--margin", number)? {
        cfg.margin = v;
        cfg.margin_o = v;
        cfg.margin_b = v * 1.5;
    }
    if let Some(v) = parsed_flag(args, "--margin-b", number)? {
        cfg.margin_b = v;
    }
    if let Some(v) = parsed_flag(args, "--pa", number)? {
        cfg.pa = v;
    }
    if let Some(v) = parsed_flag(args, "--margin-o", number)? {
        cfg.margin_o = v;
    }
    cfg.crf = args.iter().any(|a| a == "--crf");
    if let Some(v) = parsed_flag(args, "--eta", number)? {
        cfg.crf_eta = v;
    }
    if let Some(v) = parsed_flag(args, "--l2", number)? {
        cfg.l2 = v;
    }
    if let Some(v) = parsed_flag(args, "--cost", number)? {
        cfg.crf_cost = v;
    }
    if let Some(v) = parsed_flag(args, "--mix-crf", "a number in 0..1")? {
        cfg.mix_crf = v;
    }
    if let Some(v) = parsed_flag(args, "--bags", whole)? {
        cfg.bags = v;
    }
    if let Some(v) = parsed_flag(args, "--seed", whole)? {
        cfg.seed = v;
    }
    let holdout = args.iter().any(|a| a == "--holdout");
    let all = read_conll(data).map_err(|e| CliError::Io(format!("cannot read '{data}': {e}")))?;
    let (train_part, dev_part) = split_dev(&all);
    if let Some(p) = flag_value(args, "--write-dev")? {
        std::fs::write(p, write_conll(dev_part)).map_err(|e| CliError::Io(format!("cannot write '{p}': {e}")))?;
    }
    if let Some(k) = flag_value(args, "--cv")? {
        // Cross-validation over the train part (dev excluded), for choosing settings.
        let k: usize = k.parse().map_err(|_| "--cv wants a whole number".to_string())?;
        let sents: Vec<Sentence> = train_part.iter().map(prepare).collect();
        let mut total = Scores::default();
        for f in 0..k {
            let fold = |i: usize| i * k / sents.len();
            let (test, rest): (Vec<&Sentence>, Vec<&Sentence>) = sents.iter().enumerate().map(|(i, s)| (fold(i) == f, s)).fold((vec![], vec![]), |mut acc, (t, s)| {
                if t { acc.0.push(s) } else { acc.1.push(s) }
                acc
            });
            let rest: Vec<Sentence> = rest.into_iter().map(|s| Sentence { text: s.text.clone(), tokens: s.tokens.clone(), spans: s.spans.clone(), gold: s.gold.clone(), tags: s.tags.clone() }).collect();
            let test: Vec<Sentence> = test.into_iter().map(|s| Sentence { text: s.text.clone(), tokens: s.tokens.clone(), spans: s.spans.clone(), gold: s.gold.clone(), tags: s.tags.clone() }).collect();
            let m = train(&rest, &cfg, |_| {});
            let sc = evaluate(&test, |t, x| super::find_with(t, x, &m, super::Merge::Model));
            eprintln!("fold {f}: micro F1 {:.3}", sc.micro().2);
            total.add(&sc);
        }
        eprintln!("cross-validation ({k} folds):\n{}", total.report());
        return Ok(());
    }
    let used = if holdout { train_part } else { &all[..] };
    let t0 = std::time::Instant::now();
    let sents: Vec<Sentence> = used.iter().map(prepare).collect();
    eprintln!("{} sentences prepared in {:.1}s", sents.len(), t0.elapsed().as_secs_f64());
    let model = train(&sents, &cfg, |l| eprintln!("{l} ({:.1}s)", t0.elapsed().as_secs_f64()));
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| CliError::Io(format!("cannot write '{out}': {e}")))?;
    eprintln!("wrote {out}: {} bytes, trained in {:.1}s", bytes.len(), t0.elapsed().as_secs_f64());
    if holdout {
        let dev: Vec<Sentence> = dev_part.iter().map(prepare).collect();
        let sc = evaluate(&dev, |t, k| super::find_with(t, k, &model, super::Merge::Model));
        eprintln!("dev (last 10%, {} sentences), model only:\n{}", dev.len(), sc.report());
    }
    Ok(())
}

/// `kashif eval-ner --data DEV.conll [--model FILE] [--merge MODE] [--dev-split]`: per-type P/R/F1.
pub fn cli_eval(args: &[String]) -> Result<(), CliError> {
    check_flags(args, &["--data", "--model", "--merge", "--docs"], &["--dev-split", "--errors"])?;
    let docs: usize = match flag_value(args, "--docs")? {
        Some(v) => v.parse().ok().filter(|&k| k > 0).ok_or(format!("--docs wants a whole number of sentences, not '{v}'"))?,
        None => 1,
    };
    let data = flag_value(args, "--data")?.ok_or("eval-ner needs --data PATH".to_string())?;
    let all = read_conll(data).map_err(|e| CliError::Io(format!("cannot read '{data}': {e}")))?;
    let part = if args.iter().any(|a| a == "--dev-split") { split_dev(&all).1 } else { &all[..] };
    let owned;
    let model: &Model = match flag_value(args, "--model")? {
        Some(p) => {
            let b = std::fs::read(p).map_err(|e| CliError::Io(format!("cannot read '{p}': {e}")))?;
            owned = Model::from_bytes(&b).ok_or(format!("'{p}' is not a Kashif NER model"))?;
            &owned
        }
        None => super::shipped_model().ok_or("the shipped model does not parse".to_string())?,
    };
    let modes: Vec<(&str, super::Merge)> = match flag_value(args, "--merge")?.unwrap_or("all") {
        "model" => vec![("model", super::Merge::Model)],
        "gazetteer" => vec![("gazetteer", super::Merge::Gazetteer)],
        "model-first" => vec![("model-first", super::Merge::ModelFirst)],
        "gazetteer-first" => vec![("gazetteer-first", super::Merge::GazetteerFirst)],
        "all" => vec![
            ("gazetteer", super::Merge::Gazetteer),
            ("model", super::Merge::Model),
            ("model-first", super::Merge::ModelFirst),
            ("gazetteer-first", super::Merge::GazetteerFirst),
        ],
        m => return Err(CliError::Usage(format!("unknown --merge '{m}': model, gazetteer, model-first, gazetteer-first, all"))),
    };
    let sents: Vec<Sentence> = part.iter().map(prepare).collect();
    if args.iter().any(|a| a == "--errors") {
        // Every wrong or missed entity: `-` gold only, `+` predicted only, with the sentence.
        let per = doc_entities(&sents, docs, |t, k| super::find_with(t, k, model, modes[0].1));
        for (s, found) in sents.iter().zip(&per) {
            let words: Vec<&str> = s.spans.iter().map(|&(a, b)| &s.text[a..b]).collect();
            let show = |(a, b, t): (usize, usize, usize)| format!("{} {}", TYPES[t], words[a..=b].join(" "));
            let pred = predicted(s, found);
            let lines: Vec<String> = s.gold.iter().filter(|g| !pred.contains(g)).map(|&g| format!("  - {}", show(g)))
                .chain(pred.iter().filter(|p| !s.gold.contains(p)).map(|&p| format!("  + {}", show(p)))).collect();
            if !lines.is_empty() {
                println!("{}\n{}", s.text, lines.join("\n"));
            }
        }
        return Ok(());
    }
    for (name, mode) in modes {
        let t0 = std::time::Instant::now();
        let sc = if docs > 1 {
            evaluate_docs(&sents, docs, |t, k| super::find_with(t, k, model, mode))
        } else {
            evaluate(&sents, |t, k| super::find_with(t, k, model, mode))
        };
        let mb = sents.iter().map(|s| s.text.len()).sum::<usize>() as f64 / 1e6;
        println!("{name} ({} sentences, {:.2} MB/s):\n{}", sents.len(), mb / t0.elapsed().as_secs_f64(), sc.report());
    }
    Ok(())
}
