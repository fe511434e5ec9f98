//! Organisation names the tagger misses because their head noun announces them but the name
//! itself is new: a head noun of the ORG trigger list followed by
//! - a name-like word or two without the article, the head indefinite: «مجموعة فاغنر»; some
//!   heads stay outside the name, as ANERcorp tags them: «شركة غازبروم» → «غازبروم»;
//! - or, when the whole phrase stands in quotation marks, any run of words:
//!   «"مركز الدراسات الاستراتيجية والدولية"» (news quotes such names; unquoted, «مركز المدينة»
//!   is a place in a town, not an organisation);
//! - or, the head indefinite and outside the quotation marks, the quoted words: «خلية "بيوند
//!   باراليل"», «شركة "غوغل"». In ANERcorp's training part a name quoted right after an
//!   indefinite noun in ة is an organisation 48 times, a work or product 13, a place 8 and a
//!   person never; after a head of the ORG trigger list it is an organisation.
//!
//! These fill in where the tagger found nothing, and retype a name the tagger found with
//! exactly their bounds («بيوند باراليل», foreign-looking, was a person) (see [`super::find`]).

use super::features::{is_name_like, is_org_head, is_outside_head};
use crate::text::clitics::{strip_conj, strip_safe};
use crate::analysis::{Entity, Token};
use crate::lexicon;
use crate::text::clitics::skeleton;
use crate::text::tokenize::Kind;

/// Longest quoted phrase, in words, taken as one name.
const MAX_QUOTED: usize = 6;
/// Name-like words taken after an unquoted head.
const MAX_NAME_WORDS: usize = 2;

fn is_open_quote(t: &Token) -> bool {
    matches!(t.text.as_str(), "«" | "\"" | "“")
}

fn is_close_quote(t: &Token) -> bool {
    matches!(t.text.as_str(), "»" | "\"" | "”")
}

/// Whether the straight quote mark at `i`, which both opens and closes, opens here: it
/// touches the word after it and not the one before it («"مركز» opens, «فوتو"» closes), so
/// the words between two quoted names are not read as one.
fn opens(tokens: &[Token], i: usize) -> bool {
    let touches_next = tokens.get(i + 1).is_some_and(|n| n.start == tokens[i].end);
    let touches_previous = i > 0 && tokens[i - 1].end == tokens[i].start && tokens[i - 1].kind == Kind::Arabic;
    touches_next && !touches_previous
}

/// Whether token `i` follows token `i - 1` with only spaces between (same line).
fn joined(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0 && !text[tokens[i - 1].end as usize..tokens[i].start as usize].contains('\n')
}

/// The key of a token without و/ف and the prepositions before the article, and where that
/// reading starts in the text.
fn head_reading(t: &Token) -> (String, u32) {
    let (safe, skipped) = strip_safe(&t.key);
    let sk = skeleton(&t.text);
    let start = if skipped > 0 && skipped < sk.len() { t.start + sk[skipped].1 as u32 } else { t.start };
    (safe, start)
}

/// The Arabic words quoted from the quote mark `i` up to a closing one, at most
/// [`MAX_QUOTED`]: the end (exclusive) of the words.
fn quoted_words(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    if !is_open_quote(&tokens[i]) || (tokens[i].text == "\"" && !opens(tokens, i)) {
        return None;
    }
    let first = i + 1;
    let mut j = first;
    while j < tokens.len() && j - first < MAX_QUOTED && tokens[j].kind == Kind::Arabic && joined(text, tokens, j) {
        j += 1;
    }
    (j > first && tokens.get(j).is_some_and(is_close_quote)).then_some(j)
}

/// A quoted name starting at the quote mark `i` whose first word is a head noun: the end
/// (exclusive) of its words.
fn quoted(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let end = quoted_words(text, tokens, i)?;
    let head = is_org_head(&strip_safe(&tokens[i + 1].key).0);
    (head && end - (i + 1) >= 2).then_some(end)
}

/// After the indefinite head noun at `i`, a quoted name: the quoted words' first token and end.
fn head_then_quoted(text: &str, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    if !tokens.get(i + 1).is_some_and(is_open_quote) || !joined(text, tokens, i + 1) {
        return None;
    }
    quoted_words(text, tokens, i + 1).map(|end| (i + 2, end))
}

/// An Arabic token that is an organisation head without the article («مجموعة», «وشركة»;
/// not «المجموعة», «للشركة»).
fn is_indefinite_head(t: &Token) -> bool {
    // Runs on every token: a fact of its lexeme, worked out once per form (the kind first,
    // which spares the lexeme lookup for numbers and punctuation)
    t.kind == Kind::Arabic && crate::doc::facts(t).indefinite_org_head
}

/// The indefinite head at `i` unquoted, followed by name-like words: the first token of the
/// name (the head, or the word after it when the head stays outside) and its end (exclusive).
fn headed(text: &str, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let head = strip_conj(&tokens[i].key);
    let mut j = i + 1;
    while j < tokens.len() && j - i <= MAX_NAME_WORDS && tokens[j].kind == Kind::Arabic && joined(text, tokens, j) && is_bare_name(&tokens[j].key) {
        j += 1;
    }
    let first = if is_outside_head(head) { i + 1 } else { i };
    (j > i + 1).then_some((first, j))
}

/// A name-like word without the article, before or behind proclitics (a definite word after
/// the head is more often a common noun or a place: «مركز المدينة», «لجنة للثورة»).
fn is_bare_name(key: &str) -> bool {
    let safe = strip_safe(key).0;
    !safe.starts_with("ال") && !safe.starts_with("لل") && is_name_like(key)
}

fn entity(text: &str, tokens: &[Token], a: usize, b: usize) -> Entity {
    let (_, start) = head_reading(&tokens[a]);
    let end = tokens[b - 1].end;
    let key = std::iter::once(lexicon::key(&text[start as usize..tokens[a].end as usize]))
        .chain(tokens[a + 1..b].iter().map(|t| t.key.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    Entity { start, end, text: text[start as usize..end as usize].to_string(), kind: "ORG".into(), key, source: "rule".into() }
}

/// The organisation names found by the three patterns, in text order, and those of them
/// quoted right after their head (which may retype a name of the tagger's).
pub fn find(text: &str, tokens: &[Token]) -> (Vec<Entity>, Vec<Entity>) {
    let (mut out, mut quoted_after_head) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < tokens.len() {
        if let Some(end) = quoted(text, tokens, i) {
            out.push(entity(text, tokens, i + 1, end));
            i = end;
            continue;
        }
        if is_indefinite_head(&tokens[i]) {
            if let Some((first, end)) = head_then_quoted(text, tokens, i) {
                let e = entity(text, tokens, first, end);
                quoted_after_head.push(e.clone());
                out.push(e);
                i = end + 1;
                continue;
            }
            if let Some((first, end)) = headed(text, tokens, i) {
                out.push(entity(text, tokens, first, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    (out, quoted_after_head)
}

#[cfg(test)]
mod tests {
    fn orgs(text: &str) -> Vec<String> {
        let tokens = crate::pipeline::tokens(text, &Default::default());
        super::find(text, &tokens).0.into_iter().map(|e| e.text).collect()
    }

    #[test]
    fn head_noun_and_a_new_name() {
        assert_eq!(orgs("بتزويد مجموعة فاغنر الروسية المسلحة بقذائف"), ["مجموعة فاغنر"]);
        assert_eq!(orgs("وقالت ومجموعة فاغنر إن"), ["مجموعة فاغنر"]);
        assert_eq!(orgs("أعلنت شركة سياك أمس"), ["سياك"]);
        // a name as common in news as «كرة», which never takes the article
        assert_eq!(orgs("وأعلن تنظيم داعش مسؤوليته"), ["تنظيم داعش"]);
    }

    /// The quoted words after an indefinite head, whatever they look like; a definite head or
    /// one apart from the quote mark announces nothing.
    #[test]
    fn quoted_name_after_its_head() {
        assert_eq!(orgs("وذكرت خلية \"بيوند باراليل\" التي أنشأها"), ["بيوند باراليل"]);
        assert_eq!(orgs("ونقلت صحيفة «الحياة» عن مصادر"), ["الحياة"]);
        assert_eq!(super::find("وذكرت خلية \"بيوند باراليل\" التي", &crate::pipeline::tokens("وذكرت خلية \"بيوند باراليل\" التي", &Default::default())).1.len(), 1);
        assert!(orgs("ونقلت الصحيفة «الحياة» عن").is_empty());
        assert!(orgs("ونقلت صحيفة\n«الحياة» عن").is_empty());
    }

    #[test]
    fn quoted_phrase_with_a_head_noun() {
        assert_eq!(orgs("وفق \"مركز الدراسات الاستراتيجية والدولية\" ومقره"), ["مركز الدراسات الاستراتيجية والدولية"]);
        assert_eq!(orgs("وفق «مركز الدراسات الاستراتيجية» ومقره"), ["مركز الدراسات الاستراتيجية"]);
    }

    #[test]
    fn common_words_after_a_head_are_no_name() {
        assert!(orgs("زار مركز المدينة ومجموعة كبيرة من الناس").is_empty(), "{:?}", orgs("زار مركز المدينة ومجموعة كبيرة من الناس"));
        assert!(orgs("\"مركز المدينة مزدحم اليوم جدا كثيرا الآن\"").is_empty(), "too long for a quoted name");
        assert!(orgs("قال \"إنها حركة القطارات\"").is_empty(), "no head first");
        // the straight quote after «فوتو» closes a name: «مجموعة برامج» is no quoted name
        assert!(orgs("اصدار برنامج \"اي فوتو\" مجموعة برامج \"اي لايف\" في").is_empty());
    }

    #[test]
    fn common_words_and_adjectives_after_a_head_are_no_name() {
        // common words that are also words of Wikipedia titles, nisba adjectives, a word
        // that begins place names
        for text in ["عقد مجلس إدارة الشركة", "في مؤتمر صحفي أمس", "منظمة أممية جديدة", "اتحاد طوعي للدول", "مؤسسة خيرية كبرى", "مركز مالي مهم", "مركز مدينة صغيرة", "مركز مرموق عالميا"] {
            assert!(orgs(text).is_empty(), "{text}: {:?}", orgs(text));
        }
    }
}
