//! Gazetteer matching over tokens, longest name first, behind clitic prefixes.

use crate::analysis::{Entity, Token};
use crate::lexicon;
use crate::text::clitics;
use crate::text::clitics::skeleton;
use crate::text::tokenize::Kind;

/// Ways to read the first token as a name's first word: `f(key, letters to skip in the
/// token)` for each: the key, then each reading without its proclitics
/// ([`clitics::proclitic_readings`]) of two letters or more, and after a dropped ل a reading
/// that begins with ل also with the article's alef back (ل + «الولايات» is written «للولايات»).
/// Allocates only for that last reading.
pub(super) fn readings(key: &str, mut f: impl FnMut(&str, usize)) {
    f(key, 0);
    for (rest, n) in clitics::proclitic_readings(key) {
        if rest.chars().count() >= 2 {
            f(rest, n);
            if key[..key.len() - rest.len()].ends_with('ل') && rest.starts_with('ل') {
                f(&clitics::restore_article(true, rest.to_string()), n);
            }
        }
    }
}

pub fn places(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let gaz = lexicon::places();
    let mut out = Vec::new();
    // Per distinct form (`Token::form`): whether no reading of its key begins a name, learnt
    // the first time (most words begin none, and their readings need not be tried again).
    let mut begins_none: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let form = t.form as usize;
        if t.kind != Kind::Arabic || (t.form != crate::analysis::NO_FORM && begins_none.get(form) == Some(&true)) {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, usize, String)> = None; // (words, letters skipped, first key)
        let mut begins = false;
        readings(&t.key, |first, skip| {
            let Some(names) = gaz.get(first) else { return };
            begins = true;
            for name in names.iter() {
                let n = name.len();
                if i + n > tokens.len() || best.as_ref().is_some_and(|b| b.0 >= n) {
                    continue;
                }
                let same_line = |j: usize| !text[tokens[i + j - 1].end as usize..tokens[i + j].start as usize].contains('\n');
                if (1..n).all(|j| tokens[i + j].kind == Kind::Arabic && tokens[i + j].key == name[j] && same_line(j)) {
                    best = Some((n, skip, first.to_string()));
                }
            }
        });
        if !begins && t.form != crate::analysis::NO_FORM {
            if begins_none.len() <= form {
                begins_none.resize((form + 1).max(begins_none.len() * 2), false);
            }
            begins_none[form] = true;
        }
        match best {
            Some((n, skip, first)) => {
                let sk = skeleton(&t.text);
                let off = if skip == 0 { 0 } else { sk.get(skip).map_or(0, |&(_, b)| b) };
                let start = t.start as usize + off;
                let last = &tokens[i + n - 1];
                let key = std::iter::once(first)
                    .chain((1..n).map(|j| tokens[i + j].key.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push(Entity {
                    start: start as u32,
                    end: last.end,
                    text: text[start..last.end as usize].to_string(),
                    kind: "LOC".into(),
                    key,
                    source: "gazetteer".into(),
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}
