//! Clitics on matching keys: the letters and suffixes that attach to an Arabic word, and the
//! readings of a key without them. The one place that knows them; every stage that reads a
//! word behind its clitics (the stemmer, the segmenter, stopwords, keyword words, the
//! tagger's features, the gazetteer, organisation names) asks here.
//!
//! Why readings on keys and not only the segmenter's cuts: the segmenter cuts a clitic only
//! when the lexicon is sure, while a stopword or a place name behind a clitic («وفي»,
//! «وبريطانيا») must be found even when the segmenter left the word whole. The stages differ
//! in how much they take off, so each reading here is named for what it takes, and its
//! minimum lengths are those its callers were tuned with.
//!
//! Every key here is a matching key ([`super::normalize::NormOptions::key`]): a clitic letter
//! is two bytes in UTF-8, the article four.

use super::fold::{fold, Rules};

/// Conjunctions written on the next word.
pub const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
/// Prepositions written on the next word (after a conjunction, if any).
pub const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];
/// Every one-letter proclitic but the future particle س: the conjunctions, then the
/// prepositions.
pub const PROCLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];
/// The definite article.
pub const ARTICLE: &str = "ال";

/// Pronoun suffixes as matching keys, longest first. Among suffixes of one length at most one
/// can end a word, so only the length order matters.
pub const PRONOUN_SUFFIXES: [&str; 11] = ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ني", "ه", "ك", "ي"];

/// Which pronoun suffixes a caller reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suffixes {
    /// The segmenter's: all but كما (the set its rules were tuned with).
    Segmenter,
    /// The stopword matcher's: all but the first person singular ني and ي (the set the
    /// stopword list is expanded with).
    Stopwords,
}

/// The pronoun suffixes of `set`, longest first.
pub fn pronoun_suffixes(set: Suffixes) -> impl Iterator<Item = &'static str> {
    PRONOUN_SUFFIXES.into_iter().filter(move |s| match set {
        Suffixes::Segmenter => *s != "كما",
        Suffixes::Stopwords => !matches!(*s, "ني" | "ي"),
    })
}

/// Does `s` begin with a clitic letter: a conjunction (`Some(true)`: و ف) or a preposition
/// (`Some(false)`: ب ل ك)? (Each is two bytes in UTF-8; compared as bytes.)
#[inline]
pub fn first_clitic(s: &str) -> Option<bool> {
    match s.as_bytes() {
        [0xD9, 0x88 | 0x81, ..] => Some(true),
        [0xD8, 0xA8, ..] | [0xD9, 0x84 | 0x83, ..] => Some(false),
        _ => None,
    }
}

/// The readings of `key` without its proclitics, each with the number of letters it drops, in
/// this order: without one conjunction (و ف), then without that conjunction and a preposition
/// (ب ل ك) after it; or, for a key that begins with a preposition, without it. No length is
/// checked: a reading may be empty.
pub fn proclitic_readings(key: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut out: [Option<(&str, usize)>; 2] = [None; 2];
    match first_clitic(key) {
        Some(true) => {
            let rest = &key[2..];
            out[0] = Some((rest, 1));
            if first_clitic(rest) == Some(false) {
                out[1] = Some((&rest[2..], 2));
            }
        }
        Some(false) => out[0] = Some((&key[2..], 1)),
        None => {}
    }
    out.into_iter().flatten()
}

/// The key of a word that follows ل and begins with ل: «ل» + «لسلطة» is ل + «السلطة», the
/// article having lost its alef; the key gets the alef back. Other keys are returned as they are.
pub fn restore_article(prev_ends_with_lam: bool, key: String) -> String {
    if prev_ends_with_lam && key.starts_with('ل') {
        let mut k = String::with_capacity(key.len() + 2);
        k.push('ا');
        k.push_str(&key);
        k
    } else {
        key
    }
}

/// The article as it is written with a clitic before it, for [`strip_article`]: with a
/// conjunction or a preposition (وال بال ...), ل + ال written لل, after a conjunction or alone.
const ARTICLE_FORMS: [&str; 8] = ["وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل"];

/// The key without the article and a conjunction or preposition written before it (the first
/// of [`ARTICLE_FORMS`] that leaves at least `min_rest` letters), or the key itself.
pub fn strip_article(key: &str, min_rest: usize) -> &str {
    for art in ARTICLE_FORMS {
        if let Some(rest) = key.strip_prefix(art) {
            if rest.chars().count() >= min_rest {
                return rest;
            }
        }
    }
    key
}

/// Without the article ال alone (when at least two letters remain).
pub fn bare(s: &str) -> String {
    match s.strip_prefix(ARTICLE) {
        Some(r) if r.chars().count() >= 2 => r.to_string(),
        _ => s.to_string(),
    }
}

/// The key without a leading conjunction و or ف (when at least three letters remain).
pub fn strip_conj(key: &str) -> &str {
    if key.chars().count() >= 4 {
        if let Some(r) = key.strip_prefix(CONJUNCTIONS) {
            return r;
        }
    }
    key
}

/// Safe clitic stripping: the conjunction, then ب ك ل only before the article
/// (بال، كال، لل → ال). Returns the reading and how many letters of the key were skipped.
pub fn strip_safe(key: &str) -> (String, usize) {
    let c = strip_conj(key);
    let mut skip = key.chars().count() - c.chars().count();
    let n = c.chars().count();
    if n >= 5 && (c.starts_with("بال") || c.starts_with("كال")) {
        skip += 1;
        return (c['ب'.len_utf8()..].to_string(), skip);
    }
    if n >= 4 && c.starts_with("لل") {
        skip += 1;
        return (restore_article(true, c['ل'.len_utf8()..].to_string()), skip);
    }
    (c.to_string(), skip)
}

/// Aggressive reading: also drops ب ك ل before any word of at least three letters.
pub fn strip_prep(conj_stripped: &str) -> Option<&str> {
    let n = conj_stripped.chars().count();
    if n >= 4 {
        for p in PREPOSITIONS {
            if let Some(r) = conj_stripped.strip_prefix(p) {
                return Some(r);
            }
        }
    }
    None
}

/// `key` without its first `n` letters.
pub fn nth_rest(key: &str, n: usize) -> &str {
    let mut cs = key.chars();
    for _ in 0..n {
        cs.next();
    }
    cs.as_str()
}

/// Does the word's last letter (marks and invisible characters skipped) read ه as written (not
/// a ة that the matching key folded)? Only then can a final ه of its key be a pronoun suffix.
pub fn ends_with_written_heh(text: &str) -> bool {
    use super::chars::{is_arabic_mark, is_invisible};
    text.chars().rev().find(|&c| !is_arabic_mark(c) && !is_invisible(c)).is_some_and(|c| fold(c, Rules::PERSIAN) == 'ه')
}

/// Ways to read a key as the first word of a name: `f(reading, letters to skip in the
/// token)` for each: the key, then each reading without its proclitics
/// ([`proclitic_readings`]) of two letters or more, and after a dropped ل a reading that
/// begins with ل also with the article's alef back (ل + «الولايات» is written «للولايات»).
/// Allocates only for that last reading.
pub fn name_readings(key: &str, mut f: impl FnMut(&str, usize)) {
    f(key, 0);
    for (rest, n) in proclitic_readings(key) {
        if rest.chars().count() >= 2 {
            f(rest, n);
            if key[..key.len() - rest.len()].ends_with('ل') && rest.starts_with('ل') {
                f(&restore_article(true, rest.to_string()), n);
            }
        }
    }
}

/// The letters of a word with their byte offsets: marks, tatweel and invisible characters are
/// folded into the letter before them, so letter `i` of a token's key starts at byte
/// `skeleton(text)[i].1` of the token: where a reading without `i` proclitic letters begins.
/// Letters are folded by the lexicon's letter-key rules ([`Rules::LETTER_KEY`]).
pub fn skeleton(word: &str) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(word.len() / 2);
    for (i, c) in word.char_indices() {
        if super::chars::is_arabic_mark(c) || super::chars::is_invisible(c) {
            continue;
        }
        out.push((fold(c, Rules::LETTER_KEY), i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_in_order() {
        let r: Vec<_> = proclitic_readings("وبريطانيا").collect();
        assert_eq!(r, vec![("بريطانيا", 1), ("ريطانيا", 2)]);
        assert_eq!(proclitic_readings("لندن").collect::<Vec<_>>(), vec![("ندن", 1)]);
        assert_eq!(proclitic_readings("وو").collect::<Vec<_>>(), vec![("و", 1)]);
        assert_eq!(proclitic_readings("روسيا").count(), 0);
    }

    #[test]
    fn suffix_sets() {
        let seg: Vec<_> = pronoun_suffixes(Suffixes::Segmenter).collect();
        assert_eq!(seg, ["هما", "هم", "هن", "ها", "كم", "نا", "ني", "ه", "ك", "ي"]);
        let stop: Vec<_> = pronoun_suffixes(Suffixes::Stopwords).collect();
        assert_eq!(stop, ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك"]);
        assert!(PRONOUN_SUFFIXES.windows(2).all(|w| w[0].chars().count() >= w[1].chars().count()));
    }

    #[test]
    fn article_readings() {
        assert_eq!(strip_article("والاسلحه", 3), "اسلحه");
        assert_eq!(strip_article("الي", 3), "الي");
        assert_eq!(strip_article("للسلطه", 3), "سلطه");
        assert_eq!(bare("الصين"), "صين");
        assert_eq!(bare("ال"), "ال");
        assert_eq!(strip_safe("وللولايات"), ("الولايات".to_string(), 2));
        assert_eq!(strip_safe("بالصين"), ("الصين".to_string(), 1));
        assert_eq!(strip_safe("بريطانيا"), ("بريطانيا".to_string(), 0));
        assert_eq!(strip_prep(strip_conj("وبريطانيا")), Some("ريطانيا"));
        assert_eq!(strip_conj("وفي"), "وفي");
        assert_eq!(restore_article(true, "لسلطه".into()), "السلطه");
        assert_eq!(restore_article(false, "لسلطه".into()), "لسلطه");
        assert_eq!(nth_rest("وبها", 2), "ها");
    }

    #[test]
    fn written_heh() {
        assert!(ends_with_written_heh("منه"));
        assert!(ends_with_written_heh("منھ"));
        assert!(!ends_with_written_heh("مدرسة"));
        assert!(!ends_with_written_heh("مدرسۀ"));
        assert!(ends_with_written_heh("منهُ"));
    }
}
