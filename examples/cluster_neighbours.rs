//! Prints the nearest neighbours of words in the shipped word clusters (`data/clusters.bin`):
//! the words whose paths share the longest prefix with the word's, closest first.
//!
//! Usage: cargo run --release --example cluster_neighbours -- [N] WORD...
//! (default: a country, a capital, a given name, a month, a party and a verb; N = 12)
//!
//! Each word is read as the analyzer reads it: its lexeme's cluster key (the base segment,
//! clitics off), so «وروسيا» shows the neighbours of «روسيا».

use kashif::doc::with_vocab;
use kashif::lexicon::clusters::shipped;
use kashif::text::normalize::NormOptions;
use kashif::Kind;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = match args.first().and_then(|a| a.parse().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 12,
    };
    if args.is_empty() {
        args = ["وروسيا", "بيروت", "سامي", "يناير", "حزب", "أعلن"].map(String::from).to_vec();
    }
    let table = shipped();
    println!("{} words, {} clusters", table.len(), table.paths().len());
    for w in &args {
        let key = with_vocab(|v| {
            v.begin(&NormOptions::display());
            let (id, _) = v.intern(w, Kind::Arabic);
            v.lexeme(id).cluster_key().to_string()
        });
        let Some(p) = table.get(&key) else {
            println!("{w} ({key}): not in the table");
            continue;
        };
        let mut near: Vec<(usize, &str)> = table.iter().filter(|(k, _)| *k != key).map(|(k, q)| (p.shared(q), k)).collect();
        near.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let shown: Vec<String> = near.iter().take(n).map(|(s, k)| format!("{k} ({s})")).collect();
        println!("{w} ({key}, {p}): {}", shown.join(" "));
    }
}
