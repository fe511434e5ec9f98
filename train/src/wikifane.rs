//! WikiFANE Gold (Alotaibi & Lee, COLING 2014; CC BY-SA 3.0) in ANERcorp's conventions, so
//! that it can train and measure the tagger beside ANERcorp.
//!
//! WikiFANE differs from ANERcorp in three ways, each converted here:
//!
//! - **Classes.** 50 fine-grained classes become PERS, LOC, ORG, MISC or O ([`map_class`]):
//!   the choice follows what ANERcorp does with the same kind of name (peoples and tribes such
//!   as «العرب», «الفلسطينيين» are O there; so are the sun and the planets).
//! - **Clitics.** WikiFANE writes و ف ب ل ك and pronoun suffixes as tokens of their own
//!   («و روسيا», «عاصمة ها»); Arabic text, and ANERcorp, write them onto their word
//!   («وروسيا B-LOC», «عاصمتها»). [`join_clitics`] re-joins them with the spelling rules that
//!   apply (ل + ال → لل, ة → ت and ى → ي before a suffix), and the joined token keeps the tag of
//!   its word: a name keeps its clitic, as in ANERcorp.
//! - **Head nouns.** WikiFANE's names include their head noun («نادي الهلال», «شركة أرامكو»);
//!   ANERcorp mostly leaves it out. [`Heads`] learns from ANERcorp's training part which first
//!   words it leaves outside a name more often than inside one, and [`strip_heads`] moves those
//!   out of WikiFANE's names.
//!
//! The corpus has no document marks, so its dev split ([`split_wiki`]) is made of whole blocks of
//! consecutive sentences: a Wikipedia article's sentences mostly stay on one side.

use crate::conll::Conll;
use std::collections::HashMap;

/// ANERcorp's type (PERS, LOC, ORG, MISC) of a WikiFANE class, or `None` for O.
///
/// People are PERS. Places, including facilities (buildings, streets, airports: ANERcorp tags
/// «مطار» and «شارع» names as LOC), are LOC; celestial bodies are O, as in ANERcorp. Groups
/// (peoples, tribes, religious communities) are O, as in ANERcorp. Organisations are ORG.
/// Products, works, vehicles, weapons, food and drugs are MISC.
pub fn map_class(class: &str) -> Option<&'static str> {
    Some(match class {
        "Politician" | "Artist" | "Athlete" | "Scientist" | "Businessperson" | "Religious_PER" | "Other_PER" | "Engineer" | "Lawyer" | "Police" => "PERS",
        "Nation" | "Population-Center" | "State-or-Province" | "County-or-District" | "Continent" | "GPE-Cluster" | "Water-Body" | "Land-Region-Natural" => "LOC",
        "Building-Grounds" | "Path" | "Airport" | "Subarea-Facility" | "Plant" => "LOC",
        "Government" | "Commercial" | "Educational" | "Media" | "Sports" | "Non-Governmental" | "Religious_ORG" | "Medical-Science" | "Entertainment" => "ORG",
        "Book" | "Movie" | "Sound" | "Software" | "Hardware" | "Food" | "Drug" | "Air" | "Land" | "Water" => "MISC",
        "Blunt" | "Shooting" | "Nuclear" | "Exploding" | "Sharp" | "Projectile" | "Chemical" => "MISC",
        _ => return None, // Group, Celestial, and anything unknown
    })
}

/// A tag with its class mapped ([`map_class`]): `B-Nation` → `B-LOC`, `B-Group` → `O`.
fn map_tag(tag: &str) -> String {
    match tag.split_once('-') {
        Some((bio, class)) => match map_class(class) {
            Some(t) => format!("{bio}-{t}"),
            None => "O".into(),
        },
        None => "O".into(),
    }
}

/// Proclitics written as tokens of their own.
const PREFIXES: [&str; 5] = ["و", "ف", "ب", "ل", "ك"];
/// Pronoun suffixes written as tokens of their own.
const SUFFIXES: [&str; 10] = ["ه", "ها", "هم", "هما", "هن", "ي", "نا", "كم", "كما", "كن"];

/// `word` + pronoun suffix `suf`, spelled as Arabic writes it: ة → ت and a final ى → ي
/// («عاصمة» + «ها» → «عاصمتها», «على» + «ه» → «عليه»).
fn with_suffix(word: &str, suf: &str) -> String {
    let stem = match word.chars().last() {
        Some('ة') => format!("{}ت", &word[..word.len() - 'ة'.len_utf8()]),
        Some('ى') => format!("{}ي", &word[..word.len() - 'ى'.len_utf8()]),
        _ => word.to_string(),
    };
    stem + suf
}

/// Proclitics `pre` (in order) + `word`: ل before the article drops the article's alif
/// («ل» + «الحكومة» → «للحكومة»).
fn with_prefixes(pre: &str, word: &str) -> String {
    if pre.ends_with('ل') && word.starts_with("ال") {
        return format!("{pre}{}", &word["ا".len()..]);
    }
    format!("{pre}{word}")
}

fn is_word(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// The sentence with its clitic tokens joined back onto their words. The joined token keeps
/// its word's tag, except that a proclitic tagged B- before an I- word of the same type gives
/// the joined token its B-.
pub fn join_clitics(sent: &Conll) -> Conll {
    let mut out: Conll = Vec::with_capacity(sent.len());
    let mut i = 0;
    while i < sent.len() {
        // a run of proclitics before a word
        let mut j = i;
        while j + 1 < sent.len() && PREFIXES.contains(&sent[j].0.as_str()) {
            j += 1;
        }
        let (word, tag) = &sent[j];
        let (tok, mut tag) = if j > i && is_word(word) {
            let pre: String = sent[i..j].iter().map(|(t, _)| t.as_str()).collect();
            let first = &sent[i].1;
            let begins = first.starts_with("B-") && tag.starts_with("I-") && first[2..] == tag[2..];
            (with_prefixes(&pre, word), if begins { first.clone() } else { tag.clone() })
        } else {
            j = i;
            (sent[i].0.clone(), sent[i].1.clone())
        };
        let mut tok = tok;
        // pronoun suffixes after it
        while j + 1 < sent.len() && SUFFIXES.contains(&sent[j + 1].0.as_str()) && is_word(&tok) {
            tok = with_suffix(&tok, &sent[j + 1].0);
            j += 1;
        }
        if tag.is_empty() {
            tag = "O".into();
        }
        out.push((tok, tag));
        i = j + 1;
    }
    out
}

/// First words that ANERcorp leaves outside names: word → (times tagged O right before a
/// name, times tagged as a name's first word), counted on ANERcorp's training part.
pub struct Heads(HashMap<String, (u32, u32)>);

impl Heads {
    pub fn learn(anercorp: &[Conll]) -> Heads {
        let mut m: HashMap<String, (u32, u32)> = HashMap::new();
        for s in anercorp {
            for (k, (w, tag)) in s.iter().enumerate() {
                if tag.starts_with("B-") {
                    m.entry(w.clone()).or_default().1 += 1;
                } else if tag == "O" && s.get(k + 1).is_some_and(|(_, t)| t.starts_with("B-")) {
                    m.entry(w.clone()).or_default().0 += 1;
                }
            }
        }
        Heads(m)
    }

    /// Whether ANERcorp leaves `word` outside the name it starts: seen outside at least twice,
    /// and more often outside than inside.
    pub fn outside(&self, word: &str) -> bool {
        self.0.get(word).is_some_and(|&(out, inside)| out >= 2 && out > inside)
    }
}

/// The sentence with the head nouns that ANERcorp leaves outside ([`Heads::outside`]) moved out
/// of multi-word names: «شركة B-ORG أرامكو I-ORG» → «شركة O أرامكو B-ORG».
pub fn strip_heads(sent: &Conll, heads: &Heads) -> Conll {
    let mut out = sent.clone();
    for k in 0..out.len() {
        let multi = out.get(k + 1).is_some_and(|(_, t)| t.starts_with("I-"));
        if out[k].1.starts_with("B-") && multi && heads.outside(&out[k].0) {
            let ty = out[k].1[2..].to_string();
            out[k].1 = "O".into();
            out[k + 1].1 = format!("B-{ty}");
        }
    }
    out
}

/// WikiFANE sentences in ANERcorp's conventions: classes mapped, clitics joined, and (with
/// `heads`) head nouns moved out of names.
pub fn convert(sents: &[Conll], heads: Option<&Heads>) -> Vec<Conll> {
    sents
        .iter()
        .map(|s| {
            let mapped: Conll = s.iter().map(|(t, g)| (t.clone(), map_tag(g))).collect();
            let joined = join_clitics(&mapped);
            match heads {
                Some(h) => strip_heads(&joined, h),
                None => joined,
            }
        })
        .collect()
}

/// WikiFANE read from `path` (gzipped or not) in ANERcorp's conventions ([`convert`]), with
/// (`strip_heads`) the head nouns that `anercorp` (ANERcorp's training part) leaves outside
/// moved out: what training and the dev split use.
pub fn read(path: &str, anercorp: &[Conll], strip_heads: bool) -> std::io::Result<Vec<Conll>> {
    let raw = crate::conll::read_conll(path)?;
    let heads = Heads::learn(anercorp);
    Ok(convert(&raw, strip_heads.then_some(&heads)))
}

/// WikiFANE annotates no events: the wars, tournaments, prizes and feasts that ANERcorp tags
/// MISC («الحرب العالمية الثانية» MISC in ANERcorp 20 times) are O there (518 times for the
/// MISC names of the tagger's multi-word list, `data/ner_names_multi.txt`, written for Kashif
/// from general knowledge, not from a corpus). Trained on as they stand they teach the tagger
/// that those names are not names. This tags them MISC wherever all their words are O, the
/// first word also behind one proclitic letter («والحرب», «بالحرب»). For training only: the
/// dev split is scored as WikiFANE annotates it.
pub fn events_as_misc(sents: &mut [Conll]) -> usize {
    let key = |w: &str| kashif::lexicon::key(w);
    let names: Vec<Vec<String>> = include_str!("../../data/ner_names_multi.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("MISC "))
        .map(|n| n.split_whitespace().map(key).collect::<Vec<_>>())
        .filter(|n| n.len() > 1)
        .collect();
    let mut n_found = 0;
    for s in sents.iter_mut() {
        let keys: Vec<String> = s.iter().map(|(t, _)| key(t)).collect();
        let mut i = 0;
        while i < s.len() {
            let first_ok = |w: &str| keys[i] == w || (keys[i].len() > w.len() && keys[i].ends_with(w) && keys[i].chars().count() == w.chars().count() + 1 && "وفبلك".contains(keys[i].chars().next().unwrap_or(' ')));
            let hit = names.iter().filter(|n| i + n.len() <= s.len() && first_ok(&n[0]) && n[1..].iter().zip(&keys[i + 1..]).all(|(a, b)| a == b) && s[i..i + n.len()].iter().all(|(_, g)| g == "O")).map(|n| n.len()).max();
            match hit {
                Some(len) => {
                    for (j, (_, g)) in s[i..i + len].iter_mut().enumerate() {
                        *g = if j == 0 { "B-MISC" } else { "I-MISC" }.to_string();
                    }
                    n_found += 1;
                    i += len;
                }
                None => i += 1,
            }
        }
    }
    n_found
}

/// Sentences per block of the WikiFANE dev split.
pub const BLOCK: usize = 50;

/// WikiFANE's (train, dev) split: the sentences in blocks of [`BLOCK`] consecutive ones, every
/// tenth block (blocks 9, 19, 29, …, counting from 0) dev. Fixed, so figures compare across runs.
pub fn split_wiki(sents: &[Conll]) -> (Vec<Conll>, Vec<Conll>) {
    let (mut train, mut dev) = (Vec::new(), Vec::new());
    for (i, s) in sents.iter().enumerate() {
        if (i / BLOCK) % 10 == 9 { dev.push(s.clone()) } else { train.push(s.clone()) }
    }
    (train, dev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll::parse_conll;

    fn conv(src: &str) -> Vec<(String, String)> {
        convert(&parse_conll(src), None).remove(0)
    }

    /// A MISC name of the multi-word list that WikiFANE leaves O becomes MISC, behind a
    /// proclitic too; one with a tag of its own, or only partly present, is left alone.
    #[test]
    fn events_left_o_become_misc() {
        let mut s = parse_conll("في O\nالحرب O\nالعالمية O\nالثانية O\nو O\nبالحرب O\nالعالمية O\nالأولى O\nالحرب O\nالعالمية O\n\nالحرب B-LOC\nالعالمية I-LOC\nالثانية I-LOC\n");
        assert_eq!(events_as_misc(&mut s), 2);
        let tags: Vec<&str> = s[0].iter().map(|(_, g)| g.as_str()).collect();
        assert_eq!(tags, ["O", "B-MISC", "I-MISC", "I-MISC", "O", "B-MISC", "I-MISC", "I-MISC", "O", "O"]);
        assert!(s[1].iter().all(|(_, g)| g.ends_with("LOC")));
    }

    #[test]
    fn clitics_join_onto_their_word_and_keep_its_tag() {
        let s = conv("و O\nروسيا B-Nation\nو O\nعاصمة O\nها O\nل O\nالحكومة O\nعلى O\nه O\nو B-Other_PER\nبوتين I-Other_PER\nب O\nموسكو B-Population-Center\n");
        let want = [("وروسيا", "B-LOC"), ("وعاصمتها", "O"), ("للحكومة", "O"), ("عليه", "O"), ("وبوتين", "B-PERS"), ("بموسكو", "B-LOC")];
        assert_eq!(s, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn classes_map_to_anercorp_types() {
        let s = conv("العرب B-Group\nفي O\nمسجد B-Building-Grounds\nالازهر I-Building-Grounds\nو O\nشركة B-Commercial\nارامكو I-Commercial\n");
        let tags: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(tags, ["O", "O", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]);
    }

    #[test]
    fn heads_that_anercorp_leaves_out_move_out() {
        let aner = parse_conll("شركة O\nأرامكو B-ORG\n\nشركة O\nسامسونغ B-ORG\n\nحزب B-ORG\nالله I-ORG\n");
        let heads = Heads::learn(&aner);
        let s = strip_heads(&parse_conll("شركة B-ORG\nارامكو I-ORG\nحزب B-ORG\nالبعث I-ORG\n").remove(0), &heads);
        let tags: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(tags, ["O", "B-ORG", "B-ORG", "I-ORG"]);
    }

    #[test]
    fn dev_split_takes_every_tenth_block() {
        let sents: Vec<Conll> = (0..1000).map(|i| vec![(i.to_string(), "O".to_string())]).collect();
        let (train, dev) = split_wiki(&sents);
        assert_eq!((train.len(), dev.len()), (900, 100));
        assert_eq!(dev[0][0].0, "450");
        assert_eq!(dev[50][0].0, "950");
    }
}
