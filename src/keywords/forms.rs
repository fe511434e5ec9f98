//! Surface forms of a keyword: the variants as written, and the one to display.
//!
//! A variant is the text of an occurrence without attached clitics, with tatweel and invisible
//! characters removed and runs of whitespace made one space; diacritics and the hamza and alef
//! spelling are kept as written. The displayed form is the most frequent variant once
//! diacritics are set aside (with them only if every occurrence has them), preferring Arabic
//! letters over Persian ones on a tie, then the first seen.

use crate::analysis::Variant;
use crate::text::chars::is_diacritic;
use crate::text::normalize::{normalize, NormOptions};
use std::borrow::Cow;

/// Counts raw occurrence texts cheaply (borrowed slices), then cleans each distinct one once.
#[derive(Default)]
pub struct Forms<'a> {
    /// Distinct (raw text, lost article alef) with counts; groups have few, so a list will do.
    raw: Vec<(Cow<'a, str>, bool, u32)>,
}

fn written() -> NormOptions {
    NormOptions {
        diacritics: false,
        tatweel: true,
        alef: false,
        alef_maqsura: false,
        teh_marbuta: false,
        hamza_seats: false,
        persian: false,
        presentation_forms: true,
        digits: false,
        invisible: true,
        lowercase: false,
    }
}

/// The written form of `raw`: tatweel and invisible characters removed, whitespace runs made
/// one space. `article` puts back the alef of an article that followed ل (لسلطة → السلطة).
pub fn clean(raw: &str, article: bool) -> String {
    let mut s = normalize(raw, &written());
    if s.contains(char::is_whitespace) {
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if article {
        s.insert(0, 'ا');
    }
    s
}

fn has_persian(s: &str) -> bool {
    s.chars().any(|c| crate::text::fold::folded_by(c, crate::text::fold::Rules::PERSIAN))
}

impl<'a> Forms<'a> {
    /// One occurrence written `raw`; `article`: its article lost its alef after ل (see [`clean`]).
    pub fn add(&mut self, raw: Cow<'a, str>, article: bool) {
        match self.raw.iter_mut().find(|(r, a, _)| *r == raw && *a == article) {
            Some(e) => e.2 += 1,
            None => self.raw.push((raw, article, 1)),
        }
    }

    /// The displayed form and the variants (most frequent first).
    ///
    /// (A keyword has few distinct spellings: lists searched in order serve better than hash
    /// maps here, and keep the order of first appearance that ties are broken by.)
    pub fn finish(self) -> (String, Vec<Variant>) {
        // Clean each distinct raw text; merge those that clean to the same text (in order of
        // first appearance, with their counts).
        let mut order: Vec<(String, u32)> = Vec::with_capacity(self.raw.len());
        for (raw, article, n) in self.raw {
            let c = clean(&raw, article);
            match order.iter_mut().find(|(v, _)| *v == c) {
                Some(e) => e.1 += n,
                None => order.push((c, n)),
            }
        }
        // Plain forms (diacritics set aside), in order of first appearance: count, and whether
        // every occurrence has diacritics.
        let mut plain: Vec<(String, u32, bool)> = Vec::with_capacity(order.len());
        for (v, n) in &order {
            let p: String = v.chars().filter(|c| !is_diacritic(*c)).collect();
            let marked = p.len() != v.len();
            match plain.iter_mut().find(|e| e.0 == p) {
                Some(e) => {
                    e.1 += n;
                    e.2 &= marked;
                }
                None => plain.push((p, *n, marked)),
            }
        }
        let mut best = 0;
        for (i, (p, n, _)) in plain.iter().enumerate() {
            let (b, b_count) = (&plain[best].0, plain[best].1);
            if *n > b_count || (*n == b_count && has_persian(b) && !has_persian(p)) {
                best = i;
            }
        }
        let (best_plain, _, all_marked) = &plain[best];
        let text = if *all_marked {
            // Every occurrence has diacritics: show the most frequent marked spelling.
            order
                .iter()
                .filter(|(v, _)| v.chars().filter(|c| !is_diacritic(*c)).eq(best_plain.chars()))
                .fold(None::<&(String, u32)>, |acc, v| match acc {
                    Some(a) if a.1 >= v.1 => Some(a),
                    _ => Some(v),
                })
                .map_or_else(|| best_plain.clone(), |v| v.0.clone())
        } else {
            best_plain.clone()
        };
        // most frequent first; a stable sort keeps ties in order of first appearance
        let mut variants: Vec<Variant> = order.into_iter().map(|(text, count)| Variant { text, count }).collect();
        variants.sort_by_key(|v| std::cmp::Reverse(v.count));
        (text, variants)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn display(raws: &[&'static str]) -> (String, Vec<Variant>) {
        let mut f = Forms::default();
        for r in raws {
            f.add(Cow::Borrowed(r), false);
        }
        f.finish()
    }

    #[test]
    fn most_frequent_plain_form_keeps_hamza() {
        let (t, v) = display(&["أوكرانيا", "أوكرانيا", "اوكرانيا"]);
        assert_eq!(t, "أوكرانيا");
        assert_eq!(v[0], Variant { text: "أوكرانيا".into(), count: 2 });
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn diacritics_only_when_every_occurrence_has_them() {
        assert_eq!(display(&["مُحَمَّد", "محمد"]).0, "محمد");
        assert_eq!(display(&["مُحَمَّد", "مُحَمَّد", "مُحمد"]).0, "مُحَمَّد");
    }

    #[test]
    fn variants_merge_when_cleaned_and_ties_keep_the_first_seen() {
        let (t, v) = display(&["البيان", "بيان", "بيـان", "البيان", "بيانٌ", "بيان"]);
        assert_eq!(t, "بيان", "بيان and بيانٌ count together when shown");
        let got: Vec<(&str, u32)> = v.iter().map(|v| (v.text.as_str(), v.count)).collect();
        assert_eq!(got, vec![("بيان", 3), ("البيان", 2), ("بيانٌ", 1)]);
        let (t, v) = display(&["كوريه", "كوريا", "كوريا", "كوريه"]);
        assert_eq!((t.as_str(), v[0].text.as_str(), v[1].text.as_str()), ("كوريه", "كوريه", "كوريا"));
    }

    #[test]
    fn tatweel_and_spaces_cleaned_persian_loses_ties() {
        assert_eq!(display(&["کوریا\u{a0} الشمالیة", "كوريا الشمالية"]).0, "كوريا الشمالية");
        assert_eq!(display(&["الـفاشلة"]).0, "الفاشلة");
        assert_eq!(clean("لسلطة", true), "السلطة");
    }
}
