//! Unlabeled text for the word clusters: reading the corpora (plain, JSON lines or CoNLL,
//! gzip-compressed or not) and turning them into the words that [`crate::brown`] clusters.
//!
//! Why the words are what they are: the clusters are looked up at analysis time by the
//! lexeme's cluster key ([`kashif::doc::Lexeme::cluster_key`]: the matching key of the
//! base segment, the clitics the segmenter cuts taken off, the article kept), so the text is
//! tokenized and keyed here by the very same code (the product's tokenizer and lexeme
//! table), never by a copy. Tokens that are not Arabic words stand for their class (every
//! number is `<num>`, every Latin word `<lat>`), and punctuation for itself: they are
//! contexts, but are not shipped.

use kashif::doc::Lexeme;
use kashif::text::normalize::NormOptions;
use kashif::text::tokenize::{tokenize, Kind};
use std::collections::HashMap;
use std::io::Read;

/// The documents of a corpus file: `.jsonl` (the `content` field of each line), `.conll`
/// (one sentence of `token TAG` lines is a document), anything else one document a line; a
/// name ending in `.gz` is decompressed first.
pub fn read_documents(path: &str) -> std::io::Result<Vec<String>> {
    let (name, text) = read_text(path)?;
    if name.ends_with(".jsonl") {
        return jsonl_contents(&text);
    }
    if name.ends_with(".conll") {
        return Ok(crate::conll::parse_conll(&text).iter().map(sentence_text).collect());
    }
    Ok(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect())
}

/// The sentences of WikiFANE (CoNLL, `.gz` or not) as Arabic is written: its clitic tokens
/// joined back onto their words ([`crate::wikifane::join_clitics`]; «و روسيا» → «وروسيا»),
/// one sentence a document. Clustered as it is, the split text would teach the bigrams of the
/// split («و» before every other word), not those the analyzer sees.
pub fn read_wikifane_documents(path: &str) -> std::io::Result<Vec<String>> {
    let (_, text) = read_text(path)?;
    Ok(crate::conll::parse_conll(&text).iter().map(|s| sentence_text(&crate::wikifane::join_clitics(s))).collect())
}

fn sentence_text(s: &crate::conll::Conll) -> String {
    s.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" ")
}

/// The text of a file, decompressed when its name ends in `.gz`, and its name without `.gz`.
fn read_text(path: &str) -> std::io::Result<(&str, String)> {
    let raw = std::fs::read(path)?;
    let (name, bytes) = match path.strip_suffix(".gz") {
        Some(n) => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
            (n, out)
        }
        None => (path, raw),
    };
    let text = String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8: {e}")))?;
    Ok((name, text))
}

fn jsonl_contents(text: &str) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("line {}: {e}", i + 1)))?;
        match v.get("content").and_then(|c| c.as_str()) {
            Some(c) => out.push(c.to_string()),
            None => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("line {} has no \"content\" string", i + 1))),
        }
    }
    Ok(out)
}

/// A corpus as word ids, with the words' strings and counts.
#[derive(Default)]
pub struct Units {
    pub words: Vec<String>,
    /// Whether each word is an Arabic cluster key (what the table ships).
    pub arabic: Vec<bool>,
    pub counts: Vec<u64>,
    /// Each document as word ids.
    pub docs: Vec<Vec<u32>>,
}

/// Turns documents into word ids (see the module's documentation for what a word is).
pub fn units<'a>(docs: impl IntoIterator<Item = &'a str>) -> Units {
    let (display, key) = (NormOptions::display(), NormOptions::key());
    let mut u = Units::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    // surface form of an Arabic token -> id of its cluster key
    let mut forms: HashMap<String, u32> = HashMap::new();
    let mut intern = |u: &mut Units, w: &str, arabic: bool| -> u32 {
        if let Some(&id) = ids.get(w) {
            return id;
        }
        let id = u.words.len() as u32;
        ids.insert(w.to_string(), id);
        u.words.push(w.to_string());
        u.arabic.push(arabic);
        u.counts.push(0);
        id
    };
    for doc in docs {
        let mut seq = Vec::new();
        let mut at = 0;
        for t in tokenize(doc) {
            let s = &doc[at..at + t.len];
            at += t.len;
            let id = match t.kind {
                Kind::Whitespace => continue,
                Kind::Arabic => match forms.get(s) {
                    Some(&id) => id,
                    None => {
                        let lex = Lexeme::new(s, Kind::Arabic, &display, &key);
                        let id = intern(&mut u, lex.cluster_key(), true);
                        forms.insert(s.to_string(), id);
                        id
                    }
                },
                Kind::Number => intern(&mut u, "<num>", false),
                Kind::Latin | Kind::Mixed => intern(&mut u, "<lat>", false),
                Kind::Punct | Kind::Symbol => intern(&mut u, &kashif::lexicon::key(s), false),
                _ => intern(&mut u, "<other>", false),
            };
            u.counts[id as usize] += 1;
            seq.push(id);
        }
        u.docs.push(seq);
    }
    u
}

/// The corpus ready for [`crate::brown::brown`]: words seen at least `min_count` times, in
/// order of decreasing count (ties in string order), and the bigrams between them (a rarer
/// word, or the end of a document, breaks the chain).
pub struct Prepared {
    pub words: Vec<String>,
    pub arabic: Vec<bool>,
    pub counts: Vec<u64>,
    pub bigrams: Vec<(u32, u32, u64)>,
    pub tokens: u64,
}

pub fn prepare(u: &Units, min_count: u64) -> Prepared {
    let mut order: Vec<u32> = (0..u.words.len() as u32).filter(|&i| u.counts[i as usize] >= min_count).collect();
    order.sort_by(|&a, &b| u.counts[b as usize].cmp(&u.counts[a as usize]).then_with(|| u.words[a as usize].cmp(&u.words[b as usize])));
    let mut rank = vec![u32::MAX; u.words.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let mut bi: HashMap<(u32, u32), u64> = HashMap::new();
    for doc in &u.docs {
        for p in doc.windows(2) {
            let (a, b) = (rank[p[0] as usize], rank[p[1] as usize]);
            if a != u32::MAX && b != u32::MAX {
                *bi.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut bigrams: Vec<(u32, u32, u64)> = bi.into_iter().map(|((a, b), c)| (a, b, c)).collect();
    bigrams.sort_unstable();
    Prepared {
        words: order.iter().map(|&i| u.words[i as usize].clone()).collect(),
        arabic: order.iter().map(|&i| u.arabic[i as usize]).collect(),
        counts: order.iter().map(|&i| u.counts[i as usize]).collect(),
        bigrams,
        tokens: u.counts.iter().sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikifane_sentences_are_read_as_written() {
        let path = std::env::temp_dir().join(format!("kashif-unlabeled-{}.conll", std::process::id()));
        std::fs::write(&path, "زار O\nو O\nروسيا B-Nation\nمع O\nعاصمة O\nها O\n\n").expect("writes");
        let p = path.to_str().expect("utf-8 path");
        assert_eq!(read_wikifane_documents(p).expect("reads"), ["زار وروسيا مع عاصمتها"]);
        assert_eq!(read_documents(p).expect("reads"), ["زار و روسيا مع عاصمة ها"], "a plain CoNLL file is read token by token");
        std::fs::remove_file(path).ok();
    }

    #[test]
    fn words_are_cluster_keys_and_classes() {
        let u = units(["قال وروسيا 2019 ، Putin روسيا"]);
        let words: Vec<&str> = u.docs[0].iter().map(|&i| u.words[i as usize].as_str()).collect();
        assert_eq!(words, ["قال", "روسيا", "<num>", "،", "<lat>", "روسيا"]);
        assert_eq!(u.counts[u.docs[0][1] as usize], 2, "و + روسيا and روسيا are one word");
        let p = prepare(&u, 2);
        assert_eq!(p.words, ["روسيا"]);
        assert!(p.bigrams.is_empty(), "rarer words break the chain");
    }
}
