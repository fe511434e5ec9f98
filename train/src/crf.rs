//! A linear-chain CRF objective for the NER tagger.
//!
//! Same hashed features, same nine BIO tags and constraints, same model file and Viterbi as
//! the perceptron ([`crate::perceptron`]); only the weights are chosen differently: they maximise
//! the conditional log-likelihood of the gold tags (forward–backward over the allowed tag
//! paths), which updates every token by how unsure the model still is, not only the tokens
//! Viterbi gets wrong. Steps are AdaGrad (per-weight step sizes, so rare features move as
//! fast as they need to), with an L2 penalty on the weights a step touches, and the iterates
//! are averaged like the perceptron's. Softmax-margin: during training every wrong tag gets a
//! head start in proportion to the perceptron's margins, so the model pays most for missing
//! the start of a name.
//!
//! Alone (`train-ner --crf`; `--eta`, `--l2`, `--cost` set the three values above), best
//! found with one bag, `--crf --bags 1 --o-penalty 0 --margin-b 180 --dropout 0`: dev 0.7528,
//! 5-fold CV 0.7565, where the perceptrons give 0.7502 and 0.7616, and the model is 1.66 MB
//! (every seen feature keeps a weight). What ships is the perceptrons and one CRF run mixed
//! half and half (`Config::mix_crf`, see [`crate::train::train`]), which beats both.

use crate::conll::Sentence;
use crate::train::{Config, Rng, Weights};
use kashif::entities::tagger::{allowed, tag_info, START, TAGS};

const NEG: f64 = f64::NEG_INFINITY;

/// The tag transitions the BIO scheme allows, as a table.
type Allowed = [[bool; TAGS]; TAGS + 1];

/// log Σ exp(x) of the finite values (−∞ when there are none).
fn log_sum_exp(xs: &[f64]) -> f64 {
    let m = xs.iter().copied().fold(NEG, f64::max);
    if m == NEG {
        return NEG;
    }
    m + xs.iter().map(|&x| (x - m).exp()).sum::<f64>().ln()
}

/// What one sentence's forward–backward pass gives the gradient.
struct Marginals {
    /// P(tag t at token i).
    node: Vec<[f64; TAGS]>,
    /// Expected count of each transition (the last row: from the sentence start).
    edge: [[f64; TAGS]; TAGS + 1],
    /// log P(gold tags).
    loglik: f64,
}

/// Forward scores: alpha[i][t] = log Σ over allowed paths ending in t at i.
fn forward(emit: &[[f64; TAGS]], trans: &[[f64; TAGS]; TAGS + 1], ok: &Allowed) -> Vec<[f64; TAGS]> {
    let mut alpha = vec![[NEG; TAGS]; emit.len()];
    for t in 0..TAGS {
        if ok[START][t] {
            alpha[0][t] = trans[START][t] + emit[0][t];
        }
    }
    let mut terms = [NEG; TAGS];
    for i in 1..emit.len() {
        for t in 0..TAGS {
            for p in 0..TAGS {
                terms[p] = if ok[p][t] { alpha[i - 1][p] + trans[p][t] } else { NEG };
            }
            alpha[i][t] = log_sum_exp(&terms) + emit[i][t];
        }
    }
    alpha
}

/// Backward scores: beta[i][p] = log Σ over allowed continuations after tag p at i.
fn backward(emit: &[[f64; TAGS]], trans: &[[f64; TAGS]; TAGS + 1], ok: &Allowed) -> Vec<[f64; TAGS]> {
    let n = emit.len();
    let mut beta = vec![[0.0; TAGS]; n];
    let mut terms = [NEG; TAGS];
    for i in (0..n.saturating_sub(1)).rev() {
        for p in 0..TAGS {
            for t in 0..TAGS {
                terms[t] = if ok[p][t] { trans[p][t] + emit[i + 1][t] + beta[i + 1][t] } else { NEG };
            }
            beta[i][p] = log_sum_exp(&terms);
        }
    }
    beta
}

fn marginals(emit: &[[f64; TAGS]], trans: &[[f64; TAGS]; TAGS + 1], ok: &Allowed, gold: &[usize]) -> Marginals {
    let n = emit.len();
    let alpha = forward(emit, trans, ok);
    let beta = backward(emit, trans, ok);
    let log_z = log_sum_exp(&alpha[n - 1]);
    let node: Vec<[f64; TAGS]> = (0..n).map(|i| std::array::from_fn(|t| (alpha[i][t] + beta[i][t] - log_z).exp())).collect();
    let mut edge = [[0.0; TAGS]; TAGS + 1];
    edge[START] = node[0];
    for i in 1..n {
        for p in 0..TAGS {
            for t in 0..TAGS {
                if ok[p][t] {
                    edge[p][t] += (alpha[i - 1][p] + trans[p][t] + emit[i][t] + beta[i][t] - log_z).exp();
                }
            }
        }
    }
    let gold_score: f64 = (0..n).map(|i| trans[if i == 0 { START } else { gold[i - 1] }][gold[i]] + emit[i][gold[i]]).sum();
    Marginals { node, edge, loglik: gold_score - log_z }
}

/// AdaGrad with iterate averaging: the weights, their squared-gradient sums, and the
/// running sums that give the average (as in the perceptron: average = w − u / c).
struct Params {
    w: Vec<f64>,
    g2: Vec<f64>,
    u: Vec<f64>,
}

impl Params {
    fn new(n: usize) -> Params {
        Params { w: vec![0.0; n], g2: vec![0.0; n], u: vec![0.0; n] }
    }

    /// One AdaGrad step on weight `k` for gradient `g` (L2 included by the caller), at time `c`.
    #[inline]
    fn step(&mut self, k: usize, g: f64, eta: f64, c: f64) {
        self.g2[k] += g * g;
        let d = eta * g / (self.g2[k].sqrt() + 1e-8);
        self.w[k] -= d;
        self.u[k] -= c * d;
    }

    fn averaged(mut self, c: f64) -> Vec<f64> {
        for (a, b) in self.w.iter_mut().zip(&self.u) {
            *a -= b / c;
        }
        self.w
    }
}

/// The softmax-margin head start of the wrong tags at a token whose gold tag is `g`: the
/// perceptron's margins, scaled so that a name's inside gets `cfg.crf_cost`.
fn cost(cfg: &Config, g: usize) -> f64 {
    if cfg.margin <= 0.0 {
        return 0.0;
    }
    let m = if g == 0 { cfg.margin_o } else if tag_info(g).is_some_and(|(b, _)| b) { cfg.margin_b } else { cfg.margin };
    cfg.crf_cost * (m / cfg.margin) as f64
}

/// One CRF run over the prepared features, with its own shuffle seed. Returns the averaged
/// weights and one progress line per epoch.
pub fn train(sents: &[Sentence], feats: &[Vec<Vec<u32>>], cfg: &Config, seed: u64) -> (Weights, Vec<String>) {
    let ok: Allowed = std::array::from_fn(|p| std::array::from_fn(|t| allowed(p, t)));
    let mut em = Params::new((1usize << cfg.bits) * TAGS);
    let mut tr = Params::new((TAGS + 1) * TAGS);
    let (eta, l2) = (cfg.crf_eta, cfg.l2);
    let mut c = 1.0;
    let mut rng = Rng(seed | 1);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut lines = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let mut nll = 0.0;
        for &si in &order {
            let gold = &sents[si].tags;
            if gold.is_empty() {
                continue;
            }
            let fs = rng.drop_features(&feats[si], cfg.dropout);
            let emit: Vec<[f64; TAGS]> = fs
                .iter()
                .zip(gold)
                .map(|(f, &g)| {
                    let head = cost(cfg, g);
                    std::array::from_fn(|t| f.iter().map(|&b| em.w[b as usize * TAGS + t]).sum::<f64>() + if t == g { 0.0 } else { head })
                })
                .collect();
            let trans: [[f64; TAGS]; TAGS + 1] = std::array::from_fn(|p| std::array::from_fn(|t| tr.w[p * TAGS + t]));
            let m = marginals(&emit, &trans, &ok, gold);
            if !m.loglik.is_finite() {
                continue; // a gold path the constraints forbid: nothing to learn from
            }
            nll -= m.loglik;
            for (i, f) in fs.iter().enumerate() {
                for t in 0..TAGS {
                    let g = m.node[i][t] - f64::from(u8::from(gold[i] == t));
                    if g.abs() < 1e-4 {
                        continue; // settled: no step (and no L2 shrinking) for these weights
                    }
                    for &b in f {
                        let k = b as usize * TAGS + t;
                        em.step(k, g + l2 * em.w[k], eta, c);
                    }
                }
            }
            let mut gold_edge = [[0.0; TAGS]; TAGS + 1];
            for i in 0..gold.len() {
                gold_edge[if i == 0 { START } else { gold[i - 1] }][gold[i]] += 1.0;
            }
            for (p, (row, gold_row)) in m.edge.iter().zip(&gold_edge).enumerate() {
                for (t, (&e, &n)) in row.iter().zip(gold_row).enumerate() {
                    if e != n {
                        tr.step(p * TAGS + t, e - n, eta, c);
                    }
                }
            }
            c += 1.0;
        }
        lines.push(format!("epoch {}: negative log-likelihood {:.1}", epoch + 1, nll));
    }
    let t = tr.averaged(c);
    let trans = std::array::from_fn(|p| std::array::from_fn(|x| t[p * TAGS + x]));
    (Weights { w: em.averaged(c), trans }, lines)
}
