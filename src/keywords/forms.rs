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
use std::collections::HashMap;

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
    pub fn finish(self) -> (String, Vec<Variant>) {
        // Clean each distinct raw text; merge those that clean to the same text.
        let mut order: Vec<String> = Vec::new();
        let mut counts: HashMap<String, u32> = HashMap::new();
        for (raw, article, n) in self.raw {
            let c = clean(&raw, article);
            match counts.get_mut(&c) {
                Some(m) => *m += n,
                None => {
                    counts.insert(c.clone(), n);
                    order.push(c);
                }
            }
        }
        // Plain forms (diacritics set aside), in order of first appearance.
        let mut plain_order: Vec<String> = Vec::new();
        let mut plain: HashMap<String, (u32, bool)> = HashMap::new(); // count, all with diacritics
        for v in &order {
            let p: String = v.chars().filter(|c| !is_diacritic(*c)).collect();
            let marked = p.len() != v.len();
            let n = counts[v];
            match plain.get_mut(&p) {
                Some(e) => {
                    e.0 += n;
                    e.1 &= marked;
                }
                None => {
                    plain.insert(p.clone(), (n, marked));
                    plain_order.push(p);
                }
            }
        }
        let mut best = 0;
        for (i, p) in plain_order.iter().enumerate() {
            let (n, b) = (plain[p].0, plain[&plain_order[best]].0);
            if n > b || (n == b && has_persian(&plain_order[best]) && !has_persian(p)) {
                best = i;
            }
        }
        let best_plain = &plain_order[best];
        let text = if plain[best_plain].1 {
            // Every occurrence has diacritics: show the most frequent marked spelling.
            order
                .iter()
                .filter(|v| v.chars().filter(|c| !is_diacritic(*c)).eq(best_plain.chars()))
                .fold(None::<&String>, |acc, v| match acc {
                    Some(a) if counts[a] >= counts[v] => Some(a),
                    _ => Some(v),
                })
                .cloned()
                .unwrap_or_else(|| best_plain.clone())
        } else {
            best_plain.clone()
        };
        let first: HashMap<&String, usize> = order.iter().enumerate().map(|(i, v)| (v, i)).collect();
        let mut variants: Vec<Variant> = order.iter().map(|v| Variant { text: v.clone(), count: counts[v] }).collect();
        variants.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| first[&a.text].cmp(&first[&b.text])));
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
    fn tatweel_and_spaces_cleaned_persian_loses_ties() {
        assert_eq!(display(&["کوریا\u{a0} الشمالیة", "كوريا الشمالية"]).0, "كوريا الشمالية");
        assert_eq!(display(&["الـفاشلة"]).0, "الفاشلة");
        assert_eq!(clean("لسلطة", true), "السلطة");
    }
}
