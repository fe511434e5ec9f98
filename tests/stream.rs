//! `Stream` over any cutting of a text gives exactly `analyze` of the whole text.

use kashif::{analyze, Analysis, Options, Stream};
use proptest::prelude::*;

const SEED: &str = include_str!("../www/samples/seed-article-ar.txt");

/// `text` pushed in the pieces that `cuts` (byte offsets, moved back to char boundaries) make,
/// with the tokens of every push put back in front of those `finish` returns.
fn streamed(text: &str, cuts: &[usize], options: &Options) -> Analysis {
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| floor_boundary(text, c.min(text.len()))).collect();
    cuts.sort_unstable();
    let mut s = Stream::new(options);
    let mut tokens = Vec::new();
    let mut prev = 0;
    for c in cuts.into_iter().chain(std::iter::once(text.len())) {
        tokens.extend(s.push(&text[prev..c]).tokens);
        prev = c;
    }
    let mut a = s.finish();
    tokens.append(&mut a.tokens);
    a.tokens = tokens;
    a
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn json(a: &Analysis) -> String {
    serde_json::to_string_pretty(a).unwrap()
}

fn assert_same(text: &str, cuts: &[usize], options: &Options) {
    let whole = json(&analyze(text, options));
    let pieces = json(&streamed(text, cuts, options));
    if whole != pieces {
        let at = whole.bytes().zip(pieces.bytes()).position(|(a, b)| a != b).unwrap_or(whole.len().min(pieces.len()));
        let from = floor_boundary(&whole, at.saturating_sub(300));
        let to = floor_boundary(&whole, (at + 300).min(whole.len()));
        let to2 = floor_boundary(&pieces, (at + 300).min(pieces.len()));
        panic!("cuts {cuts:?} differ at byte {at} of the JSON:\nwhole:  …{}\npieces: …{}", &whole[from..to], &pieces[floor_boundary(&pieces, from.min(pieces.len()))..to2]);
    }
}

/// Lines where the tagger's first pass misses «دين» (the surname of «ديفد دين», also an
/// ordinary word, "religion") in the later lines: its second pass, reading the other mentions
/// (one inside the person's full name), finds them (so a stream must tag pieces already
/// analyzed again, with facts gathered over the whole text).
const SPREAD: &str = "أكد نائب رئيس نادي أرسنال ديفد دين أن النادي يريد الاحتفاظ بالمدرب أرسين فينغر.\nوقال دين إن فينغر باق حتى نهاية عقده.\nوتابع دين أن النادي يثق بالمدرب.\n";

/// The seed article three times over, changed each time: a quotation left open across
/// paragraphs, CRLF line ends, other names, a Latin paragraph, an emoji, a last line without
/// a line break; and names found in one paragraph only.
fn long_text() -> String {
    let mut t = String::new();
    t.push_str(SPREAD);
    t.push_str(SEED);
    t.push_str("\n\nوقال المتحدث «إن الحكومة ستواصل دعم المشروع.\nوأضاف أن فلاديمير بوتين سيزور الرياض.\n\n");
    t.push_str(&SEED.replace("روسيا", "الصين").replace('\n', "\r\n"));
    t.push_str("\nThe Kremlin said on Tuesday that Vladimir Putin would visit Riyadh. \"It is a big step.\nThen he left.\n");
    t.push_str("😀 قال \"المدير إن شركة أرامكو ستبدأ.\n");
    t.push_str(&SEED.replace("كوريا الشمالية", "كوريا الجنوبية"));
    t.push_str("\nوفي الختام أكد بوتين أن موسكو والرياض شريكان");
    t
}

#[test]
fn seed_article_in_fixed_pieces() {
    let options = Options::default();
    for size in [1usize, 7, 100, 1000, 4096] {
        let cuts: Vec<usize> = (1..SEED.len() / size + 1).map(|i| i * size).collect();
        assert_same(SEED, &cuts, &options);
    }
}

#[test]
fn long_text_in_fixed_pieces_and_with_other_options() {
    let text = long_text();
    let cuts: Vec<usize> = (1..40).map(|i| i * text.len() / 40).collect();
    assert_same(&text, &cuts, &Options::default());
    assert_same(&text, &[], &Options::default());
    let every_keyword = Options { top_n: 0, ranking: kashif::Ranking::Frequency, min_count: 1, ..Options::default() };
    assert_same(&text, &cuts, &every_keyword);
    let no_tokens = Options { tokens: false, ..Options::default() };
    assert_same(&text, &cuts, &no_tokens);
    let only_entities = Options { keywords: false, ..Options::default() };
    assert_same(&text, &cuts, &only_entities);
    let only_keywords = Options { entities: false, max_ngram: 2, ..Options::default() };
    assert_same(&text, &cuts, &only_keywords);
}

#[test]
fn names_found_in_other_pieces_reach_every_piece() {
    let options = Options::default();
    let whole = analyze(SPREAD, &options);
    let n = whole.entities.iter().filter(|e| e.text == "دين" && e.kind == "PER").count();
    assert_eq!(n, 2, "the case this test is about: {:?}", whole.entities);
    let m = kashif::entities::shipped_model().expect("the shipped model loads");
    let tokens = kashif::pipeline::tokens(SPREAD, &kashif::text::normalize::NormOptions::display());
    let first = kashif::entities::find_passes(SPREAD, &tokens, m, kashif::entities::Merge::Model, false);
    assert!(first.iter().filter(|e| e.text == "دين").count() < 2, "the first pass alone finds both: {first:?}");
    let lines: Vec<usize> = SPREAD.match_indices('\n').map(|(i, _)| i + 1).collect();
    assert_same(SPREAD, &lines, &options);
}

#[test]
fn small_texts_and_empty_pieces() {
    let options = Options::default();
    for text in ["", "\n", "روسيا", "روسيا.\n", "\n\n روسيا.\n\nموسكو.\n", "a.\nb.\nc", "«روسيا.\nموسكو».\n\"x.\ny\".\n"] {
        assert_same(text, &[], &options);
        assert_same(text, &[0, 0, 1, 1, 2, 3, 3, 5, 8], &options);
    }
}

#[test]
fn a_text_without_line_breaks() {
    let text = SEED.replace('\n', " ");
    let cuts: Vec<usize> = (1..10).map(|i| i * text.len() / 10).collect();
    assert_same(&text, &cuts, &Options::default());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn any_cutting_gives_the_whole_analysis(cuts in proptest::collection::vec(0usize..30_000, 0..12)) {
        let text = long_text();
        let cuts: Vec<usize> = cuts.into_iter().map(|c| c % (text.len() + 1)).collect();
        assert_same(&text, &cuts, &Options::default());
    }
}
