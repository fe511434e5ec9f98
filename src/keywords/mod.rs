//! Keywords: what the text is about, counted over clitic-free stems.
//!
//! Occurrences group by the token's `stem` (clitics and article removed, every normalization
//! rule applied), stopwords are dropped by their matching keys — of the whole token and of its
//! base segment, so وفي and بأن are stopwords too — and groups are ranked by count.

use crate::analysis::{Keyword, Options, Role, Span, Token, Variant};
use crate::lexicon;
use crate::text::normalize::{normalize, NormOptions};
use crate::text::tokenize::Kind;
use std::collections::{HashMap, HashSet};

struct Group {
    count: u32,
    variants: HashMap<String, u32>,
    occurrences: Vec<Span>,
    first: usize,
}

/// The stopword keys in force for `options`.
pub fn stopword_keys(options: &Options) -> HashSet<String> {
    let mut s = lexicon::stopwords().clone();
    for w in &options.stopwords_remove {
        s.remove(&lexicon::key(w));
    }
    for w in &options.stopwords_add {
        s.insert(lexicon::key(w));
    }
    s
}

/// Ranked keywords of the token list. Byte offsets.
pub fn extract(tokens: &[Token], options: &Options) -> Vec<Keyword> {
    let stop = stopword_keys(options);
    let display = NormOptions::display();
    let words = tokens.iter().filter(|t| t.kind.is_word()).count().max(1);
    let mut groups: HashMap<&str, Group> = HashMap::new();
    for (i, t) in tokens.iter().enumerate() {
        if !matches!(t.kind, Kind::Arabic | Kind::Latin | Kind::Mixed) {
            continue;
        }
        let Some(base) = t.segments.iter().find(|s| s.role == Role::Base) else { continue };
        if stop.contains(&t.key) || stop.contains(&base.key) || stop.contains(&t.stem) || t.stem.chars().count() < 2 {
            continue;
        }
        let g = groups.entry(&t.stem).or_insert_with(|| Group { count: 0, variants: HashMap::new(), occurrences: Vec::new(), first: i });
        g.count += 1;
        *g.variants.entry(normalize(&base.text, &display)).or_insert(0) += 1;
        g.occurrences.push(Span { start: base.start, end: base.end });
    }
    let mut out: Vec<(usize, Keyword)> = groups
        .into_iter()
        .filter(|(_, g)| g.count as usize >= options.min_count.max(1))
        .map(|(key, g)| {
            let mut variants: Vec<Variant> = g.variants.into_iter().map(|(text, count)| Variant { text, count }).collect();
            variants.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
            let kw = Keyword {
                text: variants[0].text.clone(),
                key: key.to_string(),
                kind: "word".into(),
                count: g.count,
                share: g.count as f64 / words as f64,
                score: g.count as f64,
                variants,
                occurrences: g.occurrences,
            };
            (g.first, kw)
        })
        .collect();
    // Highest score first; ties in order of first appearance, so the result is deterministic.
    out.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
    let n = if options.top_n == 0 { out.len() } else { options.top_n.min(out.len()) };
    out.into_iter().take(n).map(|(_, k)| k).collect()
}
