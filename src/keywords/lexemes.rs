//! What keywords know of each word form, worked out once per lexeme and kept across texts.
//!
//! The keyword view of a token ([`super::words`]) depends mostly on its form alone: the key and
//! stem of its base, where the base lies in it, whether it is a stopword, a verb or a dated
//! number, which leading letters could be a clitic and what is left without them, and the free
//! form of a base cut before a pronoun suffix. Each is worked out once per lexeme of the
//! thread's lexeme table ([`crate::doc`]) and kept here, keyed by the lexeme id, as the entity
//! tagger keeps its features; only what depends on the text itself (which words it has alone,
//! for the proclitic fallback) is decided per text.
//!
//! Strings (keys and stems) get a thread-wide id here ([`Strings`]); what depends on a string
//! alone (its background probability in general Arabic, whether it is too short to be a
//! keyword, the masculine of a feminine nisba) is kept by that id. A text numbers the ids it
//! uses from 0 ([`Local`]) so that its own tables stay as small as the text.
//!
//! Why: a megabyte of news has about 100,000 tokens but 24,000 distinct forms, and consecutive
//! texts share most of their forms; working the forms out per text made keywords cost half of
//! the text core's time.

use super::hash::FastHasher;
use super::words::{free_form, has_tanween, is_dated_number, skip_letter, Part};
use crate::analysis::{Role, Token, NO_FORM};
use crate::morph::stem::stem;
use crate::str::Str;
use crate::text::clitics::{nth_rest, CONJUNCTIONS, PREPOSITIONS};
use crate::text::tokenize::Kind;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// No id.
pub const NONE: u32 = u32::MAX;

/// How many strings the thread's table may hold before it is emptied at the start of the next
/// text (the keys and stems of about as many forms as the lexeme table holds, [`crate::doc::MAX_LEXEMES`],
/// and their cuts: some tens of megabytes at most).
pub const MAX_STRINGS: usize = 400_000;

/// Interns strings as small integer ids.
///
/// An open-addressing table of (hash tag, id) pairs, 8 bytes a slot, over the list of strings:
/// a lookup hashes the string once, and compares strings only when a slot's 32-bit tag
/// matches. (About four times denser than a map keyed by the strings.)
pub struct Interner<'a> {
    slots: Vec<u64>,
    pub list: Vec<Cow<'a, str>>,
}

const EMPTY: u64 = u64::MAX;

fn str_hash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = FastHasher::default();
    h.write(s.as_bytes());
    // A final mix so that the low bits (the slot) depend on every byte.
    let x = h.finish();
    (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

impl<'a> Interner<'a> {
    pub fn new(capacity: usize) -> Self {
        let n = (capacity * 2).next_power_of_two().max(16);
        Interner { slots: vec![EMPTY; n], list: Vec::with_capacity(capacity) }
    }

    /// The slot where `s` (with hash `h`) is, or the empty slot where it would go.
    #[inline]
    fn find(&self, s: &str, h: u64) -> (usize, Option<u32>) {
        let mask = self.slots.len() - 1;
        let tag = (h >> 32) as u32;
        let mut at = h as usize & mask;
        loop {
            let e = self.slots[at];
            if e == EMPTY {
                return (at, None);
            }
            if (e >> 32) as u32 == tag {
                let id = e as u32;
                if self.list[id as usize] == s {
                    return (at, Some(id));
                }
            }
            at = (at + 1) & mask;
        }
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.find(s, str_hash(s)).1
    }

    /// The id of `s`, added when new (as `owned(s)`: a copy is made only then).
    pub fn id_with(&mut self, s: &str, owned: impl FnOnce(&str) -> Cow<'a, str>) -> u32 {
        let h = str_hash(s);
        match self.find(s, h) {
            (_, Some(id)) => id,
            (_, None) => self.insert_new(h, owned(s)),
        }
    }

    /// Adds a string known to be absent (growing the table when needed).
    fn insert_new(&mut self, h: u64, v: Cow<'a, str>) -> u32 {
        if (self.list.len() + 1) * 2 > self.slots.len() {
            let mut slots = vec![EMPTY; self.slots.len() * 2];
            let mask = slots.len() - 1;
            for (id, s) in self.list.iter().enumerate() {
                let h = str_hash(s);
                let mut at = h as usize & mask;
                while slots[at] != EMPTY {
                    at = (at + 1) & mask;
                }
                slots[at] = (h >> 32) << 32 | id as u64;
            }
            self.slots = slots;
        }
        let (at, _) = self.find(&v, h);
        let id = self.list.len() as u32;
        self.slots[at] = (h >> 32) << 32 | id as u64;
        self.list.push(v);
        id
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// What depends on a key or stem alone, kept by its id.
struct StrFacts {
    /// Fewer than two characters (as a stem: never a keyword alone).
    short: bool,
    /// The masculine (…ي) of a feminine nisba (…يه) with at least four letters: a feminine
    /// nisba joins it when the text has it ([`super::words`]). [`NONE`] otherwise.
    masc: u32,
    /// The background probability in general Arabic ([`super::keyness`]); negative until
    /// first asked for.
    background: Cell<f64>,
}

/// The thread's keys and stems, with what depends on each alone.
pub struct Strings {
    table: Interner<'static>,
    facts: Vec<StrFacts>,
}

impl Strings {
    fn new() -> Self {
        Strings { table: Interner::new(1 << 14), facts: Vec::new() }
    }

    /// The id of `s`, added (with its facts) when new.
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(id) = self.table.get(s) {
            return id;
        }
        let id = self.table.id_with(s, |s| Cow::Owned(s.to_string()));
        self.facts.push(StrFacts { short: s.chars().nth(1).is_none(), masc: NONE, background: Cell::new(-1.0) });
        if let Some(masc) = s.strip_suffix('ه').filter(|m| m.ends_with('ي') && m.chars().nth(3).is_some()) {
            let m = self.id(masc);
            self.facts[id as usize].masc = m;
        }
        id
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.table.get(s)
    }

    pub fn str(&self, id: u32) -> &str {
        &self.table.list[id as usize]
    }

    pub fn short(&self, id: u32) -> bool {
        self.facts[id as usize].short
    }

    pub fn masc(&self, id: u32) -> u32 {
        self.facts[id as usize].masc
    }

    /// The background probability of key `id` in general Arabic, looked up once.
    pub fn background(&self, id: u32) -> f64 {
        let c = &self.facts[id as usize].background;
        if c.get() < 0.0 {
            c.set(super::keyness::probability(super::keyness::zipf(self.str(id))));
        }
        c.get()
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// A text's own numbering of thread-wide string ids: from 0, in order of first use, so that
/// the text's tables are as large as the text. Starting a text costs nothing: entries carry
/// the serial of the text that numbered them.
#[derive(Default)]
pub struct Local {
    /// Per thread-wide id: the serial of the text that last numbered it, and its number there.
    stamp: Vec<(u32, u32)>,
    serial: u32,
    /// The thread-wide id of each number of the current text.
    pub ids: Vec<u32>,
}

impl Local {
    /// Starts a new text: every id is unnumbered again.
    pub fn begin(&mut self) {
        self.serial = self.serial.wrapping_add(1);
        if self.serial == 0 {
            // after 4 billion texts: old stamps could look current
            self.stamp.iter_mut().for_each(|s| *s = (0, 0));
            self.serial = 1;
        }
        self.ids.clear();
    }

    /// The text's number for thread-wide id `id`, given now when it has none.
    #[inline]
    pub fn id(&mut self, id: u32) -> u32 {
        let i = id as usize;
        if i >= self.stamp.len() {
            self.stamp.resize((i + 1).max(self.stamp.len() * 2), (0, 0));
        }
        let s = &mut self.stamp[i];
        if s.0 != self.serial {
            *s = (self.serial, self.ids.len() as u32);
            self.ids.push(id);
        }
        s.1
    }

    /// The text's number for thread-wide id `id`, if it has one.
    #[inline]
    pub fn get(&self, id: u32) -> Option<u32> {
        self.stamp.get(id as usize).filter(|s| s.0 == self.serial).map(|s| s.1)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A leading clitic letter or two that the proclitic fallback may strip ([`super::words`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// The key without the letters, and its stem (thread-wide ids).
    pub key: u32,
    pub stem: u32,
    /// The rest has at least three letters (shorter is never cut).
    pub long: bool,
    /// Where the rest starts in the token's text, if the letters are there as written.
    pub start: Option<u32>,
}

/// The free form of a base cut before a pronoun suffix ([`free_form`]): its key and stem
/// (thread-wide ids) and the restored last letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Free {
    pub key: u32,
    pub stem: u32,
    pub letter: char,
}

/// The keyword facts of one form that every text reads. Offsets are relative to the token's
/// start. (Kept small, so that the table of every lexeme's view stays dense in the cache; the
/// few forms that a clitic letter or a pronoun suffix may have changed have a [`Rare`] part.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// The key of the base segment, and the token's stem (thread-wide ids).
    pub key: u32,
    pub stem: u32,
    pub start: u32,
    pub base_end: u32,
    /// The form's [`Rare`] part ([`Store::rare`]), or [`NONE`].
    pub rare: u32,
    /// A proclitic segment comes first.
    pub proclitic: bool,
    /// A stopword of the shipped list ([`crate::doc::Facts::is_stop`]).
    pub listed: bool,
    /// Never a keyword for another reason: too short a stem, a dated number, a finite verb.
    pub excluded: bool,
    pub tanween: bool,
}

/// What only some forms have: the leading letters the proclitic fallback may cut, and the free
/// form of a base before a pronoun suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rare {
    /// One leading letter cut, then two (a conjunction and a preposition); Arabic words only.
    pub cuts: [Option<Cut>; 2],
    /// The base's key ends in a letter a pronoun suffix may have changed (ت ي و) and one
    /// follows: the free form applies ([`Rare::free`]).
    pub free_tail: bool,
    /// The free form of the base with 0, 1 or 2 leading letters cut.
    pub free: [Option<Free>; 3],
}

impl View {
    /// Works out the view of `t`'s form, adding its strings to `strings`, and its rare part if
    /// it has one.
    fn of(t: &Token, strings: &mut Strings) -> (View, Option<Rare>) {
        let base = t.segments.iter().find(|s| s.role == Role::Base);
        let (key, start, base_end, proclitic) = match base {
            Some(b) => (b.key.as_str(), b.start, b.end, t.segments.first().is_some_and(|s| s.role == Role::Proclitic)),
            None => (t.key.as_str(), t.start, t.end, false),
        };
        let (start, base_end) = (start - t.start, base_end - t.start);
        let facts = crate::doc::facts(t);
        let arabic = t.kind == Kind::Arabic;
        let enclitic = t.segments.iter().any(|s| s.role == Role::Enclitic);
        let cuts = if arabic { cuts(t, key, start, strings) } else { [None, None] };
        let free_tail = arabic && enclitic && key.ends_with(['ت', 'ي', 'و']);
        let free = if free_tail { frees(t, start, base_end, &cuts, strings) } else { [None; 3] };
        let rare = (cuts[0].is_some() || free_tail).then_some(Rare { cuts, free_tail, free });
        let stem = strings.id(&t.stem);
        let view = View {
            key: strings.id(key),
            stem,
            start,
            base_end,
            rare: NONE,
            proclitic,
            listed: facts.is_stop,
            excluded: strings.short(stem) || is_dated_number(key) || facts.is_verb,
            // Tanween is a mark the key drops: only a text longer than its key can have it.
            tanween: t.text.len() != t.key.len() && has_tanween(&t.text),
        };
        (view, rare)
    }
}

/// The cuts of an Arabic base key `key` starting at `start` in `t`'s text: its first letter
/// when a conjunction or a preposition, its first two when a conjunction and a preposition.
fn cuts(t: &Token, key: &str, start: u32, strings: &mut Strings) -> [Option<Cut>; 2] {
    let mut cs = key.chars();
    let Some(c0) = cs.next() else { return [None, None] };
    if !CONJUNCTIONS.contains(&c0) && !PREPOSITIONS.contains(&c0) {
        return [None, None];
    }
    let two = CONJUNCTIONS.contains(&c0) && cs.next().is_some_and(|c1| PREPOSITIONS.contains(&c1));
    let mut cut = |n: usize| {
        let rest = nth_rest(key, n);
        let mut at = Some(start as usize);
        for c in key.chars().take(n) {
            at = at.and_then(|a| skip_letter(&t.text, a, c));
        }
        Cut { key: strings.id(rest), stem: strings.id(&stem(rest)), long: rest.chars().nth(2).is_some(), start: at.map(|a| a as u32) }
    };
    [Some(cut(1)), two.then(|| cut(2))]
}

/// The free forms of `t`'s base (from `start` to `base_end`) as written, and with each of its
/// long cuts made.
fn frees(t: &Token, start: u32, base_end: u32, cuts: &[Option<Cut>; 2], strings: &mut Strings) -> [Option<Free>; 3] {
    let starts = [Some(start), cuts[0].filter(|c| c.long).and_then(|c| c.start), cuts[1].filter(|c| c.long).and_then(|c| c.start)];
    starts.map(|s| {
        let s = s.filter(|&s| s <= base_end)?;
        let (free, letter) = free_form(&t.text[s as usize..base_end as usize])?;
        let k = crate::lexicon::key(&free);
        let st = stem(&k);
        Some(Free { key: strings.id(&k), stem: strings.id(&st), letter })
    })
}

/// The view of one lexeme, with the lexeme's text (a token proves it has this lexeme by
/// sharing that very string, as [`crate::doc`] explains).
struct Entry {
    text: Str,
    view: View,
}

/// The keyword facts of the thread: the strings, each lexeme's view, and a text's numbering.
pub struct Store {
    pub strings: Strings,
    by_lex: Vec<Option<Entry>>,
    /// Views of the current text's tokens that carry no valid lexeme id.
    extra: Vec<View>,
    /// The rare parts of views ([`View::rare`]).
    rare: Vec<Rare>,
    /// The name parts ([`super::words::name_parts`]) by thread-wide key id.
    pub name_parts: Vec<(u32, Part)>,
    /// The current text's numbering of keys and of stems.
    pub keys: Local,
    pub stems: Local,
}

impl Default for Store {
    fn default() -> Self {
        let mut strings = Strings::new();
        let name_parts = super::words::name_parts().iter().map(|(k, part)| (strings.id(k), *part)).collect();
        Store { strings, by_lex: Vec::new(), extra: Vec::new(), rare: Vec::new(), name_parts, keys: Local::default(), stems: Local::default() }
    }
}

/// Where a form's view is: by lexeme id, or among the current text's extras (top bit set).
pub type ViewId = u32;
const EXTRA: u32 = 1 << 31;

impl Store {
    /// Starts a text: empties the store when its strings or rare parts have grown past
    /// [`MAX_STRINGS`] (rare parts of forms worked out again are not reclaimed before).
    pub fn begin(&mut self) {
        if self.strings.len() > MAX_STRINGS || self.rare.len() > MAX_STRINGS {
            *self = Store::default();
        }
        self.extra.clear();
        self.keys.begin();
        self.stems.begin();
    }

    /// Works out the view of `t`'s form, keeping its rare part.
    fn work_out(&mut self, t: &Token) -> View {
        let (mut view, rare) = View::of(t, &mut self.strings);
        if let Some(r) = rare {
            view.rare = self.rare.len() as u32;
            self.rare.push(r);
        }
        view
    }

    /// Where the view of `t`'s form is, worked out when the store does not have it.
    pub fn view_id(&mut self, t: &Token) -> ViewId {
        self.find(t).0
    }

    /// Where the view of `t`'s form is, and the view (worked out when the store does not have
    /// it).
    pub fn find(&mut self, t: &Token) -> (ViewId, View) {
        let lex = t.lex as usize;
        if t.lex == NO_FORM || t.lex >= EXTRA {
            let view = self.work_out(t);
            self.extra.push(view);
            return ((self.extra.len() - 1) as u32 | EXTRA, view);
        }
        if self.by_lex.len() <= lex {
            self.by_lex.resize_with(lex + 1, || None);
        }
        match &self.by_lex[lex] {
            Some(e) if e.text.ptr_eq(&t.text) => (t.lex, e.view),
            _ => {
                let view = self.work_out(t);
                self.by_lex[lex] = Some(Entry { text: t.text.clone(), view });
                (t.lex, view)
            }
        }
    }

    #[inline]
    pub fn view(&self, id: ViewId) -> &View {
        if id & EXTRA != 0 {
            &self.extra[(id & !EXTRA) as usize]
        } else {
            &self.by_lex[id as usize].as_ref().expect("filled by view_id").view
        }
    }

    /// The rare part of view `v`, if it has one.
    #[inline]
    pub fn rare(&self, v: &View) -> Option<&Rare> {
        self.rare.get(v.rare as usize)
    }
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
}

/// Runs `f` with this thread's keyword store (a fresh one if it is in use further up).
pub fn with_store<R>(f: impl FnOnce(&mut Store) -> R) -> R {
    STORE.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Store::default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::NormOptions;

    #[test]
    fn interner_gives_equal_strings_one_id_and_grows() {
        let mut i: Interner = Interner::new(2);
        let words: Vec<String> = (0..200).map(|n| format!("كلمة{n}")).collect();
        let ids: Vec<u32> = words.iter().map(|w| i.id_with(w, |s| Cow::Owned(s.to_string()))).collect();
        assert_eq!(ids, (0..200).collect::<Vec<u32>>(), "new strings are numbered in order");
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(i.get(w), Some(id));
            assert_eq!(i.id_with(w, |_| panic!("no copy of a known string")), id);
        }
        assert_eq!(i.get("كلمة200"), None);
        assert_eq!(i.len(), 200);
    }

    #[test]
    fn local_numbers_start_again_with_each_text() {
        let mut l = Local::default();
        l.begin();
        assert_eq!((l.id(40), l.id(7), l.id(40)), (0, 1, 0));
        assert_eq!((l.get(7), l.get(8)), (Some(1), None));
        l.begin();
        assert_eq!(l.get(40), None, "a new text has numbered nothing yet");
        assert_eq!((l.id(7), l.id(1000)), (0, 1));
        assert_eq!(l.ids, vec![7, 1000]);
    }

    #[test]
    fn strings_know_their_nisba_and_length() {
        let mut s = Strings::new();
        let [fem, short_nisba, one, two, common, rare] = ["الروسيه", "قضيه", "و", "في", "في", "الاسلحه"].map(|w| s.id(w));
        assert_eq!(s.str(s.masc(fem)), "الروسي");
        assert_eq!(s.masc(short_nisba), NONE, "too short to be a nisba");
        assert!(s.short(one) && !s.short(two));
        assert_eq!(common, two, "one string, one id");
        assert!(s.background(common) > s.background(rare));
        assert_eq!(s.background(common), super::super::keyness::probability(super::super::keyness::zipf("في")), "kept once looked up");
    }

    #[test]
    fn a_lexeme_view_is_worked_out_once_and_checked_against_the_token() {
        let text = "وبيونغ روسيا لقائه وبيونغ";
        let tokens = crate::pipeline::tokens(text, &NormOptions::display());
        let mut store = Store::default();
        store.begin();
        let ids: Vec<ViewId> = tokens.iter().map(|t| store.view_id(t)).collect();
        assert_eq!(ids[0], ids[3], "one lexeme, one view");
        let v = *store.view(ids[0]);
        assert_eq!(store.strings.str(v.key), "بيونغ", "the segmenter cut و");
        let rare = store.rare(&v).expect("a letter that may be a clitic");
        let cut = rare.cuts[0].expect("ب may be a clitic too");
        assert_eq!((store.strings.str(cut.key), cut.start, cut.long), ("يونغ", Some("وب".len() as u32), true));
        assert_eq!(rare.cuts[1], None, "ب then ي: not two clitics");
        assert!(store.rare(store.view(ids[1])).is_none(), "روسيا has nothing rare: no clitic letter, no suffix");
        let free = store.rare(store.view(ids[2])).and_then(|r| r.free[0]).expect("لقائ before ه is لقاء");
        assert_eq!((store.strings.str(free.key), free.letter), (crate::lexicon::key("لقاء").as_str(), 'ء'));
        // a token that does not share its lexeme's string gets a view of its own, not the entry
        let before = *store.view(ids[1]);
        let mut foreign = tokens[1].clone();
        foreign.text = Str::from(&*foreign.text);
        let f = store.view_id(&foreign);
        assert_eq!(f, ids[1], "kept by the same lexeme id");
        assert!(!store.by_lex[f as usize].as_ref().unwrap().text.ptr_eq(&tokens[1].text), "refilled for the other string");
        assert_eq!(View { rare: before.rare, ..*store.view(f) }, before, "with the same facts");
        let mut unnumbered = tokens[1].clone();
        unnumbered.lex = NO_FORM;
        assert_ne!(store.view_id(&unnumbered) & EXTRA, 0);
    }
}
