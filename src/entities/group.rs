//! Mention grouping: which entities in a text are the same name.
//!
//! Mentions group by their matching key with the article removed from each word, so clitic
//! forms and spelling variants (أ/ا, ة/ه, Persian letters) land together: «روسيا» and «وروسيا»
//! (whose span is already «روسيا»), «الكرملين» and «كرملين». A person's later short mention is
//! linked to the full name it shortens: «بوتين» after «فلاديمير بوتين», «كيم» after
//! «كيم جونغ أون».

use crate::analysis::{Entity, EntityGroup, Variant};
use std::collections::HashMap;

fn word_key(w: &str) -> &str {
    match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => w,
    }
}

fn group_key(e: &Entity) -> Vec<String> {
    e.key.split(' ').map(|w| word_key(w).to_string()).collect()
}

/// A mention's text as the name is written on its own. After «لل» the span begins at the
/// article's ل, its alef dropped in writing («للأمم المتحدة» → «لأمم المتحدة»), while the key
/// has the article whole («الامم المتحده», [`super::features::name_key_after_clitics`]): such a
/// mention is shown with the alef back («الأمم المتحدة»). Any other mention is its text.
fn as_written_alone(e: &Entity) -> String {
    let first_text = e.text.split(' ').next().unwrap_or("");
    let first_key = e.key.split(' ').next().unwrap_or("");
    match first_key.strip_prefix('ا') {
        Some(rest) if rest.starts_with('ل') && crate::lexicon::key(first_text) == rest => format!("ا{}", e.text),
        _ => e.text.clone(),
    }
}

/// Whether `short` occurs in `long` as a run of whole words.
fn is_part_of(short: &[String], long: &[String]) -> bool {
    short.len() < long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Groups `entities` (in text order) into distinct names, in order of first mention.
pub fn group(entities: &[Entity]) -> Vec<EntityGroup> {
    struct G {
        kind: String,
        words: Vec<String>,
        mentions: Vec<u32>,
    }
    let mut groups: Vec<G> = Vec::new();
    let mut by_key: HashMap<(String, Vec<String>), usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        let words = group_key(e);
        let id = by_key.get(&(e.kind.clone(), words.clone())).copied().or_else(|| {
            // A person's short mention: part of exactly one earlier, longer name (the most
            // mentioned one if several).
            if e.kind != "PER" {
                return None;
            }
            groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.kind == "PER" && is_part_of(&words, &g.words))
                .max_by_key(|(gi, g)| (g.mentions.len(), std::cmp::Reverse(*gi)))
                .map(|(gi, _)| gi)
        });
        match id {
            Some(gi) => {
                groups[gi].mentions.push(i as u32);
                by_key.entry((e.kind.clone(), words)).or_insert(gi);
            }
            None => {
                by_key.insert((e.kind.clone(), words.clone()), groups.len());
                groups.push(G { kind: e.kind.clone(), words, mentions: vec![i as u32] });
            }
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let mut counts: Vec<Variant> = Vec::new();
            for &m in &g.mentions {
                let t = &entities[m as usize].text;
                match counts.iter_mut().find(|v| &v.text == t) {
                    Some(v) => v.count += 1,
                    None => counts.push(Variant { text: t.clone(), count: 1 }),
                }
            }
            // The name to show: the longest form (a full name over its short mentions), then
            // the most frequent, then the first seen; each mention as the name is written alone.
            let mut shown: Vec<Variant> = Vec::new();
            for &m in &g.mentions {
                let t = as_written_alone(&entities[m as usize]);
                match shown.iter_mut().find(|v| v.text == t) {
                    Some(v) => v.count += 1,
                    None => shown.push(Variant { text: t, count: 1 }),
                }
            }
            let best = shown
                .into_iter()
                .enumerate()
                .max_by_key(|(i, v)| (v.text.split_whitespace().count(), v.count, std::cmp::Reverse(*i)))
                .map(|(_, v)| v.text)
                .unwrap_or_default();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
            EntityGroup { text: best, key: g.words.join(" "), kind: g.kind, count: g.mentions.len() as u32, variants: counts, mentions: g.mentions }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::key;

    fn ent(text: &str, kind: &str) -> Entity {
        let k = text.split_whitespace().map(key).collect::<Vec<_>>().join(" ");
        Entity { start: 0, end: 1, text: text.into(), kind: kind.into(), key: k, source: "model".into() }
    }

    #[test]
    fn variants_and_short_mentions() {
        let es = vec![
            ent("فلاديمير بوتين", "PER"),
            ent("روسيا", "LOC"),
            ent("بوتين", "PER"),
            ent("الكرملين", "ORG"),
            ent("کوریا الشمالیة", "LOC"),
            ent("كوريا الشمالية", "LOC"),
            ent("كرملين", "ORG"),
            ent("روسيا", "LOC"),
            ent("كيم جونغ أون", "PER"),
            ent("كيم", "PER"),
            ent("بوتين", "PER"),
        ];
        let g = group(&es);
        let find = |t: &str| g.iter().find(|g| g.text == t).unwrap_or_else(|| panic!("{t} in {g:?}"));
        assert_eq!(find("فلاديمير بوتين").mentions, vec![0, 2, 10]);
        assert_eq!(find("فلاديمير بوتين").count, 3);
        assert_eq!(find("روسيا").mentions, vec![1, 7]);
        assert_eq!(find("الكرملين").mentions, vec![3, 6]);
        assert_eq!(find("كيم جونغ أون").mentions, vec![8, 9]);
        let korea = g.iter().find(|g| g.mentions == vec![4, 5]).unwrap();
        assert_eq!(korea.variants.len(), 2);
        assert_eq!(g.len(), 5);
    }

    #[test]
    fn a_name_after_lam_is_shown_with_its_article() {
        // «للأمم المتحدة»: the span «لأمم المتحدة», keyed as «الأمم المتحدة» written alone
        let after_lam = |text: &str, key: &str| Entity { key: key.into(), ..ent(text, "ORG") };
        let g = group(&[after_lam("لأمم المتحدة", "الامم المتحده"), ent("منظمة الصحة", "ORG"), after_lam("لأمم المتحدة", "الامم المتحده"), ent("الأمم المتحدة", "ORG")]);
        assert_eq!(g[0].text, "الأمم المتحدة");
        assert_eq!(g[0].mentions, vec![0, 2, 3]);
        assert_eq!(g[0].variants[0].text, "لأمم المتحدة", "the variants stay the texts as found");
        // a name that begins with ل itself is shown as written
        let g = group(&[ent("لبنان", "LOC")]);
        assert_eq!(g[0].text, "لبنان");
        let g = group(&[after_lam("لجبيل", "الجبيل")]);
        assert_eq!(g[0].text, "الجبيل");
    }

    #[test]
    fn a_short_name_before_the_full_one_stays_apart_and_types_do_not_mix() {
        let es = vec![ent("بوتين", "PER"), ent("فلاديمير بوتين", "PER"), ent("بوتين", "LOC")];
        let g = group(&es);
        assert_eq!(g.len(), 3);
    }
}
