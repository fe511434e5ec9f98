//! Word lists for the rule-based entity types (dates, money, percentages, quantities), from
//! `data/rules.txt`: sections of entries, each entry one or more words, stored as key sequences.

use super::{key, Map};
use std::sync::OnceLock;

/// One section: entries indexed by the key of their first word, longest entry first.
#[derive(Default)]
pub struct Phrases {
    by_first: Map<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn add(&mut self, entry: &str) {
        let words: Vec<String> = entry.split_whitespace().map(key).collect();
        if let Some(first) = words.first() {
            let v = self.by_first.entry(first.clone()).or_default();
            if !v.contains(&words) {
                v.push(words);
                v.sort_by_key(|w| std::cmp::Reverse(w.len()));
            }
        }
    }

    /// The longest entry whose first word's key is `first` and whose next words' keys are
    /// given by `next(1)`, `next(2)`, ...: its length in words.
    pub fn longest<'a>(&self, first: &str, next: impl Fn(usize) -> Option<&'a str>) -> Option<usize> {
        self.by_first.get(first)?.iter().find(|e| (1..e.len()).all(|j| next(j) == Some(e[j].as_str()))).map(Vec::len)
    }

    /// The keys that begin an entry.
    pub fn firsts(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    pub fn contains(&self, k: &str) -> bool {
        self.by_first.get(k).is_some_and(|v| v.iter().any(|e| e.len() == 1))
    }
}

/// All sections of `data/rules.txt` by name (`month`, `islamic_month`, `latin_month`, `weekday`,
/// `relative`, `year_word`, `era`, `scale`, `percent`, `currency`, `unit`).
pub fn rule_words() -> &'static Map<String, Phrases> {
    static MAP: OnceLock<Map<String, Phrases>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m: Map<String, Phrases> = Map::default();
        let mut cur = String::new();
        for line in include_str!("../../data/rules.txt").lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(sec) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                cur = sec.to_string();
                continue;
            }
            m.entry(cur.clone()).or_default().add(line);
        }
        m
    })
}

/// One section; an empty one if the data lacks it.
pub fn section(name: &str) -> &'static Phrases {
    static EMPTY: OnceLock<Phrases> = OnceLock::new();
    rule_words().get(name).unwrap_or_else(|| EMPTY.get_or_init(Phrases::default))
}
