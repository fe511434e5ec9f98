//! The NER tagger: the committed model is exactly what `kashif train-ner` builds from
//! ANERcorp, and the tagger finds the names of the seed article with clean spans.
//!
//! `committed_model_reproduces` needs `../shared/data/anercorp-train.conll` (CI has it); it
//! fails, never skips, when the file is missing.

use kashif::entities::model::Model;
use kashif::entities::train::{self, Config, Sentence};
use kashif::{analyze, Options};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/anercorp-train.conll");

fn sentences() -> Vec<Sentence> {
    let all = train::read_conll(DATA).unwrap_or_else(|e| {
        panic!("{DATA} is needed to check the NER model ({e}); it is in the shared data folder")
    });
    all.iter().map(train::prepare).collect()
}

/// Full retraining on all of ANERcorp (the command `kashif train-ner --data
/// ../shared/data/anercorp-train.conll`) gives the committed `data/ner.model`, byte for byte.
#[test]
fn committed_model_reproduces() {
    let sents = sentences();
    let model = train::train(&sents, &Config::default(), |_| {});
    let committed = include_bytes!("../data/ner.model");
    let bytes = model.to_bytes();
    assert!(
        bytes.as_slice() == committed.as_slice(),
        "data/ner.model is stale ({} bytes committed, {} retrained): rebuild it with \
         `cargo run --release -- train-ner --data ../shared/data/anercorp-train.conll`",
        committed.len(),
        bytes.len()
    );
    // The file round-trips through the parser.
    let parsed = Model::from_bytes(committed).expect("model parses");
    assert_eq!(parsed.to_bytes(), bytes);
}

fn entities(text: &str) -> Vec<(String, String)> {
    analyze(text, &Options::default()).entities.into_iter().map(|e| (e.kind, e.text)).collect()
}

#[test]
fn seed_article_names() {
    let text = include_str!("../www/samples/seed-article-ar.txt");
    let found = entities(text);
    for (kind, name) in [
        ("PER", "فلاديمير بوتين"),
        ("PER", "كيم جونغ أون"),
        ("PER", "سيرغي لافروف"),
        ("PER", "دميتري بيسكوف"),
        ("PER", "دونالد ترمب"),
        ("LOC", "موسكو"),
        ("LOC", "كوريا الشمالية"),
        ("ORG", "الكرملين"),
        ("ORG", "الاتحاد الأوروبي"),
        // head noun + a new name, and a quoted name with a head noun (src/entities/orgs.rs)
        ("ORG", "مجموعة فاغنر"),
        ("ORG", "مركز الدراسات الاستراتيجية والدولية"),
    ] {
        assert!(found.iter().any(|(k, t)| k == kind && t == name), "{kind} {name} not found in {found:?}");
    }
}

#[test]
fn spans_leave_out_proclitics_and_match_the_text() {
    let text = "التقى وزير الخارجية سيرغي لافروف في موسكو بنظيره، ثم سافر إلى بكين وروسيا.";
    let a = analyze(text, &Options::default());
    assert!(a.entities.iter().any(|e| e.text == "روسيا"), "{:?}", a.entities);
    assert!(a.entities.iter().any(|e| e.text == "سيرغي لافروف" && e.kind == "PER"), "{:?}", a.entities);
    let units: Vec<u16> = text.encode_utf16().collect();
    for e in &a.entities {
        assert_eq!(String::from_utf16(&units[e.start as usize..e.end as usize]).unwrap(), e.text);
        assert!(["PER", "LOC", "ORG", "MISC"].contains(&e.kind.as_str()));
    }
}

/// A name the tagger finds inside an amount of money is its currency, MISC as ANERcorp types
/// «دولار»: the riyal after a number is not Real Madrid's ORG, which stays ORG in its own name.
#[test]
fn currency_in_an_amount_is_misc() {
    let found = entities("وبلغت الغرامة 500 ريال للمخالف، ودفع اللاعب 10 آلاف ريال. وانتقل إلى ريال مدريد.");
    let riyals: Vec<&(String, String)> = found.iter().filter(|(_, t)| t == "ريال").collect();
    assert_eq!(riyals.len(), 2, "{found:?}");
    assert!(riyals.iter().all(|(k, _)| k == "MISC"), "{found:?}");
    assert!(found.iter().any(|(k, t)| k == "ORG" && t == "ريال مدريد"), "{found:?}");
}

/// `train-ner` / `eval-ner`: a file that cannot be read is an I/O error (exit 1), a bad flag
/// is a usage error (exit 2).
#[test]
fn cli_exit_codes() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kashif")).args(args).output().expect("kashif runs")
    };
    let missing = run(&["train-ner", "--data", "/nonexistent/ner.conll"]);
    assert_eq!(missing.status.code(), Some(1), "{}", String::from_utf8_lossy(&missing.stderr));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
    assert_eq!(run(&["eval-ner", "--data", "/nonexistent/ner.conll"]).status.code(), Some(1));
    assert_eq!(run(&["train-ner", "--bogus"]).status.code(), Some(2));
    assert_eq!(run(&["eval-ner"]).status.code(), Some(2));
}
