//! The one letter-folding table: which variant spellings of a letter fold to which letter, and
//! under which rule (alef with hamza or wasla → ا, alef maqsura → ي, teh marbuta → ه, hamza
//! seats → و ي, Persian and Urdu letters → their Arabic counterparts).
//!
//! Why one table: the normalizer (display forms and matching keys), the word-frequency
//! lexicon's letter key and the segmenter's letter offsets must agree on what a letter is; when
//! each kept its own copy, a letter added to one was missing from the others. Each caller picks
//! the rules it applies as a [`Rules`] set; the table itself is built at compile time.

/// A set of folding rules (bit flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules(u8);

impl Rules {
    pub const NONE: Rules = Rules(0);
    /// أ إ آ ٱ ٲ ٳ → ا
    pub const ALEF: Rules = Rules(1);
    /// ى → ي
    pub const ALEF_MAQSURA: Rules = Rules(2);
    /// ة → ه
    pub const TEH_MARBUTA: Rules = Rules(4);
    /// ؤ → و, ئ → ي
    pub const HAMZA_SEATS: Rules = Rules(8);
    /// ک ڪ → ك, ی ې ۍ ێ ۓ → ي, ۀ ۃ → ة, ە ھ ہ → ه
    pub const PERSIAN: Rules = Rules(16);
    /// The word-frequency lexicon's letter key: every rule but teh marbuta (ة stays apart
    /// from ه, so a lookup can try both spellings).
    pub const LETTER_KEY: Rules = Rules(1 | 2 | 8 | 16);

    pub const fn union(self, other: Rules) -> Rules {
        Rules(self.0 | other.0)
    }

    pub const fn contains(self, other: Rules) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Every variant letter, the letter it folds to, and the rule that folds it. A Persian ۀ
/// folds to ة, which the teh marbuta rule then folds on to ه (see [`fold`]).
pub const TABLE: &[(char, char, Rules)] = &[
    ('أ', 'ا', Rules::ALEF),
    ('إ', 'ا', Rules::ALEF),
    ('آ', 'ا', Rules::ALEF),
    ('ٱ', 'ا', Rules::ALEF),
    ('\u{0672}', 'ا', Rules::ALEF),
    ('\u{0673}', 'ا', Rules::ALEF),
    ('ى', 'ي', Rules::ALEF_MAQSURA),
    ('ة', 'ه', Rules::TEH_MARBUTA),
    ('ؤ', 'و', Rules::HAMZA_SEATS),
    ('ئ', 'ي', Rules::HAMZA_SEATS),
    ('ک', 'ك', Rules::PERSIAN),
    ('ڪ', 'ك', Rules::PERSIAN),
    ('ی', 'ي', Rules::PERSIAN),
    ('ې', 'ي', Rules::PERSIAN),
    ('ۍ', 'ي', Rules::PERSIAN),
    ('ێ', 'ي', Rules::PERSIAN),
    ('ۓ', 'ي', Rules::PERSIAN),
    ('ۀ', 'ة', Rules::PERSIAN),
    ('ۃ', 'ة', Rules::PERSIAN),
    ('ە', 'ه', Rules::PERSIAN),
    ('ھ', 'ه', Rules::PERSIAN),
    ('ہ', 'ه', Rules::PERSIAN),
];

/// [`TABLE`] indexed by code point − U+0600: (target − U+0600, rule bits), rule 0 for letters
/// no rule folds. Every variant of the table lies in the Arabic block.
const BLOCK: [(u8, u8); 256] = {
    let mut b = [(0u8, 0u8); 256];
    let mut i = 0;
    while i < TABLE.len() {
        let (from, to, rule) = TABLE[i];
        let (from, to) = (from as u32, to as u32);
        assert!(from >= 0x600 && from < 0x700 && to >= 0x600 && to < 0x700);
        b[(from - 0x600) as usize] = ((to - 0x600) as u8, rule.0);
        i += 1;
    }
    b
};

/// `c` folded once by the rules of `rules` that apply to it.
#[inline]
fn step(c: char, rules: Rules) -> Option<char> {
    let u = c as u32;
    if !(0x600..0x700).contains(&u) {
        return None;
    }
    let (to, rule) = BLOCK[(u - 0x600) as usize];
    (rule != 0 && rules.0 & rule != 0).then(|| char::from_u32(0x600 + to as u32).expect("in the Arabic block"))
}

/// The letter `c` folds to under `rules` (`c` itself when no rule applies). Folding is
/// applied until it settles: ۀ → ة → ه when both the Persian and the teh marbuta rules apply.
#[inline]
pub fn fold(c: char, rules: Rules) -> char {
    match step(c, rules) {
        Some(f) => step(f, rules).unwrap_or(f),
        None => c,
    }
}

/// Whether `rule` folds `c` (the letter is one of that rule's variants).
pub fn folded_by(c: char, rule: Rules) -> bool {
    step(c, rule).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_by_rule() {
        assert_eq!(fold('أ', Rules::ALEF), 'ا');
        assert_eq!(fold('أ', Rules::PERSIAN), 'أ');
        assert_eq!(fold('ة', Rules::LETTER_KEY), 'ة');
        assert_eq!(fold('ۀ', Rules::LETTER_KEY), 'ة');
        assert_eq!(fold('ۀ', Rules::LETTER_KEY.union(Rules::TEH_MARBUTA)), 'ه');
        assert_eq!(fold('ئ', Rules::LETTER_KEY), 'ي');
        assert_eq!(fold('x', Rules::LETTER_KEY), 'x');
        assert!(folded_by('ڪ', Rules::PERSIAN) && !folded_by('ك', Rules::PERSIAN));
    }

    #[test]
    fn a_fold_settles() {
        let all = Rules::LETTER_KEY.union(Rules::TEH_MARBUTA);
        for (from, _, _) in TABLE {
            let f = fold(*from, all);
            assert_eq!(fold(f, all), f, "{from}");
        }
    }
}
