//! Stopword matching on matching keys, behind clitics.
//!
//! A token is a stopword when its whole key, its base segment's key or its stem is in the list,
//! or when a key stripped of one or two leading clitic letters (و ف then ب ل ك) and/or of a
//! pronoun suffix is. So وفي، بأن، إنه، والتي، لذلك، عليهم are stopwords even when the segmenter
//! left them whole. A pronoun suffix ه is only stripped when the word is written with ه, not ة.
//!
//! Part of the lexicon layer, below the Doc: a lexeme's stopword fact
//! ([`crate::doc::Facts::is_stop`]) is the shipped list's answer; keywords apply the reader's
//! edits ([`Stopwords::new`] with the words added and removed).

use crate::lexicon;
use crate::text::clitics::{ends_with_written_heh, pronoun_suffixes, proclitic_readings, Suffixes};
use std::collections::HashSet;
use std::sync::OnceLock;

type FastMap<K, V> = std::collections::HashMap<K, V, super::FastBuild>;
type FastSet<K> = HashSet<K, super::FastBuild>;

/// The pronoun suffixes a stopword may carry (see [`crate::text::clitics`]).
fn suffixes() -> impl Iterator<Item = &'static str> {
    pronoun_suffixes(Suffixes::Stopwords)
}

/// The stopword keys in force for some options: the shipped list, expanded once for all calls,
/// and the reader's edits (words added and removed), expanded per call (a few entries).
pub struct Stopwords {
    shipped: &'static Bodies,
    added: Bodies,
    /// The flags each removed word gave its bodies (see [`Bodies::of`]); a body's flags come
    /// from one (word, suffix) pair only, since no pronoun suffix ends another, so taking a
    /// removed word's flags away never takes away another word's.
    /// (A removed word is the body it gives with [`EXACT`].)
    removed: FastMap<String, u8>,
    /// The longest key that can be a stopword, in bytes: the longest body and two clitic
    /// letters.
    longest_key: usize,
}

/// Every string a key may read after its proclitics are stripped, for it to be a stopword: the
/// stopwords themselves ([`EXACT`]) and each stopword of two letters or more with each pronoun
/// suffix ([`WITH_SUFFIX`], or [`WITH_HEH`] for the suffix ه, which needs a written ه). So a
/// key needs one lookup per proclitic reading.
#[derive(Default)]
struct Bodies {
    set: FastSet<String>,
    flags: FastMap<String, u8>,
    /// The longest body, in bytes: longer strings need no lookup.
    longest: usize,
    /// A Bloom filter of the bodies (two probes, see [`probes`]): most candidate strings are
    /// ruled out here, with one hash and two bit tests, before the map compares strings.
    filter: Vec<u64>,
    /// Bit index mask of `filter`.
    mask: usize,
}

const EXACT: u8 = 1;
const WITH_SUFFIX: u8 = 2;
const WITH_HEH: u8 = 4;

/// Filter bits per body (a power of two): with two probes, about 2% of the strings that are
/// no body get past the filter.
const FILTER_BITS_PER_BODY: usize = 16;

/// The two filter probes of a string: bit indices from its length and its first and last eight
/// bytes (a few instructions, no loop over the string: Arabic stopwords are short, and a
/// filter may mistake two strings for each other, the map behind it does not).
#[inline]
fn probes(k: &str, mask: usize) -> (usize, usize) {
    let b = k.as_bytes();
    let n = b.len();
    let word = |s: &[u8]| s.iter().rev().fold(0u64, |x, &c| x << 8 | c as u64);
    let (head, tail) = if n >= 8 {
        (u64::from_le_bytes(b[..8].try_into().unwrap()), u64::from_le_bytes(b[n - 8..].try_into().unwrap()))
    } else {
        (word(b), 0)
    };
    let x = (head ^ tail.rotate_left(23) ^ (n as u64) << 58).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let x = (x ^ (x >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (x as usize & mask, (x >> 32) as usize & mask)
}

impl Bodies {
    /// The bodies of a word list (matching keys), with their flags.
    fn of(words: impl Iterator<Item = String>) -> Bodies {
        let words: Vec<String> = words.collect();
        let mut b = Bodies::default();
        // (Sized up front: each word gives itself and up to one body per pronoun suffix.)
        b.set.reserve(words.len());
        b.flags.reserve(words.len() * (1 + suffixes().count()));
        for k in words {
            for (body, flag) in expansions(&k) {
                *b.flags.entry(body).or_default() |= flag;
            }
            b.set.insert(k);
        }
        b.longest = b.flags.keys().map(String::len).max().unwrap_or(0);
        let bits = (b.flags.len() * FILTER_BITS_PER_BODY).next_power_of_two().max(64);
        b.filter = vec![0u64; bits / 64];
        b.mask = bits - 1;
        for k in b.flags.keys() {
            let (x, y) = probes(k, b.mask);
            b.filter[x >> 6] |= 1 << (x & 63);
            b.filter[y >> 6] |= 1 << (y & 63);
        }
        b
    }

    #[inline(always)]
    fn get(&self, k: &str) -> u8 {
        if self.flags.is_empty() || k.len() > self.longest {
            return 0;
        }
        let (x, y) = probes(k, self.mask);
        if self.filter[x >> 6] & (1 << (x & 63)) == 0 || self.filter[y >> 6] & (1 << (y & 63)) == 0 {
            return 0;
        }
        self.flags.get(k).copied().unwrap_or(0)
    }
}

/// The bodies a stopword gives, with their flags.
fn expansions(k: &str) -> impl Iterator<Item = (String, u8)> + '_ {
    let two = at_least_two(k);
    let suffixed = suffixes().filter(move |_| two);
    std::iter::once((k.to_string(), EXACT))
        .chain(suffixed.map(move |suf| {
            let mut body = String::with_capacity(k.len() + suf.len());
            body.push_str(k);
            body.push_str(suf);
            (body, if suf.ends_with('ه') { WITH_HEH } else { WITH_SUFFIX })
        }))
}

impl Stopwords {
    /// The shipped list, with the words `add` added and `remove` removed (removals first: a
    /// word both removed and added stays).
    pub fn new(add: &[String], remove: &[String]) -> Self {
        static SHIPPED: OnceLock<Bodies> = OnceLock::new();
        let shipped = SHIPPED.get_or_init(|| Bodies::of(lexicon::stopwords().iter().chain(english()).chain(keywords_only()).cloned()));
        let mut removed: FastMap<String, u8> = FastMap::default();
        for w in remove {
            for (body, flag) in expansions(&lexicon::key(w)) {
                *removed.entry(body).or_default() |= flag;
            }
        }
        let added = Bodies::of(add.iter().map(|w| lexicon::key(w)));
        let longest_key = shipped.longest.max(added.longest) + 2 * 2;
        Stopwords { shipped, added, removed, longest_key }
    }

    /// The set of keys (exact match only).
    pub fn keys(&self) -> HashSet<String> {
        let shipped = self.shipped.set.iter().filter(|k| self.removed.get(*k).is_none_or(|f| f & EXACT == 0));
        shipped.chain(&self.added.set).cloned().collect()
    }

    /// Is this matching key a stopword, as it is or behind clitics? `written_heh` says whether a
    /// final ه of the key is a written ه (a pronoun can be stripped) rather than a folded ة.
    ///
    /// The key itself, then the key without one or two leading clitic letters (two letters or
    /// more left), each as a stopword or as a stopword with a pronoun suffix.
    pub fn is_stop_key(&self, key: &str, written_heh: bool) -> bool {
        self.is_stop_key_with(key, || written_heh)
    }

    /// [`Self::is_stop_key`], asking `written_heh` only when a body needs it.
    #[inline]
    fn is_stop_key_with(&self, key: &str, written_heh: impl Fn() -> bool + Copy) -> bool {
        // Every body is the key less at most two leading letters.
        if key.len() > self.longest_key {
            return false;
        }
        // (`exact_ok`: a stripped body of one letter is no stopword as it is, only with a suffix.)
        let stop = |body: &str, exact_ok: bool| {
            let fl = self.body(body);
            (fl & EXACT != 0 && exact_ok) || fl & WITH_SUFFIX != 0 || (fl & WITH_HEH != 0 && written_heh())
        };
        if stop(key, true) {
            return true;
        }
        proclitic_readings(key).any(|(rest, _)| stop(rest, at_least_two(rest)))
    }

    /// The flags of a body under this list (see [`Bodies`]): 0 when it has none.
    #[inline(always)]
    fn body(&self, k: &str) -> u8 {
        let mut f = self.shipped.get(k);
        if f != 0 && !self.removed.is_empty() {
            f &= !self.removed.get(k).copied().unwrap_or(0);
        }
        if !self.added.flags.is_empty() {
            f |= self.added.get(k);
        }
        f
    }

    /// Is `k` on the list (exactly)?
    fn contains(&self, k: &str) -> bool {
        self.body(k) & EXACT != 0
    }

    /// Is the form written `text`, with key `key`, stem `stem` and base segment keys `bases`,
    /// a stopword?
    pub fn is_stop_form<'k>(&self, text: &str, key: &str, stem: &str, mut bases: impl Iterator<Item = &'k str>) -> bool {
        let written_heh = || ends_with_written_heh(text);
        if self.contains(stem) || self.is_stop_key_with(key, written_heh) {
            return true;
        }
        // (A base that is the whole token shares the token's key string.)
        bases.any(|b| !std::ptr::eq(b.as_ptr(), key.as_ptr()) && b != key && self.is_stop_key_with(b, written_heh))
    }

    /// Whether the reader added or removed words (otherwise this is [`Stopwords::shipped`]).
    pub fn has_edits(&self) -> bool {
        !self.removed.is_empty() || !self.added.flags.is_empty()
    }

    /// The shipped list with no edits.
    pub fn shipped() -> &'static Stopwords {
        static SHIPPED: OnceLock<Stopwords> = OnceLock::new();
        SHIPPED.get_or_init(|| Stopwords::new(&[], &[]))
    }
}

/// Does `s` have at least two characters?
fn at_least_two(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some() && c.next().is_some()
}

/// English function words (data/stopwords_en.txt), as matching keys (lower case).
pub fn english() -> &'static [String] {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../data/stopwords_en.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(lexicon::key)
            .collect()
    })
}

/// Stopwords for keywords only (data/stopwords_keywords.txt), as matching keys: kept out of the
/// shipped list, which the entity tagger's features read too.
pub fn keywords_only() -> &'static [String] {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| lexicon::entries(include_str!("../../data/stopwords_keywords.txt")).map(lexicon::key).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::key;

    fn stop() -> Stopwords {
        Stopwords::new(&[], &[])
    }

    /// Words added and removed.
    #[derive(Default)]
    struct Edits {
        add: Vec<String>,
        remove: Vec<String>,
    }

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn stopwords_behind_proclitics() {
        let s = stop();
        for w in ["وفي", "بأن", "إنه", "والتي", "لذلك", "فإن", "وبين", "ولكن", "وهذا", "بأنه", "وفيما"] {
            assert!(s.is_stop_key(&key(w), true), "{w}");
        }
    }

    #[test]
    fn stopwords_with_pronoun_suffixes() {
        let s = stop();
        for w in ["عليهم", "منها", "فيه", "لديهم", "إليه", "بينهما", "ومنهم"] {
            assert!(s.is_stop_key(&key(w), true), "{w}");
        }
        // A folded teh marbuta is not a pronoun: كلمة is not كل + مه nor كلم + ه.
        assert!(!s.is_stop_key(&key("كلمة"), false));
    }

    #[test]
    fn content_words_are_not_stopwords() {
        let s = stop();
        for w in ["روسيا", "وروسيا", "أسلحة", "بأسلحة", "كوريا", "بوتين", "شمال", "لقاء", "سبتمبر", "بيان", "وزير"] {
            assert!(!s.is_stop_key(&key(w), false), "{w}");
        }
    }

    #[test]
    fn options_add_and_remove() {
        let s = Stopwords::new(&words(&["روسيا"]), &words(&["قال"]));
        assert!(s.is_stop_key(&key("وروسيا"), false));
        assert!(!s.is_stop_key(&key("قال"), false));
    }

    /// The matching rule written plainly over a whole word set, for comparison.
    fn naive(set: &HashSet<String>, key: &str, heh: bool) -> bool {
        let two = |s: &str| s.chars().count() >= 2;
        for (n, body) in std::iter::once(key).chain(proclitic_readings(key).map(|(r, _)| r)).enumerate() {
            if (n == 0 || two(body)) && set.contains(body) {
                return true;
            }
            for suf in suffixes() {
                if suf.ends_with('ه') && !heh {
                    continue;
                }
                if body.strip_suffix(suf).is_some_and(|r| two(r) && set.contains(r)) {
                    return true;
                }
            }
        }
        false
    }

    #[test]
    fn edits_agree_with_the_plain_rule() {
        let edits = [
            Edits::default(),
            Edits { add: words(&["روسيا", "أسلحة"]), ..Edits::default() },
            Edits { remove: words(&["قال", "من", "في", "ليس"]), ..Edits::default() },
            Edits { add: words(&["من", "بوتين"]), remove: words(&["من", "على"]) },
        ];
        // every stopword and edit word, bare and with clitics and suffixes, and some content words
        let mut words: Vec<String> = lexicon::stopwords().iter().cloned().collect();
        words.extend(["روسيا", "أسلحة", "بوتين", "كلمة", "منها", "فيه", "عليهم", "قالها"].map(key));
        let mut keys = Vec::new();
        for w in &words {
            for pre in ["", "و", "ف", "ب", "ل", "ك", "وب", "فل"] {
                for suf in ["", "ه", "ها", "هم", "كما", "نا"] {
                    keys.push(format!("{pre}{w}{suf}"));
                }
            }
        }
        for o in &edits {
            let s = Stopwords::new(&o.add, &o.remove);
            let set = s.keys();
            let mut expected: HashSet<String> = lexicon::stopwords().iter().chain(english()).chain(keywords_only()).cloned().collect();
            for w in &o.remove {
                expected.remove(&key(w));
            }
            for w in &o.add {
                expected.insert(key(w));
            }
            assert_eq!(set, expected);
            for k in &keys {
                for heh in [false, true] {
                    assert_eq!(s.is_stop_key(k, heh), naive(&set, k, heh), "{k} (heh {heh}) with {:?} {:?}", o.add, o.remove);
                }
            }
        }
    }

    #[test]
    fn english_function_words_in_any_case() {
        let s = stop();
        for w in ["The", "of", "AND", "with"] {
            assert!(s.is_stop_key(&key(w), false), "{w}");
        }
        for w in ["Putin", "Riyadh", "OPEC"] {
            assert!(!s.is_stop_key(&key(w), false), "{w}");
        }
    }

    #[test]
    fn honorifics_titles_and_keyword_only_words_are_stopwords() {
        let s = stop();
        for w in ["الدكتور", "والدكتور", "رغم", "برغم", "سواء", "المزيد", "سمو", "السمو", "سموه", "معالي", "فضيلة", "صاحب", "سعادة", "فخامة", "سماحة"] {
            assert!(s.is_stop_key(&key(w), true), "{w}");
        }
    }
}
