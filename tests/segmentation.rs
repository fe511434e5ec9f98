//! Clitic segmentation in the Universal Dependencies style: a table of cases (including the
//! words that look prefixed but are not) and a property test that segments always tile the word.

use kashif::morph::segment::segment;
use proptest::prelude::*;

fn seg(w: &str) -> Vec<&str> {
    segment(w).pieces(w)
}

#[test]
fn table() {
    let cases: &[(&str, &[&str])] = &[
        // conjunctions
        ("والأسلحة", &["و", "الأسلحة"]),
        ("وقال", &["و", "قال"]),
        ("وقد", &["و", "قد"]),
        ("وهو", &["و", "هو"]),
        ("فإن", &["ف", "إن"]),
        // prepositions, ل + ال written لل
        ("بالأسلحة", &["ب", "الأسلحة"]),
        ("وبالأسلحة", &["و", "ب", "الأسلحة"]),
        ("للسلطة", &["ل", "لسلطة"]),
        ("لأوباما", &["ل", "أوباما"]),
        ("بسبب", &["ب", "سبب"]),
        ("بشأن", &["ب", "شأن"]),
        ("كرئيس", &["ك", "رئيس"]),
        ("وروسيا", &["و", "روسيا"]),
        ("بروسيا", &["ب", "روسيا"]),
        // future س on imperfect verbs
        ("سيكون", &["س", "يكون"]),
        ("ستكون", &["س", "تكون"]),
        // pronoun suffixes
        ("فيها", &["في", "ها"]),
        ("أنه", &["أن", "ه"]),
        ("نشرتها", &["نشرت", "ها"]),
        ("عليه", &["علي", "ه"]),
        ("لديهم", &["لدي", "هم"]),
        ("به", &["ب", "ه"]),
        ("لها", &["ل", "ها"]),
        ("مشاهدته", &["مشاهدت", "ه"]),
        ("يمكنني", &["يمكن", "ني"]),
        // words that only look prefixed or suffixed
        ("وزير", &["وزير"]),
        ("بين", &["بين"]),
        ("وصل", &["وصل"]),
        ("وكالة", &["وكالة"]),
        ("كان", &["كان"]),
        ("كانت", &["كانت"]),
        ("لكن", &["لكن"]),
        ("كما", &["كما"]),
        ("فقط", &["فقط"]),
        ("بعد", &["بعد"]),
        ("الله", &["الله"]),
        ("مياه", &["مياه"]),
        ("سيارة", &["سيارة"]),
        ("معنى", &["معنى"]),
        ("كاليفورنيا", &["كاليفورنيا"]),
        ("بدلاً", &["بدلاً"]),
        ("روسيا", &["روسيا"]),
        // place names that begin with a clitic letter (from the gazetteer), and with a real one
        ("بكين", &["بكين"]),
        ("بيونغ", &["بيونغ"]),
        ("وبكين", &["و", "بكين"]),
        ("لبكين", &["ل", "بكين"]),
        // the article is never split
        ("الأسلحة", &["الأسلحة"]),
        ("الكتاب", &["الكتاب"]),
        // clitics on numbers, tatweel at the edges
        ("و2006", &["و", "2006"]),
        ("فقطـ", &["فقط", "ـ"]),
        // not Arabic: never cut
        ("Putin", &["Putin"]),
    ];
    let mut bad = Vec::new();
    for &(w, want) in cases {
        let got = seg(w);
        if got != want {
            bad.push(format!("{w}: got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn base_index_marks_the_stem() {
    let c = segment("وبالأسلحة");
    assert_eq!(c.len(), 2);
    assert_eq!(c.base(), 2);
    let c = segment("نشرتها");
    assert_eq!(c.base(), 0);
    let c = segment("وحياتنا");
    assert_eq!(c.base(), 1);
}

fn check_tiles(w: &str) -> Result<(), TestCaseError> {
    let cuts: Vec<usize> = segment(w).iter().collect();
    let mut prev = 0;
    for &c in &cuts {
        prop_assert!(c > prev && c < w.len(), "cut {} in {:?} ({:?})", c, w, cuts);
        prop_assert!(w.is_char_boundary(c));
        prev = c;
    }
    prop_assert!(segment(w).base() <= cuts.len());
    Ok(())
}

proptest! {
    #[test]
    fn segments_tile_any_string(w in "\\PC{0,24}") {
        check_tiles(&w)?;
    }

    #[test]
    fn segments_tile_arabic_words(w in "[وفبلكسالتيمنهةأإآىؤئء\u{064B}-\u{0652}\u{0640}\u{200C}0-9]{0,20}") {
        check_tiles(&w)?;
    }
}
