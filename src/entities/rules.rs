//! Rule-based entities: DATE, MONEY, PERCENT, QUANTITY and NUMBER, and the currency of an
//! amount of money (MISC).
//!
//! Dates and amounts follow a few fixed shapes in news text, so rules over the token list find
//! them more exactly than a statistical tagger would:
//! - DATE: «23 يوليو 2023», «7th, October 2023», «سبتمبر المقبل», «أكتوبر 2023», «عام 2023»,
//!   «1445 هـ», «15 رمضان», «يوم الجمعة», «23/7/2023».
//! - PERCENT: «60%», «60 في المئة».
//! - MONEY: «5 ملايين دولار», «$5». An amount followed by a currency word is MONEY up to the
//!   currency, and the currency is a name of its own, MISC («5 ملايين» + «دولار»): ANERcorp,
//!   the corpus the entity scores are read against, types «دولار» after an amount MISC (191
//!   times in 200 in its training part), and in the merge the tagger's names come first, so an
//!   amount that held the tagger's «دولار» used to vanish whole. Split, the currency no longer
//!   hides the amount, and it is MISC whether or not the tagger found it.
//! - QUANTITY: a number, an optional scale word and a unit or a counted noun: «2,5 مليون قذيفة»,
//!   «60 ألف طلقة», «70 عربة», «10 كيلومترات».
//! - NUMBER: any other number, with its scale words («2,5 مليون»).
//!
//! The word lists are `data/rules.txt` ([`crate::lexicon::rule_words`]). Spans start after an
//! attached proclitic («ولعام 2023» → «عام 2023»).

use crate::analysis::{Entity, Role, Token};
use crate::lexicon::rule_words::{section, Phrases};
use crate::text::tokenize::Kind;

/// The key of a token's base word (its proclitics removed) and where that base starts.
fn base(t: &Token) -> (&str, u32) {
    let first_base = t.segments.iter().find(|s| s.role == Role::Base);
    match first_base {
        Some(s) => (s.key.as_str(), s.start),
        None => (t.key.as_str(), t.start),
    }
}

fn is_word(t: &Token) -> bool {
    matches!(t.kind, Kind::Arabic | Kind::Latin)
}

/// A number token, or a number behind a proclitic («و60») or the article («ال309 ملايين»,
/// «الـ30»: the segmenter leaves the article on its word, so it is skipped here): the number's
/// key and start.
fn number(t: &Token) -> Option<(&str, u32)> {
    match t.kind {
        Kind::Number => Some((t.key.as_str(), t.start)),
        Kind::Mixed => {
            let b = t.segments.iter().find(|s| s.role == Role::Base)?;
            let is_last = t.segments.last().is_some_and(|l| l.start == b.start);
            let (key, start) = match b.key.strip_prefix("ال") {
                Some(rest) => {
                    let lead = b.text.find(crate::text::chars::is_digit)?;
                    (rest, b.start + lead as u32)
                }
                None => (b.key.as_str(), b.start),
            };
            (is_last && key.starts_with(|c: char| c.is_ascii_digit()) && key.bytes().all(|c| c.is_ascii_digit() || b".,%-/:".contains(&c)))
                .then_some((key, start))
        }
        _ => None,
    }
}

/// The integer value of a plain number (digits only).
fn int(t: &Token) -> Option<u64> {
    let (k, _) = number(t)?;
    if k.is_empty() || !k.bytes().all(|b| b.is_ascii_digit()) || k.len() > 12 {
        return None;
    }
    k.parse().ok()
}

fn is_year(t: &Token) -> bool {
    number(t).is_some_and(|(k, _)| k.len() >= 3) && int(t).is_some_and(|y| (100..=2200).contains(&y))
}

/// How large a scale word (of `[scale]` or `[dual_scale]`) is, by its key: 5 for a trillion
/// down to 1 for a hundred (the singular, plural and dual share their stem; «مي» and «ماي» are
/// «مئة» and «مائة» folded), 0 for a word of neither list that has none of the stems.
fn scale_rank(key: &str) -> u8 {
    const STEMS: [(&str, u8); 10] =
        [("تريليون", 5), ("ترليون", 5), ("مليار", 4), ("بليون", 4), ("مليون", 3), ("ملايين", 3), ("الف", 2), ("الاف", 2), ("مي", 1), ("ماي", 1)];
    STEMS.iter().find(|(stem, _)| key.starts_with(stem)).map_or(0, |&(_, rank)| rank)
}

/// The sections of `data/rules.txt` the rules use.
#[derive(Clone, Copy)]
enum Sec {
    Month,
    IslamicMonth,
    LatinMonth,
    Weekday,
    Relative,
    YearWord,
    Era,
    Scale,
    Percent,
    Currency,
    Unit,
    DualScale,
}

const SECTIONS: [&str; 12] = ["month", "islamic_month", "latin_month", "weekday", "relative", "year_word", "era", "scale", "percent", "currency", "unit", "dual_scale"];
const MONTHS: [Sec; 3] = [Sec::Month, Sec::IslamicMonth, Sec::LatinMonth];

/// Each [`Sec`]'s word list, looked up by name once (the rules ask for them at every token).
fn sections() -> &'static [&'static Phrases; 12] {
    static S: std::sync::OnceLock<[&'static Phrases; 12]> = std::sync::OnceLock::new();
    S.get_or_init(|| SECTIONS.map(section))
}

/// For each key that begins an entry of some section, the sections it begins one of (bit
/// `Sec as u16`): a token whose key and base key are in none needs no section lookups.
fn first_words() -> &'static crate::lexicon::Map<String, u16> {
    static M: std::sync::OnceLock<crate::lexicon::Map<String, u16>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut m = crate::lexicon::Map::default();
        for (s, p) in sections().iter().enumerate() {
            for f in p.firsts() {
                *m.entry(f.to_string()).or_default() |= 1 << s;
            }
        }
        m
    })
}

/// The sections whose entries may begin with a word of key `key` whose base segment's key is
/// `base` (bit `s` for section `s`); a fact of each lexeme ([`crate::doc::Facts::rule_sections`]).
pub fn sections_begun(key: &str, base: &str) -> u16 {
    let firsts = first_words();
    firsts.get(key).copied().unwrap_or(0) | firsts.get(base).copied().unwrap_or(0)
}

struct Matcher<'a> {
    text: &'a str,
    tokens: &'a [Token],
    sections: &'static [&'static Phrases; 12],
    /// Per token, the sections whose entries may begin there (see [`first_words`]).
    begins: Vec<u16>,
}

impl<'a> Matcher<'a> {
    /// Length in tokens of the longest entry of `sec` starting at token `i` (first word matched
    /// by its key or its base key), if any.
    fn words(&self, sec: Sec, i: usize) -> Option<usize> {
        if self.begins.get(i).is_none_or(|&b| b & (1 << sec as u16) == 0) {
            return None;
        }
        let t = self.tokens.get(i)?;
        if !(is_word(t) || t.kind == Kind::Symbol || t.kind == Kind::Punct) {
            return None;
        }
        let next = |j: usize| -> Option<&'a str> {
            let n = self.tokens.get(i + j)?;
            if !self.in_phrase(i + j) {
                return None;
            }
            Some(n.key.as_str())
        };
        let p = self.sections[sec as usize];
        p.longest(&t.key, next).or_else(|| p.longest(base(t).0, next))
    }

    /// Whether token `i` follows token `i - 1` in the same phrase: on the same line, and not
    /// after a gap of three or more spaces, which sets columns or a post's parts apart («11   حسبنا
    /// الله»: a count of reposts, then the post; not eleven of anything).
    fn in_phrase(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let gap = &self.text[self.tokens[i - 1].end as usize..self.tokens[i].start as usize];
        !gap.contains('\n') && gap.chars().nth(2).is_none()
    }

    /// Scale words after a number: «2,5 مليون», «60 ألف».
    fn scales(&self, mut i: usize) -> usize {
        let start = i;
        while i < self.tokens.len() && self.in_phrase(i) && self.words(Sec::Scale, i) == Some(1) {
            i += 1;
        }
        i - start
    }

    fn entity(&self, kind: &str, a: usize, b: usize, start: u32) -> Entity {
        let end = self.tokens[b - 1].end;
        let key = self.tokens[a..b].iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join(" ");
        Entity {
            start,
            end,
            text: self.text[start as usize..end as usize].to_string(),
            kind: kind.into(),
            key,
            source: "rule".into(),
        }
    }

    /// A date that starts at token `i`: its end (exclusive token index) and start offset.
    fn date(&self, i: usize) -> Option<usize> {
        let t = &self.tokens[i];
        let n = self.tokens.len();
        let follows = |j: usize| j < n && self.in_phrase(j);
        let year_after = |j: usize| -> usize {
            // An optional year and era: «2023», «2023م», «1445 هـ».
            let mut j = j;
            if follows(j) && is_year(&self.tokens[j]) {
                j += 1;
                if follows(j) && self.words(Sec::Era, j) == Some(1) {
                    j += 1;
                }
            }
            j
        };
        if let Some((k, _)) = number(t) {
            if k.matches('/').count() == 2 || (k.matches('-').count() == 2 && k.len() >= 8) {
                return Some(i + 1); // 23/7/2023, 2023-07-23
            }
            let day = int(t).is_some_and(|d| (1..=31).contains(&d)) || ["th", "st", "nd", "rd"].iter().any(|o| k.ends_with(o));
            // «16 / 11 / 1436 ه»: a numeric date written with spaced slashes.
            let slash = |j: usize| follows(j) && matches!(self.tokens[j].text.as_str(), "/" | "-");
            if day
                && slash(i + 1)
                && follows(i + 2)
                && int(&self.tokens[i + 2]).is_some_and(|m| (1..=12).contains(&m))
                && self.tokens[i + 3..].first().is_some_and(|t| t.text == self.tokens[i + 1].text)
                && follows(i + 4)
                && is_year(&self.tokens[i + 4])
            {
                let mut end = i + 5;
                if follows(end) && self.words(Sec::Era, end) == Some(1) {
                    end += 1;
                }
                return Some(end);
            }
            let mut j = i + 1;
            if day && follows(j) && self.tokens[j].text == "," {
                j += 1; // «7th, October»
            }
            if day && follows(j) {
                for sec in MONTHS {
                    if let Some(m) = self.words(sec, j) {
                        return Some(year_after(j + m));
                    }
                }
            }
            // «1445 هـ», «2023م» is one token and stays a number
            if is_year(t) && follows(i + 1) && self.words(Sec::Era, i + 1) == Some(1) {
                return Some(i + 2);
            }
            return None;
        }
        if !is_word(t) {
            return None;
        }
        for sec in MONTHS {
            if let Some(m) = self.words(sec, i) {
                let after = i + m;
                if follows(after) && self.words(Sec::Relative, after) == Some(1) {
                    return Some(after + 1); // «سبتمبر المقبل»
                }
                let y = year_after(after);
                if y > after {
                    return Some(y); // «أكتوبر 2023»
                }
                // A month name alone is a date after «شهر» (مارس and آب are also ordinary words).
                if i > 0 && self.in_phrase(i) && self.tokens[i - 1].key.ends_with("شهر") {
                    return Some(after);
                }
                return None;
            }
        }
        if self.words(Sec::YearWord, i) == Some(1) && follows(i + 1) && is_year(&self.tokens[i + 1]) {
            return Some(year_after(i + 1)); // «عام 2023»
        }
        if base(t).0 == "يوم" && follows(i + 1) && self.words(Sec::Weekday, i + 1) == Some(1) {
            return Some(i + 2); // «يوم الجمعة»
        }
        None
    }

    /// Whether token `j` is و and a number written together («و391.2»).
    fn is_and_number(&self, j: usize) -> bool {
        let t = &self.tokens[j];
        t.kind == Kind::Mixed && t.segments.first().is_some_and(|s| s.role == Role::Proclitic && s.key == "و") && number(t).is_some()
    }

    /// An amount that starts at token `i`: its kind, its end (exclusive token index) and, for
    /// money written with a currency word, the token where the currency begins.
    fn amount(&self, i: usize) -> Option<(&'static str, usize, Option<usize>)> {
        let t = &self.tokens[i];
        let n = self.tokens.len();
        let follows = |j: usize| j < n && self.in_phrase(j);
        if t.kind == Kind::Symbol && matches!(t.text.as_str(), "$" | "€" | "£") && follows(i + 1) && self.tokens[i + 1].kind == Kind::Number {
            let j = i + 2;
            return Some(("MONEY", j + self.scales(j), None));
        }
        let (k, dual) = match number(t) {
            Some((k, _)) => (k, false),
            None if self.words(Sec::DualScale, i) == Some(1) => ("", true),
            None => return None,
        };
        if k.ends_with('%') || k.ends_with('\u{066A}') {
            return Some(("PERCENT", i + 1, None));
        }
        let mut j = i + 1 + self.scales(i + 1);
        // «تريليونين و391.2 مليار», «3 ملايين و500 ألف»: a part with a scale word, and
        // و with a number, is one amount
        // «تريليونين و391.2 مليار», «3 ملايين و500 ألف»: و, a number and a smaller scale word
        // after a scale word continue one amount («355.1 مليار و391.2 مليار» are two)
        let mut last = if j > i + 1 || dual { scale_rank(base(&self.tokens[j - 1]).0) } else { 0 };
        while last > 0 && follows(j) && self.is_and_number(j) {
            let after = j + 1 + self.scales(j + 1);
            let rank = if after > j + 1 { scale_rank(base(&self.tokens[after - 1]).0) } else { 0 };
            if rank == 0 || rank >= last {
                break;
            }
            (j, last) = (after, rank);
        }
        if follows(j) {
            if let Some(m) = self.words(Sec::Percent, j) {
                return Some(("PERCENT", j + m, None));
            }
            if let Some(m) = self.words(Sec::Currency, j) {
                return Some(("MONEY", j + m, Some(j)));
            }
            if let Some(m) = self.words(Sec::Unit, j) {
                return Some(("QUANTITY", j + m, None));
            }
            // A counted noun: «70 عربة», «60 ألف طلقة». Not after a bare year, not a function word.
            let c = &self.tokens[j];
            let year_like = j == i + 1 && !dual && is_year(t);
            if c.kind == Kind::Arabic && !year_like && !crate::lexicon::stopwords().contains(c.key.as_str()) && !crate::lexicon::stopwords().contains(base(c).0) && c.segments.len() == 1 && !c.key.starts_with("ال") {
                return Some(("QUANTITY", j + 1, None));
            }
        }
        Some(("NUMBER", j, None))
    }
}

/// Rule-based entities, in text order, not overlapping (an amount of money and its currency
/// are two: see the module's note). Byte offsets.
pub fn find(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let begins = tokens.iter().map(|t| crate::doc::facts(t).rule_sections).collect();
    let m = Matcher { text, tokens, sections: sections(), begins };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if let Some(end) = m.date(i) {
            out.push(m.entity("DATE", i, end, number(t).map_or(base(t).1, |(_, start)| start)));
            i = end;
        } else if let Some((kind, end, currency)) = m.amount(i) {
            let to = currency.unwrap_or(end);
            out.push(m.entity(kind, i, to, number(t).map_or(base(t).1, |(_, start)| start)));
            if to < end {
                out.push(m.entity("MISC", to, end, base(&tokens[to]).1));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    /// The rules alone (in the full analysis the tagger's names take precedence: ANERcorp tags
    /// currency words such as «دولار» MISC).
    fn ents(text: &str) -> Vec<(String, String)> {
        let tokens = crate::pipeline::tokens(text, &Default::default());
        super::find(text, &tokens).into_iter().map(|e| (e.kind, e.text)).collect()
    }

    fn has(text: &str, kind: &str, span: &str) {
        let e = ents(text);
        assert!(e.iter().any(|(k, t)| k == kind && t == span), "{kind} «{span}» not in {e:?}");
    }

    #[test]
    fn dates() {
        has("وصل في 23 يوليو 2023 إلى", "DATE", "23 يوليو 2023");
        has("تاريخ النشر: 7th, October 2023 GMT", "DATE", "7th, October 2023");
        has("ستعقد القمة في سبتمبر المقبل", "DATE", "سبتمبر المقبل");
        has("منذ أكتوبر 2023", "DATE", "أكتوبر 2023");
        has("ولعام 2023 نتائج", "DATE", "عام 2023");
        has("في 15 رمضان 1445 هـ", "DATE", "15 رمضان 1445 هـ");
        has("يوم الجمعة الماضي", "DATE", "يوم الجمعة");
        has("في 23/7/2023", "DATE", "23/7/2023");
        has("حتى 16 / 11 / 1436 ه. ثم", "DATE", "16 / 11 / 1436 ه");
        has("من 1 - 2 - 2015 إلى", "DATE", "1 - 2 - 2015");
        has("خلال شهر مارس", "DATE", "مارس");
        has("في 5 كانون الثاني", "DATE", "5 كانون الثاني");
        // «مارس» is also a verb: alone it is not a date.
        assert!(ents("مارس الرياضة").is_empty());
    }

    #[test]
    fn amounts() {
        has("أنتجت 2,5 مليون قذيفة", "QUANTITY", "2,5 مليون قذيفة");
        has("و60 ألف طلقة", "QUANTITY", "60 ألف طلقة");
        has("ما لا يقل عن 70 عربة شحن", "QUANTITY", "70 عربة");
        has("ارتفع 60% عن", "PERCENT", "60%");
        has("بنسبة 5 في المئة", "PERCENT", "5 في المئة");
        has("بقيمة 5 ملايين دولار", "MONEY", "5 ملايين");
        has("بقيمة 5 ملايين دولار", "MISC", "دولار");
        has("دفع $5 مليون", "MONEY", "$5 مليون");
        has("مسافة 10 كيلومترات", "QUANTITY", "10 كيلومترات");
        has("في عام 1990 من", "DATE", "عام 1990");
        has("العدد 42 من", "NUMBER", "42");
        // a decimal number behind a proclitic is one number («و391.2», not «و391» «.» «2»)
        has("ارتفعت من 355.1 مليار و391.2 مليار درهم", "MONEY", "391.2 مليار");
        has("بلغت بـ182.5 مليون ريال", "MONEY", "182.5 مليون");
        // the article written on a number («ال309»)
        has("بقيمة فاقت ال309 ملايين ريال", "MONEY", "309 ملايين");
        has("في الذكرى الـ50 لتأسيسها", "NUMBER", "50");
        // the dual of a scale word is an amount on its own, and a smaller part after و joins it
        has("بلغت تريليونين و391.2 مليار درهم", "MONEY", "تريليونين و391.2 مليار");
        has("بلغت تريليونين و391.2 مليار درهم", "MISC", "درهم");
        has("بقيمة ملياري يورو", "MONEY", "ملياري");
        has("زارها مليونا سائح ثم مليوني سائح", "QUANTITY", "مليوني سائح");
        has("نحو ألفين في الشوارع", "NUMBER", "ألفين");
        has("تبرع بـ3 ملايين و500 ألف ريال", "MONEY", "3 ملايين و500 ألف");
        // the same scale twice is two amounts, and a part without a scale word stays apart
        has("من 355.1 مليار و391.2 مليار درهم", "NUMBER", "355.1 مليار");
        has("ربح 5 ملايين و3 أطفال", "QUANTITY", "3 أطفال");
        // a wide gap ends the phrase: a count of reposts before a post is a number
        has("@salah 3   تفجير مسجد", "NUMBER", "3");
        has("بلغ 3  أشخاص", "QUANTITY", "3  أشخاص");
    }

    /// An amount of money is shown whether or not the tagger found its currency: the tagger's
    /// «دولار» (MISC, as ANERcorp types it) no longer hides the amount it belongs to, and a
    /// currency the tagger passed over is MISC all the same.
    #[test]
    fn amounts_of_money_keep_their_amount_beside_the_currency() {
        let text = "وبلغت قيمة الصفقة 5 ملايين دولار، ودفعت الشركة 20 مليون يورو و3 مليارات ريال.";
        let a = analyze(text, &Options::default());
        let found: Vec<(&str, &str)> = a.entities.iter().map(|e| (e.kind.as_str(), e.text.as_str())).collect();
        for amount in ["5 ملايين", "20 مليون", "3 مليارات"] {
            assert!(found.contains(&("MONEY", amount)), "MONEY «{amount}» not in {found:?}");
        }
        for currency in ["دولار", "يورو", "ريال"] {
            assert!(found.contains(&("MISC", currency)), "MISC «{currency}» not in {found:?}");
        }
    }

    #[test]
    fn spans_are_exact() {
        let text = "وفي 23 يوليو 2023 أنتجت 2,5 مليون قذيفة بـ5 ملايين دولار";
        let a = analyze(text, &Options::default());
        let u: Vec<u16> = text.encode_utf16().collect();
        for e in &a.entities {
            assert_eq!(String::from_utf16(&u[e.start as usize..e.end as usize]).unwrap(), e.text);
        }
    }
}
