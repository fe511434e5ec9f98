//! Gazetteer matching over tokens, longest name first, behind clitic prefixes.

use crate::analysis::{Entity, Token};
use crate::lexicon;
use crate::text::clitics;
use crate::text::clitics::skeleton;
use crate::text::tokenize::Kind;

pub fn places(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let gaz = lexicon::places();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // Most words begin no name: their lexeme says so (`Facts::begins_place`).
        if t.kind != Kind::Arabic || !crate::doc::facts(t).begins_place {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, usize, String)> = None; // (words, letters skipped, first key)
        clitics::name_readings(&t.key, |first, skip| {
            let Some(names) = gaz.get(first) else { return };
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
