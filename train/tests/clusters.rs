//! The word-cluster table is rebuilt from the vendored text alone, and the same text gives the
//! same table: a small sample of it (the first articles of `data/sources/ant-content.txt.gz`
//! and the first sentences of ANERcorp and of WikiFANE) is clustered twice, and the table
//! written from it parses back to the clusters it was made from. (The full rebuild of `data/clusters.bin`
//! takes a few minutes: `cargo run --release -p kashif-train -- clusters`, then `git diff
//! --stat data/clusters.bin` shows it unchanged.)

use kashif::lexicon::clusters::{ClusterPath, Table};
use kashif_train::clusters::{encode_table, run_documents, shipped_words, Settings, DEFAULT_TEXTS};
use kashif_train::unlabeled::{read_documents, read_wikifane_documents};
use kashif_train::DEFAULT_WIKI;

fn sample() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../");
    let mut docs = Vec::new();
    for (path, n) in DEFAULT_TEXTS.iter().zip([150, 400]) {
        let all = read_documents(&format!("{root}{path}"))
            .unwrap_or_else(|e| panic!("{path} is vendored in the repository ({e}): restore it with `git checkout -- data/sources/`"));
        docs.extend(all.into_iter().take(n));
    }
    let wiki = read_wikifane_documents(&format!("{root}{DEFAULT_WIKI}"))
        .unwrap_or_else(|e| panic!("{DEFAULT_WIKI} is vendored in the repository ({e}): restore it with `git checkout -- data/sources/`"));
    docs.extend(wiki.into_iter().take(400));
    docs
}

#[test]
fn a_sample_clusters_the_same_way_twice() {
    let docs = sample();
    let settings = Settings { min_count: 3, window: 40, max_words: 1_500 };
    let a = run_documents(&docs, &settings, |_| {});
    let b = run_documents(&docs, &settings, |_| {});
    assert!(a.corpus.words.len() > 1_000, "{} words", a.corpus.words.len());
    assert_eq!(a.corpus.words, b.corpus.words);
    assert_eq!(a.clustering, b.clustering);
    let words = shipped_words(&a, settings.max_words);
    let bytes = encode_table(&a, &words).expect("encodes");
    assert_eq!(bytes, encode_table(&b, &shipped_words(&b, settings.max_words)).expect("encodes"));
    // the table holds exactly the shipped words, each with its cluster's path
    let table = Table::parse(&bytes).expect("parses");
    assert_eq!(table.len(), words.len());
    for &i in &words {
        let want = ClusterPath::parse(&a.clustering.paths[a.clustering.cluster_of[i] as usize]);
        assert_eq!(table.get(&a.corpus.words[i]), want, "{}", a.corpus.words[i]);
    }
    assert!(words.iter().all(|&i| a.corpus.arabic[i]), "only Arabic words are shipped");
    assert!(table.paths().len() <= settings.window);
}
