//! The tokenizer: a pure function from text to `(kind, length)` pairs.
//!
//! In the spirit of `rustc_lexer`: [`first_token`] looks at the start of a string and says what
//! kind of token is there and how many bytes it takes; [`tokenize`] repeats that. No allocation,
//! no I/O, no normalization: the lengths always add up to the input, so spans into the original
//! text are exact by construction. Whitespace comes out as [`Kind::Whitespace`] and callers drop it.

use super::chars::*;
use serde::{Deserialize, Serialize};

/// What a token is. Serialized in snake_case (`"arabic"`, `"latin"`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Arabic-script letters (with marks, tatweel and invisible joiners inside).
    Arabic,
    /// Letters of any other script (Latin mostly).
    Latin,
    /// Letters and digits mixed in one word: «بـ5G», «الـ80», «G7».
    Mixed,
    /// 123, 2,5, 2.5, ٢٫٥, 60%, 1,000,000, 2019-2020, 7th.
    Number,
    Punct,
    Symbol,
    /// One emoji, including skin tones, flags and whole ZWJ sequences.
    Emoji,
    Url,
    Email,
    /// #كوريا_الشمالية
    Hashtag,
    /// @user
    Mention,
    /// Never reaches the result: whitespace between tokens.
    Whitespace,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Arabic => "arabic",
            Kind::Latin => "latin",
            Kind::Mixed => "mixed",
            Kind::Number => "number",
            Kind::Punct => "punct",
            Kind::Symbol => "symbol",
            Kind::Emoji => "emoji",
            Kind::Url => "url",
            Kind::Email => "email",
            Kind::Hashtag => "hashtag",
            Kind::Mention => "mention",
            Kind::Whitespace => "whitespace",
        }
    }

    /// Tokens that are words of running text (counted as words in the statistics).
    pub fn is_word(self) -> bool {
        matches!(self, Kind::Arabic | Kind::Latin | Kind::Mixed | Kind::Number)
    }
}

/// A raw token: its kind and its length in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken {
    pub kind: Kind,
    pub len: usize,
}

/// Iterates over the tokens of `text`, whitespace included. The lengths add up to `text.len()`.
pub fn tokenize(text: &str) -> impl Iterator<Item = RawToken> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let t = first_token(rest);
        rest = &rest[t.len..];
        Some(t)
    })
}

/// The first token of a non-empty string.
pub fn first_token(s: &str) -> RawToken {
    debug_assert!(!s.is_empty());
    let c = s.chars().next().unwrap();
    // The common case first: an Arabic word.
    if is_arabic_letter(c) {
        let (kind, len) = word(s);
        return RawToken { kind, len };
    }
    if c == ' ' {
        return RawToken { kind: Kind::Whitespace, len: run(s, char::is_whitespace) };
    }
    let (kind, len) = if c.is_whitespace() {
        (Kind::Whitespace, run(s, char::is_whitespace))
    } else if let Some(n) = url(s) {
        (Kind::Url, n)
    } else if let Some(n) = email(s) {
        (Kind::Email, n)
    } else if let Some(n) = hashtag(s) {
        (Kind::Hashtag, n)
    } else if let Some(n) = mention(s) {
        (Kind::Mention, n)
    } else if let Some(n) = emoji(s) {
        (Kind::Emoji, n)
    } else if is_word_start(s) {
        word(s)
    } else if let Some(n) = char_reference(s) {
        // Text scraped from web pages keeps its HTML escapes («&quot;خالد&quot;»): one symbol,
        // not the punctuation and the word «quot».
        (Kind::Symbol, n)
    } else if is_punctuation(c) {
        // A run of the same mark is one token: «..», «...», «!!», «؟؟».
        let n = run(s, |x| x == c);
        (Kind::Punct, n)
    } else if is_invisible(c) {
        (Kind::Symbol, run(s, is_invisible))
    } else {
        // A symbol and any combining marks that hang on it.
        let n = c.len_utf8() + run(&s[c.len_utf8()..], |x| is_other_mark(x) || is_emoji_modifier(x));
        (Kind::Symbol, n)
    };
    RawToken { kind, len }
}

fn run(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|&(_, c)| !f(c)).map_or(s.len(), |(i, _)| i)
}

fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_other_letter(c) || is_digit(c) || is_arabic_mark(c) || is_other_mark(c)
}

/// A word starts at a letter, a digit or a mark, or at invisible characters that lead into one.
fn is_word_start(s: &str) -> bool {
    let i = run(s, is_invisible);
    s[i..].chars().next().is_some_and(is_word_char)
}

/// A maximal run of letters, digits, marks and invisible joiners, with separators allowed
/// inside numbers (2,5 2.5 ٢٫٥ 2019-2020; after a proclitic only the decimal and thousands
/// ones: و391.2) and apostrophes inside Latin words.
fn word(s: &str) -> (Kind, usize) {
    let (mut arabic, mut other, mut digit, mut letters_after_digit) = (false, false, false, 0usize);
    let mut ordinal = [0u8; 3];
    let mut prev: Option<char> = None;
    let mut end = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let ok = if is_arabic_letter(c) {
            arabic = true;
            if digit {
                letters_after_digit += 1;
            }
            true
        } else if is_other_letter(c) {
            other = true;
            if digit {
                letters_after_digit += 1;
                if letters_after_digit <= 3 {
                    ordinal[letters_after_digit - 1] = if c.is_ascii() { c.to_ascii_lowercase() as u8 } else { b'?' };
                }
            }
            true
        } else if is_digit(c) {
            digit = true;
            true
        } else if is_arabic_mark(c)
            || is_other_mark(c)
            || is_invisible(c)
            // a separator between two digits: any of these in a number with no Arabic letter
            // («2,5», «10:30», «23/7/2023»); after a proclitic («و391.2», «بـ2,5»: the Arabic
            // letters all before the first digit) only the decimal and thousands ones
            || (prev.is_some_and(is_digit)
                && next.is_some_and(is_digit)
                && match c {
                    '.' | ',' | '\u{066B}' | '\u{066C}' => !arabic || letters_after_digit == 0,
                    '-' | ':' | '/' => !arabic,
                    _ => false,
                })
            // an apostrophe inside a Latin word («don't»)
            || (matches!(c, '\'' | '\u{2019}') && prev.is_some_and(is_other_letter) && next.is_some_and(is_other_letter))
        {
            true
        } else if matches!(c, '%' | '\u{066A}') && prev.is_some_and(is_digit) && !arabic && !other {
            end = i + c.len_utf8();
            break;
        } else {
            false
        };
        if !ok {
            break;
        }
        prev = Some(c);
        end = i + c.len_utf8();
    }
    let kind = match (arabic, other, digit) {
        (false, false, true) => Kind::Number,
        (false, true, true) if letters_after_digit == 2 && matches!(&ordinal[..2], b"st" | b"nd" | b"rd" | b"th") => {
            Kind::Number
        }
        (true, false, false) => Kind::Arabic,
        (false, true, false) => Kind::Latin,
        (false, false, false) => Kind::Symbol, // only marks: a lone tatweel or diacritic
        _ => Kind::Mixed,
    };
    (kind, end)
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// An HTML character reference at the start of `s`: `&name;` (2 to 31 ASCII letters and
/// digits, a letter first), `&#123;` or `&#x1F600;`, semicolon required.
fn char_reference(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('&')?.as_bytes();
    let body = match rest {
        [b'#', b'x' | b'X', hex @ ..] => 2 + (1..=6).find(|&n| hex.get(n) == Some(&b';') && hex[..n].iter().all(u8::is_ascii_hexdigit))?,
        [b'#', dec @ ..] => 1 + (1..=7).find(|&n| dec.get(n) == Some(&b';') && dec[..n].iter().all(u8::is_ascii_digit))?,
        [first, ..] if first.is_ascii_alphabetic() => (2..=31).find(|&n| rest.get(n) == Some(&b';') && rest[..n].iter().all(u8::is_ascii_alphanumeric))?,
        _ => return None,
    };
    Some(1 + body + 1)
}

fn url(s: &str) -> Option<usize> {
    if !matches!(s.as_bytes()[0], b'h' | b'H' | b'w' | b'W') {
        return None;
    }
    let scheme = ["https://", "http://", "www."].into_iter().find(|p| starts_with_ignore_case(s, p))?;
    let mut n = run(s, |c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '«' | '»' | '“' | '”') && !is_invisible(c));
    // Trailing punctuation belongs to the sentence, not to the address.
    while let Some(c) = s[..n].chars().next_back() {
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'' | '،' | '؛' | '؟' | '…') {
            n -= c.len_utf8();
        } else {
            break;
        }
    }
    let min = scheme.len() + 1;
    (n >= min).then_some(n)
}

fn email(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b[0].is_ascii_alphanumeric() {
        return None;
    }
    let local = b.iter().take_while(|&&x| x.is_ascii_alphanumeric() || b"._%+-".contains(&x)).count();
    if b.get(local) != Some(&b'@') {
        return None;
    }
    let mut i = local + 1;
    let mut labels = 0;
    let mut last_alpha = false;
    loop {
        let l = b[i..].iter().take_while(|&&x| x.is_ascii_alphanumeric() || x == b'-').count();
        if l == 0 {
            break;
        }
        last_alpha = b[i..i + l].iter().all(u8::is_ascii_alphabetic) && l >= 2;
        labels += 1;
        i += l;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        } else {
            break;
        }
    }
    (labels >= 2 && last_alpha).then_some(i)
}

fn hashtag(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('#').or_else(|| s.strip_prefix('＃'))?;
    let n = run(rest, |c| is_word_char(c) || c == '_' || is_invisible(c));
    if n == 0 || !rest[..n].chars().any(|c| is_arabic_letter(c) || is_other_letter(c) || is_digit(c)) {
        return None;
    }
    Some(s.len() - rest.len() + n)
}

fn mention(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('@')?;
    let n = run(rest, |c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    let n = n - rest[..n].chars().rev().take_while(|&c| c == '.').count();
    (n > 0).then_some(1 + n)
}

fn emoji(s: &str) -> Option<usize> {
    let mut it = s.char_indices().peekable();
    let (_, c) = it.next()?;
    // Flags: a pair of regional indicators.
    if is_regional_indicator(c) {
        let n = c.len_utf8();
        return Some(match s[n..].chars().next() {
            Some(d) if is_regional_indicator(d) => n + d.len_utf8(),
            _ => n,
        });
    }
    // Keycaps: 1️⃣ #️⃣
    if c.is_ascii_digit() || c == '#' || c == '*' {
        let rest = &s[1..];
        if rest.starts_with("\u{FE0F}\u{20E3}") {
            return Some(1 + 3 + 3);
        }
        if rest.starts_with('\u{20E3}') {
            return Some(1 + 3);
        }
        return None;
    }
    if !is_emoji_base(c) {
        return None;
    }
    let mut end = c.len_utf8();
    loop {
        end += run(&s[end..], is_emoji_modifier);
        let rest = &s[end..];
        if let Some(after) = rest.strip_prefix('\u{200D}') {
            if let Some(d) = after.chars().next().filter(|&d| is_emoji_base(d)) {
                end += 3 + d.len_utf8();
                continue;
            }
        }
        break;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(Kind, &str)> {
        let mut pos = 0;
        tokenize(s)
            .filter_map(|t| {
                let out = (t.kind, &s[pos..pos + t.len]);
                pos += t.len;
                (t.kind != Kind::Whitespace).then_some(out)
            })
            .collect()
    }

    #[test]
    fn kinds() {
        use Kind::*;
        let cases: &[(&str, Kind)] = &[
            ("روسيا", Arabic),
            ("مَرْحَبًا", Arabic),
            ("Putin", Latin),
            ("بـ5G", Mixed),
            ("الـ80", Mixed),
            ("123", Number),
            ("2,5", Number),
            ("2.5", Number),
            ("٢٫٥", Number),
            ("60%", Number),
            ("1,000,000", Number),
            ("2019-2020", Number),
            ("6:30", Number),
            ("23/7/2023", Number),
            ("7th", Number),
            ("و391.2", Mixed),
            ("بـ2,5", Mixed),
            ("و١٫٥", Mixed),
            ("https://example.org/ar?q=1", Url),
            ("www.aljazeera.net", Url),
            ("a@b.co", Email),
            ("#كوريا_الشمالية", Hashtag),
            ("@user", Mention),
            ("👩‍👩‍👧", Emoji),
            ("🇸🇦", Emoji),
            ("👍🏽", Emoji),
            ("،", Punct),
            ("؟", Punct),
            ("«", Punct),
            ("”", Punct),
            ("…", Punct),
            ("...", Punct),
            ("$", Symbol),
            ("ـــ", Symbol),
            ("&quot;", Symbol),
            ("&#39;", Symbol),
            ("&#x1F600;", Symbol),
        ];
        for &(s, k) in cases {
            assert_eq!(toks(s), vec![(k, s)], "{s}");
        }
    }

    #[test]
    fn sentence_pieces() {
        use Kind::*;
        assert_eq!(
            toks("وروسيا.. ما السر؟"),
            vec![(Arabic, "وروسيا"), (Punct, ".."), (Arabic, "ما"), (Arabic, "السر"), (Punct, "؟")]
        );
        assert_eq!(toks("بـ”الفاشلة”."), vec![(Arabic, "بـ"), (Punct, "”"), (Arabic, "الفاشلة"), (Punct, "”"), (Punct, ".")]);
        assert_eq!(toks("انظر https://x.org/a."), vec![(Arabic, "انظر"), (Url, "https://x.org/a"), (Punct, ".")]);
        // a separator joins a number after a proclitic only between two digits, and only «.» «,» «٫» «٬»
        assert_eq!(toks("بلغ و391.2."), vec![(Arabic, "بلغ"), (Mixed, "و391.2"), (Punct, ".")]);
        assert_eq!(toks("الجزء2.أ"), vec![(Mixed, "الجزء2"), (Punct, "."), (Arabic, "أ")]);
        assert_eq!(toks("و2020-2021"), vec![(Mixed, "و2020"), (Punct, "-"), (Number, "2021")]);
        assert_eq!(toks("2,5 مليون"), vec![(Number, "2,5"), (Arabic, "مليون")]);
        assert_eq!(toks("1, 2"), vec![(Number, "1"), (Punct, ","), (Number, "2")]);
    }

    #[test]
    fn html_character_references() {
        use Kind::*;
        assert_eq!(toks("&quot;خالد&quot;."), vec![(Symbol, "&quot;"), (Arabic, "خالد"), (Symbol, "&quot;"), (Punct, ".")]);
        assert_eq!(toks("AT&amp;T"), vec![(Latin, "AT"), (Symbol, "&amp;"), (Latin, "T")]);
        // without the semicolon, or not a name, it is text as usual
        assert_eq!(toks("&quot x"), vec![(Punct, "&"), (Latin, "quot"), (Latin, "x")]);
        assert_eq!(toks("& ;"), vec![(Punct, "&"), (Punct, ";")]);
        for bad in ["&#;", "&#x;", "&1a;", "&#12345678;", "&a;", "&ab c;"] {
            assert!(toks(bad).iter().all(|&(_, t)| !t.starts_with('&') || t == "&"), "{bad}: {:?}", toks(bad));
        }
    }

    #[test]
    fn invisible_characters_do_not_split_words() {
        assert_eq!(toks("عبد\u{200C}الله"), vec![(Kind::Arabic, "عبد\u{200C}الله")]);
        assert_eq!(toks("\u{200F}قال\u{200E}"), vec![(Kind::Arabic, "\u{200F}قال\u{200E}")]);
        assert_eq!(toks("\u{200F} x"), vec![(Kind::Symbol, "\u{200F}"), (Kind::Latin, "x")]);
    }

    #[test]
    fn lengths_add_up() {
        let s = "😀 ٠١٢٣ ۴۵۶ ـــ ً ّ \u{0}\u{1} ﻻ ﷲ";
        assert_eq!(tokenize(s).map(|t| t.len).sum::<usize>(), s.len());
        assert!(tokenize(s).all(|t| t.len > 0));
    }
}
