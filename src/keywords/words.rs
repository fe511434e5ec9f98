//! The keyword view of each token: its clean key (base segment, attached clitics removed), its
//! grouping stem, and where the clean word starts and ends in the text.
//!
//! The segmenter's cut is taken first. Then, because a segmenter cannot know every name, a
//! leading و/ف/ب/ل/ك is also stripped when the rest occurs in this same text as a word of its
//! own (روسيا makes وروسيا and بروسيا forms of it) and general Arabic does not know the whole
//! form better than the rest (so بيان stays بيان even in a text that has يان).

use super::lexemes::{Store, Strings, ViewId, NONE};
use crate::analysis::{Role, Token, NO_FORM};
use crate::lexicon::stopwords::Stopwords;
use crate::text::chars::{is_arabic_mark, is_invisible};
use crate::text::clitics::{ARTICLE, PROCLITICS};
use crate::text::tokenize::Kind;
use super::hash::FastMap;

/// The stop flag of a form index (see `words`).
const STOP: u32 = 1 << 31;

/// One content word as keywords see it (stopwords are left out of the list: a gap in `tok`
/// is where a phrase breaks). Offsets are bytes into the text.
#[derive(Clone, Debug)]
pub struct Word<'a> {
    /// Index of the token.
    pub tok: u32,
    /// Id of the matching key of the clean word (≥ 1; equal keys, equal ids; the article
    /// kept: «روسيا», «الاسلحه»): see [`Words::key`].
    pub id: u32,
    /// Id of the grouping stem (article and inflection removed): see [`Words::stem`].
    pub stem: u32,
    /// The clean word: from the base (after proclitics) to the token's end.
    pub start: u32,
    /// End of the base segment (enclitics excluded).
    pub base_end: u32,
    /// End of the token.
    pub end: u32,
    /// A clitic was attached in front (so the word cannot continue a phrase).
    pub proclitic: bool,
    /// Written with tanween (ً ٌ ٍ): indefinite, so the end of its noun phrase unless an
    /// adjective follows.
    pub tanween: bool,
    /// The base's last letter as the free word writes it, when the enclitic changed it
    /// (يقظت|ه → يقظة, لقائ|ه → لقاء): see [`free_form`].
    pub restored: Option<char>,
    pub _life: std::marker::PhantomData<&'a ()>,
}

/// The keyword view of a text: its words, and the distinct keys and stems they refer to
/// (numbered for this text from 0; the strings are the thread's: see [`super::lexemes`]).
pub struct Words<'a> {
    pub words: Vec<Word<'a>>,
    /// How many tokens are words (Arabic, Latin, mixed, numbers): the text's length in words.
    pub word_tokens: usize,
    /// How many tokens are of a keyword kind, stopwords included (the phrase counts' total).
    pub keyword_tokens: usize,
    /// The key ids of the name parts this text has (see [`name_parts`]), each with its class.
    pub name_parts: Vec<(u32, Part)>,
    strings: &'a Strings,
    /// The thread-wide string id of each key id (`0` is the empty key, unused) and stem id.
    key_ids: &'a [u32],
    stem_ids: &'a [u32],
}

/// What a name part does in a phrase (data/name_parts.txt). No class is a keyword alone or
/// ends a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Joins the words of a name, never first (بن in محمد بن سلمان).
    Inner,
    /// May start a phrase or stand inside one (أبو ظبي، الملك سلمان، جامعة الملك سعود).
    Lead,
    /// A title or rank before a name: may start a phrase, never continues one (العقيد ناصر,
    /// and «محافظ الطائف | العقيد ناصر» are two phrases).
    Title,
}

/// Name parts (data/name_parts.txt) as matching keys, with their class. Each is also listed
/// behind و and ف, which the proclitic fallback leaves on words this short (وبن).
pub fn name_parts() -> &'static [(String, Part)] {
    static LIST: std::sync::OnceLock<Vec<(String, Part)>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        crate::lexicon::entries(include_str!("../../data/name_parts.txt"))
            .filter_map(|line| {
                let (class, word) = line.split_once(char::is_whitespace)?;
                let part = match class {
                    "inner" => Part::Inner,
                    "lead" => Part::Lead,
                    "title" => Part::Title,
                    _ => panic!("data/name_parts.txt: unknown class {class:?} (inner, lead or title)"),
                };
                Some((crate::lexicon::key(word.trim()), part))
            })
            .flat_map(|(k, part)| ["", "و", "ف"].map(|c| (format!("{c}{k}"), part)))
            .collect()
    })
}

impl<'a> Words<'a> {
    /// The grouping stem of a word.
    pub fn stem(&self, w: &Word) -> &'a str {
        self.stem_str(w.stem)
    }
    /// The matching key of a word.
    pub fn key(&self, w: &Word) -> &'a str {
        self.key_str(w.id)
    }
    /// How many distinct keys the text has (ids `1..n_keys()`; 0 is unused).
    pub fn n_keys(&self) -> usize {
        self.key_ids.len()
    }
    /// How many distinct stems the text has.
    pub fn n_stems(&self) -> usize {
        self.stem_ids.len()
    }
    pub fn key_str(&self, id: u32) -> &'a str {
        self.strings.str(self.key_ids[id as usize])
    }
    pub fn stem_str(&self, id: u32) -> &'a str {
        self.strings.str(self.stem_ids[id as usize])
    }
    /// Is stem `id` too short (one letter) to mean anything alone?
    pub fn short_stem(&self, id: u32) -> bool {
        self.strings.short(self.stem_ids[id as usize])
    }
    /// The background probability of key `id` in general Arabic ([`super::keyness`]), looked
    /// up once per thread.
    pub fn background(&self, id: u32) -> f64 {
        self.strings.background(self.key_ids[id as usize])
    }
}

/// Can this kind of token be a keyword (or part of one)?
pub fn is_keyword_kind(k: Kind) -> bool {
    matches!(k, Kind::Arabic | Kind::Latin | Kind::Mixed)
}

/// A distinct form of the text as this text reads it: its lexeme's view
/// ([`super::lexemes::View`]) with the text's key and stem ids, and what the proclitic
/// fallback and the free form change. Offsets are relative to the token's start. (What every
/// word reads is copied here, so that filling the words in touches only this list.)
struct Form {
    view: ViewId,
    id: u32,
    stem: u32,
    start: u32,
    base_end: u32,
    proclitic: bool,
    tanween: bool,
    stop: bool,
    /// The view has a rare part (leading letters to cut, a free form).
    rare: bool,
    /// Leading letters the proclitic fallback cut (0, 1 or 2).
    cut: u8,
    restored: Option<char>,
}

/// The keyword view of every keyword-kind token, in order. `known_better(whole, rest)` says
/// whether general Arabic knows the whole key at least as well as the key without its first
/// letter (then that letter is not stripped). `store` keeps what depends on the forms alone
/// (the thread's, [`super::lexemes::with_store`], unless a test wants its own).
pub fn words<'a>(tokens: &'a [Token], stop: &Stopwords, known_better: &dyn Fn(&str, &str) -> bool, store: &'a mut Store) -> Words<'a> {
    let occurrences = tokens.iter().enumerate().map(|(i, t)| Occurrence { tok: i as u32, start: t.start, token: t });
    words_from(occurrences, stop, known_better, store)
}

/// One token of a text for [`words_from`]: its index and start, and a token of the same form
/// (itself, or one kept for the form: its offsets need not be this token's).
#[derive(Clone, Copy)]
pub struct Occurrence<'a> {
    pub tok: u32,
    pub start: u32,
    pub token: &'a Token,
}

/// [`words`] over every token of a text given as [`Occurrence`]s, in order: a text analyzed
/// in pieces (`crate::stream`) keeps one token per distinct form and where each token is.
pub fn words_from<'a>(tokens: impl ExactSizeIterator<Item = Occurrence<'a>>, stop: &Stopwords, known_better: &dyn Fn(&str, &str) -> bool, store: &'a mut Store) -> Words<'a> {
    store.begin();
    // Texts repeat their words: each distinct form (tokens sharing their text and key) is
    // decided once, and each word then only finds its form.
    // (About one distinct form in four word tokens in a long text; the tables grow if needed.)
    let cap = tokens.len() / 4 + 16;
    let mut index = FormIndex { by_form: Vec::with_capacity(cap), form_of: FastMap::default() };
    let mut forms: Vec<Form> = Vec::with_capacity(cap);
    let empty = store.strings.id("");
    store.keys.id(empty); // key 0, unused (a word's key id is ≥ 1)
    // The stem of a segmenter key, by key id (a function of the key and whether it is Arabic).
    let mut key_stem: Vec<(u32, bool)> = Vec::with_capacity(cap);
    // Words are laid out in this pass with their form's index in `id`; the form's view fills
    // them in at the end.
    let mut words: Vec<Word<'a>> = Vec::with_capacity(tokens.len());
    let (mut word_tokens, mut keyword_tokens) = (0, 0);
    let edited = stop.has_edits().then_some(stop);
    for Occurrence { tok: i, start: at, token: t } in tokens {
        word_tokens += t.kind.is_word() as usize;
        if !is_keyword_kind(t.kind) {
            continue;
        }
        keyword_tokens += 1;
        let f = match index.get(t) {
            f if f != NONE => f,
            _ => {
                let form = new_form(t, edited, store, &mut key_stem);
                let tagged = forms.len() as u32 | if form.stop { STOP } else { 0 };
                forms.push(form);
                index.set(t, tagged);
                tagged
            }
        };
        if f & STOP != 0 {
            continue;
        }
        words.push(Word {
            tok: i,
            id: f,
            stem: 0,
            start: at,
            base_end: at,
            end: at + (t.end - t.start),
            proclitic: false,
            tanween: false,
            restored: None,
            _life: std::marker::PhantomData,
        });
    }
    cut_proclitics(&mut forms, store, known_better);
    restore_free_forms(&mut forms, store);
    let same = nisba_stems(store);
    for w in words.iter_mut() {
        let f = &forms[w.id as usize];
        w.id = f.id;
        w.stem = same[f.stem as usize];
        w.base_end = w.start + f.base_end;
        w.start += f.start;
        w.proclitic = f.proclitic;
        w.restored = f.restored;
        w.tanween = f.tanween;
    }
    let store: &'a Store = store;
    let name_parts = store.name_parts.iter().filter_map(|&(k, part)| Some((store.keys.get(k)?, part))).collect();
    Words { words, word_tokens, keyword_tokens, name_parts, strings: &store.strings, key_ids: &store.keys.ids, stem_ids: &store.stems.ids }
}

/// Which of the text's forms a token has, as an index into its form list with the form's stop
/// flag in the top bit (most words only need that). The pipeline numbers its distinct forms
/// (`Token::form`), so a form is found by indexing; tokens without a number (deserialized ones)
/// are identified by their shared strings.
struct FormIndex {
    by_form: Vec<u32>,
    form_of: FastMap<(usize, usize), u32>,
}

impl FormIndex {
    /// The tagged form index of `t`, or [`NONE`] when its form is new to the text.
    #[inline]
    fn get(&mut self, t: &Token) -> u32 {
        if t.form == NO_FORM {
            return self.form_of.get(&(t.text.as_ptr() as usize, t.key.as_ptr() as usize)).copied().unwrap_or(NONE);
        }
        let at = t.form as usize;
        if at >= self.by_form.len() {
            self.by_form.resize((at + 1).max(self.by_form.len() * 2), NONE);
        }
        self.by_form[at]
    }

    /// Records `tagged` as the form of `t` (after [`FormIndex::get`] said it was new).
    fn set(&mut self, t: &Token, tagged: u32) {
        if t.form == NO_FORM {
            self.form_of.insert((t.text.as_ptr() as usize, t.key.as_ptr() as usize), tagged);
        } else {
            self.by_form[t.form as usize] = tagged;
        }
    }
}

/// The form of token `t`, first seen in this text: its lexeme's view with this text's key and
/// stem ids and stop flag (`edited`: the stopwords when the reader edited them, applied here).
fn new_form(t: &Token, edited: Option<&Stopwords>, store: &mut Store, key_stem: &mut Vec<(u32, bool)>) -> Form {
    let (view, v) = store.find(t);
    let arabic = t.kind == Kind::Arabic;
    let listed = match edited {
        Some(stop) => stop.is_stop_form(&t.text, &t.key, &t.stem, bases(t)),
        None => v.listed,
    };
    let (key, stem, is_stop) = (v.key, v.stem, listed || v.excluded);
    let id = store.keys.id(key);
    let st = match key_stem.get(id as usize) {
        Some(&(st, a)) if st != NONE && a == arabic => st,
        _ => {
            let st = store.stems.id(stem);
            if key_stem.len() <= id as usize {
                key_stem.resize(id as usize + 1, (NONE, false));
            }
            key_stem[id as usize] = (st, arabic);
            st
        }
    };
    Form { view, id, stem: st, start: v.start, base_end: v.base_end, proclitic: v.proclitic, tanween: v.tanween, stop: is_stop, rare: v.rare != NONE, cut: 0, restored: None }
}

/// The proclitic fallback: a leading و/ف/ب/ل/ك (or a conjunction and a preposition) is cut
/// where the rest is a word of its own in this text (its key or stem that of a content form)
/// and general Arabic does not know the whole better (see the module's documentation).
fn cut_proclitics(forms: &mut [Form], store: &mut Store, known_better: &dyn Fn(&str, &str) -> bool) {
    // Keys and stems seen as words of their own, by this text's ids.
    let (mut present_key, mut present_stem) = (vec![false; store.keys.len()], vec![false; store.stems.len()]);
    for f in forms.iter().filter(|f| !f.stop) {
        present_key[f.id as usize] = true;
        present_stem[f.stem as usize] = true;
    }
    for f in forms.iter_mut().filter(|f| f.rare && !f.stop) {
        let v = store.view(f.view);
        let Some(rare) = store.rare(v).filter(|r| r.cuts[0].is_some()) else { continue };
        let (s, keys, stems) = (&store.strings, &store.keys, &store.stems);
        let present = |k: u32| {
            keys.get(k).is_some_and(|i| present_key.get(i as usize) == Some(&true))
                || stems.get(k).is_some_and(|i| present_stem.get(i as usize) == Some(&true))
        };
        let acceptable = |c: &super::lexemes::Cut| c.long && present(c.key) && !known_better(s.str(v.key), s.str(c.key));
        // Two letters (a conjunction then a preposition) first, then one letter.
        let Some((n, cut)) = rare.cuts.iter().enumerate().rev().find_map(|(i, c)| c.filter(acceptable).map(|c| (i + 1, c))) else { continue };
        let (id, st) = (store.keys.id(cut.key), store.stems.id(cut.stem));
        let Some(start) = cut.start else { continue };
        (f.start, f.id, f.stem, f.proclitic, f.cut) = (start, id, st, true, n as u8);
    }
}

/// Bases whose last letter took its joined spelling before a pronoun suffix: the free word
/// (see [`free_form`]).
fn restore_free_forms(forms: &mut [Form], store: &mut Store) {
    for f in forms.iter_mut().filter(|f| f.rare && !f.stop) {
        let Some(rare) = store.rare(store.view(f.view)).filter(|r| r.free_tail) else { continue };
        if let Some(free) = rare.free[f.cut as usize] {
            (f.id, f.stem, f.restored) = (store.keys.id(free.key), store.stems.id(free.stem), Some(free.letter));
        }
    }
}

/// By this text's stem id, the stem it groups with: a feminine nisba joins its masculine form
/// (الروسية with الروسي: stems «…يه» and «…ي») when the text has it, any other stem itself.
fn nisba_stems(store: &Store) -> Vec<u32> {
    let stems = &store.stems;
    (0..stems.len() as u32)
        .map(|i| {
            let masc = store.strings.masc(stems.ids[i as usize]);
            if masc == NONE {
                i
            } else {
                stems.get(masc).unwrap_or(i)
            }
        })
        .collect()
}

/// The keys of a token's base segments.
fn bases(t: &Token) -> impl Iterator<Item = &str> {
    t.segments.iter().filter(|s| s.role == Role::Base).map(|s| s.key.as_str())
}

/// Does the word end with a tanween mark (before or after a final alef, other marks skipped)?
pub fn has_tanween(text: &str) -> bool {
    for c in text.chars().rev() {
        match c {
            '\u{064B}' | '\u{064C}' | '\u{064D}' => return true,
            'ا' => continue,
            c if is_arabic_mark(c) || is_invisible(c) => continue,
            _ => return false,
        }
    }
    false
}

/// A number with an era letter, an attached clitic or the article (2010م، 1435هـ، و1436هـ،
/// ب2015، 17/10/1436هـ، الـ15): a date or a figure, not a keyword.
pub(super) fn is_dated_number(key: &str) -> bool {
    let mut body = key.strip_suffix(['م', 'ه']).unwrap_or(key);
    for _ in 0..2 {
        body = body.strip_prefix(PROCLITICS).unwrap_or(body);
    }
    body = body.strip_prefix(ARTICLE).unwrap_or(body);
    let digit = |c: char| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c);
    // a date's separators only between digits (17/10/1436)
    body.len() < key.len()
        && body.starts_with(digit)
        && body.ends_with(digit)
        && body.chars().all(|c| digit(c) || matches!(c, '/' | '-' | '.'))
}

/// The free form of a base cut before a pronoun suffix, when general Arabic knows it better
/// than the base as written: a final ت back to ة (يقظت → يقظة), a final ئ or ؤ back to ء
/// (لقائ → لقاء، أبناؤ → أبناء). Returns the free form and its new last letter.
pub fn free_form(base: &str) -> Option<(String, char)> {
    let (at, last) = base.char_indices().rev().find(|&(_, c)| !is_arabic_mark(c) && !is_invisible(c))?;
    let free = match last {
        'ت' => 'ة',
        'ئ' | 'ؤ' => 'ء',
        _ => return None,
    };
    if base[..at].chars().filter(|c| !is_arabic_mark(*c)).count() < 2 {
        return None;
    }
    let mut s = String::with_capacity(base.len() + 1);
    s.push_str(&base[..at]);
    s.push(free);
    let known = crate::lexicon::wordfreq::zipf(&s)?;
    match crate::lexicon::wordfreq::zipf(base) {
        Some(z) if z >= known => None,
        _ => Some((s, free)),
    }
}

/// The byte offset in `text` after the letter at `at` (and its marks), if that letter is `c`
/// as a matching key (so ligatures and the like are never split).
pub(super) fn skip_letter(text: &str, at: usize, c: char) -> Option<usize> {
    let mut it = text[at..].char_indices();
    let (_, first) = it.next()?;
    if first == c || crate::lexicon::key(first.encode_utf8(&mut [0; 4])).chars().eq(std::iter::once(c)) {
        for (j, d) in it {
            if !is_arabic_mark(d) && !is_invisible(d) {
                return Some(at + j);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;
    use crate::pipeline;

    fn view(text: &str) -> Vec<(String, String, String)> {
        let toks = pipeline::tokens(text, &Options::default().normalize);
        let stop = crate::keywords::stopwords(&Options::default());
        let mut store = Store::default();
        let ws = words(&toks, &stop, &|_, _| false, &mut store);
        ws.words.iter().map(|w| (text[w.start as usize..w.base_end as usize].to_string(), ws.key(w).to_string(), ws.stem(w).to_string())).collect()
    }

    /// Each word as (clean text, key, stem, restored letter, proclitic) from `tokens` of `text`.
    fn described(text: &str, tokens: &[Token], store: &mut Store) -> Vec<(String, String, String, Option<char>, bool)> {
        let stop = crate::keywords::stopwords(&Options::default());
        let ws = words(tokens, &stop, &crate::keywords::known_better, store);
        ws.words.iter().map(|w| (text[w.start as usize..w.base_end as usize].to_string(), ws.key(w).to_string(), ws.stem(w).to_string(), w.restored, w.proclitic)).collect()
    }

    #[test]
    fn kept_views_serve_the_next_text_and_tokens_without_a_lexeme_alike() {
        let text = "وبيونغ بيونغ يانغ لقائه لقاء الروسية الروسي يقظته وفي المقابل بيونغ";
        let toks = pipeline::tokens(text, &Options::default().normalize);
        let mut store = Store::default();
        let first = described(text, &toks, &mut store);
        assert!(first.iter().any(|w| w.3 == Some('ء')) && first.iter().any(|w| w.4), "{first:?}");
        // the same text again reads the kept views; deserialized tokens (no lexeme, no form
        // number) get views of their own: all three agree
        assert_eq!(described(text, &toks, &mut store), first);
        let foreign: Vec<Token> = serde_json::from_str(&serde_json::to_string(&toks).expect("serializes")).expect("parses");
        assert!(foreign.iter().all(|t| t.lex == NO_FORM));
        assert_eq!(described(text, &foreign, &mut store), first);
        assert_eq!(described(text, &foreign, &mut Store::default()), first);
    }

    #[test]
    fn proclitics_stripped_when_the_rest_is_a_word_here() {
        let v = view("روسيا وروسيا بروسيا لأسلحة أسلحة وبأسلحة");
        assert_eq!(v[1].0, "روسيا");
        assert_eq!(v[2].0, "روسيا");
        assert_eq!(v[1].2, v[0].2);
        assert_eq!(v[2].2, v[0].2);
        assert_eq!(v[3].0, "أسلحة");
        assert_eq!(v[3].2, v[4].2);
        assert_eq!(v[5].0, "أسلحة");
    }

    #[test]
    fn proclitic_kept_without_evidence() {
        let v = view("وزير بيان");
        assert_eq!(v[0].0, "وزير");
        assert_eq!(v[1].0, "بيان");
        // Even with the rest present, general Arabic can veto the cut.
        let toks = pipeline::tokens("بيان يان", &Options::default().normalize);
        let stop = crate::keywords::stopwords(&Options::default());
        let mut store = Store::default();
        let w = words(&toks, &stop, &|whole, _| whole == "بيان", &mut store);
        assert_eq!(w.key(&w.words[0]), "بيان");
    }

    #[test]
    fn bases_before_a_suffix_get_their_free_form() {
        assert_eq!(free_form("يقظت"), Some(("يقظة".into(), 'ة')));
        assert_eq!(free_form("معالجت"), Some(("معالجة".into(), 'ة')));
        assert_eq!(free_form("لقائ"), Some(("لقاء".into(), 'ء')));
        assert_eq!(free_form("حلفائ"), Some(("حلفاء".into(), 'ء')));
        assert_eq!(free_form("مينائ"), Some(("ميناء".into(), 'ء')));
        // Words that end so as written stay: كتبت (I wrote), بيت, وقت, قارئ.
        for w in ["كتبت", "بيت", "وقت", "قارئ", "صوت"] {
            assert_eq!(free_form(w), None, "{w}");
        }
        let v = view("لقائه لقاء يقظته");
        assert_eq!(v[0].1, v[1].1);
        assert_eq!(v[0].2, v[1].2);
        assert_eq!(v[2].1, crate::lexicon::key("يقظة"));
    }

    #[test]
    fn dated_numbers_are_not_keywords() {
        for k in ["2010م", "1435ه", "٢٠١٠م", "و1436ه", "ب2015", "17/10/1436ه", "1436-1437ه", "ال15", "وال80"] {
            assert!(is_dated_number(k), "{k}");
        }
        for k in ["م", "2010", "مصر", "5g", "ال", "/ه", "ال/ه", "10رحلات", "الف15"] {
            assert!(!is_dated_number(k), "{k}");
        }
    }

    #[test]
    fn feminine_nisba_joins_the_masculine() {
        let v = view("الروسي الروسية روسية قضية قضى");
        assert_eq!(v[0].2, v[1].2);
        assert_eq!(v[0].2, v[2].2);
        // Too short to be sure: قضية is not قضى.
        assert_ne!(v[3].2, v[4].2);
    }

    #[test]
    fn tanween_is_seen_around_a_final_alef() {
        for w in ["محققاً", "محققًا", "قاضٍ", "كتابٌ"] {
            assert!(has_tanween(w), "{w}");
        }
        for w in ["زيادة", "محققا", "الرياض", "ا"] {
            assert!(!has_tanween(w), "{w}");
        }
    }
}
