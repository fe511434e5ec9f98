//! Fuzzes `analyze` with every option combination and checks the result's invariants:
//! spans in bounds, ordered, on character boundaries, only whitespace between tokens, segments
//! tiling their token, entity and keyword spans inside the text, JSON serializable.
#![no_main]

use arbitrary::Arbitrary;
use kashif::text::normalize::NormOptions;
use kashif::{analyze, Options};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    top_n: u8,
    min_count: u8,
    entities: bool,
    keywords: bool,
    rules: [bool; 11],
    stop_add: Vec<String>,
    stop_remove: Vec<String>,
}

fuzz_target!(|inp: Input| {
    let r = inp.rules;
    let mut opts = Options::default();
    opts.top_n = inp.top_n as usize;
    opts.min_count = inp.min_count as usize;
    opts.entities = inp.entities;
    opts.keywords = inp.keywords;
    opts.stopwords_add = inp.stop_add;
    opts.stopwords_remove = inp.stop_remove;
    opts.normalize = NormOptions {
        diacritics: r[0],
        tatweel: r[1],
        alef: r[2],
        alef_maqsura: r[3],
        teh_marbuta: r[4],
        hamza_seats: r[5],
        persian: r[6],
        presentation_forms: r[7],
        digits: r[8],
        invisible: r[9],
        lowercase: r[10],
    };
    let text = &inp.text;
    let a = analyze(text, &opts);
    let u: Vec<u16> = text.encode_utf16().collect();
    let slice = |s: u32, e: u32| String::from_utf16(&u[s as usize..e as usize]).expect("span on a char boundary");
    let mut prev = 0u32;
    for t in &a.tokens {
        assert!(prev <= t.start && t.start < t.end && t.end as usize <= u.len(), "token span");
        assert!(slice(prev, t.start).chars().all(char::is_whitespace), "only whitespace between tokens");
        assert_eq!(slice(t.start, t.end), t.text);
        let mut pos = t.start;
        for s in &t.segments {
            assert_eq!(s.start, pos, "segments tile the token");
            assert!(s.end > s.start);
            assert_eq!(slice(s.start, s.end), s.text);
            pos = s.end;
        }
        assert_eq!(pos, t.end, "segments cover the token");
        prev = t.end;
    }
    assert!(slice(prev, u.len() as u32).chars().all(char::is_whitespace));
    for e in &a.entities {
        assert!(e.start < e.end && e.end as usize <= u.len());
        assert_eq!(slice(e.start, e.end), e.text);
    }
    for k in &a.keywords {
        for o in &k.occurrences {
            assert!(o.start < o.end && o.end as usize <= u.len());
        }
    }
    serde_json::to_string(&a).expect("serializable");
});
