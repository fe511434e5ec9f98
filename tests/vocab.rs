//! The lexeme table ([`kashif::doc`]) and the tagger's per-lexeme facts outlive a call: what a
//! text's analysis is must not depend on what the thread analyzed before, nor on the thread.

use kashif::text::normalize::NormOptions;
use kashif::{analyze, entities, pipeline, Options, Token};

const SEED: &str = include_str!("../www/samples/seed-article-ar.txt");
const OTHER: &str = "فاز ريال مدريد على برشلونة في الدوري الإسباني، وقال المدرب إن الفريق لعب جيدا. \
وأعلنت وزارة الخارجية السعودية في الرياض أن الوزير سيزور القاهرة وبكين الأسبوع المقبل.";

fn json(text: &str, opts: &Options) -> String {
    serde_json::to_string(&analyze(text, opts)).expect("serializes")
}

/// Each analysis in a thread of its own, so the tables start empty.
fn fresh(text: &'static str, opts: Options) -> String {
    std::thread::spawn(move || json(text, &opts)).join().expect("thread")
}

#[test]
fn the_result_does_not_depend_on_earlier_texts() {
    let opts = Options::default();
    let cold = fresh(SEED, opts.clone());
    // warm: the seed's forms are already in the tables, in another order and with other ids
    let warm = std::thread::spawn(|| {
        let opts = Options::default();
        json(OTHER, &opts);
        json(&SEED[SEED.len() / 2..], &opts);
        let first = json(SEED, &opts);
        let again = json(SEED, &opts);
        (first, again)
    })
    .join()
    .expect("thread");
    assert_eq!(cold, warm.0, "after other texts");
    assert_eq!(cold, warm.1, "the same text twice");
}

#[test]
fn other_display_options_give_their_own_forms_and_the_same_entities() {
    let display = Options::default();
    let keys = Options { normalize: NormOptions::key(), ..Options::default() };
    let (a, b, c) = std::thread::spawn(move || (json(SEED, &display), json(SEED, &keys), json(SEED, &display)))
        .join()
        .expect("thread");
    assert_eq!(a, c, "back to the first options after a reset of the table");
    assert_ne!(a, b, "the display forms follow the options");
    let ents = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("json")["entities"].clone();
    assert_eq!(ents(&a), ents(&b));
}

/// Tokens that carry no lexeme id (deserialized) or a stale one (made on another thread) are
/// looked up afresh: the entities are those of freshly made tokens.
#[test]
fn tokens_from_elsewhere_are_never_misread() {
    let opts = Options::default();
    let tokens = pipeline::tokens(SEED, &opts.normalize);
    let find = |tokens: &Vec<Token>| entities::find(&pipeline::Doc::of_tokens(SEED, tokens.clone()));
    let expected = find(&tokens);
    let roundtrip: Vec<Token> = serde_json::from_str(&serde_json::to_string(&tokens).expect("serializes")).expect("parses");
    assert!(roundtrip.iter().all(|t| t.lex == u32::MAX));
    assert_eq!(find(&roundtrip), expected);
    // made on another thread, whose table numbers its lexemes differently
    let foreign = std::thread::spawn(|| {
        pipeline::tokens(OTHER, &NormOptions::display());
        pipeline::tokens(SEED, &NormOptions::display())
    })
    .join()
    .expect("thread");
    assert_eq!(find(&foreign), expected);
    // and this thread's table keeps serving its own tokens after that
    pipeline::tokens(OTHER, &opts.normalize);
    assert_eq!(find(&tokens), expected);
}
