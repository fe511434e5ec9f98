//! The corpus views read on demand: a term's trend across the documents, and its contexts
//! (keyword in context, KWIC).

use super::Corpus;
use crate::analysis::Keyword;
use serde::{Deserialize, Serialize};

/// How often a keyword or a name occurs in each document, in corpus order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    pub text: String,
    pub key: String,
    /// `keyword` or `name`.
    pub kind: String,
    /// Occurrences (keyword) or mentions (name) per document.
    pub counts: Vec<u32>,
    /// Per 1,000 words of each document (0 for a document without words).
    pub per_thousand: Vec<f64>,
}

/// One occurrence of a keyword with the text around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The document's index.
    pub doc: u32,
    /// The occurrence in the document's text (UTF-16 code units, end exclusive).
    pub start: u32,
    pub end: u32,
    /// Up to `width` characters before and after it (line breaks as spaces).
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
}

/// A document's text and where its keywords occur: (term, start, end) in UTF-16 units, by term
/// then position.
pub struct DocContexts {
    pub text: String,
    occurrences: Vec<(u32, u32, u32)>,
}

impl DocContexts {
    pub fn new(text: &str, keywords: &[Keyword], term: &dyn Fn(&str) -> u32) -> DocContexts {
        let mut occurrences: Vec<(u32, u32, u32)> =
            keywords.iter().flat_map(|k| {
                let t = term(&k.key);
                k.occurrences.iter().map(move |o| (t, o.start, o.end))
            }).collect();
        occurrences.sort_unstable();
        DocContexts { text: text.to_string(), occurrences }
    }

    fn of(&self, term: u32) -> &[(u32, u32, u32)] {
        let from = self.occurrences.partition_point(|o| o.0 < term);
        let to = self.occurrences.partition_point(|o| o.0 <= term);
        &self.occurrences[from..to]
    }
}

/// The keyword term `query` names: a key, a shown text, or a word as written (analyzed, the
/// first keyword's key).
fn keyword_term(c: &Corpus, query: &str) -> Option<u32> {
    let q = query.trim();
    c.terms.id(q).or_else(|| c.terms.by_text(q)).or_else(|| {
        let options = crate::Options { entities: false, ..c.analysis.clone() };
        let a = crate::analyze(q, &options);
        a.keywords.first().and_then(|k| c.terms.id(&k.key))
    })
}

pub fn trend(c: &Corpus, query: &str) -> Option<Trend> {
    let words: Vec<u32> = c.docs.iter().map(|d| d.stats.words).collect();
    let exact = c.terms.id(query.trim()).or_else(|| c.terms.by_text(query.trim()));
    let names = c.names.joined(c.docs.iter().map(|d| &d.names));
    let (text, key, kind, counts) = match (exact, names.find(query.trim())) {
        (None, Some(n)) => {
            let name = names.name(n);
            (name.text, name.key, "name", names.counts(n, c.docs.len()))
        }
        _ => {
            let t = keyword_term(c, query)?;
            let counts = c.docs.iter().map(|d| d.terms.binary_search_by_key(&t, |x| x.0).map_or(0, |i| d.terms[i].1)).collect();
            let (text, key) = c.terms.show(t);
            (text.to_string(), key.to_string(), "keyword", counts)
        }
    };
    let per_thousand = counts.iter().zip(&words).map(|(&n, &w)| if w == 0 { 0.0 } else { n as f64 * 1000.0 / w as f64 }).collect();
    Some(Trend { text, key, kind: kind.into(), counts, per_thousand })
}

pub fn kwic(c: &Corpus, query: &str, width: usize, limit: usize) -> Vec<Context> {
    let Some(t) = keyword_term(c, query) else { return Vec::new() };
    let mut out = Vec::new();
    for (d, doc) in c.docs.iter().enumerate() {
        let Some(ctx) = &doc.contexts else { return Vec::new() };
        for &(_, start, end) in ctx.of(t) {
            if out.len() == limit {
                return out;
            }
            out.push(context(&ctx.text, d as u32, start, end, width));
        }
    }
    out
}

/// The context of the UTF-16 span `start..end` of `text`.
fn context(text: &str, doc: u32, start: u32, end: u32, width: usize) -> Context {
    let (a, b) = (byte_of(text, start), byte_of(text, end));
    let left: String = text[..a].chars().rev().take(width).collect::<Vec<_>>().into_iter().rev().collect();
    let right: String = text[b..].chars().take(width).collect();
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    Context { doc, start, end, left: flat(&left), matched: flat(&text[a..b]), right: flat(&right) }
}

/// The byte offset of UTF-16 offset `u` in `text` (the end when past it).
fn byte_of(text: &str, u: u32) -> usize {
    let mut units = 0u32;
    for (i, ch) in text.char_indices() {
        if units >= u {
            return i;
        }
        units += ch.len_utf16() as u32;
    }
    text.len()
}
