//! CoNLL files for the tagger: one `token TAG` a line, a blank line after each sentence (BIO
//! tags, PERS/LOC/ORG/MISC), like ANERcorp. Each sentence is joined with single spaces, run
//! through the same pipeline as at analysis time, and the gold labels are projected onto the
//! pipeline's tokens.

use kashif::entities::tagger::{tag_of, Nl, TYPES};
use kashif::text::normalize::NormOptions;
use kashif::{pipeline, Kind, Token};

/// One `token TAG` sentence.
pub type Conll = Vec<(String, String)>;

/// The sentences of a CoNLL file, gzipped when its name ends in `.gz`.
pub fn read_conll(path: &str) -> std::io::Result<Vec<Conll>> {
    let src = if path.ends_with(".gz") {
        use std::io::Read;
        let mut s = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_string(&mut s)?;
        s
    } else {
        std::fs::read_to_string(path)?
    };
    Ok(parse_conll(&src))
}

pub fn parse_conll(src: &str) -> Vec<Conll> {
    let mut out = Vec::new();
    let mut cur: Conll = Vec::new();
    for line in src.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line.rsplit_once(' ').unwrap_or((line, "O"));
        cur.push((tok.to_string(), tag.to_string()));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The dev split used in the reports: the last 10% of the sentences (the file's tail, i.e.
/// whole later articles). Returns (train, dev).
pub fn split_dev(sents: &[Conll]) -> (&[Conll], &[Conll]) {
    let n_dev = sents.len() / 10;
    sents.split_at(sents.len() - n_dev)
}

pub fn write_conll(sents: &[Conll]) -> String {
    let mut s = String::new();
    for sent in sents {
        for (t, g) in sent {
            s.push_str(t);
            s.push(' ');
            s.push_str(g);
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

/// The index in [`TYPES`] of a CoNLL or analyzer type name (PERS and PERSON are PER).
pub fn type_index(t: &str) -> Option<usize> {
    let t = if t.eq_ignore_ascii_case("PERS") || t.eq_ignore_ascii_case("PERSON") { "PER" } else { t };
    TYPES.iter().position(|&x| x.eq_ignore_ascii_case(t))
}

/// Gold entities of a sentence as (first token, last token, type), conlleval style.
pub fn gold_entities(sent: &Conll) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, (_, tag)) in sent.iter().chain(std::iter::once(&(String::new(), "O".to_string()))).enumerate() {
        let (bio, ty) = match tag.split_once('-') {
            Some((b, t)) => (b, type_index(t)),
            None => ("O", None),
        };
        let continues = bio == "I" && open.is_some_and(|(_, t)| Some(t) == ty);
        if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i - 1, t));
            }
            if let Some(t) = ty {
                open = Some((i, t));
            }
        }
    }
    out
}

/// A sentence ready for training or evaluation.
#[derive(Clone)]
pub struct Sentence {
    pub text: String,
    pub tokens: Vec<Token>,
    /// Byte span of each CoNLL token in `text`.
    pub spans: Vec<(usize, usize)>,
    pub gold: Vec<(usize, usize, usize)>,
    /// Gold tag of each pipeline token.
    pub tags: Vec<usize>,
    /// Which corpus it comes from: [`NEWS`] (ANERcorp) or [`WIKI`] (WikiFANE).
    pub domain: u8,
    /// The non-local facts of each pipeline token for training's second pass (see
    /// [`crate::train::nonlocal_facts`]); empty for none.
    pub nl: Vec<Nl>,
}

/// How many consecutive sentences training and evaluation read as one document of ANERcorp
/// (which has no document marks; its articles run about a dozen sentences) and of WikiFANE
/// (one block of its dev split, [`crate::wikifane::BLOCK`]).
pub const DOC_NEWS: usize = 15;
pub const DOC_WIKI: usize = crate::wikifane::BLOCK;

/// The documents of `sents` as index ranges: runs of one corpus cut every [`DOC_NEWS`] or
/// [`DOC_WIKI`] sentences.
pub fn documents(sents: &[Sentence]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        let k = if s.domain == WIKI { DOC_WIKI } else { DOC_NEWS };
        match out.last_mut() {
            Some(r) if r.len() < k && sents[r.start].domain == s.domain => r.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// The corpus of a [`Sentence`]: ANERcorp's news, and the domain the shipped model tags as.
pub const NEWS: u8 = 0;
/// WikiFANE's Wikipedia articles.
pub const WIKI: u8 = 1;

/// Sentences of corpus `domain` ([`NEWS`] or [`WIKI`]), prepared.
pub fn prepare_all(sents: &[Conll], domain: u8) -> Vec<Sentence> {
    sents.iter().map(|c| Sentence { domain, ..prepare(c) }).collect()
}

/// A sentence of ANERcorp ([`NEWS`]) ready for training or evaluation.
pub fn prepare(sent: &Conll) -> Sentence {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(sent.len());
    for (i, (t, _)) in sent.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        spans.push((text.len(), text.len() + t.len()));
        text.push_str(t);
    }
    let tokens = pipeline::tokens(&text, &NormOptions::display());
    let gold = gold_entities(sent);
    let owner: Vec<usize> = tokens
        .iter()
        .map(|t| spans.iter().position(|&(a, b)| a <= t.start as usize && (t.start as usize) < b).unwrap_or(0))
        .collect();
    let mut tags = vec![0; tokens.len()];
    for &(a, b, ty) in &gold {
        let inside: Vec<usize> = (0..tokens.len()).filter(|&j| owner[j] >= a && owner[j] <= b).collect();
        let core = |j: &&usize| !matches!(tokens[**j].kind, Kind::Punct | Kind::Symbol);
        let first = inside.iter().position(|j| core(&j));
        let last = inside.iter().rposition(|j| core(&j));
        if let (Some(f), Some(l)) = (first, last) {
            for (k, &j) in inside[f..=l].iter().enumerate() {
                tags[j] = tag_of(k == 0, ty);
            }
        }
    }
    Sentence { text, tokens, spans, gold, tags, domain: NEWS, nl: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences split at blank lines (CRLF too), a line without a tag is O, and an I- tag of
    /// another type than the open entity starts a new one (conlleval).
    #[test]
    fn reads_sentences_and_gold_entities() {
        let src = "قال O\r\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\nكلمة\n\n\nالاتحاد B-ORG\nالأوروبي I-LOC\n";
        let sents = parse_conll(src);
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0][5], ("كلمة".to_string(), "O".to_string()));
        assert_eq!(gold_entities(&sents[0]), [(1, 2, 0), (4, 4, 1)]);
        assert_eq!(gold_entities(&sents[1]), [(0, 0, 2), (1, 1, 1)]);
        assert_eq!(parse_conll(&write_conll(&sents)), sents);
    }

    /// Gold labels land on the analyzer's tokens: a name's tokens get B then I of its type,
    /// and punctuation at a name's edge stays outside.
    #[test]
    fn labels_are_projected_onto_tokens() {
        let sent = parse_conll("زار O\nسيرغي B-PERS\nلافروف، I-PERS\nموسكو B-LOC\n");
        let s = prepare(&sent[0]);
        let tagged: Vec<(&str, usize)> = s
            .tokens
            .iter()
            .zip(&s.tags)
            .filter(|(t, _)| t.kind != Kind::Whitespace)
            .map(|(t, &tag)| (&s.text[t.start as usize..t.end as usize], tag))
            .collect();
        assert_eq!(tagged, [("زار", 0), ("سيرغي", tag_of(true, 0)), ("لافروف", tag_of(false, 0)), ("،", 0), ("موسكو", tag_of(true, 1))]);
    }

    /// The dev split is the last tenth of the sentences.
    #[test]
    fn dev_split_is_the_tail() {
        let sents: Vec<Conll> = (0..25).map(|i| vec![(i.to_string(), "O".to_string())]).collect();
        let (train, dev) = split_dev(&sents);
        assert_eq!((train.len(), dev.len()), (23, 2));
        assert_eq!(dev[0][0].0, "23");
    }
}
