//! The lexeme table: one entry per distinct word form, holding the facts that depend on the
//! form alone (display form, matching key, clitic segments, stem), computed once and shared by
//! every token with that form, in this text and in every later text analyzed on the thread
//! (spaCy's `Vocab` and `Lexeme`).
//!
//! Why a table that outlives one call: a megabyte of news has about 100,000 tokens but 24,000
//! distinct forms, and consecutive texts (the lines of a corpus, the page re-analyzing an edited
//! text) share most of their forms. Later stages key their own per-form facts (the tagger's word
//! features and weight sums) by the same lexeme id, so each is worked out once per form, not once
//! per text.
//!
//! Ids are plain indices, valid until the table is reset (when it grows past [`MAX_LEXEMES`]
//! between two texts, or the display options change). A token records its lexeme id
//! ([`crate::Token::lex`]) and shares the lexeme's text string; a stage trusts the id only when
//! that string is the very one the entry holds ([`Str::ptr_eq`]), so a token from before a
//! reset, or from another thread, is never misread: it is looked up again.

use crate::analysis::{Role, Token, NO_FORM};
use crate::lexicon::clusters::{self, ClusterPath};
use crate::lexicon::stopwords::Stopwords;
use crate::text::clitics;
use crate::lexicon::FastBuild;
use crate::str::Str;
use crate::text::normalize::{normalize, NormOptions};
use crate::text::clitics::restore_article;
use crate::morph::segment::segment;
use crate::morph::stem::stem;
use crate::text::tokenize::Kind;
use std::cell::RefCell;
use std::collections::HashMap;

/// How many lexemes the table may hold before it is reset at the start of the next text (a few
/// hundred bytes each, so tens of megabytes at most). A single text larger than that keeps all
/// its forms until it is done.
pub const MAX_LEXEMES: usize = 150_000;

/// One segment of a lexeme: a clitic or the base, as a byte range of the form.
#[derive(Clone, Debug)]
pub struct LexSegment {
    pub start: u32,
    pub end: u32,
    pub text: Str,
    pub key: Str,
    pub role: Role,
}

/// The per-form facts that later stages need, worked out once per lexeme so that no stage
/// computes them per token or keeps a cache of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// A finite verb ([`crate::morph::verbs::is_verb`] on the base segment's key, told whether
    /// a suffix was cut; Arabic words only): keywords leave it out.
    pub is_verb: bool,
    /// A stopword of the shipped list, also behind clitics ([`Stopwords::shipped`]): keywords
    /// leave it out (the reader's edits to the list are applied per call).
    pub is_stop: bool,
    /// Some reading of the key, as it is or without proclitics ([`clitics::name_readings`]),
    /// begins a gazetteer place name (Arabic words only): the gazetteer tries only such words.
    pub begins_place: bool,
    /// The word's Brown cluster ([`crate::lexicon::clusters`]), looked up by its cluster key
    /// ([`Lexeme::cluster_key`]; Arabic words only); `None` for a word the table does not
    /// know. For the tagger's features: prefixes of the path ([`ClusterPath::prefix`]).
    pub cluster: Option<ClusterPath>,
    /// A head noun of organisation names without the article, behind a conjunction or not
    /// («مجموعة», «وشركة»; not «المجموعة», «للشركة»): where the organisation rules
    /// ([`crate::entities::orgs`]) look for a name after it. Arabic words only.
    pub indefinite_org_head: bool,
    /// The sections of the rule phrases (dates, amounts, units: [`crate::entities::rules`])
    /// whose entries may begin with this word, by its key or its base segment's key (bit `s`
    /// for section `s`): the rules try only those sections there.
    pub rule_sections: u16,
}

impl Facts {
    /// The facts of a form of kind `kind` written `text`, with key `key`, stem `stem` and
    /// segments `(key, role)`.
    fn of<'s>(kind: Kind, text: &str, key: &'s str, stem: &str, segments: impl Iterator<Item = (&'s str, Role)> + Clone) -> Facts {
        let base = base_key(key, segments.clone());
        let enclitic = segments.clone().any(|s| s.1 == Role::Enclitic);
        let bases = segments.filter(|s| s.1 == Role::Base).map(|s| s.0);
        let arabic = kind == Kind::Arabic;
        Facts {
            is_verb: arabic && crate::morph::verbs::is_verb(base, enclitic),
            is_stop: Stopwords::shipped().is_stop_form(text, key, stem, bases),
            begins_place: arabic && begins_place(key),
            cluster: if arabic { clusters::path(base) } else { None },
            indefinite_org_head: arabic && is_indefinite_org_head(key),
            rule_sections: crate::entities::rules::sections_begun(key, base),
        }
    }
}

/// Is `key`, the conjunction taken off, an organisation head without the article?
fn is_indefinite_org_head(key: &str) -> bool {
    let head = clitics::strip_conj(key);
    !head.starts_with("ال") && !head.starts_with("لل") && crate::entities::features::is_org_head(head)
}

/// Does some reading of `key` begin a place name of the gazetteer?
fn begins_place(key: &str) -> bool {
    let places = crate::lexicon::places();
    let mut begins = false;
    clitics::name_readings(key, |r, _| begins |= places.contains_key(r));
    begins
}

/// The facts of token `t`'s form: its lexeme's when its lexeme id is this thread's (see the
/// module's documentation), else worked out for it (a deserialized token, one from another
/// thread or from before a reset). Not within [`with_vocab`].
pub fn facts(t: &Token) -> Facts {
    if t.lex != NO_FORM {
        let known = with_vocab(|v| v.lexemes.get(t.lex as usize).filter(|l| l.text.ptr_eq(&t.text)).map(|l| l.facts));
        if let Some(f) = known {
            return f;
        }
    }
    Facts::of(t.kind, &t.text, &t.key, &t.stem, t.segments.iter().map(|s| (s.key.as_str(), s.role)))
}

/// Everything about a token that depends only on its text and kind.
#[derive(Clone, Debug)]
pub struct Lexeme {
    pub text: Str,
    pub kind: Kind,
    /// Display form (the call's [`NormOptions`]).
    pub norm: Str,
    /// Matching key: every normalization rule.
    pub key: Str,
    /// Grouping key of the base segment: clitics and the article removed.
    pub stem: Str,
    pub segments: Vec<LexSegment>,
    pub facts: Facts,
}

impl Lexeme {
    /// Works out the lexeme of the form `s` of kind `kind`.
    pub fn new(s: &str, kind: Kind, display: &NormOptions, key_opts: &NormOptions) -> Lexeme {
        let text = Str::from(s);
        let key = Str::from(normalize(s, key_opts));
        let (segments, base_key) = match kind {
            Kind::Arabic | Kind::Mixed => clitic_segments(s, &text, &key, key_opts),
            // «60%» is the number and the percent sign, «2019-2020» two numbers and a dash,
            // as treebanks write them.
            Kind::Number => (number_segments(s, &text, &key, key_opts), None),
            _ => (vec![whole(s, &text, &key)], None),
        };
        let base_key = base_key.unwrap_or_else(|| key.clone());
        let stem = if kind == Kind::Arabic { Str::from(stem(&base_key)) } else { base_key };
        let norm = if display == key_opts {
            key.clone()
        } else {
            let n = normalize(s, display);
            if n == s {
                text.clone()
            } else {
                Str::from(n)
            }
        };
        let facts = Facts::of(kind, &text, &key, &stem, segments.iter().map(|s| (s.key.as_str(), s.role)));
        Lexeme { text, kind, norm, key, stem, segments, facts }
    }

    /// The key the word clusters know the form by ([`crate::lexicon::clusters`]): the
    /// matching key of the base segment (the clitics the segmenter cuts are off, the article
    /// stays). The training crate keys the unlabeled text with this same method.
    pub fn cluster_key(&self) -> &str {
        base_key(&self.key, self.segments.iter().map(|s| (s.key.as_str(), s.role)))
    }
}

/// The key of the base segment among `segments` (key, role), or `key` when none is the base.
fn base_key<'s>(key: &'s str, mut segments: impl Iterator<Item = (&'s str, Role)>) -> &'s str {
    segments.find(|s| s.1 == Role::Base).map_or(key, |s| s.0)
}

fn whole(s: &str, text: &Str, key: &Str) -> LexSegment {
    LexSegment { start: 0, end: s.len() as u32, text: text.clone(), key: key.clone(), role: Role::Base }
}

/// The clitic segments of an Arabic word and the key of its base.
fn clitic_segments(s: &str, text: &Str, key: &Str, key_opts: &NormOptions) -> (Vec<LexSegment>, Option<Str>) {
    let cuts = segment(s);
    let base = cuts.base();
    let mut segments = Vec::with_capacity(1);
    let mut base_key = None;
    let mut prev = 0usize;
    let mut prev_key = String::new();
    for (i, cut) in cuts.iter().chain(std::iter::once(s.len())).enumerate() {
        let piece = &s[prev..cut];
        let (t, k) = if cut - prev == s.len() {
            (text.clone(), key.clone())
        } else {
            (Str::from(piece), Str::from(restore_article(prev_key.ends_with('ل'), normalize(piece, key_opts))))
        };
        let role = match i.cmp(&base) {
            std::cmp::Ordering::Less => Role::Proclitic,
            std::cmp::Ordering::Equal => Role::Base,
            std::cmp::Ordering::Greater => Role::Enclitic,
        };
        if role == Role::Base {
            base_key = Some(k.clone());
        }
        prev_key.clear();
        prev_key.push_str(&k);
        segments.push(LexSegment { start: prev as u32, end: cut as u32, text: t, key: k, role });
        prev = cut;
    }
    (segments, base_key)
}

fn number_segments(s: &str, text: &Str, key: &Str, key_opts: &NormOptions) -> Vec<LexSegment> {
    let cuts = number_cuts(s);
    if cuts.is_empty() {
        return vec![whole(s, text, key)];
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut prev = 0usize;
    for cut in cuts.into_iter().chain(std::iter::once(s.len())) {
        let piece = &s[prev..cut];
        out.push(LexSegment { start: prev as u32, end: cut as u32, text: Str::from(piece), key: Str::from(normalize(piece, key_opts)), role: Role::Base });
        prev = cut;
    }
    out
}

/// Where a number token splits into words: before a percent sign, around a range dash.
pub(crate) fn number_cuts(s: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    for (i, c) in s.char_indices() {
        if (c == '%' || c == '\u{066A}' || c == '-') && i > 0 {
            cuts.push(i);
            if c == '-' && i + 1 < s.len() {
                cuts.push(i + 1);
            }
        }
    }
    cuts
}

/// The lexeme table of one thread.
pub struct Vocab {
    display: NormOptions,
    key_opts: NormOptions,
    /// Form → lexeme id (the form's first kind; the rare form tokenized with another kind gets
    /// lexemes of its own, found through the text's local numbering only).
    ids: HashMap<Str, u32, FastBuild>,
    lexemes: Vec<Lexeme>,
    /// Per lexeme: the serial of the text that last numbered it, and its number there.
    local: Vec<(u32, u32)>,
    /// The current text's serial and how many distinct forms it has numbered.
    serial: u32,
    next_local: u32,
}

impl Vocab {
    fn new() -> Vocab {
        Vocab {
            display: NormOptions::display(),
            key_opts: NormOptions::key(),
            ids: HashMap::default(),
            lexemes: Vec::new(),
            local: Vec::new(),
            serial: 0,
            next_local: 0,
        }
    }

    /// Starts a new text with display options `display`: resets the table when it is full or
    /// the display options changed (the display form is part of a lexeme).
    pub fn begin(&mut self, display: &NormOptions) {
        if self.lexemes.len() > MAX_LEXEMES || self.display != *display {
            self.ids.clear();
            self.lexemes.clear();
            self.local.clear();
            self.display = display.clone();
        }
        self.serial = self.serial.wrapping_add(1);
        self.next_local = 0;
    }

    /// The lexeme id of form `s` of kind `kind` (added when new), and its number in the
    /// current text: forms are numbered from 0 in order of first appearance.
    pub fn intern(&mut self, s: &str, kind: Kind) -> (u32, u32) {
        let id = match self.ids.get(s) {
            Some(&id) if self.lexemes[id as usize].kind == kind => id,
            found => {
                let id = self.lexemes.len() as u32;
                let lex = Lexeme::new(s, kind, &self.display, &self.key_opts);
                if found.is_none() {
                    self.ids.insert(lex.text.clone(), id);
                }
                self.lexemes.push(lex);
                self.local.push((self.serial.wrapping_sub(1), 0));
                id
            }
        };
        let slot = &mut self.local[id as usize];
        if slot.0 != self.serial {
            *slot = (self.serial, self.next_local);
            self.next_local += 1;
        }
        (id, slot.1)
    }

    pub fn lexeme(&self, id: u32) -> &Lexeme {
        &self.lexemes[id as usize]
    }

    pub fn len(&self) -> usize {
        self.lexemes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lexemes.is_empty()
    }
}

thread_local! {
    static VOCAB: RefCell<Vocab> = RefCell::new(Vocab::new());
}

/// Runs `f` with this thread's lexeme table. Not re-entrant: `f` must not call it again.
pub fn with_vocab<R>(f: impl FnOnce(&mut Vocab) -> R) -> R {
    VOCAB.with(|v| f(&mut v.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_numbered_per_text_and_shared_across_texts() {
        let mut v = Vocab::new();
        v.begin(&NormOptions::display());
        let (a, la) = v.intern("روسيا", Kind::Arabic);
        let (b, lb) = v.intern("وموسكو", Kind::Arabic);
        assert_eq!((la, lb), (0, 1));
        assert_eq!(v.intern("روسيا", Kind::Arabic), (a, 0));
        assert_eq!(v.lexeme(b).segments.len(), 2, "و + موسكو");
        v.begin(&NormOptions::display());
        // the next text numbers its forms from 0 again and reuses the lexemes
        assert_eq!(v.intern("وموسكو", Kind::Arabic), (b, 0));
        assert_eq!(v.intern("روسيا", Kind::Arabic), (a, 1));
        assert_eq!(v.len(), 2);
        // the same text as another kind is a lexeme of its own
        let (c, lc) = v.intern("روسيا", Kind::Latin);
        assert_ne!(c, a);
        assert_eq!(lc, 2);
    }

    #[test]
    fn lexemes_carry_their_facts() {
        let mut v = Vocab::new();
        v.begin(&NormOptions::display());
        let facts = |v: &mut Vocab, w: &str| {
            let (id, _) = v.intern(w, Kind::Arabic);
            v.lexeme(id).facts
        };
        assert!(facts(&mut v, "يهددون").is_verb);
        assert!(!facts(&mut v, "الاجتماع").is_verb);
        assert!(facts(&mut v, "وفي").is_stop);
        assert!(!facts(&mut v, "روسيا").is_stop);
        assert!(facts(&mut v, "وروسيا").begins_place, "و + روسيا");
        assert!(facts(&mut v, "للولايات").begins_place, "ل + الولايات");
        assert!(!facts(&mut v, "يهددون").begins_place);
    }

    #[test]
    fn lexemes_carry_their_cluster_behind_clitics() {
        let mut v = Vocab::new();
        v.begin(&NormOptions::display());
        let mut path = |w: &str| {
            let (id, _) = v.intern(w, Kind::Arabic);
            v.lexeme(id).facts.cluster
        };
        let russia = path("روسيا").expect("روسيا is in the table");
        assert_eq!(path("وروسيا"), Some(russia), "و + روسيا is clustered as روسيا");
        assert_eq!(path("لروسيا"), Some(russia), "ل + روسيا too");
        // countries share a long prefix; a given name and a month sit elsewhere
        let near = |a: ClusterPath, b: Option<ClusterPath>| a.shared(b.expect("in the table"));
        let france = near(russia, path("فرنسا"));
        assert!(france >= 6, "روسيا {russia} فرنسا shares {france} bits");
        assert!(near(russia, path("محمد")) < france && near(russia, path("يناير")) < france);
        assert_eq!(path("ققققق"), None);
    }

    #[test]
    fn a_token_without_a_lexeme_gets_the_same_facts() {
        let text = "قال بوتين إن روسيا ستدعم كوريا الشمالية وفي المقابل يهددون";
        let tokens = crate::pipeline::tokens(text, &NormOptions::display());
        let json = serde_json::to_string(&tokens).expect("serializes");
        let foreign: Vec<Token> = serde_json::from_str(&json).expect("parses");
        for (t, f) in tokens.iter().zip(&foreign) {
            assert_eq!(f.lex, NO_FORM);
            assert_eq!(facts(t), facts(f), "{}", t.text);
        }
        assert!(tokens.iter().any(|t| facts(t).begins_place) && tokens.iter().any(|t| facts(t).is_verb));
    }

    #[test]
    fn other_display_options_reset_the_table() {
        let mut v = Vocab::new();
        v.begin(&NormOptions::display());
        let (a, _) = v.intern("مدرسة", Kind::Arabic);
        let shown = v.lexeme(a).norm.clone();
        v.begin(&NormOptions::key());
        assert!(v.is_empty());
        let (b, _) = v.intern("مدرسة", Kind::Arabic);
        assert_ne!(v.lexeme(b).norm, shown, "the display form follows the options");
    }
}
