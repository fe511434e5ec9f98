//! Clitic segmentation: where an Arabic word splits into its syntactic words, the way
//! Universal Dependencies treebanks for Arabic split them (و + روسيا, ب + الأسلحة,
//! ل + لسلطة, نشرت + ها). The article ال stays attached.
//!
//! The segmenter returns cut points into the original word, so the segments always
//! concatenate back to the token; marks, tatweel and invisible characters stay with the
//! letter before them.

use super::chars::{is_arabic_letter, is_arabic_mark, is_invisible};

/// Cut points of one word: byte offsets into it, strictly increasing, never 0 or the length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cuts {
    at: [u16; 4],
    len: u8,
    base: u8,
}

impl Cuts {
    pub fn push(&mut self, at: usize) {
        if (self.len as usize) < self.at.len() && at <= u16::MAX as usize {
            self.at[self.len as usize] = at as u16;
            self.len += 1;
        }
    }
    /// The cut points, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.at[..self.len as usize].iter().map(|&x| x as usize)
    }
    /// Index of the base segment (the segments before it are proclitics, after it enclitics).
    pub fn base(&self) -> usize {
        self.base as usize
    }
    /// Marks the segments pushed so far as proclitics: the next segment is the base.
    pub fn set_base_here(&mut self) {
        self.base = self.len;
    }
    pub fn len(&self) -> usize {
        self.len as usize
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The letters of a word with their byte offsets: marks, tatweel and invisible characters are
/// folded into the letter before them. Letters are mapped to their matching-key shape (أ → ا ...).
pub fn skeleton(word: &str) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(word.len() / 2);
    for (i, c) in word.char_indices() {
        if is_arabic_mark(c) || is_invisible(c) {
            continue;
        }
        out.push((fold(c), i));
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ک' => 'ك',
        _ => c,
    }
}

/// Splits an Arabic word into clitics and base. Words that are not Arabic are never cut.
pub fn segment(word: &str) -> Cuts {
    let mut cuts = Cuts::default();
    let sk = skeleton(word);
    if sk.len() < 4 || !sk.iter().all(|&(c, _)| is_arabic_letter(c)) {
        return cuts;
    }
    let letters: String = sk.iter().map(|&(c, _)| c).collect();
    let mut i = 0; // letters consumed
    if (letters.starts_with('و') || letters.starts_with('ف')) && sk.len() >= 5 {
        let rest: String = letters.chars().skip(1).collect();
        if rest.starts_with("ال") || rest.starts_with("بال") || rest.starts_with("لل") || rest.starts_with("كال") {
            cuts.push(sk[1].1);
            i = 1;
        }
    }
    let rest: String = letters.chars().skip(i).collect();
    if (rest.starts_with("بال") || rest.starts_with("كال")) && sk.len() - i >= 5 {
        cuts.push(sk[i + 1].1);
    } else if rest.starts_with("لل") && sk.len() - i >= 4 {
        cuts.push(sk[i + 1].1);
    }
    cuts.set_base_here();
    cuts
}

/// The matching key of a segment that was cut out of a word: «لسلطة» after «ل» stands for
/// «السلطة», so its key gets the article's alef back.
pub fn restore_article(prev_segment_key: &str, key: String) -> String {
    if prev_segment_key.ends_with('ل') && key.starts_with('ل') {
        let mut k = String::with_capacity(key.len() + 2);
        k.push('ا');
        k.push_str(&key);
        k
    } else {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(w: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut prev = 0;
        for c in segment(w).iter() {
            out.push(&w[prev..c]);
            prev = c;
        }
        out.push(&w[prev..]);
        out
    }

    #[test]
    fn basic_cases() {
        assert_eq!(seg("للسلطة"), vec!["ل", "لسلطة"]);
        assert_eq!(seg("والأسلحة"), vec!["و", "الأسلحة"]);
        assert_eq!(seg("بالأسلحة"), vec!["ب", "الأسلحة"]);
        assert_eq!(seg("وبالأسلحة"), vec!["و", "ب", "الأسلحة"]);
        assert_eq!(seg("وزير"), vec!["وزير"]);
        assert_eq!(seg("بين"), vec!["بين"]);
    }
}
