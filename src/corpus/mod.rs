//! A corpus: many documents read together, to compare them and follow names across them.
//!
//! Documents are added one at a time ([`Corpus::add`], so a caller can show progress) and the
//! views are read whenever wanted ([`Corpus::result`], [`Corpus::trend`], [`Corpus::kwic`]).
//! Each document goes through [`crate::analyze`] once — the same keywords, entities and
//! statistics as the single-text view, with no analysis of its own here — and the corpus keeps
//! only what the views need from each result:
//!
//! - per document: its statistics, its top keywords, and the count of every keyword group
//!   (a sparse list of term ids; a term is a keyword group's key, word or phrase);
//! - per document: its entity groups' counts, and which names each sentence holds (only the
//!   sentences that hold a name), for co-occurrence;
//! - when [`CorpusOptions::contexts`] is on: the text and the keyword occurrences (KWIC, and the
//!   page's "open this document").
//!
//! Tokens are never kept: a document's tokens are about 25 times its text as objects; its counts
//! are a few kilobytes (`docs/corpus.md` has the figures for 2,000 articles).
//!
//! **Distinctive keywords** are the document's terms scored against the rest of the corpus
//! with Dunning's log-likelihood G² ([`crate::keywords::phrases::g2`], the 2×2 table of this
//! term / other terms × this document / the others), signed: positive when the term is
//! relatively more frequent here. Plain keywords are scored against general Arabic; in a
//! corpus of news, words common to every article ("the kingdom", "minister") rank high there
//! but not here.
//!
//! **Co-occurrence** of two names is counted in sentences and in documents; the association
//! score is G² on the sentence table (how many sentences hold both, either, or neither), signed
//! like keyness. Why G² and not PMI (also given): PMI is largest for two names seen once, in
//! the same sentence — pure chance in a large corpus — while G² grows with the evidence, so the
//! strongest edges are the pairs seen together often and apart rarely (Dunning 1993).

mod names;
mod terms;
mod views;

use crate::analysis::{Analysis, Options, Stats};
use serde::{Deserialize, Serialize};

pub use views::{Context, Trend};

/// One document to add.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Document {
    /// The caller's id (default: the document's number, from 1).
    #[serde(default)]
    pub id: Option<String>,
    /// The title (default: the text's first words).
    #[serde(default)]
    pub title: Option<String>,
    /// A date, kept as given (shown and exported; the corpus order is the order of adding).
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
}

/// How a corpus analyzes and what it keeps.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorpusOptions {
    /// The analysis options of each document (as for `analyze`; `top_n` and `tokens` are set
    /// by the corpus: it needs every keyword group and no tokens).
    pub analysis: Options,
    /// Keep each document's text and keyword occurrences, for [`Corpus::kwic`] and
    /// [`Corpus::text`]. Off, the corpus keeps counts only (the CLI without `--kwic`).
    pub contexts: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions { analysis: Options::default(), contexts: true }
    }
}

/// How much of each view [`Corpus::result`] returns.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Top keywords per document (ranked as in the single-text view).
    pub keywords: usize,
    /// Distinctive keywords per document.
    pub distinctive: usize,
    /// Corpus keywords.
    pub corpus_keywords: usize,
    /// Entity groups (most mentioned first).
    pub names: usize,
    /// Co-occurring pairs among the returned names (strongest first).
    pub pairs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { keywords: 10, distinctive: 10, corpus_keywords: 100, names: 100, pairs: 300 }
    }
}

/// A keyword of one document, with its count there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocKeyword {
    pub text: String,
    pub key: String,
    pub count: u32,
    /// Keyness: against general Arabic for a top keyword; against the rest of the corpus for a
    /// distinctive one (G², positive = more frequent here).
    pub keyness: f64,
}

/// One document of the result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// Position in the corpus, from 0.
    pub index: u32,
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub stats: Stats,
    /// Entity mentions in the document.
    pub mentions: u32,
    pub keywords: Vec<DocKeyword>,
    pub distinctive: Vec<DocKeyword>,
}

/// A keyword group across the corpus.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusKeyword {
    pub text: String,
    pub key: String,
    /// `word` or `phrase`.
    pub kind: String,
    pub count: u32,
    /// In how many documents it is a keyword.
    pub documents: u32,
    /// Sum of its keyness against general Arabic over the documents (the order of the list).
    pub keyness: f64,
}

/// Mentions of a name in one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocCount {
    pub doc: u32,
    pub count: u32,
}

/// An entity group across the corpus: the per-document groups with the same key and type,
/// and a person's short name joined to the one longer name that contains it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusName {
    pub text: String,
    pub key: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub count: u32,
    pub documents: u32,
    /// The keys of the per-document groups joined here (the name's own key first).
    pub keys: Vec<String>,
    /// Mentions per document, in corpus order (documents without a mention left out).
    pub mentions: Vec<DocCount>,
}

/// Two names seen together. `a` and `b` index [`CorpusResult::names`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    /// Sentences that hold both.
    pub sentences: u32,
    /// Documents that hold both.
    pub documents: u32,
    /// Signed G² of the sentence counts (positive: together more often than chance).
    pub score: f64,
    /// Pointwise mutual information of the sentence counts, log2 (0 when never together).
    pub pmi: f64,
}

/// Corpus-wide totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: u32,
    pub characters: u64,
    pub words: u64,
    pub sentences: u64,
    /// Distinct keyword groups.
    pub terms: u32,
    /// Distinct names (after joining).
    pub names: u32,
}

/// What [`Corpus::result`] returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusResult {
    pub version: String,
    pub totals: Totals,
    pub documents: Vec<DocumentSummary>,
    pub keywords: Vec<CorpusKeyword>,
    pub names: Vec<CorpusName>,
    pub pairs: Vec<Pair>,
}

/// What the corpus keeps of one document.
struct Kept {
    id: String,
    title: String,
    date: Option<String>,
    stats: Stats,
    /// Top keywords as the single-text view ranks and shows them: (term, count, keyness, text).
    top: Vec<(u32, u32, f64, String)>,
    /// Every keyword group's count, by term id (ascending).
    terms: Vec<(u32, u32)>,
    names: names::DocNames,
    contexts: Option<views::DocContexts>,
}

/// Documents added one by one; see the module documentation.
pub struct Corpus {
    options: CorpusOptions,
    analysis: Options,
    docs: Vec<Kept>,
    terms: terms::Terms,
    names: names::Names,
}

/// How many top keywords each document keeps (the most any [`Limits::keywords`] can show).
const KEPT_TOP: usize = 20;

impl Corpus {
    pub fn new(options: CorpusOptions) -> Corpus {
        let analysis = Options { top_n: 0, tokens: false, ..options.analysis.clone() };
        Corpus { options, analysis, docs: Vec::new(), terms: terms::Terms::default(), names: names::Names::default() }
    }

    /// Analyzes `doc` and adds it; returns its index.
    pub fn add(&mut self, doc: Document) -> u32 {
        let a = crate::analyze(&doc.text, &self.analysis);
        self.add_analysis(doc, &a)
    }

    /// Adds a document already analyzed with [`Corpus::analysis_options`] (UTF-16 offsets, as
    /// `analyze` returns them).
    pub fn add_analysis(&mut self, doc: Document, a: &Analysis) -> u32 {
        let index = self.docs.len() as u32;
        let terms = self.terms.add(&a.keywords);
        let by_key = |k: &str| self.terms.id(k).expect("added above");
        let top = a.keywords.iter().take(KEPT_TOP).map(|k| (by_key(&k.key), k.count, k.keyness, k.text.clone())).collect();
        let names = self.names.add(a);
        let contexts = self.options.contexts.then(|| views::DocContexts::new(&doc.text, &a.keywords, &by_key));
        let title = doc.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| first_words(&doc.text));
        let id = doc.id.unwrap_or_else(|| (index + 1).to_string());
        self.docs.push(Kept { id, title, date: doc.date, stats: a.stats.clone(), top, terms, names, contexts });
        index
    }

    /// The options each document is analyzed with.
    pub fn analysis_options(&self) -> &Options {
        &self.analysis
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The text of document `index` (None: out of range, or contexts are off).
    pub fn text(&self, index: usize) -> Option<&str> {
        self.docs.get(index)?.contexts.as_ref().map(|c| c.text.as_str())
    }

    /// The views of the documents added so far.
    pub fn result(&self, limits: &Limits) -> CorpusResult {
        let total_words: u64 = self.docs.iter().map(|d| d.stats.words as u64).sum();
        let names = self.names.joined(self.docs.iter().map(|d| &d.names));
        let shown = names.top(limits.names);
        let pairs = names.pairs(self.docs.iter().map(|d| &d.names), &shown, limits.pairs);
        let documents = self.docs.iter().enumerate().map(|(i, d)| self.summary(i, d, total_words, limits)).collect();
        CorpusResult {
            version: crate::VERSION.to_string(),
            totals: Totals {
                documents: self.docs.len() as u32,
                characters: self.docs.iter().map(|d| d.stats.characters as u64).sum(),
                words: total_words,
                sentences: self.docs.iter().map(|d| d.stats.sentences as u64).sum(),
                terms: self.terms.len() as u32,
                names: names.len() as u32,
            },
            documents,
            keywords: self.terms.top(limits.corpus_keywords),
            names: shown.iter().map(|&n| names.name(n)).collect(),
            pairs,
        }
    }

    fn summary(&self, index: usize, d: &Kept, total_words: u64, limits: &Limits) -> DocumentSummary {
        let keyword = |t: u32, count: u32, keyness: f64, text: Option<&str>| {
            let (shown, key) = self.terms.show(t);
            DocKeyword { text: text.unwrap_or(shown).to_string(), key: key.to_string(), count, keyness }
        };
        // A top keyword as this document writes it; a distinctive one as the corpus mostly does.
        let keywords = d.top.iter().take(limits.keywords).map(|(t, c, k, text)| keyword(*t, *c, *k, Some(text))).collect();
        let distinctive = self.terms.distinctive(&d.terms, d.stats.words as u64, total_words, limits.distinctive).into_iter().map(|(t, c, k)| keyword(t, c, k, None)).collect();
        DocumentSummary {
            index: index as u32,
            id: d.id.clone(),
            title: d.title.clone(),
            date: d.date.clone(),
            stats: d.stats.clone(),
            mentions: d.names.mentions(),
            keywords,
            distinctive,
        }
    }

    /// The relative frequency (per 1,000 words) of a keyword or a name in each document, in
    /// corpus order. `query` is a keyword's text or key, a word as written (clitics are
    /// removed as the keywords do), or a name's text or key. None: not found.
    pub fn trend(&self, query: &str) -> Option<Trend> {
        views::trend(self, query)
    }

    /// Up to `limit` contexts of the keyword `query` (as for [`Corpus::trend`]) across the
    /// documents, in corpus order, with `width` characters each side. Empty when contexts are
    /// off or the keyword is not found.
    pub fn kwic(&self, query: &str, width: usize, limit: usize) -> Vec<Context> {
        views::kwic(self, query, width, limit)
    }
}

/// A title from a text: its first line's first words (at most 8 words, 80 characters).
fn first_words(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut out = String::new();
    for w in line.split_whitespace().take(8) {
        if out.chars().count() + w.chars().count() > 80 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        line.chars().take(80).collect()
    } else {
        out
    }
}

#[cfg(test)]
mod tests;
