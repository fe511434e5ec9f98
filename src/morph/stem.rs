//! Light stemming: the grouping key of a word that is already free of its clitics.
//!
//! The definite article (with a conjunction or preposition still on it, if the segmenter left
//! one) and the regular plural endings are removed, so that روسيا / وروسيا / بروسيا,
//! أسلحة / الأسلحة / لأسلحة / بأسلحة and عملية / العمليات share a key while unrelated words keep
//! theirs. A plural ending is only removed when the lexicon knows the singular it leaves
//! (سيارات → سياره, but أوقات and أصوات stay). Input is a matching key (see
//! [`crate::text::normalize::NormOptions::key`]).

use crate::text::clitics::strip_article;
use crate::lexicon::wordfreq::zipf;

/// How frequent (Zipf) the singular must be for a plural ending to come off.
const KNOWN: f32 = 3.0;

/// The stem key of a clitic-free matching key.
pub fn stem(key: &str) -> String {
    let s = strip_article(key, 3);
    let letters = s.chars().count();
    // Sound feminine plural: عمليات → عمليه.
    if letters >= 5 {
        if let Some(sing) = s.strip_suffix("ات") {
            let mut k = String::with_capacity(sing.len() + 2);
            k.push_str(sing);
            k.push('ه');
            if zipf(&k).is_some_and(|z| z >= KNOWN) {
                return k;
            }
        }
    }
    // Sound masculine plural: مسلمون / مسلمين → مسلم (فلسطين stays: فلسط is no word).
    if letters >= 5 {
        if let Some(sing) = s.strip_suffix("ون").or_else(|| s.strip_suffix("ين")) {
            if zipf(sing).is_some_and(|z| z >= KNOWN) {
                return sing.to_string();
            }
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::stem;
    use crate::lexicon::key;

    fn st(w: &str) -> String {
        stem(&key(w))
    }

    #[test]
    fn article_is_removed_but_short_words_are_kept() {
        assert_eq!(stem("الاسلحه"), "اسلحه");
        assert_eq!(stem("اسلحه"), "اسلحه");
        assert_eq!(stem("روسيا"), "روسيا");
        assert_eq!(stem("الي"), "الي");
        assert_eq!(stem("الله"), "الله");
        assert_eq!(stem("الصين"), "صين");
    }

    #[test]
    fn groups() {
        let g = |ws: &[&str]| {
            let s: Vec<String> = ws.iter().map(|w| st(w)).collect();
            assert!(s.iter().all(|x| *x == s[0]), "{ws:?} → {s:?}");
        };
        g(&["أسلحة", "الأسلحة", "والأسلحة", "بالأسلحة", "للأسلحة"]);
        assert_eq!(st("روسيا"), "روسيا");
        g(&["عملية", "العمليات", "عمليات"]);
        g(&["سيارة", "السيارات"]);
        g(&["المسلمون", "المسلمين", "مسلم"]);
        assert_ne!(st("أوقات"), st("أوقة"));
        assert_eq!(st("فلسطين"), key("فلسطين"));
        assert_eq!(st("الصين"), "صين");
    }
}
