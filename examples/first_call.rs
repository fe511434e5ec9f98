//! What the first analysis in a fresh process pays: every shipped table (stopwords, names,
//! places, the word-frequency lexicon, the rule words, the word clusters, the NER model) is
//! built on first use.
//! In a browser the same first use also compiles each function when it is first called, so this
//! native measure is the lower bound of the cold start's table cost (`./kashif bench browser`
//! reports the browser's own figure).
//!
//! Run: `cargo run --release --example first_call` (first and second analysis of the seed
//! article), or `... --example first_call tables` (each table timed alone first).
use kashif::{analyze, entities, lexicon, Options};
use std::hint::black_box;
use std::time::Instant;

fn time<T>(name: &str, f: impl FnOnce() -> T) {
    let start = Instant::now();
    black_box(f());
    println!("{name:<20} {:>8.2} ms", start.elapsed().as_secs_f64() * 1e3);
}

fn main() {
    let text = include_str!("../www/samples/seed-article-ar.txt");
    if std::env::args().nth(1).as_deref() == Some("tables") {
        time("stopwords", || lexicon::stopwords().len());
        time("person names", || lexicon::person_names().first.len());
        time("places", || lexicon::places().len());
        time("word frequencies", || lexicon::wordfreq::zipf("كتاب"));
        time("rule words", || lexicon::rule_words::rule_words().len());
        time("word clusters", || lexicon::clusters::shipped().len());
        time("ner model", || entities::shipped_model().is_some());
    }
    time("first analyze", || analyze(text, &Options::default()).tokens.len());
    time("second analyze", || analyze(text, &Options::default()).tokens.len());
}
