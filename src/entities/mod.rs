//! Entities: names of people, places, organisations and other names (PER, LOC, ORG, MISC).
//!
//! Two sources: a statistical tagger ([`model`], averaged perceptrons mixed with a CRF over
//! hashed features, trained on ANERcorp by the training crate `train/`, `kashif-train
//! train-ner`; [`tagger`] is what it shares with analysis) and the place
//! gazetteer ([`crate::lexicon::places`]). The tagger's entities come first: a first pass over
//! the text, then a second one that reads what the first said about each word's other
//! mentions ([`nonlocal`]); gazetteer places fill in where the tagger
//! found nothing, and so do organisation names announced by a head noun ([`orgs`]). Spans never
//! include attached proclitics (in «وروسيا» only «روسيا»), and a multi-word name is one span.

pub(crate) mod features;
mod gazetteer;
mod orgs;
pub mod nonlocal;
pub mod group;
pub mod rules;
pub mod model;
pub mod tagger;

use crate::analysis::{Entity, Token};
use crate::pipeline::Doc;
use crate::text::sentences::Sentences;
use crate::lexicon;
use crate::text::clitics::skeleton;
use crate::text::tokenize::Kind;
use model::{tag_info, viterbi, Model, ModelError, TYPES};
use std::collections::HashMap;
use std::sync::OnceLock;

/// How tagger and gazetteer are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Tagger only.
    Model,
    /// Gazetteer only (the first version of Kashif).
    Gazetteer,
    /// Tagger entities, plus gazetteer places that overlap none of them.
    ModelFirst,
    /// Gazetteer places, plus tagger entities that overlap none of them.
    GazetteerFirst,
    /// The names as `analyze` finds them ([`find`]): the tagger's, then the organisations a
    /// head noun announces ([`orgs`]) where they are free, and the currency of an amount of
    /// money typed MISC. For evaluation: it scores the whole name stage with a model other
    /// than the shipped one.
    Full,
}

/// What `analyze` does ([`find`]).
pub const DEFAULT_MERGE: Merge = Merge::Full;

/// The shipped model, parsed on first use; `None` when it does not load, and analysis falls
/// back to the gazetteer ([`shipped_model_status`] says why; a test keeps it loading).
pub fn shipped_model() -> Option<&'static Model> {
    shipped_model_status().ok()
}

/// The shipped model (`data/ner.model`), or why it does not load (another file format or
/// feature-template version than this build's: see [`model`]).
pub fn shipped_model_status() -> Result<&'static Model, &'static ModelError> {
    static M: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(include_bytes!("../../data/ner.model"))).as_ref()
}

/// Entities in a [`Doc`], in text order, not overlapping. Byte offsets.
pub fn find(doc: &Doc) -> Vec<Entity> {
    merge(parts(doc))
}

/// What [`find`] finds in a stretch of text before merging: the tagger's names, gazetteer
/// places, announced organisations and rule entities (each list in text order). A text
/// analyzed in pieces (`crate::stream`) collects these per piece and [`merge`]s once.
#[derive(Default)]
pub struct Parts {
    /// The tagger's names (none without a model).
    pub tagged: Vec<Entity>,
    pub places: Vec<Entity>,
    pub orgs: Vec<Entity>,
    /// Those of `orgs` quoted right after their head noun («خلية "بيوند باراليل"»): they also
    /// retype a name of the tagger's with the same bounds.
    pub quoted_orgs: Vec<Entity>,
    pub rules: Vec<Entity>,
}

/// The [`Parts`] of a text, the tagger's second pass over the whole of it.
pub fn parts(doc: &Doc) -> Parts {
    parts_with(doc, Second::Gather).parts
}

/// The [`Parts`] of a piece of a longer text, the tagger's names from its first pass alone;
/// each token's first-pass tag and non-local key are appended to `tags` and `keys` (nothing
/// when the model runs no second pass). The text's second pass is made once every piece is in
/// ([`nonlocal::gather`] over all of them, then [`tagged_given`] for the pieces where facts fire).
pub fn parts_first_pass(doc: &Doc, tags: &mut Vec<u8>, keys: &mut Vec<u64>) -> Parts {
    let mut p = parts_with(doc, Second::Record(keys));
    if second_pass_runs() {
        tags.extend(p.tagged_tags.drain(..).map(|t| t as u8));
    }
    p.parts
}

/// Whether the shipped model runs a second pass (see [`parts_first_pass`]).
pub fn second_pass_runs() -> bool {
    shipped_model().is_some_and(|m| m.second_pass)
}

/// The tagger's names in `doc` with the non-local facts `nl` (one per token, from the whole
/// text: [`nonlocal::gather`]) instead of facts gathered from `doc` alone.
pub fn tagged_given(doc: &Doc, nl: &[nonlocal::Nl]) -> Vec<Entity> {
    let Some(m) = shipped_model() else { return Vec::new() };
    let places = gazetteer::places(doc.text, &doc.tokens);
    tagged_with(doc.text, &doc.tokens, &doc.sentences, m, &places, Second::Given(nl)).0
}

/// [`Parts`], and the first pass's tags when [`Second::Record`] asked for them.
struct PartsWith {
    parts: Parts,
    tagged_tags: Vec<usize>,
}

fn parts_with(doc: &Doc, second: Second) -> PartsWith {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    // the gazetteer runs once: its places are tagger features and merge candidates
    let places = gazetteer::places(text, tokens);
    let (tagged, tags) = shipped_model().map_or_else(|| (Vec::new(), Vec::new()), |m| tagged_with(text, tokens, &doc.sentences, m, &places, second));
    let (orgs, quoted_orgs) = orgs::find(text, tokens);
    PartsWith { parts: Parts { tagged, places, orgs, quoted_orgs, rules: rules::find(text, tokens) }, tagged_tags: tags }
}

/// The entities of `parts`: the tagger's names (the gazetteer's places instead when there is
/// no model), then organisations and rules where they are free.
///
/// With a model the gazetteer's places are not added where the tagger found nothing: they are
/// tagger features already, weighed in context, and added on top they made a place of every
/// list word the tagger had judged common («مالي» "financial", «ترك» "left", «الخليج» the
/// gulf): on the two dev splits that added 11 false places for 1 found (2026-12-05).
pub fn merge(parts: Parts) -> Vec<Entity> {
    merge_parts(parts, shipped_model().is_some())
}

/// [`merge`], the tagger's names counted only when there is a model (`has_model`).
fn merge_parts(parts: Parts, has_model: bool) -> Vec<Entity> {
    let mut names = if has_model {
        let mut tagged = parts.tagged;
        places_retype(&mut tagged, &parts.places);
        tagged
    } else {
        parts.places
    };
    orgs_retype(&mut names, &parts.quoted_orgs);
    let mut names = add_where_free(names, parts.orgs);
    clitics_the_text_shows(&mut names);
    let mut rules = parts.rules;
    currencies_are_misc(&mut names, &mut rules);
    no_names_inside_numbers(&mut names, &rules);
    add_where_free(names, rules)
}

/// A name inside a number the rules found (a MONEY, PERCENT or NUMBER span, whose words are
/// digits and scale words: a currency is a span of its own) is no name: the tagger, which
/// knows no numbers, read «تريليونين» ("two trillion") as a place. Removed, so the amount is
/// shown whole. Both lists in text order; one sweep.
fn no_names_inside_numbers(names: &mut Vec<Entity>, rules: &[Entity]) {
    let mut r = rules.iter().filter(|x| matches!(x.kind.as_str(), "MONEY" | "PERCENT" | "NUMBER")).peekable();
    names.retain(|e| {
        while r.next_if(|x| x.end <= e.start).is_some() {}
        !r.peek().is_some_and(|x| x.start <= e.start && e.end <= x.end)
    });
}

/// A name with exactly the bounds of an organisation quoted right after its head noun
/// ([`orgs`]) is that organisation, whatever type the tagger gave it: «خلية "بيوند باراليل"» is
/// a research unit, though its words look like a foreign person's. (Unquoted, the head's
/// words are no such proof: «حكومة إيهود أولمرت» is a person's government.) Both lists in
/// text order; one sweep.
fn orgs_retype(names: &mut [Entity], orgs: &[Entity]) {
    let mut o = orgs.iter().peekable();
    for e in names.iter_mut() {
        while o.next_if(|x| x.start < e.start).is_some() {}
        if o.peek().is_some_and(|x| x.start == e.start && x.end == e.end) {
            e.kind = "ORG".into();
        }
    }
}

/// A name that still begins with a proclitic no list knows to take off («بجازان», «لهادي»,
/// «ولهاليبرتون») begins after it when the text names the rest elsewhere: another name holds
/// that word («جازان», «عبد ربه منصور هادي»). The clitic segmenter must read the word so too
/// («وجدة» beside «جدة»: و + «جدة», though the lists know Oujda; «كريم» beside «ريم» is no
/// ك + «ريم»), unless the word is one neither the frequency lexicon nor the name lists know,
/// which may lose what the segmenter left on it («لهاليبرتون»). A reading that leaves under
/// three letters is not tried. The document is the evidence the lists lack; one pass to gather
/// the names' words, one to trim.
fn clitics_the_text_shows(names: &mut [Entity]) {
    let may_have_one = |e: &Entity| e.key.starts_with(['و', 'ف', 'ب', 'ل', 'ك']);
    if !names.iter().any(may_have_one) {
        return;
    }
    // (name, letters to take off, the first word's new key), gathered while the keys are borrowed
    let trims: Vec<(usize, usize, String)> = {
        let words: crate::lexicon::Set<&str> = names.iter().flat_map(|e| e.key.split(' ')).collect();
        names
            .iter()
            .enumerate()
            .filter(|(_, e)| may_have_one(e))
            .filter_map(|(i, e)| {
                let first_key = e.key.split(' ').next()?;
                let (skip, rest) = clitics_named_elsewhere(first_key, |w| words.contains(w))?;
                let first_text = e.text.split(' ').next()?;
                let sk = skeleton(first_text);
                if sk.len() != first_key.chars().count() {
                    return None; // the key does not spell the text letter for letter: leave it
                }
                let unknown = crate::lexicon::wordfreq::zipf(first_key).is_none() && !features::known_first(first_key);
                if !unknown && !segmenter_cuts_at(first_text, sk[skip].1) {
                    return None; // a word the segmenter keeps whole («كريم»): no proclitic
                }
                Some((i, sk[skip].1, rest))
            })
            .collect()
    };
    for (i, cut, first) in trims {
        let e = &mut names[i];
        e.key = std::iter::once(first.as_str()).chain(e.key.split(' ').skip(1)).collect::<Vec<_>>().join(" ");
        e.start += cut as u32;
        e.text = e.text[cut..].to_string();
    }
}

/// Whether the clitic segmenter reads `word`'s base as beginning at byte `at`.
fn segmenter_cuts_at(word: &str, at: usize) -> bool {
    let cuts = crate::morph::segment::segment(word);
    let base = cuts.base();
    base > 0 && cuts.iter().nth(base - 1) == Some(at)
}

/// How many letters of a name's first word `key` are proclitics, by the word the rest leaves
/// being `named` elsewhere (see [`clitics_the_text_shows`]): و or ف, or one of ب ل ك, or و/ف
/// then one of them; the fewest letters that leave a named word. With that word's key (the
/// article back after ل when that is the name: «للهيئة» → «الهيئة»).
fn clitics_named_elsewhere(key: &str, named: impl Fn(&str) -> bool) -> Option<(usize, String)> {
    let conj = |c: char| matches!(c, 'و' | 'ف');
    let prep = |c: char| matches!(c, 'ب' | 'ل' | 'ك');
    let mut letters = key.char_indices();
    let (_, first) = letters.next()?;
    let (at2, second) = letters.next()?;
    let at3 = letters.next().map_or(key.len(), |(i, _)| i);
    let readings = [(1, at2, first, conj(first) || prep(first)), (2, at3, second, conj(first) && prep(second))];
    readings.into_iter().find_map(|(skip, at, taken, possible)| {
        let rest = &key[at..];
        if !possible || rest.chars().nth(2).is_none() {
            return None;
        }
        if named(rest) {
            return Some((skip, rest.to_string()));
        }
        let restored = crate::text::clitics::restore_article(taken == 'ل', rest.to_string());
        (restored.len() != rest.len() && named(&restored)).then_some((skip, restored))
    })
}

/// A person's name of the tagger's with exactly the bounds of a place name of two words or
/// more in the gazetteer is that place: «أن بيونغ يانغ تمتلك» reads like a person's
/// sentence, but no person is called «بيونغ يانغ» or «نيو يورك». One-word places are left to
/// the tagger: many are people's names too. Both lists in text order; one sweep.
fn places_retype(names: &mut [Entity], places: &[Entity]) {
    let mut p = places.iter().filter(|x| x.key.contains(' ')).peekable();
    for e in names.iter_mut() {
        while p.next_if(|x| x.start < e.start).is_some() {}
        if e.kind == "PER" && p.peek().is_some_and(|x| x.start == e.start && x.end == e.end) {
            e.kind = "LOC".into();
        }
    }
}

/// A name inside the currency of an amount of money (the rules' MISC: [`rules`] splits «5 ملايين
/// دولار» into the amount, MONEY, and its currency) is that currency, which ANERcorp (and so
/// the tagger) types MISC: «ريال» after «500» is the riyal, not Real Madrid's ORG. A name that
/// runs past the currency word is no currency, and the number before it no amount of money:
/// «برشلونة 2 ريال مدريد 1» is a score, «ريال مدريد» stays ORG and «2» is a NUMBER. Both lists
/// in text order (a currency right after its amount); one sweep.
fn currencies_are_misc(names: &mut [Entity], rules: &mut [Entity]) {
    let mut n = 0;
    for k in 0..rules.len() {
        if rules[k].kind != "MISC" {
            continue;
        }
        let (start, end) = (rules[k].start, rules[k].end);
        while names.get(n).is_some_and(|e| e.end <= start) {
            n += 1;
        }
        let mut runs_past = false;
        for e in names[n..].iter_mut().take_while(|e| e.start < end) {
            if start <= e.start && e.end <= end {
                e.kind = "MISC".into();
            } else {
                runs_past = true;
            }
        }
        if runs_past && k > 0 && rules[k - 1].kind == "MONEY" && rules[k - 1].end <= start {
            rules[k - 1].kind = "NUMBER".into();
        }
    }
}

/// `base` plus the entities of `extra` that overlap none of `base`, in text order. Both lists
/// are in text order and free of overlaps within themselves; one sweep, so long texts stay linear.
fn add_where_free(base: Vec<Entity>, extra: Vec<Entity>) -> Vec<Entity> {
    let mut out = Vec::with_capacity(base.len() + extra.len());
    let mut b = base.into_iter().peekable();
    for x in extra {
        while let Some(e) = b.next_if(|e| e.end <= x.start) {
            out.push(e);
        }
        if b.peek().is_none_or(|e| x.end <= e.start) && out.last().is_none_or(|e: &Entity| e.end <= x.start) {
            out.push(x);
        }
    }
    out.extend(b);
    out
}

/// The entities of a token list of `text` with model `m`, combined by `merge` (for training
/// and evaluation: the token list's sentences are split here, [`crate::pipeline::split`]).
pub fn find_with(text: &str, tokens: &[Token], m: &Model, merge: Merge) -> Vec<Entity> {
    find_passes(text, tokens, m, merge, true)
}

/// [`find_with`], with the tagger's second pass only when `second` (and the model has one).
pub fn find_passes(text: &str, tokens: &[Token], m: &Model, merge: Merge, second: bool) -> Vec<Entity> {
    if merge == Merge::Gazetteer {
        return gazetteer::places(text, tokens);
    }
    // the gazetteer runs once: its places are tagger features and merge candidates
    let places = gazetteer::places(text, tokens);
    let sentences = crate::pipeline::split(text, tokens);
    let names = tagged_with(text, tokens, &sentences, m, &places, if second { Second::Gather } else { Second::Off }).0;
    match merge {
        Merge::ModelFirst => add_where_free(names, places),
        Merge::GazetteerFirst => add_where_free(places, names),
        Merge::Full => {
            let (orgs, quoted_orgs) = orgs::find(text, tokens);
            merge_parts(Parts { tagged: names, places, orgs, quoted_orgs, rules: rules::find(text, tokens) }, true)
        }
        _ => names,
    }
}

/// The tags of the first pass alone over a token list of `text` (one per token; the
/// sentences split as [`find_with`] splits them): what training reads as the non-local facts
/// of a document that the model did not see ([`nonlocal`]).
pub fn first_pass_tags(text: &str, tokens: &[Token], m: &Model) -> Vec<usize> {
    let places = gazetteer::places(text, tokens);
    let sentences = crate::pipeline::split(text, tokens);
    tag_with(tokens, &sentences, m, &places, Second::Off)
}

/// One tag per token (see [`model::tag_info`]).
pub fn tag(doc: &Doc, m: &Model) -> Vec<usize> {
    tag_with(&doc.tokens, &doc.sentences, m, &gazetteer::places(doc.text, &doc.tokens), Second::Gather)
}

/// What the tagger does after its first pass ([`tag_with`]); a model trained without
/// non-local features ([`Model::second_pass`] false) never makes a second pass.
enum Second<'a> {
    /// Nothing: the first pass's tags are the result.
    Off,
    /// The second pass over facts gathered from these tokens' first-pass tags.
    Gather,
    /// The second pass over these facts (one per token), gathered from a longer text.
    Given(&'a [nonlocal::Nl]),
    /// No second pass; each token's non-local key is appended here.
    Record(&'a mut Vec<u64>),
}

/// [`tag`] with the gazetteer's places already found: Viterbi over each of the tagger's
/// sentences ([`Sentences::tagger`]), then, where the first pass's tags give a token
/// non-local facts ([`nonlocal::gather`]), their features' weights added to its scores and
/// Viterbi again over the sentences that hold such tokens. The second pass costs one sweep
/// over the document and the features of the tokens whose facts fire, nothing else.
fn tag_with(tokens: &[Token], sentences: &Sentences, m: &Model, places: &[Entity], second: Second) -> Vec<usize> {
    TAGGER.with(|cell| {
        let mut guard = cell.borrow_mut();
        let Tagger { store, cache } = &mut *guard;
        if store.for_model(m.id) {
            *cache = ScoreCache::new(m);
        }
        features::prepare(tokens, &m.memory, store);
        cache.forget(store.refilled());
        let mut ws = features::words_of(tokens, places, store, &sentences.tagger_runs);
        let trans = m.trans_f32();
        let mut scorer = Scorer::new(m, cache);
        let mut out = Vec::with_capacity(tokens.len());
        let again = m.second_pass && matches!(second, Second::Gather | Second::Given(_));
        let mut emits: Vec<Scores> = Vec::with_capacity(if again { tokens.len() } else { 0 });
        // the first pass's paths before `whole_list_names`, for the second pass
        let mut paths: Vec<u8> = Vec::with_capacity(if again { tokens.len() } else { 0 });
        let mut emit = Vec::new();
        for &(a, b) in &sentences.tagger {
            let sent = &ws[a as usize..b as usize];
            scorer.sentence(sent, &mut emit);
            let from = out.len();
            out.extend(viterbi(&emit, &trans));
            if again {
                emits.extend_from_slice(&emit);
                paths.extend(out[from..].iter().map(|&t| t as u8));
            }
            whole_list_names(sent, &mut out[from..]);
        }
        match second {
            Second::Gather if again => {
                let keys: Vec<u64> = ws.iter().map(features::nl_key).collect();
                let nl = nonlocal::gather(&keys, &out);
                second_pass(&mut ws, &nl, sentences, m, &trans, First { emits: &mut emits, paths: &paths }, &mut out);
            }
            Second::Given(nl) if again => second_pass(&mut ws, nl, sentences, m, &trans, First { emits: &mut emits, paths: &paths }, &mut out),
            Second::Record(keys) if m.second_pass => keys.extend(ws.iter().map(features::nl_key)),
            _ => {}
        }
        out
    })
}

/// What the first pass leaves the second, token by token (the tagger's sentences cover the
/// tokens in order): the emission scores, and the Viterbi paths before [`whole_list_names`].
struct First<'a> {
    emits: &'a mut [Scores],
    paths: &'a [u8],
}

/// The second pass of [`tag_with`]: `first` is what the first pass left, `tags` its tags;
/// `nl` the tokens' non-local facts. Only the tokens whose facts fire get their features'
/// weights added, and only the sentences that hold one are decoded again, unless every such
/// token's added weights are largest for the tag the first path gave it.
///
/// (Then no path can gain more than the first path gains, so it stays the best and decoding
/// again would find it again. On the 300 shared news articles that spares 476 of the 1,550
/// sentences decoded again. Only a path that the first pass's scores put within rounding error
/// of the first could have come out ahead instead.)
fn second_pass(ws: &mut [features::Word], nl: &[nonlocal::Nl], sentences: &Sentences, m: &Model, trans: &[[f32; model::TAGS]; model::TAGS + 1], first: First, tags: &mut [usize]) {
    let First { emits, paths } = first;
    let mut feats = Vec::new();
    for &(a, b) in &sentences.tagger {
        let (a, b) = (a as usize, b as usize);
        let mut changed = false;
        for k in (a..b).filter(|&k| nl.get(k).is_some_and(|f| f.fires())) {
            ws[k].nl = nl[k];
            feats.clear();
            features::nonlocal_part(&ws[k], m.mask(), &mut feats);
            let extra = m.emit(&feats);
            let on_path = extra[paths[k] as usize];
            changed |= extra.iter().any(|&x| x > on_path);
            add(&mut emits[k], &extra);
        }
        if changed {
            let t = viterbi(&emits[a..b], trans);
            tags[a..b].copy_from_slice(&t);
            whole_list_names(&ws[a..b], &mut tags[a..b]);
        }
    }
}

/// The tagger's state kept across texts on one thread: the per-lexeme word facts and the
/// per-lexeme weight sums, both for one model.
#[derive(Default)]
struct Tagger {
    store: features::Store,
    cache: ScoreCache,
}

thread_local! {
    static TAGGER: std::cell::RefCell<Tagger> = std::cell::RefCell::new(Tagger::default());
}

/// A name of the multi-word list (`data/ner_names_multi.txt`: «ريال مدريد», «مجلس الأمن
/// الدولي») whose every word the tagger put inside names is one name of the list's type, when
/// nothing the tagger found runs across its edges: the words were recognised as a name, and the
/// list knows better where it ends and what it is («ريال» ORG + «مدريد» LOC is Real Madrid).
///
/// Also an organisation of the list whose first word (its head: «حلف», «مجلس») the tagger left
/// outside names and whose last word it tagged as a place or another type, with nothing tagged
/// ORG inside and nothing running past its end: «حلف شمال الأطلسي» tagged O O LOC is NATO, not
/// the Atlantic, and «مجلس أوروبا» O LOC the Council of Europe. Where the tagger did read an
/// organisation without its head («حركة» O, «حماس» ORG) the list is not followed: ANERcorp
/// leaves such heads out, and so does the tagger it trained. Likewise a person of the list whose
/// first word the tagger left out and whose last word it tagged: «بان كي مون» is Ban Ki-moon
/// whole, though «بان» is also a verb ("appeared"). The list's names that begin with a title
/// («الشيخ محمد بن راشد آل مكتوم», «الملك حسين») are not followed: ANERcorp leaves titles out.
fn whole_list_names(ws: &[features::Word], tags: &mut [usize]) {
    use features::{F_LIST_MISC_B, F_LIST_MISC_I, F_LIST_ORG_B, F_LIST_ORG_I, F_LIST_PER_B, F_LIST_PER_I};
    const ORG: usize = 2;
    const MISC: usize = 3;
    let mut a = 0;
    while a < ws.len() {
        let f = ws[a].flags;
        let (ty, inner) = if f & F_LIST_ORG_B != 0 {
            (ORG, F_LIST_ORG_I)
        } else if f & F_LIST_MISC_B != 0 {
            (MISC, F_LIST_MISC_I)
        } else if f & F_LIST_PER_B != 0 {
            (PER, F_LIST_PER_I)
        } else {
            a += 1;
            continue;
        };
        let mut b = a + 1;
        while b < ws.len() && ws[b].flags & inner != 0 && ws[b].flags & (F_LIST_ORG_B | F_LIST_MISC_B | F_LIST_PER_B) == 0 {
            b += 1;
        }
        // tokens a..b; the tagger must have begun a name at a and not carry one on past b
        let inside = tags[a..b].iter().all(|&t| t != 0);
        let starts = tag_info(tags[a]).is_some_and(|(begin, _)| begin);
        let ends = tags.get(b).is_none_or(|&t| tag_info(t).is_none_or(|(begin, _)| begin));
        let split = tags[a + 1..b].iter().any(|&t| tag_info(t).is_some_and(|(begin, _)| begin));
        // the first word left out, the last one tagged: an organisation the tagger read as
        // another type without its head («حلف شمال | الأطلسي» O O LOC), or a person's name
        // without its first word («بان | كي مون» O PER PER), not a title («الشيخ»)
        let retyped = tags[a] == 0
            && tags[b - 1] != 0
            && match ty {
                ORG => tags[a..b].iter().all(|&t| tag_info(t).is_none_or(|(_, k)| k != ORG)),
                PER => ws[a].flags & features::F_TITLE == 0,
                _ => false,
            };
        if b - a > 1 && ends && ((inside && starts && split) || retyped) {
            tags[a] = model::tag_of(true, ty);
            for t in &mut tags[a + 1..b] {
                *t = model::tag_of(false, ty);
            }
        }
        a = b;
    }
}

/// The weight sums of the features that depend on one word only (the word itself, or a
/// neighbour at a given offset), per lexeme: worked out once per form and model, and kept
/// across texts with the word facts ([`features::Store`]).
#[derive(Default)]
struct ScoreCache {
    /// Per lexeme id: the sum of its [`features::Part::Own`] weights.
    own: Vec<Option<Scores>>,
    /// Per lexeme id: its entry in `near_scores` for a token whose flags are the lexeme's own
    /// (no gazetteer or list match at its position), `u32::MAX` for none, and whether the entry
    /// is current (a forgotten lexeme's entry is rewritten in place, so the list stays as long
    /// as the lexeme table).
    near_lex: Vec<(u32, bool)>,
    /// What a word adds to the token it is at each offset of [`features::NEIGHBOURS`] from;
    /// entry 0 is the padding beyond a sentence's ends.
    near_scores: Vec<[Scores; 4]>,
}

impl ScoreCache {
    fn new(m: &Model) -> ScoreCache {
        let mut c = ScoreCache::default();
        let mut feats = Vec::new();
        let pad = near(m, features::Word::pad(), &mut feats);
        c.near_scores.push(pad);
        c
    }

    /// Forgets what it knew of these lexeme ids (their facts were worked out anew).
    fn forget(&mut self, lex: &[u32]) {
        for &l in lex {
            if let Some(o) = self.own.get_mut(l as usize) {
                *o = None;
            }
            if let Some(n) = self.near_lex.get_mut(l as usize) {
                n.1 = false;
            }
        }
    }
}

/// What word `w` adds to the tokens at each offset of [`features::NEIGHBOURS`] from it.
fn near(m: &Model, w: &features::Word, feats: &mut Vec<u32>) -> [Scores; 4] {
    features::NEIGHBOURS.map(|d| {
        feats.clear();
        features::neighbour_part(w, d, m.mask(), feats);
        m.emit(feats)
    })
}

/// Emission scores for the sentences of one text.
struct Scorer<'m, 'c> {
    m: &'m Model,
    mask: u32,
    feats: Vec<u32>,
    cache: &'c mut ScoreCache,
    /// Words without a lexeme id, or whose flags differ from their lexeme's (a gazetteer or
    /// list match at their position), for this text only.
    own: HashMap<(u64, u64, u64, u8), Scores, features::Fast>,
    near: HashMap<(u64, u64, u32, u8), u32, features::Fast>,
    /// Their neighbour sums: index `LOCAL | i` is `local[i]`.
    local: Vec<[Scores; 4]>,
    /// The neighbour sums' index of each token of the current sentence.
    at: Vec<u32>,
}

/// The bit that marks an index into [`Scorer::local`] rather than [`ScoreCache::near_scores`].
const LOCAL: u32 = 1 << 31;

impl<'m, 'c> Scorer<'m, 'c> {
    fn new(m: &'m Model, cache: &'c mut ScoreCache) -> Self {
        Scorer { m, mask: m.mask(), feats: Vec::with_capacity(96), cache, own: HashMap::default(), near: HashMap::default(), local: Vec::new(), at: Vec::new() }
    }

    /// The index of word `w`'s neighbour sums (see [`Scorer::near_at`]).
    fn near_index(&mut self, w: &features::Word) -> u32 {
        if let Some(l) = self.lexeme_flags_only(w) {
            if self.cache.near_lex.len() <= l {
                self.cache.near_lex.resize(l + 1, (u32::MAX, false));
            }
            let (i, current) = self.cache.near_lex[l];
            if current {
                return i;
            }
            let v = near(self.m, w, &mut self.feats);
            let i = if i == u32::MAX {
                self.cache.near_scores.push(v);
                (self.cache.near_scores.len() - 1) as u32
            } else {
                self.cache.near_scores[i as usize] = v;
                i
            };
            self.cache.near_lex[l] = (i, true);
            return i;
        }
        if let Some(&i) = self.near.get(&w.neighbour_key()) {
            return i;
        }
        let v = near(self.m, w, &mut self.feats);
        self.local.push(v);
        let i = LOCAL | (self.local.len() - 1) as u32;
        self.near.insert(w.neighbour_key(), i);
        i
    }

    fn near_at(&self, i: u32) -> &[Scores; 4] {
        if i & LOCAL != 0 {
            &self.local[(i & !LOCAL) as usize]
        } else {
            &self.cache.near_scores[i as usize]
        }
    }

    /// The lexeme id of `w` when its flags are all its lexeme's (nothing at its position).
    fn lexeme_flags_only(&self, w: &features::Word) -> Option<usize> {
        w.lex.filter(|_| w.flags & features::POSITION_FLAGS == 0).map(|l| l as usize)
    }

    fn own_scores(&mut self, sent: &[features::Word], k: usize) -> Scores {
        let w = &sent[k];
        let lex = w.lex.map(|l| l as usize);
        if let Some(l) = lex {
            if let Some(Some(v)) = self.cache.own.get(l) {
                return *v;
            }
        } else if let Some(v) = self.own.get(&w.own_key()) {
            return *v;
        }
        self.feats.clear();
        features::extract_part(sent, k, self.mask, features::Part::Own, &mut self.feats);
        let v = self.m.emit(&self.feats);
        match lex {
            Some(l) => {
                if self.cache.own.len() <= l {
                    self.cache.own.resize(l + 1, None);
                }
                self.cache.own[l] = Some(v);
            }
            None => {
                self.own.insert(w.own_key(), v);
            }
        }
        v
    }

    /// The emission scores of each token of a sentence, into `out`.
    fn sentence(&mut self, sent: &[features::Word], out: &mut Vec<Scores>) {
        out.clear();
        self.at.clear();
        for w in sent {
            let i = self.near_index(w);
            self.at.push(i);
        }
        for k in 0..sent.len() {
            let own = self.own_scores(sent, k);
            self.feats.clear();
            features::extract_part(sent, k, self.mask, features::Part::Context, &mut self.feats);
            let mut e = self.m.emit(&self.feats);
            for (slot, d) in features::NEIGHBOURS.into_iter().enumerate() {
                // what the word d places away (or the padding) gives token k
                let j = k as isize + d;
                let from = if j < 0 || j >= sent.len() as isize { 0 } else { self.at[j as usize] };
                add(&mut e, &self.near_at(from)[slot]);
            }
            add(&mut e, &own);
            out.push(e);
        }
    }
}

type Scores = [f32; model::TAGS];

fn add(a: &mut Scores, b: &Scores) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

fn is_edge_junk(t: &Token) -> bool {
    matches!(t.kind, Kind::Punct | Kind::Symbol | Kind::Whitespace)
}

/// The entity for tokens `a..=b`, or `None` when only punctuation is left.
fn entity(text: &str, tokens: &[Token], mut a: usize, mut b: usize, kind: &str, mem: &features::Memory) -> Option<Entity> {
    while a <= b && is_edge_junk(&tokens[a]) {
        a += 1;
    }
    while b > a && is_edge_junk(&tokens[b]) {
        b -= 1;
    }
    if a > b || is_edge_junk(&tokens[a]) {
        return None;
    }
    let t = &tokens[a];
    let mut start = t.start as usize;
    let mut skipped = 0;
    if t.kind == Kind::Arabic {
        let skip = first_token_proclitics(t, mem);
        let sk = skeleton(&t.text);
        if skip > 0 && skip + 2 <= sk.len() {
            start += sk[skip].1;
            skipped = skip;
        }
    }
    let end = tokens[b].end as usize;
    let first = features::name_key_after_clitics(&t.key, skipped, lexicon::key(&text[start..t.end as usize]), mem);
    let key = std::iter::once(first)
        .chain(tokens[a + 1..=b].iter().map(|t| t.key.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Entity { start: start as u32, end: end as u32, text: text[start..end].to_string(), kind: kind.into(), key, source: "model".into() })
}

/// How many letters of a name's first token are proclitics: [`features::name_clitic_letters`],
/// which reads the name lists, held back by the clitic segmenter where the token is a word of
/// the language. A word the segmenter keeps whole keeps its letters, and one it cuts keeps what
/// lies behind its cut: «كريم العراقي» is no ك + «ريم» and «فايز» no ف + «ايز», though the
/// lists know «ريم» and «ايز». Not held back: a word the frequency lexicon does not know (the
/// lists judge a name better than the segmenter: «لكوريا»), and a rest that heads names (a
/// trigger word: «بعيد الفطر» is ب + «عيد», though «بعيد» is also "far").
fn first_token_proclitics(t: &Token, mem: &features::Memory) -> usize {
    let skip = features::name_clitic_letters(&t.key, mem);
    if skip == 0 || lexicon::wordfreq::zipf(&t.key).is_none() {
        return skip;
    }
    let cut: usize = t.segments.iter().take_while(|s| s.role == crate::analysis::Role::Proclitic).map(|s| s.key.chars().count()).sum();
    if skip <= cut || features::is_trigger(crate::text::clitics::nth_rest(&t.key, skip)) {
        skip
    } else {
        cut
    }
}

/// The tagger's entities.
pub fn tagged(doc: &Doc, m: &Model) -> Vec<Entity> {
    tagged_with(doc.text, &doc.tokens, &doc.sentences, m, &gazetteer::places(doc.text, &doc.tokens), Second::Gather).0
}

/// The type index of persons in [`TYPES`].
const PER: usize = 0;

/// Does this token begin with a proclitic the pipeline cut off (و، ف، ب، ل، ك), or with a و
/// it may have left on a name it does not know («ونورالدين»)?
fn starts_with_proclitic(t: &Token) -> bool {
    t.segments.first().is_some_and(|s| s.role == crate::analysis::Role::Proclitic) || t.key.starts_with('و')
}

/// [`tagged`] with the gazetteer's places already found.
///
/// A person's name the tagger begins anew right after another one («عبدالرحيم | محمد حسين»)
/// is one name: two people side by side are joined by و («وجمال حمزة ومصطفى جعفر»), which
/// starts a new name.
fn tagged_with(text: &str, tokens: &[Token], sentences: &Sentences, m: &Model, places: &[Entity], second: Second) -> (Vec<Entity>, Vec<usize>) {
    let record = matches!(second, Second::Record(_));
    let tags = tag_with(tokens, sentences, m, places, second);
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (first token, type)
    for i in 0..=tags.len() {
        let info = tags.get(i).and_then(|&t| tag_info(t));
        let continues = matches!((info, open), (Some((false, ty)), Some((_, oty))) if ty == oty)
            || (matches!((info, open), (Some((true, PER)), Some((_, PER)))) && !starts_with_proclitic(&tokens[i]));
        if continues {
            continue;
        }
        if let Some((a, ty)) = open.take() {
            out.extend(entity(text, tokens, a, i - 1, TYPES[ty], &m.memory));
        }
        if let Some((_, ty)) = info {
            open = Some((i, ty));
        }
    }
    (out, if record { tags } else { Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::features::{Word, F_LIST_ORG_B, F_LIST_ORG_I, F_LIST_PER_B, F_LIST_PER_I, F_TITLE};
    use super::model::tag_of;
    use super::*;

    fn words(flags: &[u32]) -> Vec<Word<'static>> {
        flags.iter().map(|&f| Word { flags: f, ..Word::pad().clone() }).collect()
    }

    /// «ريال | مدريد» split by the tagger into ORG + LOC becomes one ORG; a list name the
    /// tagger kept whole keeps its type (the region «الشرق الأوسط» is not the newspaper), and
    /// one it left partly outside names, or that a name runs across, is left alone, except an
    /// organisation or person whose first word alone is outside (`whole_list_names`).
    #[test]
    fn list_names_split_by_the_tagger_are_joined() {
        let (org_b, org_i, loc_b, loc_i, per_b) = (tag_of(true, 2), tag_of(false, 2), tag_of(true, 1), tag_of(false, 1), tag_of(true, PER));
        let ws = words(&[0, F_LIST_ORG_B, F_LIST_ORG_I, 0]);
        let run = |tags: &[usize]| {
            let mut t = tags.to_vec();
            whole_list_names(&ws, &mut t);
            t
        };
        assert_eq!(run(&[0, org_b, loc_b, 0]), [0, org_b, org_i, 0]);
        assert_eq!(run(&[0, per_b, per_b, 0]), [0, org_b, org_i, 0]);
        assert_eq!(run(&[0, loc_b, loc_i, 0]), [0, loc_b, loc_i, 0]);
        assert_eq!(run(&[0, org_b, 0, 0]), [0, org_b, 0, 0]);
        assert_eq!(run(&[0, org_b, loc_b, loc_i]), [0, org_b, loc_b, loc_i]);
        assert_eq!(run(&[loc_b, loc_i, per_b, 0]), [loc_b, loc_i, per_b, 0]);
        // the head left out, the last word another type: the organisation of the list
        assert_eq!(run(&[0, 0, loc_b, 0]), [0, org_b, org_i, 0]);
        assert_eq!(run(&[0, 0, per_b, 0]), [0, org_b, org_i, 0]);
        // the head left out of an ORG, the last word untagged, or a name running on: unchanged
        assert_eq!(run(&[0, 0, org_b, 0]), [0, 0, org_b, 0]);
        assert_eq!(run(&[0, loc_b, 0, 0]), [0, loc_b, 0, 0]);
        assert_eq!(run(&[0, 0, loc_b, loc_i]), [0, 0, loc_b, loc_i]);
        // a person of the list without its first word; not when that word is a title
        let per_i = tag_of(false, PER);
        let ws = words(&[0, F_LIST_PER_B, F_LIST_PER_I, F_LIST_PER_I, 0]);
        let mut t = vec![0, 0, per_b, per_i, 0];
        whole_list_names(&ws, &mut t);
        assert_eq!(t, [0, per_b, per_i, per_i, 0]);
        let ws = words(&[0, F_LIST_PER_B | F_TITLE, F_LIST_PER_I, 0]);
        let mut t = vec![0, 0, per_b, 0];
        whole_list_names(&ws, &mut t);
        assert_eq!(t, [0, 0, per_b, 0]);
    }

    fn name(start: u32, end: u32, kind: &str, source: &str) -> Entity {
        Entity { start, end, text: String::new(), kind: kind.into(), key: String::new(), source: source.into() }
    }

    /// An organisation quoted after its head retypes the tagger's name of the same bounds and
    /// fills in where the tagger found nothing; an unquoted head's name («حكومة إيهود أولمرت»)
    /// only fills in; without a model the places are the names.
    #[test]
    fn quoted_organisations_retype_and_others_fill_in() {
        let parts = |tagged: Vec<Entity>| Parts {
            tagged,
            places: vec![name(40, 45, "LOC", "gazetteer")],
            orgs: vec![name(10, 20, "ORG", "rule"), name(30, 35, "ORG", "rule"), name(50, 60, "ORG", "rule")],
            quoted_orgs: vec![name(10, 20, "ORG", "rule")],
            rules: Vec::new(),
        };
        let kinds = |es: Vec<Entity>| es.into_iter().map(|e| (e.start, e.kind)).collect::<Vec<_>>();
        let tagged = vec![name(10, 20, "PER", "model"), name(30, 35, "PER", "model")];
        assert_eq!(kinds(merge_parts(parts(tagged.clone()), true)), [(10, "ORG".into()), (30, "PER".into()), (50, "ORG".into())]);
        assert_eq!(kinds(merge_parts(parts(Vec::new()), false)), [(10, "ORG".into()), (30, "ORG".into()), (40, "LOC".into()), (50, "ORG".into())]);
    }

    /// A person's name of the tagger's on exactly a gazetteer place of two words or more is
    /// that place; a one-word place, other bounds or another type leave the tagger's name as
    /// it is.
    #[test]
    fn people_on_places_of_several_words_are_places() {
        let place = |start, end, key: &str| Entity { key: key.into(), ..name(start, end, "LOC", "gazetteer") };
        let places = vec![place(0, 10, "بيونغ يانغ"), place(20, 25, "عمان"), place(30, 40, "نيو يورك"), place(50, 60, "ابو ظبي")];
        let tagged = vec![name(0, 10, "PER", "model"), name(20, 25, "PER", "model"), name(30, 38, "PER", "model"), name(50, 60, "ORG", "model")];
        let parts = Parts { tagged, places, ..Parts::default() };
        let kinds: Vec<(u32, String)> = merge_parts(parts, true).into_iter().map(|e| (e.start, e.kind)).collect();
        assert_eq!(kinds, [(0, "LOC".into()), (20, "PER".into()), (30, "PER".into()), (50, "ORG".into())]);
    }

    /// A name of the tagger's inside an amount or a number the rules found is dropped; one that
    /// runs past it, or sits beside it, stays.
    #[test]
    fn numbers_are_not_names() {
        let rule = |start, end, kind: &str| name(start, end, kind, "rule");
        let tagged = vec![name(0, 9, "LOC", "model"), name(30, 40, "PER", "model"), name(50, 58, "ORG", "model"), name(70, 75, "MISC", "model")];
        let rules = vec![rule(0, 20, "MONEY"), rule(35, 45, "NUMBER"), rule(50, 55, "PERCENT"), rule(70, 75, "QUANTITY")];
        let parts = Parts { tagged, rules, ..Parts::default() };
        let got: Vec<(u32, String)> = merge_parts(parts, true).into_iter().map(|e| (e.start, e.kind)).collect();
        assert_eq!(got, [(0, "MONEY".into()), (30, "PER".into()), (50, "ORG".into()), (70, "MISC".into())]);
    }

    /// A name that keeps a proclitic no list knows loses it when another name of the text holds
    /// the rest; a word the lists know, a rest nobody names, or one under three letters stay.
    #[test]
    fn proclitics_the_text_shows_come_off() {
        let text = "زار بجازان ثم جازان والتقى لهادي ثم عبد ربه منصور هادي مع كريم و ريم ثم للهيئة ثم الهيئة مع بكر و كر بين الرياض وجدة ثم جدة ";
        let at = |w: &str| {
            let start = text.find(&format!(" {w} ")).expect("the name is in the text") as u32 + 1;
            let key = w.split(' ').map(crate::lexicon::key).collect::<Vec<_>>().join(" ");
            Entity { start, end: start + w.len() as u32, text: w.into(), kind: "PER".into(), key, source: "model".into() }
        };
        let mut names = ["بجازان", "جازان", "لهادي", "عبد ربه منصور هادي", "كريم", "ريم", "للهيئة", "الهيئة", "بكر", "كر", "وجدة", "جدة"].map(at).to_vec();
        clitics_the_text_shows(&mut names);
        let got: Vec<(&str, &str)> = names.iter().map(|e| (e.text.as_str(), e.key.as_str())).collect();
        let want = [
            ("جازان", "جازان"),
            ("جازان", "جازان"),
            ("هادي", "هادي"),
            ("عبد ربه منصور هادي", "عبد ربه منصور هادي"),
            ("كريم", "كريم"), // a word the segmenter keeps whole, not ك + «ريم»
            ("ريم", "ريم"),
            ("لهيئة", "الهييه"), // ل + «الهيئة», its alef dropped after ل
            ("الهيئة", "الهييه"),
            ("بكر", "بكر"), // «كر» is under three letters
            ("كر", "كر"),
            ("جدة", "جده"), // a city of the lists too (Oujda), but the segmenter reads و + «جدة»
            ("جدة", "جده"),
        ];
        assert_eq!(got, want);
        for e in &names {
            assert_eq!(&text[e.start as usize..e.end as usize], e.text, "the span is the text it says");
        }
        // «بجازان» alone in a text stays as it is: nothing names «جازان»
        let mut alone = vec![at("بجازان")];
        clitics_the_text_shows(&mut alone);
        assert_eq!(alone[0].text, "بجازان");
    }
}
