//! Character classes for Arabic text.
//!
//! One place decides what a character *is* (a letter of the Arabic script, a mark that lives
//! inside a word, an invisible format character, ...), so that the tokenizer, the normalizer
//! and the segmenter can never disagree about it.

/// A letter of the Arabic script, including Persian/Urdu letters, the supplement and extended
/// blocks and the presentation forms. Marks and tatweel are not letters (see [`is_arabic_mark`]).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{0870}'..='\u{0887}'
        | '\u{0889}'..='\u{088E}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDC7}'
        | '\u{FDF0}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// Combining marks and tatweel: they belong to the word around them and never start a token
/// on their own unless nothing precedes them.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0898}'..='\u{089F}'
        | '\u{08CA}'..='\u{08FF}')
}

/// Diacritics proper (harakat, tanween, shadda, sukun, Quranic marks): everything in
/// [`is_arabic_mark`] except tatweel.
pub fn is_diacritic(c: char) -> bool {
    c != '\u{0640}' && is_arabic_mark(c)
}

/// Invisible format characters that may sit inside a word without splitting it: ZWNJ, ZWJ,
/// ZWSP, word joiner, bidi marks, embeddings, overrides and isolates, BOM, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Decimal digits of the three systems found in Arabic text, mapped to their value.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// A letter of any script other than Arabic (Latin, Cyrillic, Greek, CJK, ...).
pub fn is_other_letter(c: char) -> bool {
    !is_arabic_letter(c) && c.is_alphabetic() && !is_arabic_mark(c)
}

/// Letters in `s` (of every script, marks and digits not counted), and how many of them are
/// Arabic-script letters: what a reader's "mostly Arabic?" figure is made of.
pub fn letter_counts(s: &str) -> (u32, u32) {
    let (mut letters, mut arabic) = (0, 0);
    for c in s.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
            letters += 1;
        } else if is_other_letter(c) {
            letters += 1;
        }
    }
    (letters, arabic)
}

/// Non-spacing marks of other scripts (Latin combining accents and the like).
pub fn is_other_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20EF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Pictographic characters that start an emoji (approximation of Extended_Pictographic).
pub fn is_emoji_base(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}'
        | '\u{231A}'..='\u{23FF}'
        | '\u{24C2}'
        | '\u{25AA}'..='\u{25FE}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2934}'..='\u{2935}'
        | '\u{2B05}'..='\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}')
}

/// Characters that continue an emoji: variation selectors, skin tones, tags, keycap.
pub fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{20E3}')
}

pub fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Punctuation (as opposed to symbols): the ASCII set and the marks of Arabic typography.
pub fn is_punctuation(c: char) -> bool {
    matches!(c,
        '!' | '"' | '#' | '%' | '&' | '\'' | '(' | ')' | '*' | ',' | '-' | '.' | '/' | ':' | ';'
        | '?' | '@' | '[' | '\\' | ']' | '_' | '{' | '}'
        | '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
        | '\u{060C}' | '\u{060D}' | '\u{061B}' | '\u{061D}'..='\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
        | '\u{2E00}'..='\u{2E4F}' | '\u{3001}'..='\u{3003}' | '\u{300C}'..='\u{300F}'
        | '\u{FD3E}' | '\u{FD3F}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE4F}' | '\u{FE50}'..='\u{FE6B}'
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
        && !is_emoji_base(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_every_script_counted_marks_and_digits_not() {
        // كَتَبَ: three letters and three marks; Ali: three Latin letters; ١٢ and 7: digits
        assert_eq!(letter_counts("كَتَبَ Ali ١٢ 7 ـ"), (6, 3));
        assert_eq!(letter_counts("Привет"), (6, 0));
        assert_eq!(letter_counts(""), (0, 0));
    }

    #[test]
    fn classes_do_not_overlap_on_arabic_block() {
        for u in 0x0600u32..=0x06FF {
            let Some(c) = char::from_u32(u) else { continue };
            let n = [is_arabic_letter(c), is_arabic_mark(c), is_digit(c), is_punctuation(c)]
                .iter()
                .filter(|x| **x)
                .count();
            assert!(n <= 1, "U+{u:04X} is in {n} classes");
        }
    }

    #[test]
    fn persian_letters_are_arabic_letters() {
        for c in ['ک', 'ی', 'ۀ', 'ە', 'ھ', 'پ', 'چ', 'گ', 'ژ'] {
            assert!(is_arabic_letter(c), "{c}");
        }
        assert!(is_diacritic('\u{064E}'));
        assert!(!is_diacritic('\u{0640}'));
        assert!(is_arabic_mark('\u{0640}'));
        assert_eq!(digit_value('٣'), Some(3));
        assert_eq!(digit_value('۴'), Some(4));
    }
}
