//! Sentence boundaries over the token list.
//!
//! A sentence ends after . ! ? ؟ … ۔ (and runs of them), together with the closing quotes and
//! brackets that follow at once, and at a line break. Numbers (2.5) and URLs are single tokens,
//! so their dots never end a sentence; a dot after a one-letter word or a known abbreviation
//! (د. for doctor, Dr., e.g.) does not either.
//!
//! The entity tagger was trained with a simpler notion, kept here beside the general one so
//! that every split of a text comes from this module ([`Sentences`], built in one call by
//! [`Sentences::of`]): the tagger's sentences end after a single stop mark ([`is_tagger_stop`])
//! and at line breaks, and its sports-words feature reaches across line breaks up to a stop.
//! Changing either would change the tagger's features, and so need a retrained model.

use super::tokenize::Kind;

/// What the splitter needs to know about a token.
pub struct TokenView<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Whether the whitespace before the next token holds a line break.
    pub newline_after: bool,
}

const ABBREVIATIONS: &[&str] = &["د", "م", "ص", "ق", "ه", "أ", "dr", "mr", "mrs", "ms", "prof", "st", "etc", "e.g", "i.e", "vs", "no", "jr", "sr"];

/// Half-open ranges of token indices.
pub type Range = (u32, u32);

/// Every split of one text, as token ranges, in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentences {
    /// The sentences ([`split`]): what the result reports and keywords read.
    pub general: Vec<Range>,
    /// The tagger's sentences ([`tagger_split`]): each is decoded on its own.
    pub tagger: Vec<Range>,
    /// The reach of the tagger's sports-words feature ([`tagger_runs`]).
    pub tagger_runs: Vec<Range>,
}

impl Sentences {
    pub fn of(tokens: &[TokenView]) -> Sentences {
        Sentences { general: split(tokens), tagger: tagger_split(tokens), tagger_runs: tagger_runs(tokens) }
    }
}

/// Does this token end a sentence for the tagger: a single . ! ? ؟ … (no run of them, no ۔)?
/// Also where a text analyzed in pieces may be cut (`crate::stream`).
pub fn is_tagger_stop(kind: Kind, text: &str) -> bool {
    kind == Kind::Punct && matches!(text, "." | "!" | "?" | "؟" | "…")
}

/// The tagger's sentences: ending after each [`is_tagger_stop`] token and at each line break.
pub fn tagger_split(tokens: &[TokenView]) -> Vec<Range> {
    ending_after(tokens.len(), |i| tokens[i].newline_after || is_tagger_stop(tokens[i].kind, tokens[i].text))
}

/// Runs of the tagger's sentences up to a stop: ending after each [`is_tagger_stop`] token
/// only, line breaks inside.
pub fn tagger_runs(tokens: &[TokenView]) -> Vec<Range> {
    ending_after(tokens.len(), |i| is_tagger_stop(tokens[i].kind, tokens[i].text))
}

/// The ranges of `0..n` that end after each token `i` where `ends(i)`, and at `n`.
fn ending_after(n: usize, ends: impl Fn(usize) -> bool) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..n {
        if i + 1 == n || ends(i) {
            out.push((start as u32, i as u32 + 1));
            start = i + 1;
        }
    }
    out
}

/// Sentences as half-open ranges of token indices.
pub fn split(tokens: &[TokenView]) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut end_here = t.newline_after;
        if t.kind == Kind::Punct && is_terminal(t.text) && !(t.text == "." && after_abbreviation(tokens, i)) {
            // Closing quotes and brackets right after the stop belong to this sentence.
            while i + 1 < tokens.len()
                && !tokens[i].newline_after
                && tokens[i + 1].kind == Kind::Punct
                && is_closer(tokens[i + 1].text)
            {
                i += 1;
            }
            end_here = true;
        }
        if end_here {
            out.push((start as u32, i as u32 + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push((start as u32, tokens.len() as u32));
    }
    out
}

fn is_terminal(p: &str) -> bool {
    p.chars().all(|c| matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔'))
}

fn is_closer(p: &str) -> bool {
    p.chars().all(|c| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›'))
}

fn after_abbreviation(tokens: &[TokenView], i: usize) -> bool {
    if i == 0 || tokens[i - 1].newline_after {
        return false;
    }
    let prev = tokens[i - 1].text.to_lowercase();
    ABBREVIATIONS.contains(&prev.as_str()) || (tokens[i - 1].kind == Kind::Latin && prev.chars().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let mut pos = 0;
        let mut spans = Vec::new();
        let raw: Vec<_> = tokenize(s).collect();
        for (n, t) in raw.iter().enumerate() {
            if t.kind != Kind::Whitespace {
                let nl = raw.get(n + 1).is_some_and(|w| w.kind == Kind::Whitespace && s[pos + t.len..pos + t.len + w.len].contains('\n'));
                spans.push((t.kind, pos, pos + t.len, nl));
            }
            pos += t.len;
        }
        let views: Vec<_> = spans.iter().map(|&(k, a, b, nl)| TokenView { kind: k, text: &s[a..b], newline_after: nl }).collect();
        split(&views).into_iter().map(|(a, b)| s[spans[a as usize].1..spans[b as usize - 1].2].to_string()).collect()
    }

    #[test]
    fn stops_quotes_numbers_lines() {
        assert_eq!(sents("قال إن 2.5 مليون. ثم ذهب"), vec!["قال إن 2.5 مليون.", "ثم ذهب"]);
        assert_eq!(sents("قال \"نعم.\" ثم ذهب؟ نعم"), vec!["قال \"نعم.\"", "ثم ذهب؟", "نعم"]);
        assert_eq!(sents("عنوان\nنص أول"), vec!["عنوان", "نص أول"]);
        assert_eq!(sents("زار د. أحمد المكان… وعاد!"), vec!["زار د. أحمد المكان…", "وعاد!"]);
        assert_eq!(sents("see https://a.org/x.y now."), vec!["see https://a.org/x.y now."]);
        assert_eq!(sents("وروسيا.. ما السر؟"), vec!["وروسيا..", "ما السر؟"]);
    }

    fn view(kind: Kind, text: &str, newline_after: bool) -> TokenView<'_> {
        TokenView { kind, text, newline_after }
    }

    #[test]
    fn the_taggers_splits() {
        let w = |t| view(Kind::Arabic, t, false);
        let p = |t| view(Kind::Punct, t, false);
        // «أ ب .. ج\n دخل . ه»: a run of dots and ۔ are no tagger stop; a line break is, for
        // the sentences but not for the runs
        let toks = [w("أ"), w("ب"), p(".."), view(Kind::Arabic, "ج", true), w("دخل"), p("."), w("ه")];
        let s = Sentences::of(&toks);
        assert_eq!(s.tagger, vec![(0, 4), (4, 6), (6, 7)]);
        assert_eq!(s.tagger_runs, vec![(0, 6), (6, 7)]);
        assert_eq!(s.general, vec![(0, 3), (3, 4), (4, 6), (6, 7)]);
        assert_eq!(Sentences::of(&[]), Sentences::default());
    }
}
