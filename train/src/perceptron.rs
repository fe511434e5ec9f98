//! The averaged structured perceptron: Viterbi decoding under the BIO constraints,
//! cost-augmented updates (every wrong tag gets a head start, so updates go on until the gold
//! path wins by a margin), feature dropout, and optionally passive-aggressive (PA-I) steps.

use crate::conll::Sentence;
use crate::train::{Config, Rng, Weights};
use kashif::entities::tagger::{tag_info, viterbi, TAGS};

/// One averaged perceptron run over the prepared features, with its own shuffle seed.
/// Returns the averaged weights and one progress line per epoch.
pub fn train(sents: &[Sentence], feats: &[Vec<Vec<u32>>], cfg: &Config, seed: u64) -> (Weights, Vec<String>) {
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
