//! The entity stage's time, alone and beside the text core, on many news articles: what a
//! tagger change costs, measured side by side in one run so that a noisy machine does not decide
//! the answer (the stages run interleaved, many rounds, and the fastest round of each is kept:
//! noise only ever adds to a round).
//!
//! Each line of the input is one document (as `kashif analyze --lines`): its [`Doc`] is built
//! once, then every round times
//! - the text core: `pipeline::doc` of every line;
//! - the entity stage with the shipped model: `entities::find` on every ready Doc;
//! - with `--model FILE` (another model file, e.g. the previous one): the same stage with it
//!   (`entities::find_with`, model first), and the shipped one the same way beside it.
//!
//! Run: `cargo run --release --example entity_cost -- [FILE] [--rounds N] [--model FILE]`.
//! FILE has one document a line (default: the `content` of
//! `../shared/data/bench/saudinewsnet-300.jsonl`, one article a line).

use kashif::entities::{self, tagger::Model, Merge};
use kashif::pipeline;
use std::hint::black_box;
use std::time::{Duration, Instant};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/saudinewsnet-300.jsonl");

struct Args {
    file: Option<String>,
    rounds: usize,
    model: Option<String>,
}

fn args() -> Args {
    let mut a = Args { file: None, rounds: 5, model: None };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--rounds" => a.rounds = it.next().and_then(|v| v.parse().ok()).expect("--rounds wants a whole number"),
            "--model" => a.model = Some(it.next().expect("--model wants a file")),
            _ if x.starts_with("--") => panic!("unknown flag {x}: [FILE] [--rounds N] [--model FILE]"),
            _ => a.file = Some(x),
        }
    }
    a
}

fn lines(file: Option<&str>) -> Vec<String> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        return text.lines().map(str::to_string).collect();
    }
    let Ok(jsonl) = std::fs::read_to_string(SHARED) else {
        eprintln!("{SHARED} is absent: pass a file with one document a line (this benchmark needs real news text)");
        std::process::exit(2);
    };
    jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["content"].as_str().map(|c| c.replace('\n', " ")))
        .collect()
}

fn time(f: impl FnOnce() -> usize) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

fn main() {
    let a = args();
    let lines = lines(a.file.as_deref());
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let display = kashif::Options::default().normalize;
    let other = a.model.as_deref().map(|p| {
        let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {p}: {e}"));
        Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{p}: {e}"))
    });
    let shipped = entities::shipped_model().expect("the shipped model loads");
    let docs: Vec<_> = lines.iter().map(|l| pipeline::doc(l, &display)).collect();
    // warm up: tables and per-lexeme caches
    black_box(docs.iter().map(|d| entities::find(d).len()).sum::<usize>());
    let find_with = |m: &Model| docs.iter().map(|d| entities::find_with(d.text, &d.tokens, m, Merge::ModelFirst).len()).sum::<usize>();
    let mut best = [Duration::MAX; 4];
    for _ in 0..a.rounds {
        let mut t = [Duration::ZERO; 4];
        t[0] = time(|| lines.iter().map(|l| pipeline::doc(l, &display).tokens.len()).sum());
        t[1] = time(|| docs.iter().map(|d| entities::find(d).len()).sum());
        if let Some(m) = &other {
            t[2] = time(|| find_with(m));
            t[3] = time(|| find_with(shipped));
        }
        for (b, x) in best.iter_mut().zip(t) {
            *b = (*b).min(x);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!("{} documents, {bytes} bytes, fastest of {} interleaved rounds:", lines.len(), a.rounds);
    println!("  text core (pipeline::doc)         {:9.1} ms  {:6.2} MB/s", ms(best[0]), mbs(best[0]));
    println!("  entity stage (entities::find)     {:9.1} ms  {:6.2} MB/s  {:.2}x the text core's time", ms(best[1]), mbs(best[1]), ms(best[1]) / ms(best[0]));
    if a.model.is_some() {
        println!("  find_with, --model                {:9.1} ms  {:6.2} MB/s", ms(best[2]), mbs(best[2]));
        println!("  find_with, shipped model          {:9.1} ms  {:6.2} MB/s  shipped/--model speed: {:.3}", ms(best[3]), mbs(best[3]), ms(best[2]) / ms(best[3]));
    }
}
