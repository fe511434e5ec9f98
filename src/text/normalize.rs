//! The normalizer: maps a token's original text to a form for display (`norm`) or for
//! matching and counting (`key`).
//!
//! It works on one token at a time and never changes the original text: a token keeps its
//! span, and its normalized forms are extra strings beside it. Every rule is a switch in
//! [`NormOptions`], so a caller can keep, for instance, teh marbuta in a display form while
//! folding it in the matching keys.

use super::chars::{digit_value, is_diacritic, is_invisible};
use super::fold::{fold, Rules};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Which normalization rules apply. Each field is one rule; `true` means the rule applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormOptions {
    /// Remove tanween, harakat, shadda, sukun (U+064B–U+065F), superscript alef (U+0670) and
    /// Quranic annotation marks (U+0610–U+061A, U+06D6–U+06ED).
    pub diacritics: bool,
    /// Remove tatweel (U+0640).
    pub tatweel: bool,
    /// أ إ آ ٱ ٲ ٳ → ا
    pub alef: bool,
    /// ى → ي
    pub alef_maqsura: bool,
    /// ة → ه
    pub teh_marbuta: bool,
    /// ؤ → و, ئ → ي
    pub hamza_seats: bool,
    /// Persian and Urdu letters to their Arabic counterparts: ک → ك, ی ې → ي, ۀ ە ھ ہ ۃ → ه ...
    pub persian: bool,
    /// Presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) → base letters; lam-alef → ل + ا.
    pub presentation_forms: bool,
    /// Arabic-Indic and Eastern Arabic-Indic digits → 0–9; ٫ → . and ٬ → ,
    pub digits: bool,
    /// Remove ZWNJ, ZWJ, bidi controls, BOM, soft hyphen.
    pub invisible: bool,
    /// Lower-case letters of other scripts.
    pub lowercase: bool,
}

impl NormOptions {
    /// The letter-folding rules these options switch on (the table is [`super::fold::TABLE`]).
    pub fn fold_rules(&self) -> Rules {
        let on = |b: bool, r: Rules| if b { r } else { Rules::NONE };
        on(self.alef, Rules::ALEF)
            .union(on(self.alef_maqsura, Rules::ALEF_MAQSURA))
            .union(on(self.teh_marbuta, Rules::TEH_MARBUTA))
            .union(on(self.hamza_seats, Rules::HAMZA_SEATS))
            .union(on(self.persian, Rules::PERSIAN))
    }
}

impl Default for NormOptions {
    /// The display defaults: everything but teh marbuta and hamza seats.
    fn default() -> Self {
        NormOptions::display()
    }
}

impl NormOptions {
    /// For showing a normalized form to a reader: keeps ة and ؤ ئ.
    pub fn display() -> Self {
        NormOptions {
            diacritics: true,
            tatweel: true,
            alef: true,
            alef_maqsura: true,
            teh_marbuta: false,
            hamza_seats: false,
            persian: true,
            presentation_forms: true,
            digits: true,
            invisible: true,
            lowercase: true,
        }
    }

    /// For matching and counting: every rule on.
    pub fn key() -> Self {
        NormOptions { teh_marbuta: true, hamza_seats: true, ..NormOptions::display() }
    }

    /// Every rule off: normalization is the identity.
    pub fn none() -> Self {
        NormOptions {
            diacritics: false,
            tatweel: false,
            alef: false,
            alef_maqsura: false,
            teh_marbuta: false,
            hamza_seats: false,
            persian: false,
            presentation_forms: false,
            digits: false,
            invisible: false,
            lowercase: false,
        }
    }
}

/// Normalizes `s` with `opts`.
pub fn normalize(s: &str, opts: &NormOptions) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, opts, &mut out);
    out
}

/// Appends the normalized form of `s` to `out`.
pub fn normalize_into(s: &str, opts: &NormOptions, out: &mut String) {
    let rules = opts.fold_rules();
    for c in s.chars() {
        if opts.presentation_forms {
            if let Some(exp) = presentation_form(c) {
                for d in exp.chars().filter(|d| *d != ' ') {
                    push_char(d, opts, rules, out);
                }
                continue;
            }
        }
        push_char(c, opts, rules, out);
    }
}

fn push_char(c: char, o: &NormOptions, rules: Rules, out: &mut String) {
    // Fast path: the Arabic letters that no rule changes, and ASCII that is not upper case.
    if matches!(c, 'ا' | 'ب' | 'ت' | 'ث'..='غ' | 'ف'..='و' | 'ي' | 'ء') || (c.is_ascii() && !c.is_ascii_uppercase()) {
        out.push(c);
        return;
    }
    // Letter variants (no variant is a mark, tatweel, invisible or a digit, so the order
    // against the rules below does not matter).
    let f = fold(c, rules);
    if f != c {
        out.push(f);
        return;
    }
    let m = match c {
        _ if o.diacritics && is_diacritic(c) => return,
        '\u{0640}' if o.tatweel => return,
        _ if o.invisible && is_invisible(c) => return,
        '\u{066B}' if o.digits => '.',
        '\u{066C}' if o.digits => ',',
        _ if o.digits && !c.is_ascii_digit() && digit_value(c).is_some() => {
            char::from_digit(digit_value(c).unwrap(), 10).unwrap()
        }
        _ if o.lowercase && !super::chars::is_arabic_letter(c) && c.is_uppercase() => {
            out.extend(c.to_lowercase());
            return;
        }
        _ => c,
    };
    out.push(m);
}

/// The base letters of a presentation form, from `data/presentation_forms.tsv`.
fn presentation_form(c: char) -> Option<&'static str> {
    if !matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}') {
        return None;
    }
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            include_str!("../../data/presentation_forms.tsv")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| {
                    let (cp, exp) = l.split_once('\t')?;
                    Some((char::from_u32(u32::from_str_radix(cp, 16).ok()?)?, exp))
                })
                .collect()
        })
        .get(&c)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        normalize(s, &NormOptions::key())
    }
    fn disp(s: &str) -> String {
        normalize(s, &NormOptions::display())
    }

    #[test]
    fn rules() {
        assert_eq!(disp("مَرْحَبًا"), "مرحبا");
        assert_eq!(disp("ٱلْقُرْآنِ"), "القران");
        assert_eq!(disp("الـ80"), "ال80");
        assert_eq!(disp("بـ"), "ب");
        assert_eq!(disp("أإآٱ"), "اااا");
        assert_eq!(disp("مستشفى"), "مستشفي");
        assert_eq!(disp("الشمالية"), "الشمالية");
        assert_eq!(key("الشمالية"), "الشماليه");
        assert_eq!(disp("مؤتمر"), "مؤتمر");
        assert_eq!(key("مؤتمر"), "موتمر");
        assert_eq!(key("رئيس"), "رييس");
        assert_eq!(key("کوریا الشمالیة"), key("كوريا الشمالية"));
        assert_eq!(disp("ھذه"), "هذه");
        assert_eq!(disp("ﻻ"), "لا");
        assert_eq!(disp("ﷲ"), "الله");
        assert_eq!(disp("ﺍﻟﻌﺮﺑﻴﺔ"), "العربية");
        assert_eq!(disp("٠١٢٣ ۴۵۶"), "0123 456");
        assert_eq!(disp("٢٫٥"), "2.5");
        assert_eq!(disp("عبد\u{200C}الله\u{200F}"), "عبدالله");
        assert_eq!(disp("\u{FEFF}x\u{00AD}y"), "xy");
        assert_eq!(disp("Putin"), "putin");
        assert_eq!(disp("\u{0610}ص\u{06D6}"), "ص");
    }

    #[test]
    fn each_rule_can_be_switched_off() {
        let none = NormOptions::none();
        let s = "مَرْحَبًا الـ80 أ ى ة ؤ ک ﻻ ٣ \u{200C} A";
        assert_eq!(normalize(s, &none), s);
    }

    #[test]
    fn idempotent_on_samples() {
        for s in ["ﷲ ﻷ ﺁ", "کوریا الشمالیة ۀ", "مَرْحَبًا", "ΣΑΣ"] {
            for o in [NormOptions::key(), NormOptions::display()] {
                let once = normalize(s, &o);
                assert_eq!(normalize(&once, &o), once, "{s}");
            }
        }
    }
}
