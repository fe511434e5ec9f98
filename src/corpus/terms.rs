//! The corpus's keyword groups ("terms"): one id per keyword key, with corpus-wide counts, and
//! the distinctive keywords of a document against the rest.

use super::CorpusKeyword;
use crate::analysis::Keyword;
use crate::keywords::phrases::g2;
use std::collections::HashMap;

struct Term {
    key: String,
    /// The form shown: the keyword's text in the document where it was most frequent.
    text: String,
    best: u32,
    phrase: bool,
    count: u32,
    documents: u32,
    keyness: f64,
}

/// Every keyword group seen, by id.
#[derive(Default)]
pub struct Terms {
    ids: HashMap<String, u32>,
    list: Vec<Term>,
}

impl Terms {
    /// Counts one document's keywords (every group: the corpus analyzes with `top_n` 0);
    /// returns the document's (term, count) list by ascending id.
    pub fn add(&mut self, keywords: &[Keyword]) -> Vec<(u32, u32)> {
        let mut doc: Vec<(u32, u32)> = keywords.iter().map(|k| (self.count(k), k.count)).collect();
        doc.sort_unstable();
        doc.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        for &(t, _) in &doc {
            self.list[t as usize].documents += 1;
        }
        doc
    }

    fn count(&mut self, k: &Keyword) -> u32 {
        let id = match self.ids.get(&k.key) {
            Some(&id) => id,
            None => {
                let id = self.list.len() as u32;
                self.ids.insert(k.key.clone(), id);
                let phrase = k.kind == "phrase";
                self.list.push(Term { key: k.key.clone(), text: k.text.clone(), best: 0, phrase, count: 0, documents: 0, keyness: 0.0 });
                id
            }
        };
        let t = &mut self.list[id as usize];
        t.count += k.count;
        t.keyness += k.keyness;
        if k.count > t.best {
            t.best = k.count;
            t.text.clone_from(&k.text);
        }
        id
    }

    pub fn id(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    /// The term whose shown text is `text` (the first such).
    pub fn by_text(&self, text: &str) -> Option<u32> {
        self.list.iter().position(|t| t.text == text).map(|i| i as u32)
    }

    /// (text, key) of term `id`.
    pub fn show(&self, id: u32) -> (&str, &str) {
        let t = &self.list[id as usize];
        (&t.text, &t.key)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The `limit` terms with the largest summed keyness (then count, then key).
    pub fn top(&self, limit: usize) -> Vec<CorpusKeyword> {
        let mut order: Vec<usize> = (0..self.list.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.list[a], &self.list[b]);
            y.keyness.total_cmp(&x.keyness).then(y.count.cmp(&x.count)).then_with(|| x.key.cmp(&y.key))
        });
        order
            .into_iter()
            .take(limit)
            .map(|i| {
                let t = &self.list[i];
                let kind = if t.phrase { "phrase" } else { "word" };
                CorpusKeyword { text: t.text.clone(), key: t.key.clone(), kind: kind.into(), count: t.count, documents: t.documents, keyness: t.keyness }
            })
            .collect()
    }

    /// The `limit` terms of a document (`doc`: (term, count), `words` words long) most
    /// distinctive against the rest of a corpus of `total` words: (term, count, G²), positive
    /// G² only, strongest first. Empty when the document is the whole corpus.
    pub fn distinctive(&self, doc: &[(u32, u32)], words: u64, total: u64, limit: usize) -> Vec<(u32, u32, f64)> {
        if total <= words || words == 0 {
            return Vec::new();
        }
        let (n, rest) = (words as f64, (total - words) as f64);
        let mut out: Vec<(u32, u32, f64)> = doc
            .iter()
            .filter(|&&(t, c)| {
                // more frequent here than in the rest (the sign of G², without its logarithms)
                let elsewhere = (self.list[t as usize].count - c) as f64;
                c as f64 * rest > elsewhere * n
            })
            .map(|&(t, c)| (t, c, keyness_against_rest(c, self.list[t as usize].count, words, total)))
            .collect();
        let order = |a: &(u32, u32, f64), b: &(u32, u32, f64)| b.2.total_cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0));
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, order);
            out.truncate(limit);
        }
        out.sort_by(order);
        out.truncate(limit);
        out
    }
}

/// Signed G² of a term seen `here` times in a document of `words` words and `all` times in a
/// corpus of `total` words: positive when its rate here is above its rate in the rest.
pub fn keyness_against_rest(here: u32, all: u32, words: u64, total: u64) -> f64 {
    let (c, a, n, t) = (here as f64, all as f64, words as f64, total as f64);
    let g = g2(c, a, n, t);
    // here/words against (all - here)/(total - words), cross-multiplied.
    if c * (t - n) >= (a - c) * n {
        g
    } else {
        -g
    }
}
