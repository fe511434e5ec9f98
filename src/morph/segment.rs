//! Clitic segmentation: where an Arabic word splits into its syntactic words, the way
//! Universal Dependencies treebanks for Arabic split them (و + روسيا, ب + الأسلحة,
//! ل + لسلطة, نشرت + ها). The article ال stays attached.
//!
//! The segmenter returns cut points into the original word, so the segments always
//! concatenate back to the token; marks, tatweel and invisible characters stay with the
//! letter before them.

use crate::text::chars::{is_arabic_letter, is_arabic_mark, is_digit, is_invisible};
use crate::text::clitics::{pronoun_suffixes, Suffixes};
use crate::lexicon::wordfreq;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

type WordSet = HashSet<Vec<u8>, BuildHasherDefault<wordfreq::Fnv>>;
use std::sync::OnceLock;

/// Cut points of one word: byte offsets into it, strictly increasing, never 0 or the length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cuts {
    at: [u16; 6],
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
    /// The pieces of `word` these cuts make (they concatenate back to `word`).
    pub fn pieces<'a>(&self, word: &'a str) -> Vec<&'a str> {
        let mut out = Vec::with_capacity(self.len() + 1);
        let mut prev = 0;
        for c in self.iter() {
            out.push(&word[prev..c]);
            prev = c;
        }
        out.push(&word[prev..]);
        out
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

/// Longest word (in letters) the segmenter looks at; longer words are left whole.
const MAX: usize = crate::lexicon::wordfreq::MAX_LETTERS;

/// The letters of a word as lexicon letter codes, with the byte offset where each starts.
struct Letters {
    code: [u8; MAX],
    at: [u16; MAX],
    n: usize,
    /// Bit i: letter i was written أ إ آ (not the plain alef of the article).
    hamza_alef: u64,
    /// Bit i: letter i was written ى (not a ya that can be the suffix ي).
    maqsura: u64,
    /// The word carries tanween fath (ـً): an accusative, never after a preposition.
    tanween_fath: bool,
    /// Tatweel runs at the start and at the end of the word, as byte lengths.
    lead: usize,
    trail: usize,
}

impl Letters {
    fn of(word: &str) -> Option<Letters> {
        if word.len() > u16::MAX as usize {
            return None;
        }
        let mut l = Letters { code: [0; MAX], at: [0; MAX], n: 0, hamza_alef: 0, maqsura: 0, tanween_fath: false, lead: 0, trail: 0 };
        let mut last_letter_end = 0;
        for (i, c) in word.char_indices() {
            if is_arabic_mark(c) || is_invisible(c) {
                if l.n == 0 {
                    if c == '\u{0640}' && l.lead == i {
                        l.lead = i + c.len_utf8();
                        continue;
                    }
                    return None; // a word that starts with a mark is left whole
                }
                if c == '\u{064B}' {
                    l.tanween_fath = true;
                }
                continue;
            }
            match c {
                'أ' | 'إ' | 'آ' if l.n < 64 => l.hamza_alef |= 1 << l.n,
                'ى' if l.n < 64 => l.maqsura |= 1 << l.n,
                _ => {}
            }
            last_letter_end = i + c.len_utf8();
            if l.n == MAX || !is_arabic_letter(c) {
                return None;
            }
            l.code[l.n] = wordfreq::code(c)?;
            l.at[l.n] = i as u16;
            l.n += 1;
        }
        let tail = &word[last_letter_end..];
        if l.n > 0 && !tail.is_empty() && tail.chars().all(|c| c == '\u{0640}') {
            l.trail = tail.len();
        }
        Some(l)
    }
    /// Letters i, i+1 are the article ال (plain alef).
    fn article_at(&self, a: &Abc, i: usize) -> bool {
        i + 1 < self.n && self.code[i] == a.alef && self.code[i + 1] == a.lam && (i >= 64 || self.hamza_alef & (1 << i) == 0)
    }
    fn hamza_at(&self, i: usize) -> bool {
        i < 64 && self.hamza_alef & (1 << i) != 0
    }
}

/// Letter codes of the letters the rules talk about.
struct Abc {
    waw: u8,
    fa: u8,
    ba: u8,
    lam: u8,
    kaf: u8,
    sin: u8,
    alef: u8,
    ya: u8,
    ta: u8,
    nun: u8,
    teh_marbuta: u8,
    hamza: u8,
    /// Words that begin with a clitic letter but never lose it.
    keep_whole: WordSet,
    /// Place names (first words of the gazetteer's names) that begin with a clitic letter:
    /// بكين is Beijing, not ب + كين; بيونغ (يانغ) is not ب + يونغ.
    names: WordSet,
    /// Short words that a conjunction و/ف may precede.
    after_conj: WordSet,
    /// Short words that the preposition ب/ل may precede.
    after_prep: WordSet,
    /// Words made of ب/ل/ك + a noun that act as one preposition or adverb (بسبب, بشأن ...):
    /// split although the whole is more frequent than the noun.
    compound_prep: WordSet,
    /// Short words that take a pronoun suffix: من+ه, في+ها, أن+هم, لدى+نا ...
    takes_pronoun: WordSet,
    /// Words that take the first-person suffix ي: حول+ي, دون+ي ...
    takes_ya: WordSet,
    /// Pronoun suffixes, longest first.
    suffixes: Vec<Vec<u8>>,
}

fn codes(s: &str) -> Vec<u8> {
    let mut buf = [0u8; MAX];
    let n = wordfreq::encode(s, &mut buf).unwrap_or(0);
    buf[..n].to_vec()
}

fn set(words: &str) -> WordSet {
    words.split_whitespace().map(codes).filter(|c| !c.is_empty()).collect()
}

fn abc() -> &'static Abc {
    static ABC: OnceLock<Abc> = OnceLock::new();
    ABC.get_or_init(|| {
        let c = |ch: char| wordfreq::code(ch).expect("lexicon letter");
        Abc {
            waw: c('و'),
            fa: c('ف'),
            ba: c('ب'),
            lam: c('ل'),
            kaf: c('ك'),
            sin: c('س'),
            alef: c('ا'),
            ya: c('ي'),
            ta: c('ت'),
            nun: c('ن'),
            teh_marbuta: c('ة'),
            hamza: c('ء'),
            keep_whole: set(
                "كان كانت كانوا كانا كنت كنا كنتم كن لكن لكنّ لدى لقد كما كلما كلا كل كلاهما كيف كيفما كي لكي \
                 ليس ليست ليسوا لم لما لن لا لات لعل لو لولا لوما لذا لدن بل بعد بعدما بعض بين بينما بلى فقط فوق \
                 فيما في سوف سوى سيما لاسيما وراء وسط وفق وحد \
                 بيد بات باتت بقي بقيت بدا بدت بدأ بدأت بلغ بلغت فرد فردا كذلك فحسب بدلا بعيدا",
            ),
            after_conj: set("قد لا ما لم لن هو هي هم هن في من عن مع إن أن لو كل أي إذ ثم يا أو أم ها ذا إلى على إذا لكن"),
            after_prep: set("ما أن إن لا كل من هذا هذه ذلك تلك هؤلاء"),
            compound_prep: set(
                "بسبب بشأن بشكل بفضل بفعل بحسب بخصوص بمثابة بواسطة بمقدار بنسبة بحلول بمناسبة بصفة بصورة بهدف \
                 بغية بمجرد بموجب بدون بجانب بالقرب بالنسبة بالإضافة برفقة بمعزل بفارق بعنوان بمعنى \
                 لصالح لمدة لأجل لذلك لهذا لكل لأن لحساب لغرض لدعم",
            ),
            takes_pronoun: set(
                "من عن في مع أن إن لكن لدى على إلى حول دون عند بين مثل ضد نحو فوق تحت وراء أمام خلف بعد قبل \
                 ذات نفس أنفس وحد كل بعض أحد معظم جميع غير كأن ليت لعل عبر منذ حتى لدي",
            ),
            takes_ya: set("حول دون عند مع لدى"),
            names: crate::lexicon::places()
                .keys()
                .filter(|k| k.starts_with(['و', 'ف', 'ب', 'ل', 'ك']))
                .map(|k| codes(k))
                .filter(|c| c.len() >= 3)
                .collect(),
            suffixes: pronoun_suffixes(Suffixes::Segmenter).map(codes).collect(),
        }
    })
}

/// Zipf value of a word given as letter codes; 0 when the lexicon does not have it.
#[inline]
fn f(c: &[u8]) -> f32 {
    wordfreq::zipf_codes(c).unwrap_or(0.0)
}

/// `prefix` + `rest` as a small stack buffer, for lookups of derived forms.
#[inline]
fn with_prefix(prefix: &[u8], rest: &[u8], out: &mut [u8; MAX + 2]) -> usize {
    let n = prefix.len() + rest.len();
    if n > out.len() {
        return 0;
    }
    out[..prefix.len()].copy_from_slice(prefix);
    out[prefix.len()..n].copy_from_slice(rest);
    n
}

/// Should the clitic letter at `i` be cut off the rest of the word?
fn split_prefix(a: &Abc, l: &Letters, i: usize) -> bool {
    let w = &l.code[i..l.n];
    let p = w[0];
    let x = &w[1..];
    if x.len() < 2 || a.keep_whole.contains(w) || a.names.contains(w) {
        return false;
    }
    let conj = p == a.waw || p == a.fa;
    // A preposition governs the genitive: a word with tanween fath (ـاً) is not ب/ل/ك + noun.
    if l.tanween_fath && p != a.waw && p != a.sin {
        return false;
    }
    let (fw, fx) = (f(w), f(x));
    let definite = x.len() >= 4 && l.article_at(a, i + 1);
    if p == a.sin {
        // The future particle, on an imperfect verb (ي ت ن أ).
        let imperfect = x[0] == a.ya || x[0] == a.ta || x[0] == a.nun || (x[0] == a.alef && l.hamza_at(i + 1));
        if x.len() < 3 || !imperfect {
            return false;
        }
        return fx >= 2.5 && fw - fx < 0.0;
    }
    if definite {
        if p == a.lam {
            return false;
        }
        // كاليفورنيا is not ك + اليفورنيا: the whole must not be much more frequent.
        return (x.len() >= 5 || fx >= 3.5) && !(fw > 0.0 && fw - fx > 1.0 && fx < 3.0);
    }
    if x.len() == 2 {
        return if conj { a.after_conj.contains(x) } else { p != a.kaf && a.after_prep.contains(x) };
    }
    if !conj && a.compound_prep.contains(w) {
        return true;
    }
    if x.len() == 3 && (if conj { a.after_conj.contains(x) } else { a.after_prep.contains(x) }) {
        return true;
    }
    if fx == 0.0 {
        if fw > 0.0 {
            return false;
        }
        // Neither the word nor its rest is known: a name. After و, split unless the rest
        // starts like a foreign name written with و for W (وينهام, وودز).
        return p == a.waw && x.len() >= 3 && x[0] != a.waw && x[0] != a.ya && x[0] != a.alef;
    }
    if fw == 0.0 {
        return fx >= 2.0;
    }
    // A word that takes the article itself is a noun, not a clitic + word (وزير → الوزير).
    let mut buf = [0u8; MAX + 2];
    let n = with_prefix(&[a.alef, a.lam], w, &mut buf);
    let noun = n > 0 && f(&buf[..n]) >= fw - 1.0;
    // How much more frequent the whole may be than the rest, by clitic: و is by far the most
    // frequent of them, ك and ف the rarest (medians over the lexicon: و −1.4, ب −1.65,
    // ل −1.75, ف −2.2, ك −2.3).
    let limit = if noun {
        -1.0
    } else if p == a.waw {
        0.2
    } else if p == a.fa {
        -1.0
    } else if p == a.kaf {
        -1.3
    } else {
        0.3
    };
    fx >= 2.0 && fw - fx < limit
}

/// The best zipf value of a base cut before a pronoun suffix, trying the spellings it has
/// without the suffix: مشاهدت(ه) → مشاهدة, ارتداؤ(ه) → ارتداء, كتبو(ه) → كتبوا.
fn base_zipf(a: &Abc, y: &[u8]) -> f32 {
    let mut best = f(y);
    let mut buf = [0u8; MAX + 2];
    let n = y.len();
    if n == 0 || n + 1 > MAX {
        return best;
    }
    buf[..n].copy_from_slice(y);
    let last = y[n - 1];
    if last == a.ta {
        buf[n - 1] = a.teh_marbuta;
        best = best.max(f(&buf[..n]));
    }
    if last == a.waw || last == a.ya || last == a.alef {
        buf[n - 1] = a.hamza;
        best = best.max(f(&buf[..n]));
    }
    if last == a.waw {
        buf[n - 1] = a.waw;
        buf[n] = a.alef;
        best = best.max(f(&buf[..n + 1]));
    }
    best
}

/// Length (in letters) of the pronoun suffix to cut off letters `i..` (0 for none).
fn split_suffix(a: &Abc, l: &Letters, i: usize, after_prep: bool) -> usize {
    let b = &l.code[i..l.n];
    if b.len() < 2 || (b.len() >= 4 && l.article_at(a, i)) || a.keep_whole.contains(b) {
        return 0;
    }
    let last_is_maqsura = l.n - 1 < 64 && l.maqsura & (1 << (l.n - 1)) != 0;
    for s in &a.suffixes {
        if s.len() >= b.len() || !b.ends_with(s) {
            continue;
        }
        let y = &b[..b.len() - s.len()];
        if s[s.len() - 1] == a.ya && last_is_maqsura {
            continue; // معنى is not مع + ني
        }
        if s.len() == 1 && s[0] == a.ya {
            if a.takes_ya.contains(y) {
                return 1;
            }
            continue;
        }
        // ب/ل + pronoun: به, لها, لهم.
        if y.len() == 1 {
            if !after_prep && (y[0] == a.ba || y[0] == a.lam) {
                return s.len();
            }
            continue;
        }
        if a.takes_pronoun.contains(y) {
            return s.len();
        }
        if y.len() < 3 {
            continue;
        }
        let fy = base_zipf(a, y);
        let fb = f(b);
        let imperfect = y[0] == a.ya || y[0] == a.ta || (y[0] == a.alef && l.hamza_at(i)) || y[0] == a.nun;
        // نا and ني: after a perfect verb نا is the subject and stays (انطلقنا); split after
        // an imperfect verb (يجعلنا) or a noun that takes the article (بلادنا).
        let first_person = s[0] == a.nun;
        if first_person {
            let mut buf = [0u8; MAX + 2];
            let n = with_prefix(&[a.alef, a.lam], y, &mut buf);
            let noun = n > 0 && base_zipf(a, &buf[..n]) >= fy - 1.5;
            if fy >= 2.5 && (imperfect || (noun && s[1] == a.alef)) && (fb == 0.0 || fb - fy < 0.3) {
                return s.len();
            }
            if fy > 0.0 {
                return 0;
            }
            continue;
        }
        // Suffixes with ك are rare and ك is a common last letter.
        let kaf = s[0] == a.kaf;
        if kaf && y[y.len() - 1] == a.alef {
            continue; // شراك, أماكن
        }
        let (need, limit) = if kaf {
            (3.5, -0.5)
        } else if s.len() >= 2 {
            (2.3, 1.0) // ها هم هن هما
        } else {
            (2.5, 0.3) // ه
        };
        if fy >= need && (fb == 0.0 || fb - fy < limit) {
            return s.len();
        }
        if fy > 0.0 {
            // The longest matching suffix with a known base decides.
            return 0;
        }
    }
    0
}

/// Splits an Arabic word into clitics and base. Words that are not Arabic are never cut.
pub fn segment(word: &str) -> Cuts {
    let mut cuts = Cuts::default();
    let Some(l) = Letters::of(word) else {
        return clitic_before_digits(word);
    };
    if l.lead > 0 && l.n > 0 {
        cuts.push(l.lead); // a tatweel before the word stands alone: «ـلا»
    }
    if l.n < 2 {
        if l.trail > 0 {
            cuts.set_base_here();
            cuts.push(word.len() - l.trail);
        }
        return cuts;
    }
    let a = abc();
    let w = &l.code[..l.n];
    let mut i = 0;
    // Conjunction و / ف.
    if (w[0] == a.waw || w[0] == a.fa) && split_prefix(a, &l, 0) {
        cuts.push(l.at[1] as usize);
        i = 1;
    }
    // Preposition ب / ل / ك or the future particle س.
    let (mut prep, mut article) = (false, false);
    let r = &w[i..];
    if r.len() >= 4 && r[0] == a.lam && r[1] == a.lam {
        // ل + الX written لل: «للسلطة» is ل + لسلطة.
        cuts.push(l.at[i + 1] as usize);
        i += 1;
        prep = true;
        article = true;
    } else if r.len() >= 3 && (r[0] == a.ba || r[0] == a.lam || r[0] == a.kaf || r[0] == a.sin) && split_prefix(a, &l, i) {
        cuts.push(l.at[i + 1] as usize);
        i += 1;
        prep = r[0] != a.sin;
    }
    cuts.set_base_here();
    let s = if article { 0 } else { split_suffix(a, &l, i, prep || i > 0) };
    if s > 0 {
        cuts.push(l.at[l.n - s] as usize);
    }
    if l.trail > 0 {
        cuts.push(word.len() - l.trail); // «فقطـ»: the tatweel after the word stands alone
    }
    cuts
}

/// «و2006», «ب15000»: a conjunction or preposition written on a number is cut off it.
fn clitic_before_digits(word: &str) -> Cuts {
    let mut cuts = Cuts::default();
    let mut letters = 0;
    let mut end = 0;
    for (i, c) in word.char_indices() {
        match c {
            'و' | 'ف' if letters == 0 => {}
            'ب' | 'ل' | 'ك' if letters <= 1 => {}
            '\u{0640}' if letters > 0 => {
                end = i + c.len_utf8();
                continue;
            }
            _ if is_digit(c) && letters > 0 => {
                if word[i..].chars().all(|d| is_digit(d) || matches!(d, '.' | ',' | '\u{066B}' | '\u{066C}')) {
                    for (j, ch) in word[..end].char_indices() {
                        if j > 0 && ch != '\u{0640}' {
                            cuts.push(j);
                        }
                    }
                    cuts.push(end);
                    cuts.set_base_here();
                }
                return cuts;
            }
            _ => return cuts,
        }
        letters += 1;
        end = i + c.len_utf8();
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(w: &str) -> Vec<&str> {
        segment(w).pieces(w)
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
