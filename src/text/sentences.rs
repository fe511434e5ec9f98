//! Sentence boundaries over the token list.
//!
//! A sentence ends after . ! ? ؟ … ۔ (and runs of them), together with the closing quotes and
//! brackets that follow at once, and at a line break. Numbers (2.5) and URLs are single tokens,
//! so their dots never end a sentence; a dot after a one-letter word or a known abbreviation
//! (د. for doctor, Dr., e.g.) does not either.

use super::tokenize::Kind;

/// What the splitter needs to know about a token.
pub struct TokenView<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Whether the whitespace before the next token holds a line break.
    pub newline_after: bool,
}

const ABBREVIATIONS: &[&str] = &["د", "م", "ص", "ق", "ه", "أ", "dr", "mr", "mrs", "ms", "prof", "st", "etc", "e.g", "i.e", "vs", "no", "jr", "sr"];

/// Sentences as half-open ranges of token indices.
pub fn split(tokens: &[TokenView]) -> Vec<(usize, usize)> {
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
            out.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
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
        split(&views).into_iter().map(|(a, b)| s[spans[a].1..spans[b - 1].2].to_string()).collect()
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
}
