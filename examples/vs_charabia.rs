//! The native speed target of the Doc issue, measured side by side in one run: what
//! `kashif analyze --lines --format jsonl` does per line (the whole analysis and its JSON line)
//! against charabia's tokenizer alone (Meilisearch's), over the same lines, one core.
//!
//! Run: `cargo run --release --example vs_charabia [FILE] [ROUNDS]`. FILE has one document a
//! line (default: the `content` of `../shared/data/bench/saudinewsnet-300.jsonl`, one article a
//! line, repeated to about 10 MB). The rounds alternate the two and each reports its fastest
//! round: noise on a shared machine only ever makes a round slower.

use kashif::{analyze, Options};
use std::hint::black_box;
use std::time::Instant;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/saudinewsnet-300.jsonl");

fn lines() -> Vec<String> {
    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        return text.lines().map(str::to_string).collect();
    }
    let Ok(jsonl) = std::fs::read_to_string(SHARED) else {
        eprintln!("{SHARED} is absent: pass a file with one document a line (this benchmark needs real news text)");
        std::process::exit(2);
    };
    let articles: Vec<String> = jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["content"].as_str().map(|c| c.replace('\n', " ")))
        .collect();
    let size: usize = articles.iter().map(|a| a.len() + 1).sum();
    let copies = (10_000_000 / size.max(1)).max(1);
    eprintln!("input: {SHARED}, {} articles ({size} bytes) x {copies}", articles.len());
    articles.iter().cycle().take(articles.len() * copies).cloned().collect()
}

fn main() {
    let lines = lines();
    let rounds: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let opts = Options::default();
    let mut best = [f64::MAX; 2];
    for _ in 0..rounds {
        let t = Instant::now();
        let mut n = 0usize;
        for l in &lines {
            use charabia::Tokenize;
            n += black_box(l.as_str()).tokenize().filter(|t| t.is_word()).count();
        }
        black_box(n);
        best[0] = best[0].min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut out = Vec::with_capacity(1 << 20);
        for l in &lines {
            out.clear();
            serde_json::to_writer(&mut out, &analyze(black_box(l), &opts)).expect("serializes");
            black_box(&out);
        }
        best[1] = best[1].min(t.elapsed().as_secs_f64());
    }
    let mbs = |s: f64| bytes as f64 / 1e6 / s;
    println!("{} lines, {} bytes, fastest of {rounds} rounds each", lines.len(), bytes);
    println!("charabia tokenize        {:7.2} MB/s", mbs(best[0]));
    println!("kashif analyze + JSON    {:7.2} MB/s", mbs(best[1]));
    println!("ratio (kashif/charabia)  {:7.3}", best[0] / best[1]);
}
