//! Stopword matching on matching keys, behind clitics.
//!
//! A token is a stopword when its whole key, its base segment's key or its stem is in the list,
//! or when a key stripped of one or two leading clitic letters (و ف then ب ل ك) and/or of a
//! pronoun suffix is. So وفي، بأن، إنه، والتي، لذلك، عليهم are stopwords even when the segmenter
//! left them whole. A pronoun suffix ه is only stripped when the word is written with ه, not ة.

use crate::analysis::{Options, Role, Token};
use crate::lexicon;
use super::hash::{FastMap, FastSet};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

/// Letters that attach in front of a word: conjunctions first, then prepositions.
pub const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
pub const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];

/// Pronoun suffixes, as matching keys, longest first.
const PRONOUN_SUFFIXES: [&str; 9] = ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك"];

/// The stopword keys in force for some options.
pub struct Stopwords {
    set: FastSet<String>,
    /// Every string a key may read after its proclitics are stripped, for it to be a stopword:
    /// the stopwords themselves ([`EXACT`]) and each stopword of two letters or more with each
    /// pronoun suffix ([`WITH_SUFFIX`], or [`WITH_HEH`] for the suffix ه, which needs a written
    /// ه). Built once per list, so a key needs one lookup per proclitic reading.
    bodies: FastMap<String, u8>,
    /// The longest body, in bytes: longer strings need no lookup.
    longest: usize,
    /// One bit per (length, second byte, last byte) signature of the bodies: most candidate
    /// strings are ruled out here without hashing them.
    filter: Vec<u64>,
}

const EXACT: u8 = 1;
const WITH_SUFFIX: u8 = 2;
const WITH_HEH: u8 = 4;

/// A cheap signature of a key (its length and two bytes that differ between Arabic letters).
fn signature(k: &str) -> usize {
    let b = k.as_bytes();
    let (x, y) = (b.get(1).copied().unwrap_or(0) as usize, b.last().copied().unwrap_or(0) as usize);
    ((b.len() & 31) << 11 ^ x << 6 ^ y ^ y << 9) & 0xFFFF
}

impl Stopwords {
    /// The shipped list, with `options.stopwords_add` and `options.stopwords_remove` applied.
    pub fn new(options: &Options) -> Self {
        let mut set: FastSet<String> = lexicon::stopwords().iter().cloned().collect();
        set.extend(english().iter().cloned());
        for w in &options.stopwords_remove {
            set.remove(&lexicon::key(w));
        }
        for w in &options.stopwords_add {
            set.insert(lexicon::key(w));
        }
        let mut bodies: FastMap<String, u8> = FastMap::with_capacity_and_hasher(set.len() * (PRONOUN_SUFFIXES.len() + 1), Default::default());
        for k in &set {
            *bodies.entry(k.clone()).or_default() |= EXACT;
            if at_least_two(k) {
                for suf in PRONOUN_SUFFIXES {
                    let flag = if suf.ends_with('ه') { WITH_HEH } else { WITH_SUFFIX };
                    *bodies.entry(format!("{k}{suf}")).or_default() |= flag;
                }
            }
        }
        let longest = bodies.keys().map(String::len).max().unwrap_or(0);
        let mut filter = vec![0u64; 1024];
        for k in bodies.keys() {
            let h = signature(k);
            filter[h >> 6] |= 1 << (h & 63);
        }
        Stopwords { set, bodies, longest, filter }
    }

    /// The stopwords for `options`. The shipped list is built once and shared by every call
    /// that leaves it unchanged. An edited list is kept until a call brings a different edit, so
    /// a page that re-analyzes with the reader's list does not rebuild it each time; `own` holds
    /// it for the caller.
    pub fn for_options<'s>(options: &Options, own: &'s mut Option<Arc<Stopwords>>) -> &'s Stopwords {
        if options.stopwords_add.is_empty() && options.stopwords_remove.is_empty() {
            static SHIPPED: OnceLock<Stopwords> = OnceLock::new();
            return SHIPPED.get_or_init(|| Stopwords::new(options));
        }
        type Edited = (Vec<String>, Vec<String>, Arc<Stopwords>);
        static LAST: Mutex<Option<Edited>> = Mutex::new(None);
        // (A poisoned lock only means another thread panicked mid-update: rebuild.)
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        let list = match &*last {
            Some((add, remove, list)) if *add == options.stopwords_add && *remove == options.stopwords_remove => list.clone(),
            _ => {
                let list = Arc::new(Stopwords::new(options));
                *last = Some((options.stopwords_add.clone(), options.stopwords_remove.clone(), list.clone()));
                list
            }
        };
        own.insert(list)
    }

    /// The set of keys (exact match only).
    pub fn keys(&self) -> HashSet<String> {
        self.set.iter().cloned().collect()
    }

    /// Is this matching key a stopword, as it is or behind clitics? `written_heh` says whether a
    /// final ه of the key is a written ه (a pronoun can be stripped) rather than a folded ة.
    ///
    /// The key itself, then the key without one or two leading clitic letters (two letters or
    /// more left), each as a stopword or as a stopword with a pronoun suffix.
    pub fn is_stop_key(&self, key: &str, written_heh: bool) -> bool {
        // Every body is the key less at most two leading letters (of at most 4 bytes each).
        if key.len() > self.longest + 2 * 4 {
            return false;
        }
        for (n, body) in std::iter::once(key).chain(proclitic_strips(key)).enumerate() {
            let Some(fl) = self.body(body) else { continue };
            if (fl & EXACT != 0 && (n == 0 || at_least_two(body))) || fl & WITH_SUFFIX != 0 || (fl & WITH_HEH != 0 && written_heh) {
                return true;
            }
        }
        false
    }

    fn body(&self, k: &str) -> Option<u8> {
        if k.len() > self.longest {
            return None;
        }
        let h = signature(k);
        if self.filter[h >> 6] & (1 << (h & 63)) == 0 {
            return None;
        }
        self.bodies.get(k).copied()
    }

    /// Is `k` on the list (exactly)?
    fn contains(&self, k: &str) -> bool {
        self.body(k).is_some_and(|f| f & EXACT != 0)
    }

    /// Is this token a stopword?
    pub fn is_stop_token(&self, t: &Token) -> bool {
        let written_heh = ends_with_written_heh(&t.text);
        if self.contains(&t.stem) || self.is_stop_key(&t.key, written_heh) {
            return true;
        }
        t.segments.iter().any(|s| s.role == Role::Base && s.key != t.key && self.is_stop_key(&s.key, written_heh))
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

/// `key` without one leading و/ف, without one leading ب/ل/ك, and without both (in that order).
pub fn proclitic_strips(key: &str) -> impl Iterator<Item = &str> {
    let mut out: [Option<&str>; 3] = [None; 3];
    let mut first = key.chars();
    match first.next() {
        Some(c) if CONJUNCTIONS.contains(&c) => {
            let rest = first.as_str();
            out[0] = Some(rest);
            let mut second = rest.chars();
            if let Some(d) = second.next() {
                if PREPOSITIONS.contains(&d) {
                    out[1] = Some(second.as_str());
                }
            }
        }
        Some(c) if PREPOSITIONS.contains(&c) => out[2] = Some(first.as_str()),
        _ => {}
    }
    out.into_iter().flatten()
}

/// Does the word's last letter (marks and invisible characters skipped) read ه (not ة)?
pub fn ends_with_written_heh(text: &str) -> bool {
    use crate::text::chars::{is_arabic_mark, is_invisible};
    text.chars().rev().find(|&c| !is_arabic_mark(c) && !is_invisible(c)).is_some_and(|c| matches!(c, 'ه' | 'ھ' | 'ە' | 'ہ'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::key;

    fn stop() -> Stopwords {
        Stopwords::new(&Options::default())
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
        let o = Options { stopwords_add: vec!["روسيا".into()], stopwords_remove: vec!["قال".into()], ..Options::default() };
        let s = Stopwords::new(&o);
        assert!(s.is_stop_key(&key("وروسيا"), false));
        assert!(!s.is_stop_key(&key("قال"), false));
    }

    #[test]
    fn an_edited_list_is_kept_only_for_the_same_edit() {
        let add = Options { stopwords_add: vec!["روسيا".into()], ..Options::default() };
        let remove = Options { stopwords_remove: vec!["قال".into()], ..Options::default() };
        for _ in 0..2 {
            let (mut a, mut b, mut c) = (None, None, None);
            let s = Stopwords::for_options(&add, &mut a);
            assert!(s.is_stop_key(&key("وروسيا"), false) && s.is_stop_key(&key("قال"), false));
            let s = Stopwords::for_options(&remove, &mut b);
            assert!(!s.is_stop_key(&key("روسيا"), false) && !s.is_stop_key(&key("قال"), false));
            let s = Stopwords::for_options(&Options::default(), &mut c);
            assert!(!s.is_stop_key(&key("روسيا"), false) && s.is_stop_key(&key("قال"), false));
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
    fn honorifics_are_stopwords() {
        let s = stop();
        for w in ["سمو", "السمو", "سموه", "معالي", "فضيلة", "صاحب", "سعادة", "فخامة", "سماحة"] {
            assert!(s.is_stop_key(&key(w), true), "{w}");
        }
    }
}
