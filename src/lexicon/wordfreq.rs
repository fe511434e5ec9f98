//! The embedded word-frequency lexicon: the 150,000 most frequent Arabic word forms of the
//! wordfreq package (data CC BY-SA 4.0, see `data/NOTICE.md`), rebuilt from the vendored
//! extract `data/sources/wordfreq-ar-top.tsv.gz` by `python3 tools/build_lexicon.py`.
//!
//! Forms are stored under a *letter key*: the matching key (see
//! [`crate::text::normalize::NormOptions::key`]) except that teh marbuta ة stays apart from ه.
//! Each letter is one byte code, so the segmenter can look up substrings of a word without
//! allocating. The table is parsed once, on first use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../../data/lexicon.bin");

/// Longest key (in letters) the lookups consider.
pub const MAX_LETTERS: usize = 40;

/// In [`Lexicon::encoding`]: a character [`encode`] skips. (Letter codes are small: the
/// alphabet has fewer than 64 letters.)
const SKIP: u8 = u8::MAX;

/// FNV-1a: keys are short byte strings (also used by the segmenter's word sets).
#[derive(Default)]
pub struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

struct Lexicon {
    /// Letter code of U+0600 + i after folding (see [`code`]), 0 when the character is not a
    /// lexicon letter.
    codes: [u8; 256],
    /// What [`encode`] does with U+0600 + i: [`SKIP`] for marks and tatweel, otherwise as `codes`.
    encoding: [u8; 256],
    /// Words of up to [`PACKED`] letters (all but a few thousand), their codes packed into one
    /// integer (see [`pack`]): a lookup hashes one integer, with no key bytes to fetch and
    /// compare.
    short: Packed,
    long: HashMap<&'static [u8], u8, BuildHasherDefault<Fnv>>,
}

/// Longest word kept in [`Lexicon::short`]: letter codes take 6 bits each, and a slot keeps
/// the frequency byte beside them.
const PACKED: usize = 9;

/// The codes of a word of up to [`PACKED`] letters as one integer. Codes are never 0, so
/// words of different lengths never pack alike, and no word packs to 0.
#[inline]
fn pack(codes: &[u8]) -> Option<u64> {
    if codes.len() > PACKED {
        return None;
    }
    Some(codes.iter().fold(0u64, |k, &c| k << 6 | c as u64))
}

/// The packed words: an open-addressing table whose slots hold a word and its frequency byte
/// together (`word << 8 | q`; 0 is an empty slot), found by linear probing from a
/// multiplicative hash, in front of it a one-bit-per-hash filter.
///
/// Why not a general hash map: the table is built at start-up, and in a browser that first
/// run is not yet optimized code, so a plain loop over one array matters; and most lookups are
/// of forms that are not there (the segmenter's and the NER features' candidate stems), which
/// the filter (256 KB, so it stays in cache) answers without touching the table.
struct Packed {
    slots: Vec<u64>,
    /// 64 − log2(slots.len()).
    shift: u32,
    filter: Vec<u64>,
    len: usize,
}

/// log2 of the filter's size in bits.
const FILTER_BITS: u32 = 21;

impl Packed {
    #[inline]
    fn hash(k: u64) -> u64 {
        k.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// A table of `words` (`word << 8 | q`). They are inserted grouped by the region of the
    /// table their home slot is in (a counting sort), so the inserts sweep the table once
    /// instead of missing the cache at each.
    fn build(words: &[u64]) -> Packed {
        let n = words.len();
        // At most about 60% full.
        let size = (n + n / 2).next_power_of_two().max(16);
        let shift = 64 - size.trailing_zeros();
        let mut t = Packed { slots: vec![0; size], shift, filter: vec![0; 1 << (FILTER_BITS - 6)], len: 0 };
        const REGIONS: usize = 256;
        // A region is the top 8 bits of the hash: those of the home slot.
        let region = |e: u64| (Self::hash(e >> 8) >> 56) as usize;
        let mut start = [0usize; REGIONS + 1];
        for &e in words {
            start[region(e) + 1] += 1;
        }
        for r in 1..=REGIONS {
            start[r] += start[r - 1];
        }
        let mut sorted = vec![0u64; n];
        for &e in words {
            let at = &mut start[region(e)];
            sorted[*at] = e;
            *at += 1;
        }
        for e in sorted {
            t.insert(e >> 8, e as u8);
        }
        t
    }

    fn insert(&mut self, k: u64, q: u8) {
        let h = Self::hash(k);
        let f = (h >> (64 - FILTER_BITS)) as usize;
        self.filter[f >> 6] |= 1 << (f & 63);
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let e = self.slots[i];
            if e == 0 {
                self.slots[i] = k << 8 | q as u64;
                self.len += 1;
                return;
            }
            if e >> 8 == k {
                self.slots[i] = k << 8 | q as u64;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, k: u64) -> Option<u8> {
        let h = Self::hash(k);
        let f = (h >> (64 - FILTER_BITS)) as usize;
        if self.filter[f >> 6] & (1 << (f & 63)) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let e = self.slots[i];
            if e == 0 {
                return None;
            }
            if e >> 8 == k {
                return Some(e as u8);
            }
            i = (i + 1) & mask;
        }
    }
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(parse)
}

fn parse() -> Lexicon {
    let d = DATA;
    assert_eq!(&d[..4], b"KLX1", "data/lexicon.bin: bad magic");
    let alen = d[4] as usize;
    let alpha = std::str::from_utf8(&d[5..5 + alen]).expect("alphabet");
    let mut codes = [0u8; 256];
    for (i, c) in alpha.chars().enumerate() {
        let u = c as u32;
        assert!((0x600..0x700).contains(&u));
        codes[(u - 0x600) as usize] = i as u8 + 1;
    }
    // Each character of the block takes the code of what it folds to (one lookup per letter).
    let own = codes;
    for (i, slot) in codes.iter_mut().enumerate() {
        let c = char::from_u32(0x600 + i as u32).expect("in the Arabic block");
        let f = crate::text::fold::fold(c, crate::text::fold::Rules::LETTER_KEY) as u32;
        *slot = if (0x600..0x700).contains(&f) { own[(f - 0x600) as usize] } else { 0 };
    }
    let mut p = 5 + alen;
    let count = u32::from_le_bytes([d[p], d[p + 1], d[p + 2], d[p + 3]]) as usize;
    p += 4;
    // Keys are front-coded (how many bytes they share with the previous key, then the new
    // bytes). The current key is rebuilt in `cur`, and `partial[i]` packs its first i codes,
    // so a key is packed from where it differs from the previous one. Only the long keys are
    // kept as bytes, in one buffer.
    let mut short: Vec<u64> = Vec::with_capacity(count);
    let mut cur: Vec<u8> = Vec::with_capacity(64);
    let mut partial = [0u64; PACKED + 1];
    let mut long_keys: Vec<(usize, usize, u8)> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    for _ in 0..count {
        let (s, n) = (d[p] as usize, d[p + 1] as usize);
        cur.truncate(s);
        for &c in &d[p + 2..p + 2 + n] {
            cur.push(c);
            let l = cur.len();
            if l <= PACKED {
                partial[l] = partial[l - 1] << 6 | c as u64;
            }
        }
        let q = d[p + 2 + n];
        p += 3 + n;
        if cur.len() <= PACKED {
            short.push(partial[cur.len()] << 8 | q as u64);
        } else {
            long_keys.push((buf.len(), cur.len(), q));
            buf.extend_from_slice(&cur);
        }
    }
    let short = Packed::build(&short);
    let buf: &'static [u8] = Box::leak(buf.into_boxed_slice());
    let mut long = HashMap::with_capacity_and_hasher(long_keys.len(), BuildHasherDefault::<Fnv>::default());
    for (start, len, q) in long_keys {
        long.insert(&buf[start..start + len], q);
    }
    let mut encoding = codes;
    for (i, slot) in encoding.iter_mut().enumerate() {
        let c = char::from_u32(0x600 + i as u32).expect("in the Arabic block");
        if crate::text::chars::is_arabic_mark(c) || crate::text::chars::is_invisible(c) {
            *slot = SKIP;
        }
    }
    Lexicon { codes, encoding, short, long }
}

/// The letter code of a character, after folding by the letter-key rules
/// ([`crate::text::fold::Rules::LETTER_KEY`]: أ إ آ ٱ → ا, ى ی → ي, ؤ → و, ئ → ي, ک → ك, ۀ → ة ...). `None` for characters that never occur in the lexicon.
#[inline]
pub fn code(c: char) -> Option<u8> {
    let u = c as u32;
    if !(0x600..0x700).contains(&u) {
        return None;
    }
    match lexicon().codes[(u - 0x600) as usize] {
        0 => None,
        x => Some(x),
    }
}

/// Zipf value (log10 frequency per billion words) of a word given as letter codes.
#[inline]
pub fn zipf_codes(codes: &[u8]) -> Option<f32> {
    let lex = lexicon();
    match pack(codes) {
        Some(k) => lex.short.get(k),
        None => lex.long.get(codes).copied(),
    }
    .map(|q| q as f32 / 20.0)
}

/// Encodes `s` as letter codes into `buf`, skipping marks, tatweel and invisible characters.
/// Returns the number of codes, or `None` when `s` has another character or is too long.
pub fn encode(s: &str, buf: &mut [u8; MAX_LETTERS]) -> Option<usize> {
    let table = &lexicon().encoding;
    let mut n = 0;
    for c in s.chars() {
        let u = c as u32;
        let x = if (0x600..0x700).contains(&u) {
            table[(u - 0x600) as usize]
        } else if crate::text::chars::is_arabic_mark(c) || crate::text::chars::is_invisible(c) {
            SKIP
        } else {
            return None;
        };
        match x {
            SKIP => continue,
            0 => return None,
            _ if n == MAX_LETTERS => return None,
            x => {
                buf[n] = x;
                n += 1;
            }
        }
    }
    Some(n)
}

/// Zipf value (log10 frequency + 9) of a matching key (see [`crate::lexicon::key`]), or `None`
/// when the word is not among the lexicon's forms. Since the matching key folds ة into ه, a
/// key ending in ه counts the forms ending in ه and in ة together. Allocation-free.
pub fn zipf(key: &str) -> Option<f32> {
    let mut buf = [0u8; MAX_LETTERS];
    let n = encode(key, &mut buf)?;
    if n == 0 {
        return None;
    }
    zipf_codes_folded(&buf[..n])
}

/// [`zipf_codes`] for letter codes read as a matching key: a final ه also stands for ة, and
/// the two frequencies add up. The one place that fold is done for [`zipf`], the entity
/// features and the verb test.
pub fn zipf_codes_folded(codes: &[u8]) -> Option<f32> {
    let a = zipf_codes(codes);
    let n = codes.len();
    // no form longer than MAX_LETTERS is stored, so such a word has neither spelling
    if n == 0 || n > MAX_LETTERS || Some(codes[n - 1]) != code('ه') {
        return a;
    }
    let mut buf = [0u8; MAX_LETTERS];
    buf[..n].copy_from_slice(codes);
    buf[n - 1] = code('ة').expect("teh marbuta has a code");
    match (a, zipf_codes(&buf[..n])) {
        (Some(x), Some(y)) => Some(libm::log10f(libm::powf(10.0, x) + libm::powf(10.0, y))),
        (x, y) => x.or(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::key;

    #[test]
    fn frequent_words_are_found() {
        let fi = zipf(&key("في")).unwrap();
        assert!(fi > 7.0 && fi < 8.0, "{fi}");
        assert!(zipf(&key("روسيا")).unwrap() > 4.0);
        assert!(zipf(&key("الأسلحة")).unwrap() > 3.0);
        // ة and ه forms are pooled under the matching key.
        assert!(zipf(&key("مدرسة")).unwrap() >= zipf(&key("مدرسه")).unwrap_or(0.0));
        assert!(zipf(&key("قال")).unwrap() > zipf(&key("وقال")).unwrap());
        assert_eq!(zipf(&key("xyz")), None);
        assert_eq!(zipf(""), None);
        assert_eq!(zipf(&key("ثثثثثثثث")), None);
        // Words beyond the packed length are found too.
        assert!(zipf(&key("والاستراتيجية")).is_some());
        let lex = lexicon();
        let count = u32::from_le_bytes(DATA[5 + DATA[4] as usize..][..4].try_into().unwrap()) as usize;
        assert_eq!(lex.short.len + lex.long.len(), count, "every word is kept once");
        // Every packed word is found through the filter and the table.
        let mut p = 9 + DATA[4] as usize;
        let mut cur = Vec::new();
        for _ in 0..count {
            let (s, n) = (DATA[p] as usize, DATA[p + 1] as usize);
            cur.truncate(s);
            cur.extend_from_slice(&DATA[p + 2..p + 2 + n]);
            let q = DATA[p + 2 + n];
            p += 3 + n;
            assert_eq!(zipf_codes(&cur), Some(q as f32 / 20.0), "{cur:?}");
        }
        assert!(!lex.long.is_empty() && lex.long.keys().all(|k| k.len() > PACKED));
    }
}
