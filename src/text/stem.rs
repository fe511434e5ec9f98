//! Light stemming: the grouping key of a word that is already free of its clitics.
//!
//! Only the definite article and a few inflectional endings are removed, so that روسيا,
//! الأسلحة and أسلحة share a key while unrelated words keep theirs. Input is a matching key
//! (see [`crate::text::normalize::NormOptions::key`]).

/// The stem key of a clitic-free matching key.
pub fn stem(key: &str) -> String {
    let mut s = key;
    for art in ["ال", "لل"] {
        if let Some(rest) = s.strip_prefix(art) {
            if rest.chars().count() >= 3 {
                s = rest;
                break;
            }
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn article_is_removed_but_short_words_are_kept() {
        assert_eq!(stem("الاسلحه"), "اسلحه");
        assert_eq!(stem("اسلحه"), "اسلحه");
        assert_eq!(stem("روسيا"), "روسيا");
        assert_eq!(stem("الي"), "الي");
        assert_eq!(stem("الله"), "الله");
        assert_eq!(stem("الصين"), "صين");
    }
}
