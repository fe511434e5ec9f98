//! The committed `data/ner.model` is exactly what `kashif-train train-ner` builds from the
//! vendored ANERcorp (`data/sources/anercorp-train.conll`) and WikiFANE
//! (`data/sources/wikifane-gold.conll.gz`), byte for byte. The file is in the
//! repository: when it is missing this test fails, it never skips.

use kashif::entities::tagger::{Model, FEATURES_VERSION};
use kashif_train::conll::{prepare, prepare_all, read_conll, split_dev, Sentence, WIKI};
use kashif_train::train::{train, Config};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/sources/anercorp-train.conll");
const WIKI_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/sources/wikifane-gold.conll.gz");
const COMMITTED: &[u8] = include_bytes!("../../data/ner.model");

fn sentences() -> Vec<Sentence> {
    let all = read_conll(DATA).unwrap_or_else(|e| {
        panic!("{DATA} is needed to check the NER model ({e}); it is vendored in the repository: restore it with `git checkout -- data/sources/`")
    });
    let tokens: usize = all.iter().map(Vec::len).sum();
    assert_eq!((all.len(), tokens), (3_999, 125_087), "{DATA} is not the vendored ANERcorp (sentences, tokens): restore it with `git checkout -- data/sources/`");
    let wiki = kashif_train::wikifane::read(WIKI_DATA, split_dev(&all).0, true).unwrap_or_else(|e| {
        panic!("{WIKI_DATA} is needed to check the NER model ({e}); it is vendored in the repository: restore it with `git checkout -- data/sources/`")
    });
    assert_eq!(wiki.len(), 15_723, "{WIKI_DATA} is not the vendored WikiFANE Gold: restore it with `git checkout -- data/sources/`");
    // as `train-ner` does: WikiFANE's unannotated events are MISC for training
    let mut wiki = wiki;
    kashif_train::wikifane::events_as_misc(&mut wiki);
    let mut sents: Vec<Sentence> = all.iter().map(prepare).collect();
    sents.extend(prepare_all(&wiki, WIKI));
    sents
}

/// Full retraining on all of ANERcorp and WikiFANE with the default settings (the command `cargo run
/// --release -p kashif-train -- train-ner`) gives the committed model file.
#[test]
fn committed_model_reproduces() {
    let model = train(&sentences(), &Config::default(), |_| {});
    let bytes = model.to_bytes();
    assert!(
        bytes.as_slice() == COMMITTED,
        "data/ner.model is stale ({} bytes committed, {} retrained): rebuild it with \
         `cargo run --release -p kashif-train -- train-ner` from the project's root (and if the \
         feature templates changed, bump FEATURES_VERSION in src/entities/features.rs first; it is {FEATURES_VERSION})",
        COMMITTED.len(),
        bytes.len()
    );
    let parsed = Model::from_bytes(COMMITTED).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.to_bytes(), bytes, "the model file round-trips through the parser");
}
