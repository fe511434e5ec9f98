//! The `clusters` command's work: the unlabeled text in, the word-cluster table out
//! (`data/clusters.bin`, read by [`kashif::lexicon::clusters`]), and optionally every
//! clustered word with its path and count as TSV, for reading.

use crate::brown::{brown, Clustering};
use crate::unlabeled::{prepare, read_documents, read_wikifane_documents, units, Prepared};

/// The vendored unlabeled text read as plain documents: the ANT news corpus's article bodies
/// (Apache-2.0) and the text of ANERcorp's training file, relative to the project's root.
/// WikiFANE's text ([`crate::DEFAULT_WIKI`]) is read beside them, its clitics re-joined.
pub const DEFAULT_TEXTS: [&str; 2] = ["data/sources/ant-content.txt.gz", "data/sources/anercorp-train.conll"];

/// Where the table is written by default, relative to the project's root.
pub const DEFAULT_TABLE: &str = "data/clusters.bin";

/// The settings of a clustering run; the defaults build the shipped table.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Words seen fewer times are not clustered.
    pub min_count: u64,
    /// Active clusters (the number of final clusters). 512: against 256, the tagger trained
    /// on them scored higher on ANERcorp by holdout at two seeds and by 5-fold CV, and a
    /// little lower on WikiFANE's dev split (`docs/entities-2.md`, "512 clusters").
    pub window: usize,
    /// The table keeps at most this many Arabic words, the most frequent. The default keeps
    /// every Arabic word clustered (30,340 with the vendored text): the tagger's holdout
    /// scores rose on both dev splits with them all against the 23,000 most frequent, and
    /// fell when words seen only twice were clustered too (`docs/clusters.md`).
    pub max_words: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { min_count: 3, window: 512, max_words: usize::MAX }
    }
}

/// A finished run: the words clustered and their clusters.
pub struct Run {
    pub corpus: Prepared,
    pub clustering: Clustering,
}

/// How a kind of corpus file is read into documents.
type Reader = fn(&str) -> std::io::Result<Vec<String>>;

/// Reads `texts` (and WikiFANE's sentences, `wiki`: see [`read_wikifane_documents`]), keys
/// them and clusters the words; `log` gets progress lines.
pub fn run(texts: &[String], wiki: &[String], s: &Settings, mut log: impl FnMut(String)) -> std::io::Result<Run> {
    let mut docs = Vec::new();
    let readers: [(&[String], Reader); 2] = [(texts, read_documents), (wiki, read_wikifane_documents)];
    for (paths, read) in readers {
        for p in paths {
            let d = read(p).map_err(|e| std::io::Error::new(e.kind(), format!("cannot read '{p}': {e}")))?;
            log(format!("{p}: {} documents", d.len()));
            docs.extend(d);
        }
    }
    Ok(run_documents(&docs, s, log))
}

/// Keys `docs` and clusters the words; `log` gets progress lines.
pub fn run_documents(docs: &[String], s: &Settings, mut log: impl FnMut(String)) -> Run {
    let u = units(docs.iter().map(String::as_str));
    let corpus = prepare(&u, s.min_count);
    log(format!(
        "{} tokens, {} distinct words, {} seen at least {} times, {} bigrams",
        corpus.tokens,
        u.words.len(),
        corpus.words.len(),
        s.min_count,
        corpus.bigrams.len()
    ));
    let clustering = brown(&corpus.counts, &corpus.bigrams, s.window, |i, n| {
        if i % 5000 == 0 {
            log(format!("{i} of {n} words clustered"))
        }
    });
    Run { corpus, clustering }
}

/// Every clustered word: `path<TAB>word<TAB>count`, by path then by decreasing count.
pub fn tsv(r: &Run) -> String {
    let mut rows: Vec<usize> = (0..r.corpus.words.len()).collect();
    let path = |i: usize| &r.clustering.paths[r.clustering.cluster_of[i] as usize];
    rows.sort_by(|&a, &b| path(a).cmp(path(b)).then(a.cmp(&b)));
    rows.iter().map(|&i| format!("{}\t{}\t{}\n", path(i), r.corpus.words[i], r.corpus.counts[i])).collect()
}

/// The words the table ships: the Arabic words among the clustered ones, at most
/// `max_words`, the most frequent first (the corpus's order).
pub fn shipped_words(r: &Run, max_words: usize) -> Vec<usize> {
    (0..r.corpus.words.len()).filter(|&i| r.corpus.arabic[i]).take(max_words).collect()
}

/// The table of `words` (indices into the run's corpus) in the format that
/// [`kashif::lexicon::clusters::Table::parse`] reads (see there). Only the clusters that
/// have a shipped word are written, in path order.
pub fn encode_table(r: &Run, words: &[usize]) -> Result<Vec<u8>, String> {
    let mut alphabet: Vec<char> = words.iter().flat_map(|&i| r.corpus.words[i].chars()).collect();
    alphabet.sort_unstable();
    alphabet.dedup();
    if alphabet.len() > 254 {
        return Err(format!("{} letters: the format holds 254", alphabet.len()));
    }
    let code = |c: char| alphabet.binary_search(&c).expect("in the alphabet") as u8 + 1;
    let mut used: Vec<u32> = words.iter().map(|&i| r.clustering.cluster_of[i]).collect();
    used.sort_unstable();
    used.dedup();
    used.sort_by(|&a, &b| r.clustering.paths[a as usize].cmp(&r.clustering.paths[b as usize]));
    let mut number = vec![u32::MAX; r.clustering.paths.len()];
    for (n, &c) in used.iter().enumerate() {
        number[c as usize] = n as u32;
    }
    let mut out = Vec::new();
    out.extend_from_slice(kashif::lexicon::clusters::MAGIC);
    let alpha: String = alphabet.iter().collect();
    out.push(u8::try_from(alpha.len()).map_err(|_| "the alphabet is over 255 bytes")?);
    out.extend_from_slice(alpha.as_bytes());
    out.extend_from_slice(&u16::try_from(used.len()).map_err(|_| "too many clusters")?.to_le_bytes());
    for &c in &used {
        let p = &r.clustering.paths[c as usize];
        if p.len() > kashif::lexicon::clusters::MAX_PATH {
            return Err(format!("a path of {} bits (the format holds {})", p.len(), kashif::lexicon::clusters::MAX_PATH));
        }
        out.push(p.len() as u8);
        let mut bytes = vec![0u8; p.len().div_ceil(8)];
        for (i, b) in p.bytes().enumerate() {
            if b == b'1' {
                bytes[i / 8] |= 0x80 >> (i % 8);
            }
        }
        out.extend_from_slice(&bytes);
    }
    let mut keyed: Vec<(Vec<u8>, u32)> = words.iter().map(|&i| (r.corpus.words[i].chars().map(code).collect(), number[r.clustering.cluster_of[i] as usize])).collect();
    keyed.sort();
    out.extend_from_slice(&(keyed.len() as u32).to_le_bytes());
    let mut prev: &[u8] = &[];
    for (k, _) in &keyed {
        let shared = k.iter().zip(prev).take_while(|(a, b)| a == b).count().min(255);
        let new = k.len() - shared;
        if new > 255 {
            return Err("a key of over 255 letters".into());
        }
        if shared < 15 && new < 16 {
            out.push((shared << 4 | new) as u8);
        } else {
            out.extend_from_slice(&[0xFF, shared as u8, new as u8]);
        }
        out.extend_from_slice(&k[shared..]);
        prev = k;
    }
    for (_, c) in &keyed {
        if used.len() <= 256 {
            out.push(*c as u8);
        } else {
            out.extend_from_slice(&(*c as u16).to_le_bytes());
        }
    }
    Ok(out)
}
