//! Compares Kashif's light stemmer with Snowball's Arabic stemmer (the `rust-stemmers` crate) as
//! grouping keys, against the lemmas of a Universal Dependencies treebank.
//!
//! Usage: cargo run --release --example compare_stemmers -- ../shared/data/pud-dev.conllu
//!
//! Every distinct (form, lemma) of a noun, proper noun, adjective or verb is one item. A stemmer
//! groups two items when it gives them the same key; the lemmas say which pairs belong together.
//! Pairwise precision: of the pairs a stemmer groups, how many share a lemma (no false merges).
//! Pairwise recall: of the pairs that share a lemma, how many the stemmer groups.
//! F0.5 weighs precision twice as much as recall: for keywords, merging unrelated words (a false
//! group) misleads the reader more than showing one word's forms in two rows.

use kashif::lexicon::key;
use kashif::morph::stem::stem;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeSet, HashMap};

fn pairs(n: usize) -> u64 {
    (n as u64) * (n as u64).saturating_sub(1) / 2
}

fn score(items: &[(String, String)], f: &dyn Fn(&str) -> String) -> (f64, f64, usize) {
    let mut by_stem: HashMap<String, Vec<&str>> = HashMap::new();
    let mut by_lemma: HashMap<&str, usize> = HashMap::new();
    let mut by_both: HashMap<(String, &str), usize> = HashMap::new();
    for (form, lemma) in items {
        let s = f(form);
        by_stem.entry(s.clone()).or_default().push(lemma);
        *by_lemma.entry(lemma).or_default() += 1;
        *by_both.entry((s, lemma)).or_default() += 1;
    }
    let grouped: u64 = by_stem.values().map(|v| pairs(v.len())).sum();
    let same_lemma: u64 = by_lemma.values().map(|&n| pairs(n)).sum();
    let both: u64 = by_both.values().map(|&n| pairs(n)).sum();
    (both as f64 / grouped.max(1) as f64, both as f64 / same_lemma.max(1) as f64, by_stem.len())
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/pud-dev.conllu".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!(
            "cannot read {path}: {e}. This example needs UD_Arabic-PUD in CoNLL-U (lemmas to compare stems with): \
             the team's shared data folder beside the project has its first 500 sentences as \
             ../shared/data/pud-dev.conllu (the team measures on those only; the rest is held back); \
             elsewhere, pass an Arabic CoNLL-U file with lemmas, e.g. from UD_Arabic-PUD \
             (https://github.com/UniversalDependencies/UD_Arabic-PUD, CC BY-SA 3.0), as the argument"
        );
        std::process::exit(1)
    });
    let mut items: BTreeSet<(String, String)> = BTreeSet::new();
    let mut prev_l = false;
    for line in text.lines() {
        if line.is_empty() {
            prev_l = false;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let (form, lemma, upos) = (cols[1], cols[2], cols[3]);
        // «لسلطة» after «ل» has lost its article's alef: skip those, they need the pipeline.
        let after_l = prev_l;
        prev_l = form == "ل" && cols[9].contains("SpaceAfter=No");
        if after_l || !matches!(upos, "NOUN" | "PROPN" | "ADJ" | "VERB") || !form.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
            continue;
        }
        items.insert((form.to_string(), key(lemma)));
    }
    let items: Vec<(String, String)> = items.into_iter().collect();
    let snowball = Stemmer::create(Algorithm::Arabic);
    type Grouping<'a> = (&'a str, Box<dyn Fn(&str) -> String>);
    let rows: [Grouping; 3] = [
        ("matching key only (no stemming)", Box::new(|w: &str| key(w))),
        ("Kashif light stemmer", Box::new(|w: &str| stem(&key(w)))),
        ("Snowball Arabic (rust-stemmers)", Box::new(move |w: &str| snowball.stem(w).into_owned())),
    ];
    println!("{} distinct (form, lemma) items from {path}", items.len());
    println!("{:<34} {:>9} {:>9} {:>7} {:>7} {:>7}", "grouping key", "pair P", "pair R", "F1", "F0.5", "groups");
    for (name, f) in rows.iter() {
        let (p, r, g) = score(&items, f.as_ref());
        let f = |b2: f64| (1.0 + b2) * p * r / (b2 * p + r).max(1e-9);
        println!("{:<34} {:>9.3} {:>9.3} {:>7.3} {:>7.3} {:>7}", name, p, r, f(1.0), f(0.25), g);
    }
}
