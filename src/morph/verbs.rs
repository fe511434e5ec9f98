//! Finite verbs, which tell what happened but not what an article is about: «يهددون»،
//! «تنتهي»، «أجابت»، «قتلوا» are kept out of the keywords (and end a phrase where they stand, as
//! a stopword does).
//!
//! There are no part-of-speech tags here, so a verb is recognised by two facts that general
//! Arabic (the word-frequency lexicon) gives about the clean key:
//!
//! 1. It never takes the article: «الاجتماع» is common, «اليهددون» does not exist. A noun or an
//!    adjective nearly always has its ال form in the lexicon.
//! 2. Its conjugation is there too: beside «يهددون» the lexicon knows «يهدد» and «تهدد»; beside
//!    «نفذت» it knows «نفذ» and «نفذوا». A name that merely looks like a verb has no such family
//!    («يوسف» has no «توسف», «بيروت» no «بيروا»).
//!
//! Given names, family names and places are never verbs here, whatever their shape («تامر»
//! is spelt like «تأمر», «you order»). The test reads the lexicon only, so it is
//! the same in every text; it errs towards keeping a word (a verb whose family is rare stays).

use crate::lexicon;
use crate::lexicon::wordfreq::{code, encode, zipf_codes_folded, MAX_LETTERS};
use std::sync::OnceLock;

/// The letter codes this module spells with.
struct Letters {
    alef: u8,
    lam: u8,
    waw: u8,
    feh: u8,
    yeh: u8,
    teh: u8,
    noon: u8,
    teh_marbuta: u8,
}

fn letters() -> &'static Letters {
    static L: OnceLock<Letters> = OnceLock::new();
    L.get_or_init(|| {
        let c = |ch| code(ch).expect("an Arabic letter");
        Letters { alef: c('ا'), lam: c('ل'), waw: c('و'), feh: c('ف'), yeh: c('ي'), teh: c('ت'), noon: c('ن'), teh_marbuta: c('ة') }
    })
}

/// How many of the spellings `prefix + core + suffix` (for each pair given; prefix 0: none) the
/// lexicon knows, leaving out `own` (the word being judged); counting stops at `need`.
fn attested(prefixes: &[u8], core: &[u8], suffixes: &[&[u8]], own: &[u8], need: usize) -> usize {
    let mut buf = [0u8; MAX_LETTERS + 8];
    let mut n = 0;
    let mut left = prefixes.len() * suffixes.len();
    for &p in prefixes {
        for s in suffixes {
            if n + left < need {
                return n; // (`need` is out of reach)
            }
            left -= 1;
            let mut len = 0;
            if p != 0 {
                buf[0] = p;
                len = 1;
            }
            buf[len..len + core.len()].copy_from_slice(core);
            len += core.len();
            buf[len..len + s.len()].copy_from_slice(s);
            len += s.len();
            let w = &buf[..len];
            if w != own && zipf_codes_folded(w).is_some() {
                n += 1;
                if n == need {
                    return n;
                }
            }
        }
    }
    n
}

/// Does the clean key (clitics already cut off) read as a finite verb? See the module docs.
/// `cut_before_suffix`: the segmenter cut a pronoun suffix off this word (so a final ت may be
/// the ة of a noun: «تجربت|ي»).
pub fn is_verb(key: &str, cut_before_suffix: bool) -> bool {
    // the shape first, on the text: most words begin and end otherwise and need no lookup
    // (and a final ات is the plural of a noun, an initial ال its article: no verb has either)
    let body = key.strip_prefix(crate::text::clitics::CONJUNCTIONS).unwrap_or(key);
    if key.ends_with("ات") || key.starts_with("ال") || !(body.starts_with(['ي', 'ت', 'ن']) || key.ends_with(['ت']) || key.ends_with("وا") || key.ends_with("نا")) {
        return false;
    }
    let l = letters();
    let mut buf = [0u8; MAX_LETTERS];
    let Some(n) = encode(key, &mut buf) else { return false };
    let mut w = &buf[..n];
    // a conjunction the segmenter left on (ويستطرد), unless the whole word is a noun (فتيات ←
    // الفتيات)
    if w.len() >= 5 && (w[0] == l.waw || w[0] == l.feh) && shaped(&w[1..], l) {
        if takes_article(w, None, l) {
            return false;
        }
        w = &w[1..];
    }
    if w.len() < 4 || (w[0] == l.alef && w[1] == l.lam) || !shaped(w, l) {
        return false;
    }
    // The family first (for most nouns of this shape its spellings are not words at all, which
    // the lexicon's filter answers cheapest), then the article.
    if !(imperfect(w, l) || perfect(w, l)) {
        return false;
    }
    // 1. A word that takes the article is a noun or an adjective ...
    if takes_article(w, None, l) {
        return false;
    }
    // ... and so is one whose accusative (يوما ← اليوم، بيانا ← البيان) or construct form before
    // a pronoun suffix (تجربت|ي ← التجربة) does.
    let last = w[w.len() - 1];
    let stripped = &w[..w.len() - 1];
    if ((last == l.alef && w[w.len() - 2] != l.waw) || (last == l.teh && cut_before_suffix)) && takes_article(stripped, (last == l.teh).then_some(l.teh_marbuta), l) {
        return false;
    }
    let names = lexicon::person_names();
    !names.first.contains(key) && !names.last.contains(key) && !lexicon::places().contains_key(key)
}

/// Does the word begin or end like a finite verb: ي ت ن first (present), or ت وا نا last (past)?
fn shaped(w: &[u8], l: &Letters) -> bool {
    let n = w.len();
    n >= 4 && ([l.yeh, l.teh, l.noon].contains(&w[0]) || w[n - 1] == l.teh || (w[n - 1] == l.alef && (w[n - 2] == l.waw || w[n - 2] == l.noon)))
}

/// Does the lexicon know the word with the article (and with the letter `then` after it, when
/// given: the ة of a construct form)?
fn takes_article(w: &[u8], then: Option<u8>, l: &Letters) -> bool {
    let mut art = [0u8; MAX_LETTERS + 3];
    art[0] = l.alef;
    art[1] = l.lam;
    art[2..w.len() + 2].copy_from_slice(w);
    let mut len = w.len() + 2;
    if let Some(c) = then {
        art[len] = c;
        len += 1;
    }
    zipf_codes_folded(&art[..len]).is_some()
}

/// Present tense: ي ت ن before the stem, a person or number ending after it (يهددون، تنتهي،
/// يقتربوا). Evidence: two more persons of the same stem. (The feminine plural ن is left out:
/// rare in news, and it would cut the end off names such as «نجران».)
fn imperfect(w: &[u8], l: &Letters) -> bool {
    if ![l.yeh, l.teh, l.noon].contains(&w[0]) {
        return false;
    }
    let body = &w[1..];
    let endings: [&[u8]; 4] = [&[l.waw, l.noon], &[l.yeh, l.noon], &[l.alef, l.noon], &[l.waw, l.alef]];
    let core = endings.iter().find(|e| body.len() >= e.len() + 3 && body.ends_with(e)).map_or(body, |e| &body[..body.len() - e.len()]);
    if core.len() < 3 {
        return false;
    }
    // (the plural persons only when one singular is there: most nouns of this shape have none,
    // and are settled in three lookups)
    match attested(&[l.yeh, l.teh, l.noon], core, &[&[]], w, 2) {
        0 => false,
        1 => attested(&[l.yeh, l.teh], core, &[&[l.waw, l.noon]], w, 1) == 1,
        _ => true,
    }
}

/// Past tense: the stem, then ت, نا or وا (نفذت، خسرنا، قتلوا). Evidence: two more persons of the
/// same stem.
fn perfect(w: &[u8], l: &Letters) -> bool {
    let (core, plural) = if w.ends_with(&[l.waw, l.alef]) {
        (&w[..w.len() - 2], true)
    } else if w.ends_with(&[l.noon, l.alef]) {
        (&w[..w.len() - 2], false)
    } else if w.ends_with(&[l.teh]) {
        (&w[..w.len() - 1], false)
    } else {
        return false;
    };
    if core.len() < 3 {
        return false;
    }
    let family = match attested(&[0], core, &[&[], &[l.teh], &[l.waw, l.alef]], w, 2) {
        0 => false,
        1 => attested(&[0], core, &[&[l.noon, l.alef]], w, 1) == 1,
        _ => true,
    };
    // After a final ت or نا, the stem must not be a noun itself («طالبت»: «طالب»; «بلادنا»:
    // «بلاد»); a final وا is verbal enough alone («قتلوا» beside the noun «القتل»).
    family && (plural || !takes_article(core, None, l))
}

#[cfg(test)]
mod tests {
    use super::is_verb;
    use crate::lexicon::key;

    fn verb(w: &str) -> bool {
        is_verb(&key(w), false)
    }

    #[test]
    fn finite_verbs_are_found() {
        let missed: Vec<&str> = ["يهددون", "تنتهي", "يتفق", "تعترف", "أجابت", "قتلوا", "رفضوا", "نفذت", "يستهدف", "وتستهدف", "خسرنا"].into_iter().filter(|w| !verb(w)).collect();
        assert!(missed.is_empty(), "not read as verbs: {missed:?}");
    }

    #[test]
    fn nouns_names_and_places_are_not_verbs() {
        let wrong = [
            "تقديم", "تعاون", "تقرير", "يوسف", "نجيب", "تامر", "تركيا", "تونس", "نجران", "بيروت", "يونيو", "روسيا", "بوتين", "أوكرانيا",
            "أسلحة", "الجامعة", "عرفات", "تحديات", "طالبت", "بلادنا", "فتيات", "يوما", "بيانا", "ساكنا", "جبهات", "رغبة", "إدارة", "السلامة", "نتنياهو", "ترمب", "يوم", "كوريا",
        ]
        .into_iter()
        .filter(|w| verb(w))
        .collect::<Vec<_>>();
        assert!(wrong.is_empty(), "read as verbs: {wrong:?}");
        // a noun in construct before a pronoun suffix (تجربت|ي), but a verb alone (أجابت)
        assert!(!is_verb(&key("تجربت"), true));
        assert!(is_verb(&key("أجابت"), false));
    }
}
