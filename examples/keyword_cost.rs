//! What keyword extraction adds to the text core on 1 MB of news, measured so that a noisy
//! machine does not decide the answer: the stages run interleaved, many times, and the
//! minimum of each is compared (noise such as a virtual machine's stolen time only ever adds
//! to a run, so the fastest run is the closest to the true cost). Criterion's means
//! (`./kashif bench`) swing by ±30% on such a machine; this does not.
//!
//! Two measures, both asked to stay under 30%:
//! - stage to stage: `keywords::extract` on a ready token list against `pipeline::tokens`
//!   (the default ranking, the blend, given the names the entities find; keyness alone beside
//!   it);
//! - end to end: the same `analyze` call (tokens, sentences, stats, UTF-16 offsets; entities
//!   off) with and without keywords.
//!
//! Run: `cargo run --release --example keyword_cost [ROUNDS]` (default 40). Input: the first
//! 1 MB of `../shared/data/bench/saudinewsnet-300.jsonl` (titles and bodies, repeated to fill),
//! or the file named by `KASHIF_BENCH_INPUT`.

use kashif::{analyze, keywords, pipeline, Options};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn input() -> String {
    let path = std::env::var("KASHIF_BENCH_INPUT")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench/saudinewsnet-300.jsonl").to_string());
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!(
            "cannot read the bench input {path}: {e}. The default input, ../shared/data/bench/saudinewsnet-300.jsonl, \
             is the team's shared news sample kept beside the project (not in the repository: its license is \
             non-commercial); set KASHIF_BENCH_INPUT to a JSON-lines file of {{\"title\", \"content\"}} articles to \
             measure on other news"
        );
        std::process::exit(1)
    });
    let mut news = String::new();
    for line in src.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}: not JSON lines ({e})"));
        for f in ["title", "content"] {
            if let Some(t) = v[f].as_str() {
                news.push_str(t);
                news.push('\n');
            }
        }
    }
    assert!(!news.is_empty(), "{path} holds no title or content");
    let mut text = String::with_capacity(1_000_004);
    while text.len() < 1_000_000 {
        text.push_str(&news);
    }
    let mut end = 1_000_000;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let t0 = Instant::now();
    black_box(f());
    t0.elapsed()
}

fn main() {
    let rounds: usize = std::env::args().nth(1).map_or(40, |a| a.parse().expect("ROUNDS: a whole number"));
    let text = input();
    let opts = Options::default();
    let doc = pipeline::doc(&text, &opts.normalize);
    let core = Options { entities: false, keywords: false, ..Options::default() };
    let with_keywords = Options { keywords: true, ..core.clone() };
    // warm up: the lexicon and the stopword tables are built on first use
    // the blend (the default ranking) with the names the entities find, and keyness alone
    let found = kashif::entities::find(&doc);
    let names = keywords::names(&found, &kashif::entities::group::group(&found));
    let keyness = Options { ranking: kashif::Ranking::Keyness, ..opts.clone() };
    black_box(keywords::extract(&doc, &names, &opts));
    black_box(analyze(&text, &with_keywords));
    let mut t = [Duration::MAX; 5];
    for _ in 0..rounds {
        let d = [
            time(|| pipeline::tokens(&text, &opts.normalize).len()),
            time(|| keywords::extract(&doc, &names, &opts).len()),
            time(|| analyze(&text, &core).tokens.len()),
            time(|| analyze(&text, &with_keywords).tokens.len()),
            time(|| keywords::extract(&doc, &names, &keyness).len()),
        ];
        for (m, x) in t.iter_mut().zip(d) {
            *m = (*m).min(x);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("1 MB of news ({} bytes), fastest of {rounds} interleaved rounds:", text.len());
    println!("  text core (pipeline::tokens)          {:8.2} ms", ms(t[0]));
    println!("  keywords::extract (blend, with names)  {:8.2} ms   stage to stage: {:5.1}%", ms(t[1]), 100.0 * ms(t[1]) / ms(t[0]));
    println!("  keywords::extract (keyness alone)      {:8.2} ms   stage to stage: {:5.1}%", ms(t[4]), 100.0 * ms(t[4]) / ms(t[0]));
    println!("  analyze, keywords and entities off     {:8.2} ms", ms(t[2]));
    println!("  analyze, keywords on, entities off     {:8.2} ms   end to end:     {:5.1}%", ms(t[3]), 100.0 * (ms(t[3]) - ms(t[2])) / ms(t[2]));
}
