//! Entities: names of people, places, organisations and other names (PER, LOC, ORG, MISC).
//!
//! Two sources: a statistical tagger ([`model`], an averaged perceptron over hashed features,
//! trained on ANERcorp; see [`train`] and `kashif train-ner`) and the place gazetteer
//! ([`crate::lexicon::places`]). The tagger's entities come first; gazetteer places fill in
//! where the tagger found nothing, and so do organisation names announced by a head noun
//! ([`orgs`]). Spans never include attached proclitics (in «وروسيا» only
//! «روسيا»), and a multi-word name is one span.

mod features;
mod gazetteer;
mod orgs;
pub mod group;
pub mod rules;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use crate::analysis::{Entity, Token};
use crate::lexicon;
use crate::text::segment::skeleton;
use crate::text::tokenize::Kind;
use model::{tag_info, viterbi, Model, TYPES};
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
}

pub const DEFAULT_MERGE: Merge = Merge::ModelFirst;

/// The shipped model, parsed on first use.
pub fn shipped_model() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(include_bytes!("../../data/ner.model"))).as_ref()
}

/// Entities in the token list, in text order, not overlapping. Byte offsets.
pub fn find(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let names = match shipped_model() {
        Some(m) => find_with(text, tokens, m, DEFAULT_MERGE),
        None => gazetteer::places(text, tokens),
    };
    let names = add_where_free(names, orgs::find(text, tokens));
    add_where_free(names, rules::find(text, tokens))
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

pub fn find_with(text: &str, tokens: &[Token], m: &Model, merge: Merge) -> Vec<Entity> {
    if merge == Merge::Gazetteer {
        return gazetteer::places(text, tokens);
    }
    // the gazetteer runs once: its places are tagger features and merge candidates
    let places = gazetteer::places(text, tokens);
    let names = tagged_with(text, tokens, m, &places);
    match merge {
        Merge::ModelFirst => add_where_free(names, places),
        Merge::GazetteerFirst => add_where_free(places, names),
        _ => names,
    }
}

fn ends_sentence(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.text.as_str(), "." | "!" | "?" | "؟" | "…")
}

/// One tag per token (see [`model::tag_info`]).
pub fn tag(text: &str, tokens: &[Token], m: &Model) -> Vec<usize> {
    tag_with(text, tokens, m, &gazetteer::places(text, tokens))
}

/// [`tag`] with the gazetteer's places already found.
fn tag_with(text: &str, tokens: &[Token], m: &Model, places: &[Entity]) -> Vec<usize> {
    let ws = features::words(tokens, &m.memory, places);
    let trans = m.trans_f32();
    let mask = m.mask();
    let mut out = Vec::with_capacity(tokens.len());
    let mut feats = Vec::with_capacity(96);
    let mut own_scores: std::collections::HashMap<_, _, features::Fast> = Default::default();
    let mut start = 0;
    for i in 0..tokens.len() {
        let newline = tokens.get(i + 1).is_some_and(|n| text[tokens[i].end as usize..n.start as usize].contains('\n'));
        if i + 1 == tokens.len() || ends_sentence(&tokens[i]) || newline {
            let sent = &ws[start..=i];
            let emit: Vec<_> = (0..sent.len())
                .map(|k| {
                    // the word's own features are scored once per distinct word
                    let own = *own_scores.entry(sent[k].own_key()).or_insert_with(|| {
                        feats.clear();
                        features::extract_part(sent, k, mask, features::Part::Own, &mut feats);
                        m.emit(&feats)
                    });
                    feats.clear();
                    features::extract_part(sent, k, mask, features::Part::Context, &mut feats);
                    let mut e = m.emit(&feats);
                    for (a, b) in e.iter_mut().zip(own) {
                        *a += b;
                    }
                    e
                })
                .collect();
            out.extend(viterbi(&emit, &trans));
            start = i + 1;
        }
    }
    out
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
    if t.kind == Kind::Arabic {
        let skip = features::name_clitic_letters(&t.key, mem);
        let sk = skeleton(&t.text);
        if skip > 0 && skip + 2 <= sk.len() {
            start += sk[skip].1;
        }
    }
    let end = tokens[b].end as usize;
    let key = std::iter::once(lexicon::key(&text[start..t.end as usize]))
        .chain(tokens[a + 1..=b].iter().map(|t| t.key.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Entity { start: start as u32, end: end as u32, text: text[start..end].to_string(), kind: kind.into(), key, source: "model".into() })
}

/// The tagger's entities.
pub fn tagged(text: &str, tokens: &[Token], m: &Model) -> Vec<Entity> {
    tagged_with(text, tokens, m, &gazetteer::places(text, tokens))
}

/// [`tagged`] with the gazetteer's places already found.
fn tagged_with(text: &str, tokens: &[Token], m: &Model, places: &[Entity]) -> Vec<Entity> {
    let tags = tag_with(text, tokens, m, places);
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (first token, type)
    for i in 0..=tags.len() {
        let info = tags.get(i).and_then(|&t| tag_info(t));
        let continues = matches!((info, open), (Some((false, ty)), Some((_, oty))) if ty == oty);
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
    out
}
