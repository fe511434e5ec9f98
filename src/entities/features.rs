//! Features for the NER tagger: hashed strings describing a token and its neighbours.
//!
//! Everything here reads only the token's text, key and kind (never the pipeline's clitic
//! segments or stem), plus the shipped word lists, so that a change to the segmenter does not
//! silently change what the model sees. Clitics are stripped here with simple, robust rules
//! and several readings are offered side by side; the weights decide which one to trust.

use crate::analysis::{Role, Token, NO_FORM};
use crate::str::Str;
use crate::lexicon;
use crate::text::sentences::{self, Range, TokenView};
use crate::text::tokenize::Kind;
use super::nonlocal::Nl;
use crate::text::clitics::{bare, restore_article, strip_conj, strip_prep, strip_safe};
use std::collections::{HashMap, HashSet};

/// The word tables' hasher (FNV-1a, shared with the lexicon's tables).
pub type Fast = lexicon::FastBuild;
use std::sync::OnceLock;

/// The version of the feature templates in this file, recorded in every model file
/// ([`super::model`]): weights mean something only against the features they were trained
/// with. Bump it with any change that alters the buckets a token gets (a template, a hash, a
/// flag, or a list these features read: `ner_triggers.txt`, the name lists, stopwords,
/// places), then retrain (`cargo run --release -p kashif-train -- train-ner`): a model of
/// another version then fails to load with a message that says so, instead of tagging badly.
pub const FEATURES_VERSION: u32 = 5;

// Flag bits of a word.
pub const F_PLACE: u32 = 1; // some reading is a place (first word of a gazetteer name)
pub const F_FIRST: u32 = 1 << 1; // some reading is a given name
pub const F_LAST: u32 = 1 << 2; // some reading is a family name
pub const F_STOP: u32 = 1 << 3; // stopword
pub const F_GAZ_B: u32 = 1 << 4; // starts a gazetteer place match in the text
pub const F_GAZ_I: u32 = 1 << 5; // continues one
pub const F_TRIGGER0: u32 = 1 << 6; // first trigger class bit (classes follow in CLASSES order)
const CLASSES: &[&str] = &["PER", "SAY", "ORG", "LOC", "MISC", "NAT", "SPORT"];
pub const F_ORG: u32 = F_TRIGGER0 << CLASSES.len(); // some reading is a one-word organisation name
const F_SPORT: u32 = F_TRIGGER0 << 6;
/// A PER trigger (CLASSES[0]): a title or role before a person, «الشيخ», «الرئيس».
pub const F_TITLE: u32 = F_TRIGGER0;
/// Starts / continues a match of an ORG name of `data/ner_names_multi.txt` in the text.
pub const F_LIST_ORG_B: u32 = F_ORG << 1;
pub const F_LIST_ORG_I: u32 = F_ORG << 2;
/// Starts / continues a match of a MISC name of that list.
pub const F_LIST_MISC_B: u32 = F_ORG << 3;
pub const F_LIST_MISC_I: u32 = F_ORG << 4;
/// Starts / continues a match of a person's name of that list.
pub const F_LIST_PER_B: u32 = F_ORG << 5;
pub const F_LIST_PER_I: u32 = F_ORG << 6;
/// The flags that depend on where a token stands (gazetteer and multi-word list matches in the
/// text), not on its form alone.
pub const POSITION_FLAGS: u32 = F_GAZ_B | F_GAZ_I | F_LIST_ORG_B | F_LIST_ORG_I | F_LIST_MISC_B | F_LIST_MISC_I | F_LIST_PER_B | F_LIST_PER_I;
/// Some reading is a word of a name of the ArWikiCats lists (`data/ner_wikicats.txt`): of a
/// person, a city, a club or team, another place; its first word (`1`) or a later one (`2`).
pub const F_WK_PER1: u32 = F_ORG << 7;
pub const F_WK_PER2: u32 = F_ORG << 8;
pub const F_WK_CITY1: u32 = F_ORG << 9;
pub const F_WK_CITY2: u32 = F_ORG << 10;
pub const F_WK_CLUB1: u32 = F_ORG << 11;
pub const F_WK_CLUB2: u32 = F_ORG << 12;
pub const F_WK_PLACE1: u32 = F_ORG << 13;
pub const F_WK_PLACE2: u32 = F_ORG << 14;
/// Written with a final alef maqsura («على», «إلى», «الكبرى»), which the matching key folds
/// into ي: a particle or adjective spelled so is not the name it shares a key with («علي»).
pub const F_MAQSURA: u32 = F_ORG << 15;
const N_FLAGS: u32 = 6 + CLASSES.len() as u32 + 1 + 6 + 8 + 1;
const F_WIKICATS: u32 = F_WK_PER1 | F_WK_PER2 | F_WK_CITY1 | F_WK_CITY2 | F_WK_CLUB1 | F_WK_CLUB2 | F_WK_PLACE1 | F_WK_PLACE2;

/// Feature families a training experiment can leave out ([`set_without`]): the word clusters
/// (every word reads as one the cluster table does not know) and the ArWikiCats list words (as
/// if `data/ner_wikicats.txt` were empty, for the features and for the rules that read the name
/// lists). Only `kashif-train train-ner --without` sets them, to measure what a family adds by
/// training and scoring without it in one run; analysis never does, and the shipped model was
/// trained with every family.
pub const WITHOUT_CLUSTERS: u32 = 1;
pub const WITHOUT_WIKICATS: u32 = 1 << 1;
static WITHOUT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Leaves the families `without` ([`WITHOUT_CLUSTERS`], [`WITHOUT_WIKICATS`]) out of the features
/// of this process from now on. Set it before the first tagging: facts already worked out (kept
/// per thread by each [`Store`]) keep the families they were made with.
pub fn set_without(without: u32) {
    WITHOUT.store(without, std::sync::atomic::Ordering::Relaxed);
}

fn without(family: u32) -> bool {
    WITHOUT.load(std::sync::atomic::Ordering::Relaxed) & family != 0
}

/// The flag of an ArWikiCats class of `data/ner_wikicats.txt` (`P1`, `C2`, …).
fn wikicats_flag(class: &str) -> u32 {
    match class {
        "P1" => F_WK_PER1,
        "P2" => F_WK_PER2,
        "C1" => F_WK_CITY1,
        "C2" => F_WK_CITY2,
        "K1" => F_WK_CLUB1,
        "K2" => F_WK_CLUB2,
        "L1" => F_WK_PLACE1,
        "L2" => F_WK_PLACE2,
        _ => 0,
    }
}

/// The words of `data/ner_wikicats.txt` with their flags: under each `@ CLASSES` line, the
/// words that have those classes.
fn wikicats_words(mut add: impl FnMut(String, u32)) {
    let mut flags = 0;
    for line in include_str!("../../data/ner_wikicats.txt").lines() {
        if let Some(classes) = line.strip_prefix("@ ") {
            flags = classes.split_whitespace().map(wikicats_flag).fold(0, |a, b| a | b);
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            add(lexicon::key(line.trim()), flags);
        }
    }
}

struct Lists {
    orgs: HashSet<String, Fast>,
    /// Names of `ner_names_multi.txt` by the key of their first word: (all word keys,
    /// class: 0 ORG, 1 MISC, 2 PER), longest first.
    multi: HashMap<String, Vec<(Vec<String>, u8)>, Fast>,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        // (the FIRST and LAST lines of the same file are lexicon::person_names())
        let mut orgs: HashSet<String, Fast> = HashSet::default();
        for line in lexicon::entries(include_str!("../../data/ner_names_extra.txt")) {
            if let Some(("ORG", word)) = line.split_once(char::is_whitespace) {
                orgs.insert(lexicon::key(word.trim()));
            }
        }
        let mut multi: HashMap<String, Vec<(Vec<String>, u8)>, Fast> = HashMap::default();
        for line in lexicon::entries(include_str!("../../data/ner_names_multi.txt")) {
            let Some((class, name)) = line.split_once(char::is_whitespace) else { continue };
            let misc = match class {
                "ORG" => 0,
                "MISC" => 1,
                "PER" => 2,
                _ => continue,
            };
            let words: Vec<String> = name.split_whitespace().map(lexicon::key).collect();
            if let Some(w) = words.first() {
                multi.entry(w.clone()).or_default().push((words, misc));
            }
        }
        for v in multi.values_mut() {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        }
        Lists { orgs, multi }
    })
}

/// The trigger words of `data/ner_triggers.txt`, apart from the name lists: the Doc asks every
/// new form whether it is an organisation head ([`is_org_head`]), also when no entities are
/// wanted, and this table is a small part of loading them all.
struct Triggers {
    /// Bare key → trigger class flags ([`F_TRIGGER0`] shifted by the class's index).
    classes: HashMap<String, u32, Fast>,
    /// Organisation heads that stay outside the name (class OUT).
    outside: HashSet<String, Fast>,
}

fn triggers() -> &'static Triggers {
    static T: OnceLock<Triggers> = OnceLock::new();
    T.get_or_init(|| {
        let mut classes: HashMap<String, u32, Fast> = HashMap::default();
        let mut outside: HashSet<String, Fast> = HashSet::default();
        for line in lexicon::entries(include_str!("../../data/ner_triggers.txt")) {
            let Some((class, word)) = line.split_once(char::is_whitespace) else { continue };
            if class == "OUT" {
                outside.insert(bare(&lexicon::key(word.trim())));
                continue;
            }
            let Some(c) = CLASSES.iter().position(|&x| x == class) else { continue };
            let k = bare(&lexicon::key(word.trim()));
            *classes.entry(k).or_default() |= F_TRIGGER0 << c;
        }
        Triggers { classes, outside }
    })
}

/// Whether `key` (clitics and article already off, or not) is a head noun of organisation
/// names in the trigger list («مجموعة», «مركز», «حزب»).
pub fn is_org_head(key: &str) -> bool {
    let t = &triggers().classes;
    // the key itself first: most keys have no article, and then no copy is needed
    let class = t.get(key).or_else(|| if key.starts_with("ال") { t.get(&bare(key)) } else { None });
    class.is_some_and(|&c| c & (F_TRIGGER0 << 2) != 0)
}

/// Whether the organisation head `key` stays outside the name it announces.
pub fn is_outside_head(key: &str) -> bool {
    let out = &triggers().outside;
    out.contains(key) || (key.starts_with("ال") && out.contains(&bare(key)))
}

/// Whether `key` looks like the name after a head noun («مجموعة فاغنر», «تنظيم داعش»): not a
/// stopword, and either unknown to the lexicon, or a word the lexicon hardly ever sees with
/// the article (its form with «ال» missing or at least ten times rarer: a zipf lower by 1)
/// that is rare (zipf below 3.2) or a word of the name lists.
///
/// The article is what tells names from common words: names do not take it («داعش» 5.15,
/// «الداعش» absent; «غوغل», «بوتين» likewise); common nouns and adjectives do («إدارة» 5.40
/// and «الإدارة» 4.97, «مرموق» 3.15 and «المرموق» 2.70), and after a head noun they make a
/// phrase («مجلس إدارة», «مؤتمر صحفي», «منظمة أممية»), not a name. Frequency alone is no test
/// («داعش» is as common as «كرة»), and the name lists alone are none either: the ArWikiCats
/// words include every word of 15,822 Wikipedia titles («إدارة», «صحفي»). Verbs and words
/// with clitics do not take the article either, hence the second condition.
pub fn is_name_like(key: &str) -> bool {
    if lexicon::stopwords().contains(key) || key.chars().count() < 3 {
        return false;
    }
    let Some(bare) = lexicon::wordfreq::zipf(key) else { return true };
    let rarely_definite = lexicon::wordfreq::zipf(&format!("ال{key}")).is_none_or(|definite| definite <= bare - 1.0);
    rarely_definite && (bare < 3.2 || is_name(key) != 0)
}

fn is_name(s: &str) -> u32 {
    // The four lists and the ArWikiCats words as one table: one lookup instead of five.
    static NAMES: OnceLock<HashMap<String, u32, Fast>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let (l, people) = (lists(), lexicon::person_names());
        let mut m: HashMap<String, u32, Fast> = HashMap::default();
        let sets: [(&mut dyn Iterator<Item = &String>, u32); 4] =
            [(&mut lexicon::places().keys(), F_PLACE), (&mut people.first.iter(), F_FIRST), (&mut people.last.iter(), F_LAST), (&mut l.orgs.iter(), F_ORG)];
        for (words, flag) in sets {
            for w in words {
                *m.entry(w.clone()).or_default() |= flag;
            }
        }
        wikicats_words(|w, flag| *m.entry(w).or_default() |= flag);
        m
    });
    let flags = names.get(s).copied().unwrap_or(0);
    if without(WITHOUT_WIKICATS) { flags & !F_WIKICATS } else { flags }
}

fn known(s: &str, _mem: &Memory) -> bool {
    // (The memory is keyed by clitic-stripped readings, so it cannot judge clitics.)
    is_name(s) != 0 || triggers().classes.contains_key(&bare(s))
}

/// Known as a word a name can begin with: [`known`], except a word the ArWikiCats lists have
/// only inside names, after their first word. Such a word is listed with its clitics, as the
/// title has it («لكوريا»), so it says nothing about where a name begins.
pub(crate) fn known_first(s: &str) -> bool {
    const LATER_ONLY: u32 = F_WK_PER2 | F_WK_CITY2 | F_WK_CLUB2 | F_WK_PLACE2;
    is_name(s) & !LATER_ONLY != 0 || triggers().classes.contains_key(&bare(s))
}

/// Whether `key` (clitics and article aside) is a trigger word: a word that heads or announces
/// a name («عيد», «جامعة», «الرئيس»).
pub(crate) fn is_trigger(key: &str) -> bool {
    triggers().classes.contains_key(&bare(key))
}

/// How many letters of a token's key are proclitics in front of a name. A reading whose rest
/// is a known word (word lists, trigger words) wins, the fewer letters taken off the better
/// («ولبنان» is و + «لبنان», not و ل + «بنان»); otherwise only
/// و and the prepositions before the article are taken off (ف starts too many names).
pub fn name_clitic_letters(key: &str, mem: &Memory) -> usize {
    if known_first(key) {
        return 0;
    }
    let c = strip_conj(key);
    let conj = key.chars().count() - c.chars().count();
    if conj > 0 && known_first(c) {
        return conj;
    }
    if let Some(r) = strip_prep(c) {
        if known(r, mem) || (c.starts_with("لل") && known(&restore_article(true, r.to_string()), mem)) {
            return conj + 1;
        }
    }
    if conj > 0 && known(c, mem) {
        return conj;
    }
    let (_, safe) = strip_safe(key);
    if key.starts_with('ف') && safe == conj {
        return 0;
    }
    safe
}

/// The key of a name's first word once [`name_clitic_letters`] took `skip` letters off the
/// token's key `token_key`, `rest` being the key of what is left. ل before the article is
/// written «لل», the article's alef gone: «للأمم» leaves «لأمم», whose key gets the alef back
/// («الامم», as «الأمم» written alone has it), so both mentions are one name. A rest that is
/// itself a known word keeps its key («للبنان»: ل + «لبنان»).
pub fn name_key_after_clitics(token_key: &str, skip: usize, rest: String, mem: &Memory) -> String {
    let lam_taken = skip > 0 && token_key.chars().nth(skip - 1) == Some('ل');
    let restore = lam_taken && rest.starts_with('ل') && !known(&rest, mem);
    restore_article(restore, rest)
}

/// What the features need to know about one token. The strings borrow from the tokens and
/// from a [`Store`] of per-key readings, so a token costs no allocation.
#[derive(Clone)]
pub struct Word<'a> {
    pub key: &'a str,
    pub safe: &'a str,
    pub prep: Option<&'a str>,
    pub bare: &'a str,
    pub kind: Kind,
    pub flags: u32,
    /// Frequency class of the word, its safe reading, its bare reading (0 = unknown), and
    /// whether the bare reading is seen with the article more than without (see [`freq`]).
    pub freq: [u8; 4],
    /// What the training data said about this word (see [`Memory`]); 0 = nothing.
    pub mem: u8,
    /// The pipeline's stem (clitics and article removed) and its proclitic and enclitic keys.
    pub stem: &'a str,
    pub pro: &'a str,
    pub enc: &'a str,
    /// Inside quotation marks (1) or not (0).
    pub quoted: u8,
    /// How many words of sports reports (trigger class SPORT) are near, in the same
    /// sentence (up to 3).
    pub sport: u8,
    /// See [`productivity`].
    pub prod: [u8; 4],
    /// See [`inflection`].
    pub infl: [u8; 2],
    /// Hashes of key, safe, bare and stem (see [`hash_str`]).
    pub h: [u64; 4],
    /// A hash of `pro` and `enc` together.
    pub clitics: u64,
    /// Whether the key begins with a conjunction ([`strip_conj`] takes something off).
    pub conj: bool,
    /// The key's length in characters (at most 9), the byte lengths of its last one and two
    /// characters, and of the first one and two characters of `safe`: what the context
    /// features read of a neighbour, found once per distinct key.
    pub nchars: u8,
    pub key_suf: [u8; 2],
    pub safe_pre: [u8; 2],
    /// Those characters' bytes (the key's last two characters at the end of `key_end`,
    /// `safe`'s first two at the start of `safe_start`; two characters take at most eight
    /// bytes), and whether `safe` begins with the article: held in the word itself because the
    /// context features read them for every token and its neighbours, and reading them from
    /// the strings was a cache miss each (a fifth of the features' time).
    pub key_end: [u8; 8],
    pub safe_start: [u8; 8],
    pub art: bool,
    /// `pro`'s bytes when it has at most 16 (all but odd tokens), for the same reason.
    pub pro_start: [u8; 16],
    /// Prefixes of the word's Brown cluster path ([`crate::lexicon::clusters`]) of
    /// [`CLUSTER_PREFIXES`] bits, 0 for a word the table does not know.
    pub cl: [u64; 3],
    /// The token's lexeme id when it has a valid one: everything above but the position flags
    /// (gazetteer and multi-word list matches, `quoted`, `sport`) is the same for every token
    /// of that lexeme.
    pub lex: Option<u32>,
    /// What the first pass said about the other mentions of the word in the document
    /// ([`super::nonlocal`]); all zero in the first pass.
    pub nl: Nl,
}

/// The facts of one lexeme (a distinct form): everything a [`Word`] holds but the flags that
/// depend on where the token stands, worked out once per form.
struct Facts {
    /// The form's text, shared with its tokens: proof that a token's lexeme id names this entry.
    text: Str,
    safe: String,
    /// Where the prepositionless reading ([`strip_prep`]) starts in the key.
    prep_at: Option<usize>,
    bare: String,
    flags: u32,
    freq: [u8; 4],
    mem: u8,
    prod: [u8; 4],
    infl: [u8; 2],
    /// Hashes of key, safe, bare and stem.
    h: [u64; 4],
    nchars: u8,
    key_suf: [u8; 2],
    safe_pre: [u8; 2],
    key_end: [u8; 8],
    safe_start: [u8; 8],
    art: bool,
    pro_start: [u8; 16],
    /// Names of the multi-word list whose first word some reading of the key is.
    names: Vec<&'static (Vec<String>, u8)>,
    pro: String,
    enc: String,
    clitics: u64,
    conj: bool,
    cl: [u64; 3],
}

/// The lengths of the cluster-path prefixes the features read: a coarse class, a finer one,
/// and the whole path (clusters hold at most 20 bits).
pub const CLUSTER_PREFIXES: [usize; 3] = [4, 8, 64];

/// What depends on a bare word alone: its zipf, the zipf of its form with the article, and its
/// productivity ([`productivity`]).
type BareFacts = (Option<f32>, Option<f32>, [u8; 4]);

/// The tagger's per-lexeme facts, indexed by lexeme id ([`crate::doc`]), and those of tokens
/// that carry no valid lexeme id (made by hand or deserialized), for the current call.
///
/// The facts read the model's [`Memory`]: a store serves one model. The tagger keeps one store
/// per thread across texts, so a form's facts are worked out once per thread, not per text;
/// [`Store::for_model`] empties it when the model changes.
#[derive(Default)]
pub struct Store {
    model: Option<u64>,
    by_lex: Vec<Option<Facts>>,
    extra: Vec<Facts>,
    /// What depends on the bare word alone, shared by its clitic forms: its zipf, the zipf of
    /// its form with the article, and its productivity.
    by_bare: HashMap<String, BareFacts, Fast>,
    /// Lexeme ids whose entry the last [`prepare`] call (re)filled.
    refilled: Vec<u32>,
    /// Where the facts of each token of the last [`prepare`] call are: `Ok(lexeme id)`, or
    /// `Err(index into extra)`.
    which: Vec<Result<u32, u32>>,
}

impl Store {
    /// Binds the store to model `id` (see [`super::model::Model::id`]), emptying it when it held
    /// another model's facts. Returns whether it was emptied.
    pub fn for_model(&mut self, id: u64) -> bool {
        if self.model == Some(id) {
            return false;
        }
        *self = Store { model: Some(id), ..Store::default() };
        true
    }

    /// Lexeme ids whose facts the last [`prepare`] call worked out anew (new forms, or an id that
    /// now names another form): what a cache keyed by lexeme id must forget.
    pub fn refilled(&self) -> &[u32] {
        &self.refilled
    }
}

/// A hash of a word's proclitic and enclitic keys together (for the tagger's caches).
fn clitics_hash(pro: &str, enc: &str) -> u64 {
    hash_str(pro) ^ hash_str(enc).rotate_left(17)
}

/// FNV-1a of a string, for mixing into a feature with [`H::h`].
pub fn hash_str(s: &str) -> u64 {
    H(0xcbf2_9ce4_8422_2325).add(s.as_bytes()).0
}

/// Words seen in the training data: hash of the word's safe reading → (type + 1) << 2 | how
/// often it was inside a name of that type (1: ≥ 20%, 2: ≥ 50%, 3: ≥ 80%). Built by the trainer
/// with cross-fold construction and shipped inside the model.
pub type Memory = HashMap<u32, u8, Fast>;

pub fn word_hash(s: &str) -> u32 {
    let h = H::new(200).add(s.as_bytes()).0;
    (h ^ (h >> 32)) as u32
}

impl Word<'_> {
    /// Everything the [`Part::Own`] features read: key, kind, stem and clitics (the rest of
    /// those facts follow from the key).
    pub fn own_key(&self) -> (u64, u64, u64, u8) {
        (self.h[0], self.h[3], self.clitics, self.kind as u8)
    }

    /// Everything [`neighbour_part`] reads: key (hence its readings, shape, memory and
    /// cluster), stem, flags and kind.
    pub fn neighbour_key(&self) -> (u64, u64, u32, u8) {
        // (the cluster prefixes follow from the key, as the memory does)
        (self.h[0], self.h[3], self.flags, self.kind as u8)
    }

    /// The bytes of the key's last `n` characters (all of it when shorter), `n` 1 or 2.
    fn key_suffix(&self, n: usize) -> &[u8] {
        &self.key_end[8 - self.key_suf[n - 1] as usize..]
    }

    /// The bytes of `pro`.
    fn pro_bytes(&self) -> &[u8] {
        match self.pro.len() {
            n @ 0..=16 => &self.pro_start[..n],
            _ => self.pro.as_bytes(),
        }
    }

    /// The bytes of the first `n` characters of `safe` (all of it when shorter), `n` 1 or 2.
    fn safe_prefix(&self, n: usize) -> &[u8] {
        &self.safe_start[..self.safe_pre[n - 1] as usize]
    }

    pub fn pad() -> &'static Word<'static> {
        static PAD: OnceLock<Word<'static>> = OnceLock::new();
        PAD.get_or_init(|| Word { key: "", safe: "", prep: None, bare: "", kind: Kind::Whitespace, flags: 0, freq: [0; 4], mem: 0, stem: "", pro: "", enc: "", quoted: 0, sport: 0, prod: [0; 4], infl: [0; 2], h: [hash_str(""); 4], clitics: clitics_hash("", ""), conj: false, nchars: 0, key_suf: [0; 2], safe_pre: [0; 2], key_end: [0; 8], safe_start: [0; 8], art: false, pro_start: [0; 16], cl: [0; 3], lex: None, nl: Nl::default() })
    }
}

/// Per-token facts for a whole token list: [`prepare`], then [`words_of`] (the reach of the
/// sports-words feature split here, [`sentences::tagger_runs`]: no line breaks are needed).
pub fn words<'a>(tokens: &'a [Token], mem: &Memory, places: &[crate::analysis::Entity], store: &'a mut Store) -> Vec<Word<'a>> {
    prepare(tokens, mem, store);
    let views: Vec<TokenView> = tokens.iter().map(|t| TokenView { kind: t.kind, text: &t.text, newline_after: false }).collect();
    words_of(tokens, places, store, &sentences::tagger_runs(&views))
}

/// Works out the facts of the forms of `tokens` that `store` does not have yet. The facts of
/// each distinct form are kept by the token's lexeme id ([`Token::lex`]); tokens without a
/// valid one get facts for this token list only.
pub fn prepare(tokens: &[Token], mem: &Memory, store: &mut Store) {
    store.extra.clear();
    store.refilled.clear();
    store.which.clear();
    let mut extra_ids: HashMap<(&str, Kind), usize, Fast> = HashMap::default();
    for t in tokens {
        let lex = t.lex as usize;
        if t.lex != NO_FORM {
            if store.by_lex.len() <= lex {
                store.by_lex.resize_with(lex + 1, || None);
            }
            if !store.by_lex[lex].as_ref().is_some_and(|f| f.text.ptr_eq(&t.text)) {
                store.by_lex[lex] = Some(facts(t, mem, &mut store.by_bare));
                store.refilled.push(t.lex);
            }
            store.which.push(Ok(t.lex));
        } else {
            let i = *extra_ids.entry((&t.text, t.kind)).or_insert_with(|| {
                store.extra.push(facts(t, mem, &mut store.by_bare));
                store.extra.len() - 1
            });
            store.which.push(Err(i as u32));
        }
    }
}

/// The [`Word`]s of `tokens`, from the facts [`prepare`] put in `store` for the same tokens.
/// `places` are the gazetteer's place matches in the text ([`super::gazetteer::places`];
/// computed once by the caller, which also merges them); `runs` is the reach of the
/// sports-words feature ([`sentences::Sentences::tagger_runs`]).
pub fn words_of<'a>(tokens: &'a [Token], places: &[crate::analysis::Entity], store: &'a Store, runs: &[Range]) -> Vec<Word<'a>> {
    assert_eq!(store.which.len(), tokens.len(), "features::prepare must see the same tokens first");
    let which = &store.which;
    let get = |w: Result<u32, u32>| -> &'a Facts {
        match w {
            Ok(lex) => store.by_lex[lex as usize].as_ref().expect("filled above"),
            Err(i) => &store.extra[i as usize],
        }
    };
    let mut out: Vec<Word<'a>> = tokens
        .iter()
        .zip(which.iter().copied())
        .map(|(t, w)| {
            let f = get(w);
            Word {
                key: &t.key,
                safe: &f.safe,
                prep: f.prep_at.map(|at| &t.key[at..]),
                bare: &f.bare,
                kind: t.kind,
                flags: f.flags,
                freq: f.freq,
                mem: f.mem,
                stem: &t.stem,
                pro: &f.pro,
                enc: &f.enc,
                quoted: 0,
                sport: 0,
                prod: f.prod,
                infl: f.infl,
                h: f.h,
                clitics: f.clitics,
                conj: f.conj,
                nchars: f.nchars,
                key_suf: f.key_suf,
                safe_pre: f.safe_pre,
                key_end: f.key_end,
                safe_start: f.safe_start,
                art: f.art,
                pro_start: f.pro_start,
                cl: f.cl,
                lex: w.ok(),
                nl: Nl::default(),
            }
        })
        .collect();
    let mut open = [false; 2];
    for (t, w) in tokens.iter().zip(out.iter_mut()) {
        match t.text.as_ref() {
            "«" => open[0] = true,
            "»" => open[0] = false,
            "\"" | "“" | "”" => open[1] = !open[1],
            _ => w.quoted = u8::from(open[0] || open[1]),
        }
    }
    // sports words near each token, within its run of the tagger's sentences (`runs`)
    const SPORT_REACH: usize = 20;
    // (running counts: sports words before each token)
    let mut before = Vec::with_capacity(out.len() + 1);
    before.push(0u32);
    for w in &out {
        before.push(before[before.len() - 1] + u32::from(w.flags & F_SPORT != 0));
    }
    for &(s0, end) in runs {
        let (s0, i) = (s0 as usize, end as usize - 1);
        for (k, w) in out.iter_mut().enumerate().take(i + 1).skip(s0) {
            let (a, b) = (k.saturating_sub(SPORT_REACH).max(s0), (k + SPORT_REACH).min(i));
            w.sport = (before[b + 1] - before[a]).min(3) as u8;
        }
    }
    // names of the multi-word list: longest match from each token, no overlaps
    let mut i = 0;
    while i < tokens.len() {
        let mut len = 0;
        for (words, misc) in &get(which[i]).names {
            let n = words.len();
            if i + n <= tokens.len() && (1..n).all(|j| *tokens[i + j].key == *words[j]) {
                len = n;
                let (b, inner) = match misc {
                    0 => (F_LIST_ORG_B, F_LIST_ORG_I),
                    1 => (F_LIST_MISC_B, F_LIST_MISC_I),
                    _ => (F_LIST_PER_B, F_LIST_PER_I),
                };
                out[i].flags |= b;
                for w in &mut out[i + 1..i + n] {
                    w.flags |= inner;
                }
                break;
            }
        }
        i += len.max(1);
    }
    let mut ti = 0;
    for e in places {
        while ti < tokens.len() && tokens[ti].end <= e.start {
            ti += 1;
        }
        let mut j = ti;
        while j < tokens.len() && tokens[j].start < e.end {
            out[j].flags |= if j == ti { F_GAZ_B } else { F_GAZ_I };
            j += 1;
        }
    }
    out
}

/// The facts of token `t`'s form.
fn facts(t: &Token, mem: &Memory, by_bare: &mut HashMap<String, BareFacts, Fast>) -> Facts {
    let l = lists();
    let stop = lexicon::stopwords();
    let key: &str = &t.key;
    let (safe, _) = strip_safe(key);
    let conj = strip_conj(key);
    let prep = strip_prep(conj);
    let b = bare(&safe);
    // (the readings are often the same string: each is looked up once)
    let mut flags = is_name(key);
    if safe != key {
        flags |= is_name(&safe);
    }
    if conj != key && conj != safe {
        flags |= is_name(conj);
    }
    if let Some(p) = prep.filter(|&p| p != key && p != safe && p != conj) {
        flags |= is_name(p);
    }
    if stop.contains(key) || stop.contains(&safe) {
        flags |= F_STOP;
    }
    let classes = &triggers().classes;
    if let Some(&class) = classes.get(&b).or_else(|| classes.get(&bare(key))) {
        flags |= class;
    }
    let m = mem.get(&word_hash(&safe)).or_else(|| prep.and_then(|p| mem.get(&word_hash(p))));
    let (fr, prod) = if t.kind == Kind::Arabic {
        let &mut (zb, za, prod) = by_bare.entry(b.clone()).or_insert_with(|| {
            use crate::lexicon::wordfreq::zipf;
            (zipf(&b), zipf(&format!("ال{b}")), productivity(&b))
        });
        (freq(key, &safe, zb, za), prod)
    } else {
        ([0; 4], [0; 4])
    };
    let h = [hash_str(key), hash_str(&safe), hash_str(&b), hash_str(&t.stem)];
    let prep_at = prep.map(|p| key.len() - p.len());
    let mut names: Vec<&'static (Vec<String>, u8)> = Vec::new();
    if matches!(t.kind, Kind::Arabic | Kind::Latin) {
        crate::text::clitics::name_readings(key, |r, _| {
            if let Some(v) = l.multi.get(r) {
                for n in v {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
        });
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
    }
    let nchars = key.chars().count().min(9) as u8;
    let key_suf = [1, 2].map(|n| suffix(key, n).len() as u8);
    let safe_pre = [1, 2].map(|n| prefix(&safe, n).len() as u8);
    // (two characters take at most eight bytes)
    let mut key_end = [0u8; 8];
    let tail = &key.as_bytes()[key.len() - key_suf[1] as usize..];
    key_end[8 - tail.len()..].copy_from_slice(tail);
    let mut safe_start = [0u8; 8];
    safe_start[..safe_pre[1] as usize].copy_from_slice(&safe.as_bytes()[..safe_pre[1] as usize]);
    let art = safe.starts_with("ال");
    let (mut pro, mut enc) = (String::new(), String::new());
    for sg in &t.segments {
        match sg.role {
            Role::Proclitic => pro.push_str(&sg.key),
            Role::Enclitic => enc.push_str(&sg.key),
            Role::Base => {}
        }
    }
    let clitics = clitics_hash(&pro, &enc);
    let mut pro_start = [0u8; 16];
    if pro.len() <= 16 {
        pro_start[..pro.len()].copy_from_slice(pro.as_bytes());
    }
    let cluster = crate::doc::facts(t).cluster.or_else(|| if t.kind == Kind::Arabic { stem_cluster(&b) } else { None }).filter(|_| !without(WITHOUT_CLUSTERS));
    let cl = cluster.map_or([0; 3], |p| CLUSTER_PREFIXES.map(|n| p.prefix(n)));
    if t.text.ends_with('ى') && key.ends_with('ي') {
        flags |= F_MAQSURA;
    }
    let infl = if t.kind == Kind::Arabic { inflection(&b) } else { [0; 2] };
    Facts { text: t.text.clone(), safe, prep_at, bare: b, flags, freq: fr, mem: m.copied().unwrap_or(0), prod, infl, h, nchars, key_suf, safe_pre, key_end, safe_start, art, pro_start, names, pro, enc, clitics, conj: conj.len() != key.len(), cl }
}

fn zbucket(z: Option<f32>) -> u8 {
    z.map_or(0, |z| (z * 2.0).floor().clamp(1.0, 16.0) as u8)
}

/// Word-frequency facts from the shipped lexicon: names are rarer than common words and
/// seldom take the article. `zb` and `za`: the zipf values of the bare word and of the bare
/// word with the article.
fn freq(key: &str, safe: &str, zb: Option<f32>, za: Option<f32>) -> [u8; 4] {
    use crate::lexicon::wordfreq::zipf;
    let art = match (za, zb) {
        (None, None) => 0,
        (Some(_), None) => 1,
        (None, Some(_)) => 2,
        (Some(a), Some(b)) => 3 + u8::from(a > b) + u8::from(a > b + 1.0) + u8::from(b > a + 1.0) * 3,
    };
    let zk = zipf(key);
    let zs = if safe == key { zk } else { zipf(safe) };
    [zbucket(zk), zbucket(zs), zbucket(zb), art]
}

/// The dual and plural endings [`inflection`] takes off.
const ENDINGS: [&str; 4] = ["ان", "ين", "ون", "ات"];

/// Whether the bare word reads as an inflected common word: (which of [`ENDINGS`] it ends
/// in, 1-based, 0 for none; the frequency class of what is left, with or without a final ة).
/// «حليفان» is «حليف» + the dual, «تاريخيان» «تاريخي» + the dual, «حكومات» «حكومة» +
/// the plural; a name that merely ends so («عثمان», «لبنان») leaves a rare or unknown stem.
fn inflection(bare_: &str) -> [u8; 2] {
    use crate::lexicon::wordfreq::zipf;
    let Some(e) = ENDINGS.iter().position(|e| bare_.ends_with(e)) else { return [0; 2] };
    let stem = &bare_[..bare_.len() - ENDINGS[e].len()];
    if stem.chars().count() < 2 {
        return [0; 2];
    }
    let z = [zipf(stem), zipf(&format!("{stem}ة"))].into_iter().flatten().fold(None, |a: Option<f32>, v| Some(a.map_or(v, |a| a.max(v))));
    [e as u8 + 1, zbucket(z)]
}

/// The cluster of the singular a word the cluster table does not know is inflected from: a
/// dual or plural ending ([`ENDINGS`]) taken off the bare word, and the feminine ة put back
/// where the ending replaced it when the stem itself is unknown («حليفان» → «حليف»,
/// «تاريخيان» → «تاريخي», «دبابتان» → «دبابة»). Duals and plurals of common words are
/// too rare for the table, and without a cluster they looked like the unknown foreign words
/// most names are; a name that merely ends so has its own cluster («عمران», «لبنان») or leaves no known word («كارداشيان»).
fn stem_cluster(bare_: &str) -> Option<crate::lexicon::clusters::ClusterPath> {
    use crate::lexicon::clusters::path;
    let e = ENDINGS.iter().find(|e| bare_.ends_with(*e))?;
    let stem = &bare_[..bare_.len() - e.len()];
    if stem.chars().count() < 2 {
        return None;
    }
    let fem = stem.strip_suffix('ت').map(|s| format!("{s}ه"));
    path(stem).or_else(|| path(&format!("{stem}ه"))).or_else(|| fem.and_then(|f| path(&f)))
}

/// How productive the bare word is in the lexicon: names seldom take pronoun suffixes or
/// plural endings, common words do. Bucketed zipf differences (0 = form unknown).
fn productivity(bare_: &str) -> [u8; 4] {
    use crate::lexicon::wordfreq::{code, encode, zipf_codes_folded, MAX_LETTERS};
    let Some(z) = crate::lexicon::wordfreq::zipf(bare_) else { return [0; 4] };
    // the letter codes of the word without a final ة/ه, then each ending's codes after them
    let mut buf = [0u8; MAX_LETTERS + 4];
    let Some(mut n) = encode(bare_, (&mut buf[..MAX_LETTERS]).try_into().expect("size")) else { return [0; 4] };
    if n > 0 && [code('ة'), code('ه')].contains(&Some(buf[n - 1])) {
        n -= 1;
    }
    let mut best = |ends: &[&str]| {
        let mut out: Option<f32> = None;
        for e in ends {
            let mut m = n;
            for c in e.chars() {
                buf[m] = code(c).expect("an Arabic letter");
                m += 1;
            }
            if let Some(v) = zipf_codes_folded(&buf[..m]) {
                out = Some(out.map_or(v, |a| a.max(v)));
            }
        }
        out
    };
    let diff = |v: Option<f32>| v.map_or(0, |v| ((v - z + 4.0).clamp(0.0, 6.0) as u8) + 1);
    let pron = best(&["ه", "ها", "هم", "ي"]);
    let plural = best(&["ات", "ون", "ين"]);
    let poss = best(&["تها", "ته", "تهم"]).or_else(|| best(&["كم", "نا"]));
    // a dual or plural of a common word (شرطين ← شرط) rather than a name that ends alike
    let mut single = None;
    for e in ["ين", "ان", "ون", "ات"] {
        if let Some(r) = bare_.strip_suffix(e).filter(|r| r.chars().count() >= 2) {
            single = crate::lexicon::wordfreq::zipf(r).or(single);
        }
    }
    [diff(pron), diff(plural), diff(poss), diff(single)]
}

/// FNV-1a, 64 bits: stable on every platform.
#[derive(Clone, Copy)]
struct H(u64);

impl H {
    fn new(template: u8) -> H {
        H((0xcbf2_9ce4_8422_2325u64 ^ template as u64).wrapping_mul(0x0000_0100_0000_01b3))
    }
    fn add(mut self, s: &[u8]) -> H {
        for &b in s {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0000_0100_0000_01b3);
        self
    }
    /// Mixes in a precomputed hash (one step instead of one per byte).
    fn h(mut self, v: u64) -> H {
        self.0 = (self.0.rotate_left(27) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self
    }
    fn bucket(self, mask: u32) -> u32 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        (x as u32) & mask
    }
}

fn kind_byte(k: Kind) -> u8 {
    k as u8
}

fn shape(w: &Word) -> [u8; 3] {
    let art = u8::from(w.art);
    [kind_byte(w.kind), w.nchars, art]
}

fn p_tag_free_shape(w: &Word) -> [u8; 2] {
    [kind_byte(w.kind), u8::from(w.flags & (F_PLACE | F_GAZ_B | F_GAZ_I) != 0)]
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The last `n` characters of `s` (all of it when shorter), `n` at least 1.
fn suffix(s: &str, n: usize) -> &str {
    debug_assert!(n >= 1);
    // from the end: the words are short, but counting every character first cost as much
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// Which features [`extract_part`] gives.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Those that depend on the word alone (see [`Word::own_key`]): the same for every
    /// occurrence of the word, so a tagger can add up their weights once per distinct word.
    Own,
    /// Those that depend on the word and its neighbours together, or on its position; not
    /// those of [`neighbour_part`], which depend on one neighbour alone.
    Context,
    All,
}

/// Offsets of the neighbours whose features [`neighbour_part`] gives.
pub const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The groups of one-neighbour features, in the places [`extract_part`] lists them.
#[derive(Clone, Copy)]
enum Group {
    Words,
    Flags,
    Mem,
    Stem,
    Cluster,
}

/// One feature per flag bit that is set, for template `tpl`.
fn flag_features(tpl: u8, flags: u32, f: &mut impl FnMut(H)) {
    for b in 0..N_FLAGS {
        if flags & (1 << b) != 0 {
            f(H::new(tpl).add(&[b as u8]));
        }
    }
}

/// The features of a token that depend only on its neighbour `c` at offset `d` (in
/// [`NEIGHBOURS`]), group by group.
fn neighbour(c: &Word, d: isize, g: Group, f: &mut impl FnMut(H)) {
    let k = if d < 0 { (d + 2) as u8 } else { (d + 1) as u8 }; // 0..4 for -2, -1, 1, 2
    match g {
        Group::Words => {
            f(H::new(30 + k).h(c.h[0]));
            f(H::new(40 + k).h(c.h[2]));
            f(H::new(50 + k).add(&shape(c)));
        }
        Group::Flags => flag_features([70, 71, 73, 74][k as usize], c.flags, f),
        Group::Mem => f(H::new([90, 91, 93, 94][k as usize]).add(&[c.mem])),
        Group::Stem if d == -1 => f(H::new(117).h(c.h[3])),
        Group::Stem if d == 1 => f(H::new(118).h(c.h[3])),
        Group::Stem => {}
        // the cluster prefixes of the words next to this one
        Group::Cluster if d == -1 || d == 1 => {
            for (j, &c) in c.cl.iter().enumerate() {
                f(H::new(if d < 0 { 180 } else { 183 } + j as u8).h(c));
            }
        }
        Group::Cluster => {}
    }
}

/// All the features a word gives the token `d` places away from it (`d` in [`NEIGHBOURS`]):
/// they depend on the word alone (see [`Word::neighbour_key`]), so a tagger can add up
/// their weights once per distinct word and offset. `Context` + `Own` + these four = `All`.
pub fn neighbour_part(c: &Word, d: isize, mask: u32, out: &mut Vec<u32>) {
    let mut f = |h: H| out.push(h.bucket(mask));
    for g in [Group::Words, Group::Flags, Group::Mem, Group::Stem, Group::Cluster] {
        neighbour(c, d, g, &mut f);
    }
}

/// The hashed features of token `i` of `ws` (a sentence), appended to `out` as buckets.
/// (Training's view; the wasm build only tags, part by part.)
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub fn extract(ws: &[Word], i: usize, mask: u32, out: &mut Vec<u32>) {
    extract_part(ws, i, mask, Part::All, out)
}

/// Part of the features of token `i`; `All` lists them in the order training sees them.
pub fn extract_part(ws: &[Word], i: usize, mask: u32, part: Part, out: &mut Vec<u32>) {
    let (own, ctx, all) = (part != Part::Context, part != Part::Own, part == Part::All);
    let pad = Word::pad();
    let at = |d: isize| -> &Word {
        let j = i as isize + d;
        if j < 0 || j >= ws.len() as isize {
            pad
        } else {
            &ws[j as usize]
        }
    };
    let w = &ws[i];
    let mut f = |h: H| out.push(h.bucket(mask));
    if own {
        f(H::new(0));
        f(H::new(1).h(w.h[0]));
        f(H::new(2).h(w.h[1]));
        f(H::new(3).h(w.h[2]));
        if let Some(p) = &w.prep {
            f(H::new(4).add(p.as_bytes()));
            f(H::new(5).add(bare(p).as_bytes()));
        }
        for n in 1..=3 {
            f(H::new(10 + n as u8).add(prefix(w.bare, n).as_bytes()));
        }
        for n in 1..=4 {
            f(H::new(14 + n as u8).add(suffix(w.key, n).as_bytes()));
        }
        f(H::new(20).add(&shape(w)));
        f(H::new(26).add(&w.freq));
        f(H::new(27).add(&[w.freq[0]]));
        f(H::new(28).add(&[w.freq[2]]));
        f(H::new(29).add(&[w.freq[3]]));
    }
    if ctx {
        f(H::new(100).add(&[w.freq[2], w.freq[3], at(-1).freq[2], at(1).freq[2]]));
        f(H::new(101).add(&[at(-1).freq[0], w.freq[0]]));
        f(H::new(102).add(&[w.freq[0], at(1).freq[0]]));
    }
    let conj = w.conj;
    if own {
        f(H::new(22).add(&[u8::from(conj), u8::from(w.key.len() != w.safe.len() + usize::from(conj))]));
        f(H::new(23).add(prefix(w.key, 1).as_bytes()));
        f(H::new(24).add(prefix(w.key, 2).as_bytes()));
    }
    if ctx {
        f(H::new(25).add(&[u8::from(conj)]).add(&p_tag_free_shape(at(-1))));
    }
    // character trigrams of the bare word, with boundaries
    if own && (w.kind == Kind::Arabic || w.kind == Kind::Latin) {
        // char boundaries of "^" + bare + "$" (the marks counted as one char each)
        let b = w.bare.as_bytes();
        let mut ends = [0usize; 40];
        let mut n = 0;
        for (i, _) in w.bare.char_indices().skip(1) {
            if n < ends.len() {
                ends[n] = i;
                n += 1;
            }
        }
        if n + 1 < ends.len() {
            ends[n] = b.len();
            n += 1;
            // n chars in bare; with the two boundary marks n + 2 chars, n trigrams
            if n + 2 > 4 {
                let start = |k: usize| if k == 0 { 0 } else { ends[k - 1] };
                for k in 0..n {
                    // trigram k covers marked chars k..k+3: marked char j is bare char j-1
                    let (lo, hi) = (k.max(1) - 1, (k + 2).min(n));
                    let mut h = H::new(21);
                    if k == 0 {
                        h = h.add(b"^");
                    }
                    h = h.add(&b[start(lo)..ends[hi - 1]]);
                    if k + 2 > n {
                        h = h.add(b"$");
                    }
                    f(h);
                }
            }
        }
    }
    // context words
    if all {
        for d in NEIGHBOURS {
            neighbour(at(d), d, Group::Words, &mut f);
        }
    }
    let (p, n) = (at(-1), at(1));
    if ctx {
        f(H::new(60).h(p.h[0]).h(w.h[0]));
        f(H::new(61).h(w.h[0]).h(n.h[0]));
        f(H::new(62).h(p.h[2]).h(w.h[2]));
        f(H::new(63).h(w.h[2]).h(n.h[2]));
        f(H::new(64).h(p.h[2]).add(&shape(w)));
        f(H::new(65).add(p.key_suffix(2)).add(w.key_suffix(2)));
    }
    // list flags in the window, alone and for the current word's flag set
    if ctx {
        for d in -2..=2 {
            if d == 0 {
                flag_features(72, w.flags, &mut f);
            } else if all {
                neighbour(at(d), d, Group::Flags, &mut f);
            }
        }
    }
    for d in -2..=2 {
        if d == 0 {
            if own {
                f(H::new(92).add(&[w.mem]));
            }
            if ctx {
                f(H::new(95).add(&[w.mem]).add(&[at(-1).mem, at(1).mem]));
            }
        } else if all {
            neighbour(at(d), d, Group::Mem, &mut f);
        }
    }
    // the pipeline's clitic segmentation
    if own {
        f(H::new(110).h(w.h[3]));
        f(H::new(111).add(w.pro.as_bytes()).add(w.enc.as_bytes()));
        for n in 2..=3 {
            f(H::new(110 + n as u8).add(suffix(w.stem, n).as_bytes()));
            f(H::new(113 + n as u8).add(prefix(w.stem, n).as_bytes()));
        }
    }
    if all {
        neighbour(p, -1, Group::Stem, &mut f);
        neighbour(n, 1, Group::Stem, &mut f);
        neighbour(p, -1, Group::Cluster, &mut f);
        neighbour(n, 1, Group::Cluster, &mut f);
    }
    // the word's own cluster prefixes
    if own {
        for (j, &c) in w.cl.iter().enumerate() {
            f(H::new(170 + j as u8).h(c));
        }
    }
    if ctx {
        // context pairs
        f(H::new(119).h(at(-2).h[2]).h(p.h[2]));
        f(H::new(120).h(n.h[2]).h(at(2).h[2]));
        f(H::new(121).add(n.pro_bytes()).add(&shape(w)).add(&shape(n)));
        // the neighbours' affixes (verb prefixes, endings) with this word's shape and frequency
        f(H::new(122).add(p.safe_prefix(2)).add(&[w.freq[1], w.kind as u8]));
        f(H::new(123).add(p.safe_prefix(1)).add(p.key_suffix(1)).add(&[w.freq[1]]));
        f(H::new(124).add(n.safe_prefix(2)).add(&[w.freq[1], w.kind as u8]));
        f(H::new(125).add(&[w.quoted, w.freq[1].min(6)]));
        // inside quotation marks: the word before the opening mark, which often says what the
        // quoted name is («خلية "بيوند باراليل"», «حركة "حماس"», «فيلم "..."»), by its
        // cluster and its bare form, and whether this is the first quoted word
        if w.quoted != 0 {
            if let Some((q, first)) = before_quote(ws, i) {
                f(H::new(168).h(q.cl[1]).add(&[first]));
                f(H::new(169).h(q.h[2]).add(&[first]));
            }
        }
        // the nearest trigger word on the left (titles and heads reach over a few words:
        // «وزير الخارجية الروسي سيرغي لافروف»), and the previous word with this one's name flags
        let trig = |x: &Word| (x.flags / F_TRIGGER0) as u8 & 0x3f;
        for d in 1..=4isize {
            let t = trig(at(-d));
            if t != 0 {
                f(H::new(160).add(&[t, d as u8, w.freq[1]]));
                break;
            }
        }
        let names = (w.flags & (F_PLACE | F_FIRST | F_LAST)) as u8 | u8::from(w.flags & F_ORG != 0) << 3;
        f(H::new(161).add(&[p.mem, w.freq[1], names & 7]));
        f(H::new(162).h(p.h[2]).add(&[names]));
        if w.sport > 0 {
            let lists = ((w.flags / F_LIST_ORG_B) & 0x3f) as u8;
            f(H::new(163).add(&[w.sport, names, lists]));
            f(H::new(164).add(&[w.sport, w.mem]));
        }
        // where the word stands in the sentence, and whether the next word is an ordinary
        // (frequent, productive) word that a name should not run into
        let pos = if i == 0 { 0u8 } else if i == 1 { 1 } else if i + 1 == ws.len() { 3 } else { 2 };
        f(H::new(165).add(&[pos, w.freq[1].min(6), w.mem]));
        f(H::new(166).add(&[w.mem, names & 7, n.freq[2].min(8), n.prod[0], n.mem]));
        // the other side: an ordinary word right after a name-like one, which a name should not
        // swallow («شيراك شذ», «عبدالسلام جمعة بلسان»)
        let p_names = (p.flags & (F_PLACE | F_FIRST | F_LAST)) as u8;
        f(H::new(167).add(&[p_names, p.mem, w.freq[1].min(6), w.prod[0], u8::from(w.prep.is_some())]));
    }
    // morphological productivity of the word (names take no pronoun suffixes)
    if own {
        f(H::new(140).add(&w.prod));
        f(H::new(141).add(&[w.prod[0], w.freq[2]]));
        f(H::new(142).add(&[w.prod[1], w.freq[2]]));
        f(H::new(144).add(&[w.prod[3], w.freq[2]]));
        if w.infl[0] != 0 {
            f(H::new(145).add(&w.infl).add(&[w.freq[2]]));
        }
    }
    if ctx {
        f(H::new(143).add(&[w.prod[0], w.prod[1], p.prod[0], n.prod[0]]));
        // a noun and its adjective agree: two words side by side with the same dual or plural
        // ending on known stems («حليفان تاريخيان», «دولتين جارتين») are a common noun
        // phrase, not a foreign name of two words
        let agree = |x: &Word| u8::from(w.infl[0] != 0 && x.infl[0] == w.infl[0] && w.infl[1] > 0 && x.infl[1] > 0);
        if w.infl[0] != 0 {
            f(H::new(146).add(&[agree(p), agree(n), w.infl[0]]));
        }
        let fl = w.flags & !F_STOP;
        f(H::new(80).add(&fl.to_le_bytes()).add(&p.flags.to_le_bytes()));
        f(H::new(81).add(&fl.to_le_bytes()).add(&n.flags.to_le_bytes()));
        nonlocal_part(w, mask, out);
    }
}

/// The word before the quotation mark that opens the quote token `i` of `ws` is in (at most
/// eight tokens back), and whether `i` is the quote's first word (1) or a later one (0).
fn before_quote<'w, 'a>(ws: &'w [Word<'a>], i: usize) -> Option<(&'w Word<'a>, u8)> {
    let mut j = i;
    let mut words = 0u8;
    while j > 0 && i - j < 8 {
        j -= 1;
        match ws[j].key {
            "«" | "\"" | "“" => {
                let q = ws[..j].iter().rev().find(|w| w.kind != Kind::Whitespace)?;
                return Some((q, u8::from(words == 0)));
            }
            _ if ws[j].kind != Kind::Whitespace => words += 1,
            _ => {}
        }
    }
    None
}

/// The second pass's features of word `w`: what the first pass tagged the word's other
/// mentions in the document ([`Word::nl`], [`super::nonlocal`]), alone, with the word's own
/// first-pass type and with its frequency class (a frequent word's other mentions say less).
/// Nothing when [`Nl::fires`] is false, so the first pass computes none.
pub fn nonlocal_part(w: &Word, mask: u32, out: &mut Vec<u32>) {
    let nl = &w.nl;
    if !nl.fires() {
        return;
    }
    let mut f = |h: H| out.push(h.bucket(mask));
    f(H::new(190).add(&[nl.major, nl.named, nl.plain]));
    f(H::new(191).add(&[nl.major, u8::from(nl.began)]));
    if nl.longer != 0 {
        f(H::new(192).add(&[nl.longer, u8::from(nl.longer_first)]));
    }
    f(H::new(193).add(&[nl.major, w.freq[1].min(6)]));
    f(H::new(194).add(&[nl.own, nl.major, nl.named.min(2)]));
}

/// The key under which [`super::nonlocal::gather`] counts a word's mentions: the hash of its
/// safe reading (clitics a name carries taken off), 0 for a non-word or a stopword.
pub fn nl_key(w: &Word) -> u64 {
    if matches!(w.kind, Kind::Arabic | Kind::Latin | Kind::Mixed) && w.flags & F_STOP == 0 && !w.safe.is_empty() {
        w.h[1] | 1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_before_names() {
        let m = Memory::default();
        let k = |s: &str| name_clitic_letters(&lexicon::key(s), &m);
        assert_eq!(k("فلاديمير"), 0);
        assert_eq!(k("وروسيا"), 1);
        assert_eq!(k("بموسكو"), 1);
        assert_eq!(k("للولايات"), 1);
        assert_eq!(k("لمجلس"), 1);
        assert_eq!(k("واشنطن"), 0);
        assert_eq!(k("بوتين"), 0);
        assert_eq!(k("وبوتين"), 1);
        // a name that begins with ب ل ك keeps it, behind و too
        assert_eq!(k("ولبنان"), 1);
        assert_eq!(k("وبشار"), 1);
        assert_eq!(k("وكلية"), 1);
        assert_eq!(k("ولوزان"), 1);
        // a word the lists know only inside names («... لكوريا») does not hide its clitic
        assert_eq!(k("لكوريا"), 1);
    }

    /// The tagger adds up Own, Context and the four neighbour parts separately (caching all
    /// but Context per word); together they must be exactly the training features.
    #[test]
    fn parts_add_up_to_all_features() {
        let text = "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن «مجموعة فاغنر» لم تعد موجودة.";
        let tokens = crate::pipeline::tokens(text, &Default::default());
        let places = super::super::gazetteer::places(text, &tokens);
        let mut store = Store::default();
        let ws = words(&tokens, &Memory::default(), &places, &mut store);
        let mask = (1 << 20) - 1;
        for i in 0..ws.len() {
            let mut all = Vec::new();
            extract(&ws, i, mask, &mut all);
            let mut parts = Vec::new();
            extract_part(&ws, i, mask, Part::Own, &mut parts);
            extract_part(&ws, i, mask, Part::Context, &mut parts);
            for d in NEIGHBOURS {
                let j = i as isize + d;
                let c = if j < 0 || j >= ws.len() as isize { Word::pad() } else { &ws[j as usize] };
                neighbour_part(c, d, mask, &mut parts);
            }
            all.sort_unstable();
            parts.sort_unstable();
            assert_eq!(all, parts, "token {i}");
        }
    }

    /// Calls `f` with the tagger's words of `text` (no training memory, no gazetteer places).
    fn with_words(text: &str, f: impl FnOnce(&[Word])) {
        let tokens = crate::pipeline::tokens(text, &Default::default());
        let mut store = Store::default();
        f(&words(&tokens, &Memory::default(), &[], &mut store));
    }

    /// The flags of the word whose key is `w`'s (0 when `ws` has no such word).
    fn flags_of(ws: &[Word], w: &str) -> u32 {
        ws.iter().find(|x| x.key == lexicon::key(w)).map_or(0, |x| x.flags)
    }

    #[test]
    fn name_lists_flag_words() {
        let text = "التقى جورج بوش مع مايكروسوفت";
        with_words(text, |ws| {
            let flags = |w: &str| flags_of(ws, w);
            assert_ne!(flags("جورج") & F_FIRST, 0);
            assert_ne!(flags("بوش") & F_LAST, 0);
            assert_ne!(flags("مايكروسوفت") & F_ORG, 0);
            assert_eq!(flags("التقى") & (F_FIRST | F_LAST | F_ORG), 0);
        });
    }

    /// The ArWikiCats words flag a word behind its clitics: «وبيونغ» is the first word of a
    /// city's name, «يانغ» a later one; «قلقا» («worry») is in no list.
    #[test]
    fn wikicats_words_flag_words_behind_clitics() {
        let text = "وعلى بيونغ يانغ ومانشستر قلقا";
        with_words(text, |ws| {
            let flags = |w: &str| flags_of(ws, w);
            assert_ne!(flags("بيونغ") & F_WK_CITY1, 0);
            assert_ne!(flags("يانغ") & F_WK_CITY2, 0);
            assert_ne!(flags("ومانشستر") & (F_WK_CITY1 | F_WK_CLUB2), 0);
            assert_eq!(flags("قلقا") & (F_WK_PER1 | F_WK_PER2 | F_WK_CITY1 | F_WK_CITY2 | F_WK_PLACE1 | F_WK_PLACE2), 0);
        });
    }

    #[test]
    fn multi_word_names_flag_their_words() {
        let text = "فاز ريال مدريد على برشلونة في الدوري وقال بان كي مون إن كأس العالم للأندية ستقام";
        with_words(text, |ws| {
            let flags = |w: &str| flags_of(ws, w);
            assert_ne!(flags("ريال") & F_LIST_ORG_B, 0);
            assert_ne!(flags("مدريد") & F_LIST_ORG_I, 0);
            assert_ne!(flags("بان") & F_LIST_PER_B, 0);
            assert_ne!(flags("مون") & F_LIST_PER_I, 0);
            assert_ne!(flags("كأس") & F_LIST_MISC_B, 0);
            // the longest name wins: «كأس العالم للأندية», not «كأس العالم»
            assert_ne!(flags("للأندية") & F_LIST_MISC_I, 0);
            assert_eq!(flags("فاز") & (F_LIST_ORG_B | F_LIST_ORG_I | F_LIST_PER_B | F_LIST_MISC_B), 0);
            // sports words nearby: «فاز», «الدوري»
            assert!(ws.iter().all(|w| w.sport > 0));
        });
    }

    /// A word written with a final alef maqsura is flagged («وعلى», not the name «علي»); a
    /// word whose dual or plural ending leaves a known stem reads as inflected («حليفان»: the
    /// dual of «حليف»), one whose ending leaves no known word does not («عثمان»); and a noun and
    /// its adjective with the same ending agree (template 146 fires for both).
    #[test]
    fn maqsura_and_inflection() {
        let text = "وعلى علي حليفان تاريخيان عثمان";
        with_words(text, |ws| {
            let w = |s: &str| ws.iter().find(|x| x.key == lexicon::key(s)).expect(s);
            assert_ne!(w("وعلى").flags & F_MAQSURA, 0);
            assert_eq!(w("علي").flags & F_MAQSURA, 0);
            let dual = ENDINGS.iter().position(|e| *e == "ان").unwrap() as u8 + 1;
            assert_eq!(w("حليفان").infl[0], dual);
            assert!(w("حليفان").infl[1] > 0 && w("تاريخيان").infl[1] > 0);
            assert_eq!(w("عثمان").infl, [dual, 0]);
            assert_eq!(w("علي").infl, [0, 0]);
        });
    }

    /// A dual or plural the cluster table does not know takes the cluster of its singular
    /// («حليفان» that of «حليف», «تاريخيان» that of «تاريخي», «دبابتان» that of «دبابة»); a
    /// word the table knows keeps its own («عمران», a name, is not read as «عمر» + ان), and an
    /// ending that leaves no known word gives none.
    #[test]
    fn unknown_inflected_words_take_their_singulars_cluster() {
        use crate::lexicon::clusters::path;
        let cl = |w: &str| path(&lexicon::key(w)).map(|p| CLUSTER_PREFIXES.map(|n| p.prefix(n))).expect(w);
        with_words("حليفان تاريخيان دبابتان عمران كارداشيان", |ws| {
            let w = |s: &str| ws.iter().find(|x| x.key == lexicon::key(s)).expect(s);
            assert!(path(&lexicon::key("حليفان")).is_none(), "the test needs a word the table lacks");
            assert_eq!(w("حليفان").cl, cl("حليف"));
            assert_eq!(w("تاريخيان").cl, cl("تاريخي"));
            assert_eq!(w("دبابتان").cl, cl("دبابة"));
            assert_eq!(w("عمران").cl, cl("عمران"));
            assert_ne!(w("عمران").cl, cl("عمر"));
            assert_eq!(w("كارداشيان").cl, [0; 3]);
        });
    }

    /// The second pass's features fire only for a word with non-local facts, and are part of
    /// the word's context features (the first pass, without facts, computes none).
    #[test]
    fn nonlocal_features_need_facts() {
        let text = "قال بوتين";
        let tokens = crate::pipeline::tokens(text, &Default::default());
        let mut store = Store::default();
        let mut ws = words(&tokens, &Memory::default(), &[], &mut store);
        let mask = (1 << 20) - 1;
        let mut out = Vec::new();
        nonlocal_part(&ws[1], mask, &mut out);
        assert!(out.is_empty());
        let mut before = Vec::new();
        extract(&ws, 1, mask, &mut before);
        ws[1].nl = Nl { major: 1, named: 2, ..Nl::default() };
        nonlocal_part(&ws[1], mask, &mut out);
        assert_eq!(out.len(), 4);
        let mut after = Vec::new();
        extract(&ws, 1, mask, &mut after);
        assert_eq!(after.len(), before.len() + 4);
        assert!(out.iter().all(|b| after.contains(b)));
    }
}
