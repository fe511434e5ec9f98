//! Native throughput of each stage and of the whole `analyze`, beside a peer tokenizer
//! (charabia, Meilisearch's) on the same input. Run: `./kashif bench` or `cargo bench --bench analyze`.
//!
//! Input: real news text from `../shared/data/bench/saudinewsnet-300.jsonl` (or the file named by
//! `KASHIF_BENCH_INPUT`), cut to 10 KB, 100 KB and 1 MB (repeated when the file is shorter).
//! When that file is absent the bench says so and uses the seed article, repeated.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kashif::text::normalize::{normalize_into, NormOptions};
use kashif::text::tokenize::{tokenize, Kind};
use kashif::{analyze, entities, keywords, pipeline, Options};
use std::hint::black_box;

fn corpus() -> String {
    let path = std::env::var("KASHIF_BENCH_INPUT")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/saudinewsnet-300.jsonl").to_string());
    match std::fs::read_to_string(&path) {
        Ok(s) => {
            let mut text = String::new();
            for line in s.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    for f in ["title", "content"] {
                        if let Some(t) = v[f].as_str() {
                            text.push_str(t);
                            text.push('\n');
                        }
                    }
                }
            }
            eprintln!("bench input: {path} ({} bytes of news text)", text.len());
            text
        }
        Err(e) => {
            eprintln!(
                "bench input {path} is absent ({e}). The default input, ../shared/data/bench/saudinewsnet-300.jsonl, \
                 is the team's shared news sample kept beside the project (not in the repository: its license is \
                 non-commercial). Using the seed article, repeated; set KASHIF_BENCH_INPUT to a JSON-lines file of \
                 {{\"title\", \"content\"}} articles to measure on other news"
            );
            include_str!("../www/samples/seed-article-ar.txt").to_string()
        }
    }
}

fn cut(text: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + 4);
    while s.len() < size {
        s.push_str(text);
    }
    let mut end = size;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// Tokenizes `input`, normalizes every token to its matching key and, with `segment`, cuts the
/// Arabic words into clitics: the text core without building the token list.
fn text_core_pass(input: &str, segment: bool) -> usize {
    let key = NormOptions::key();
    let mut buf = String::new();
    let mut pos = 0;
    let mut n = 0;
    for t in tokenize(input) {
        if t.kind != Kind::Whitespace {
            let s = &input[pos..pos + t.len];
            buf.clear();
            normalize_into(s, &key, &mut buf);
            n += buf.len();
            if segment && t.kind == Kind::Arabic {
                n += kashif::morph::segment::segment(s).len();
            }
        }
        pos += t.len;
    }
    n
}

fn benches(c: &mut Criterion) {
    let text = corpus();
    let opts = Options::default();
    for (name, size) in [("10KB", 10_000), ("100KB", 100_000), ("1MB", 1_000_000)] {
        let input = cut(&text, size);
        let mut g = c.benchmark_group(format!("stages/{name}"));
        g.throughput(Throughput::Bytes(input.len() as u64));
        if size >= 1_000_000 {
            g.sample_size(10);
        }
        g.bench_function(BenchmarkId::new("tokenize", name), |b| {
            b.iter(|| tokenize(black_box(&input)).filter(|t| t.kind != Kind::Whitespace).count())
        });
        g.bench_function(BenchmarkId::new("tokenize+normalize", name), |b| b.iter(|| text_core_pass(black_box(&input), false)));
        g.bench_function(BenchmarkId::new("tokenize+normalize+segment", name), |b| {
            b.iter(|| text_core_pass(black_box(&input), true))
        });
        g.bench_function(BenchmarkId::new("charabia-tokenize", name), |b| {
            use charabia::Tokenize;
            b.iter(|| black_box(input.as_str()).tokenize().filter(|t| t.is_word()).count())
        });
        g.bench_function(BenchmarkId::new("text-core", name), |b| {
            b.iter(|| pipeline::tokens(black_box(&input), &opts.normalize).len())
        });
        let doc = pipeline::doc(&input, &opts.normalize);
        // the names the blended ranking uses, found once (their cost is the entities' bench)
        let found = entities::find(&doc);
        let names = keywords::names(&found, &entities::group::group(&found));
        g.bench_function(BenchmarkId::new("keywords", name), |b| b.iter(|| keywords::extract(black_box(&doc), &names, &opts).len()));
        g.bench_function(BenchmarkId::new("entities", name), |b| b.iter(|| entities::find(black_box(&doc)).len()));
        g.bench_function(BenchmarkId::new("analyze", name), |b| b.iter(|| analyze(black_box(&input), &opts).tokens.len()));
        // What keywords add to the text core, end to end: the same `analyze` call (tokens,
        // sentences, stats, UTF-16 offsets) with and without keyword extraction, entities off.
        let core = Options { entities: false, keywords: false, ..Options::default() };
        let with_keywords = Options { keywords: true, ..core.clone() };
        g.bench_function(BenchmarkId::new("analyze-text-core", name), |b| b.iter(|| analyze(black_box(&input), &core).tokens.len()));
        g.bench_function(BenchmarkId::new("analyze-text-core+keywords", name), |b| {
            b.iter(|| analyze(black_box(&input), &with_keywords).tokens.len())
        });
        g.finish();
    }
}

criterion_group!(all, benches);
criterion_main!(all);
