//! The entity stage run a fixed number of times, for counting its instructions with cachegrind:
//! a count that a busy machine cannot move, where wall time on the shared machines moves by
//! ±20% from run to run. Each line of FILE is one document; the Docs are built first, then
//! `entities::find` runs over every Doc K times (K = 0 gives the cost of everything else).
//!
//! ```text
//! cargo build --release --example entity_icount
//! for k in 0 1 3; do
//!   valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
//!     target/release/examples/entity_icount FILE $k
//! done
//! ```
//!
//! The first pass (K = 1 minus K = 0) includes working out the facts and weight sums of each
//! distinct word; later passes find them cached (half of K = 3 minus K = 1). The file uses only
//! `pipeline::doc` and `entities::find`, so it can be copied into an older checkout to compare
//! two versions on the same input (docs/entities-2.md, "Speed of the entity stage"). It also
//! prints the passes' speed, which is only worth comparing between binaries alternated in one
//! run.

use kashif::{entities, pipeline, Options};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), k) = (args.next(), args.next()) else {
        eprintln!("usage: entity_icount FILE [K]: FILE has one document a line; K passes (default 1)");
        std::process::exit(2);
    };
    let k: usize = match k.as_deref().map(str::parse).unwrap_or(Ok(1)) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("entity_icount: K must be a whole number ({e})");
            std::process::exit(2);
        }
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("entity_icount: cannot read {path}: {e}");
        std::process::exit(2);
    });
    let display = Options::default().normalize;
    let docs: Vec<_> = text.lines().map(|l| pipeline::doc(l, &display)).collect();
    let t = Instant::now();
    let names: usize = (0..k).map(|_| docs.iter().map(|d| entities::find(black_box(d)).len()).sum::<usize>()).sum();
    let bytes = (text.len() * k) as f64;
    println!("{} documents, {k} passes: {names} names, {:.2} MB/s", docs.len(), bytes / 1e6 / t.elapsed().as_secs_f64());
}
