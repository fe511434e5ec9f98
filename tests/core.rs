//! Properties and goldens of the whole `analyze` chain.

use kashif::{analyze, Kind, Options};
use proptest::prelude::*;

fn utf16_slice(text: &str, start: u32, end: u32) -> String {
    let u: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&u[start as usize..end as usize]).unwrap()
}

/// Checks every span invariant of a result; returns a description of the first violation.
fn check(text: &str, opts: &Options) -> Result<(), String> {
    let a = analyze(text, opts);
    let u: Vec<u16> = text.encode_utf16().collect();
    let len = u.len() as u32;
    let mut prev = 0u32;
    for t in &a.tokens {
        if !(prev <= t.start && t.start < t.end && t.end <= len) {
            return Err(format!("token {t:?} out of order or bounds"));
        }
        // Only whitespace between tokens; spans on character boundaries.
        let gap = String::from_utf16(&u[prev as usize..t.start as usize]).map_err(|e| format!("gap not on a boundary: {e}"))?;
        if !gap.chars().all(char::is_whitespace) {
            return Err(format!("non-whitespace {gap:?} between tokens"));
        }
        let s = String::from_utf16(&u[t.start as usize..t.end as usize]).map_err(|e| format!("token not on a boundary: {e}"))?;
        if s != t.text {
            return Err(format!("token text {:?} != slice {s:?}", t.text));
        }
        let mut pos = t.start;
        for sg in &t.segments {
            if sg.start != pos || sg.end <= sg.start || utf16_slice(text, sg.start, sg.end) != sg.text {
                return Err(format!("segments of {:?} do not tile it", t.text));
            }
            pos = sg.end;
        }
        if pos != t.end {
            return Err(format!("segments of {:?} stop short", t.text));
        }
        prev = t.end;
    }
    let rest = String::from_utf16(&u[prev as usize..]).unwrap();
    if !rest.chars().all(char::is_whitespace) {
        return Err(format!("text after the last token: {rest:?}"));
    }
    for e in &a.entities {
        if !(e.start < e.end && e.end <= len) || utf16_slice(text, e.start, e.end) != e.text {
            return Err(format!("entity {e:?} is not its span"));
        }
    }
    for s in &a.sentences {
        if !(s.start < s.end && s.end <= len) {
            return Err(format!("sentence {s:?} out of bounds"));
        }
    }
    for k in &a.keywords {
        for o in &k.occurrences {
            if !(o.start < o.end && o.end <= len) {
                return Err(format!("keyword occurrence {o:?} out of bounds"));
            }
        }
    }
    serde_json::to_string(&a).map_err(|e| e.to_string())?;
    Ok(())
}

fn arabicish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "روسيا", "وروسيا", "للسلطة", "كوريا", "الشمالية", "کوریا", "الشمالیة", " ", " ", "\n", ".", "،", "..", "؟", "«",
        "»", "ـ", "\u{064E}", "\u{0651}", "2,5", "٢٫٥", "60%", "😀", "👩\u{200D}👩\u{200D}👧", "\u{200C}", "\u{200F}", "\u{202E}",
        "ﻻ", "ﷲ", "#وسم", "@user", "https://x.org/a.b", "a@b.co", "Putin", "بـ5G", "\u{0}", "\t", "\u{FEFF}", "ۀ",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), any::<char>().prop_map(String::from)], 0..40)
        .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_valid_on_arabic_like_text(text in arabicish()) {
        prop_assert_eq!(check(&text, &Options::default()), Ok(()));
    }

    #[test]
    fn spans_are_valid_on_any_text(text in any::<String>()) {
        prop_assert_eq!(check(&text, &Options::default()), Ok(()));
    }

    #[test]
    fn normalization_is_idempotent(text in prop_oneof![arabicish(), any::<String>()]) {
        use kashif::text::normalize::{normalize, NormOptions};
        for o in [NormOptions::key(), NormOptions::display()] {
            let once = normalize(&text, &o);
            prop_assert_eq!(normalize(&once, &o), once);
        }
    }

    #[test]
    fn token_keys_are_normalized_text(text in arabicish()) {
        use kashif::text::normalize::{normalize, NormOptions};
        for t in analyze(&text, &Options::default()).tokens {
            prop_assert_eq!(t.key.as_str(), normalize(&t.text, &NormOptions::key()));
            prop_assert_eq!(t.norm.as_str(), normalize(&t.text, &NormOptions::display()));
        }
    }

    #[test]
    fn analysis_is_deterministic(text in arabicish()) {
        prop_assert_eq!(analyze(&text, &Options::default()), analyze(&text, &Options::default()));
    }
}

const SEED: &str = include_str!("../www/samples/seed-article-ar.txt");

#[test]
fn seed_article() {
    check(SEED, &Options::default()).unwrap();
    let a = analyze(SEED, &Options::default());
    let texts: Vec<&str> = a.entities.iter().filter(|e| e.kind == "LOC").map(|e| e.text.as_str()).collect();
    for place in ["روسيا", "كوريا الشمالية", "واشنطن", "كييف", "موسكو", "کوریا الشمالیة"] {
        assert!(texts.contains(&place), "{place} not found among {texts:?}");
    }
    assert!(a.keywords.iter().take(3).any(|k| k.key == "روسيا" || k.text == "روسيا"), "روسيا in the top 3");
    assert!(a.tokens.iter().any(|t| t.text == "2,5" && t.kind == Kind::Number));
    assert!(a.stats.sentences > 20);
    assert_eq!(a.stats.words as usize, a.tokens.iter().filter(|t| t.kind.is_word()).count());
}

#[test]
fn hostile_inputs_give_valid_results() {
    let cases = [
        String::new(),
        " \n\t ".into(),
        "\u{064E}\u{0651}\u{0652}".repeat(100),
        "ـ".repeat(1000),
        "😀".repeat(10000),
        "\u{0}\u{1}\u{7}\u{1b}".repeat(100),
        "\u{202E}روسيا\u{202C} \u{2066}موسكو\u{2069}".into(),
        (0x0600u32..=0x06FF).chain(0x0750..=0x077F).chain(0x08A0..=0x08FF).chain(0xFB50..=0xFDFF).chain(0xFE70..=0xFEFF)
            .filter_map(char::from_u32)
            .collect(),
        "ک".repeat(200_000),
    ];
    for c in &cases {
        check(c, &Options::default()).unwrap_or_else(|e| panic!("{e} on {:?}", c.chars().take(20).collect::<String>()));
    }
}

#[test]
fn seed_article_edge_cases() {
    let a = analyze(SEED, &Options::default());
    let tok = |text: &str| a.tokens.iter().find(|t| t.text == text).unwrap_or_else(|| panic!("no token {text:?}"));
    // Persian letters: «کوریا الشمالیة» has the same keys as «كوريا الشمالية».
    assert_eq!(tok("کوریا").key, tok("كوريا").key);
    assert_eq!(tok("الشمالیة").key, tok("الشمالية").key);
    // Tatweel separating a prefix: «الـ80» is one token whose key has no tatweel.
    assert_eq!(tok("الـ80").kind, Kind::Mixed);
    assert_eq!(tok("الـ80").key, "ال80");
    // «بـ”الفاشلة”»: the preposition, the curly quotes and the word are separate tokens.
    assert_eq!(tok("بـ").kind, Kind::Arabic);
    assert_eq!(tok("بـ").norm, "ب");
    assert_eq!(tok("”").kind, Kind::Punct);
    assert_eq!(tok("الفاشلة").kind, Kind::Arabic);
    // The decimal «2,5» is one number.
    assert_eq!(tok("2,5").kind, Kind::Number);
    // Diacritics (shadda in «مقرّه») stay in the text, not in the keys.
    let t = tok("ومقرّه");
    assert_eq!(t.norm, "ومقره");
    assert_eq!(t.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().concat(), "ومقرّه");
    // Curly-quoted phrases and the English date line.
    assert!(a.tokens.iter().any(|t| t.text == "7th" && t.kind == Kind::Number));
    assert!(a.tokens.iter().any(|t| t.text == "GMT" && t.kind == Kind::Latin));
}

/// The statistics the page's figures are made of: word characters (average word length) and
/// the letters of the words, Arabic and all.
#[test]
fn stats_count_word_characters_and_letters() {
    let a = analyze("كتب الطالبُ إلى Ali، في ٢٠٢٤.", &Options::default());
    let s = &a.stats;
    assert_eq!(s.words, 6, "{s:?}");
    // كتب 3 + الطالبُ 7 (the damma is a character) + إلى 3 + Ali 3 + في 2 + ٢٠٢٤ 4
    assert_eq!(s.word_characters, 22, "{s:?}");
    // the damma and the digits are not letters
    assert_eq!((s.letters, s.arabic_letters), (17, 14), "{s:?}");
}
