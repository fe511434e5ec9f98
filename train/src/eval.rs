//! Entity-level scores of the tagger on labelled sentences, exactly like the team's
//! `score_ner.py` scorer (conlleval style: exact token-range match).

use crate::conll::{type_index, Sentence};
use kashif::entities::tagger::{tag_info, TYPES};
use kashif::text::normalize::NormOptions;
use kashif::{pipeline, Entity, Token};

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
    pub fn add(&mut self, other: &Scores) {
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
        let mut no_misc = self.clone();
        no_misc.counts[3] = (0, 0, 0);
        let (p, r, f) = no_misc.micro();
        s += &format!("{:8} {:6.4} {:6.4} {:6.4} {:6}\n", "no-MISC", p, r, f, gold - self.counts[3].0 - self.counts[3].2);
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
pub fn doc_entities(sents: &[Sentence], k: usize, find: impl Fn(&str, &[Token]) -> Vec<Entity>) -> Vec<Vec<Entity>> {
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
pub fn predicted(s: &Sentence, found: &[Entity]) -> Vec<(usize, usize, usize)> {
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

/// Which types the tagger confuses: gold entities by type (rows PER, LOC, ORG, MISC) against
/// what the tagger gave the same tokens (columns PER, LOC, ORG, MISC for the exact span with
/// that type, `span` for an overlapping entity whose span differs, `none` for nothing there),
/// and a last row `none` for predicted entities that overlap no gold one, by predicted type.
#[derive(Clone, Debug, Default)]
pub struct Confusion {
    pub cells: [[usize; 6]; 5],
}

impl Confusion {
    /// Adds one sentence: gold and predicted entities as (first token, last token, type).
    pub fn add(&mut self, gold: &[(usize, usize, usize)], pred: &[(usize, usize, usize)]) {
        let overlaps = |a: &(usize, usize, usize), b: &(usize, usize, usize)| a.0 <= b.1 && b.0 <= a.1;
        for g in gold {
            let col = match pred.iter().find(|p| (p.0, p.1) == (g.0, g.1)) {
                Some(p) => p.2,
                None if pred.iter().any(|p| overlaps(p, g)) => 4,
                None => 5,
            };
            self.cells[g.2][col] += 1;
        }
        for p in pred.iter().filter(|p| !gold.iter().any(|g| overlaps(p, g))) {
            self.cells[4][p.2] += 1;
        }
    }

    pub fn report(&self) -> String {
        let mut s = format!("{:12}", "gold\\tagged");
        for c in TYPES.iter().chain(&["span", "none"]) {
            s += &format!("{c:>6}");
        }
        s.push('\n');
        for (r, row) in self.cells.iter().enumerate() {
            s += &format!("{:12}", TYPES.get(r).copied().unwrap_or("none"));
            for (c, v) in row.iter().enumerate() {
                if r == 4 && c >= 4 { s += &format!("{:>6}", "") } else { s += &format!("{v:>6}") }
            }
            s.push('\n');
        }
        s
    }
}

/// [`Scores`] and [`Confusion`] of `find` on the sentences, read `k` at a time as one
/// document (see [`doc_entities`]).
pub fn evaluate_confusion(sents: &[Sentence], k: usize, find: impl Fn(&str, &[Token]) -> Vec<Entity>) -> (Scores, Confusion) {
    let (mut sc, mut conf) = (Scores::default(), Confusion::default());
    for (s, found) in sents.iter().zip(doc_entities(sents, k, find)) {
        score(s, &found, &mut sc);
        conf.add(&s.gold, &predicted(s, &found));
    }
    (sc, conf)
}
