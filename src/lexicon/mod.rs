//! Embedded data: stopwords and gazetteers, compiled into the binary and the wasm with
//! `include_str!`, parsed once on first use. Nothing is read from disk or the network.
//!
//! Every entry is stored under its matching key (see [`crate::text::normalize::NormOptions::key`]),
//! so lookups are insensitive to diacritics, alef forms, Persian letters and the like.

pub mod clusters;
pub mod rule_words;
pub mod stopwords;
pub mod wordfreq;

use crate::text::normalize::{normalize, NormOptions};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// The word tables' hasher: FNV-1a, much faster than the default SipHash on short keys (the
/// tables are built from shipped data, so there is no hash-flooding concern).
pub type FastBuild = BuildHasherDefault<wordfreq::Fnv>;
pub type Map<K, V> = HashMap<K, V, FastBuild>;
pub type Set<K> = HashSet<K, FastBuild>;

/// The entries of a shipped word list: one a line, blank lines and `#` comments skipped.
pub(crate) fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The matching key of a lexicon entry or of a token.
pub fn key(s: &str) -> String {
    normalize(s, &NormOptions::key())
}

/// The shipped stopword list, as matching keys.
pub fn stopwords() -> &'static Set<String> {
    static SET: OnceLock<Set<String>> = OnceLock::new();
    SET.get_or_init(|| entries(include_str!("../../data/stopwords.txt")).map(key).collect())
}

/// Given names and family names, as matching keys: `ner_first_names.txt`, `ner_last_names.txt`
/// and the FIRST and LAST lines of `ner_names_extra.txt`. The entity tagger flags them; the
/// keyword filter never takes them for verbs.
pub struct PersonNames {
    pub first: Set<String>,
    pub last: Set<String>,
}

/// The shipped person names (see [`PersonNames`]), parsed once.
pub fn person_names() -> &'static PersonNames {
    static NAMES: OnceLock<PersonNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut first: Set<String> = entries(include_str!("../../data/ner_first_names.txt")).map(key).collect();
        let mut last: Set<String> = entries(include_str!("../../data/ner_last_names.txt")).map(key).collect();
        for line in entries(include_str!("../../data/ner_names_extra.txt")) {
            match line.split_once(char::is_whitespace) {
                Some(("FIRST", word)) => first.insert(key(word.trim())),
                Some(("LAST", word)) => last.insert(key(word.trim())),
                _ => continue,
            };
        }
        PersonNames { first, last }
    })
}

/// Place names: for each first word's key, the full names as sequences of word keys,
/// longest first.
pub fn places() -> &'static Map<String, Vec<Vec<String>>> {
    static MAP: OnceLock<Map<String, Vec<Vec<String>>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m: Map<String, Vec<Vec<String>>> = Map::default();
        for name in entries(include_str!("../../data/places.txt")) {
            let words: Vec<String> = name.split_whitespace().map(key).collect();
            if words.is_empty() {
                continue;
            }
            let v = m.entry(words[0].clone()).or_default();
            if !v.contains(&words) {
                v.push(words);
            }
        }
        for v in m.values_mut() {
            v.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        }
        m
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_keys() {
        let s = stopwords();
        assert!(s.contains(&key("في")));
        assert!(s.contains(&key("التي")));
        assert!(s.contains(&key("قال")));
        assert!(!s.contains(&key("روسيا")));
    }

    #[test]
    fn places_hold_multiword_names() {
        let p = places();
        assert!(p[&key("كوريا")].iter().any(|n| n.len() == 2 && n[1] == key("الشمالية")));
        assert!(p.contains_key(&key("روسيا")));
        assert!(p.contains_key(&key("موسكو")));
        assert!(p.contains_key(&key("واشنطن")));
    }
}
