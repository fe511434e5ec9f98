//! Differential fuzzing of the streaming analysis: a text cut into pieces at fuzzer-chosen
//! places (inside words and characters' neighbours too), pushed into `kashif::Stream`, must give
//! the JSON of one `analyze` over the whole text, tokens and all. It also analyzes the text twice
//! with `analyze`, so the per-thread lexeme table and the tagger's per-lexeme caches are checked
//! warm against their first use on that text.
#![no_main]

use arbitrary::Arbitrary;
use kashif::{analyze, Options, Stream};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    /// Piece lengths in bytes (rounded up to the next character boundary); the rest is one piece.
    cuts: Vec<u16>,
    entities: bool,
    keywords: bool,
    min_count: u8,
}

fuzz_target!(|inp: Input| {
    let mut opts = Options::default();
    opts.entities = inp.entities;
    opts.keywords = inp.keywords;
    opts.min_count = inp.min_count as usize % 4;
    let text = &inp.text;
    let whole = serde_json::to_string(&analyze(text, &opts)).unwrap();
    let again = serde_json::to_string(&analyze(text, &opts)).unwrap();
    assert_eq!(whole, again, "a second analyze of the same text (warm caches) differs");

    let mut stream = Stream::new(&opts);
    let mut tokens = Vec::new();
    let mut at = 0;
    for &len in &inp.cuts {
        let mut end = (at + len as usize % 64).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        tokens.extend(stream.push(&text[at..end]).tokens);
        at = end;
    }
    tokens.extend(stream.push(&text[at..]).tokens);
    let mut result = stream.finish();
    tokens.append(&mut result.tokens);
    result.tokens = tokens;
    assert_eq!(serde_json::to_string(&result).unwrap(), whole, "stream differs from analyze");
});
