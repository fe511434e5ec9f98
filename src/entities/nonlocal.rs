//! Non-local facts: what the tagger's first pass over a whole document said about the other
//! mentions of a token's word. They become features of a second pass ([`super::features`],
//! templates 190–194), so the model itself weighs how far to trust them: «بوتين» tagged PER
//! in three sentences is a person in the fourth too, while one slip on an ordinary word
//! («حليفان») is not backed by its other mentions.
//!
//! Two tokens are mentions of the same word when their safe readings agree (the clitics a
//! name can carry taken off: «وروسيا» and «روسيا»), stopwords and non-words excluded. A token's
//! own first-pass tag is not among its "other" mentions: training reads first-pass tags made by
//! models that did not see the document, and the second pass must learn how often those agree
//! with the truth, not repeat the token's own guess.

use super::features::Fast;
use super::model::tag_info;
use std::collections::HashMap;

/// What the first pass said about the other mentions of one token's word in the document.
/// All zero (the default) means no non-local features: the first pass, a word met once, or a
/// word no mention of which was tagged as a name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Nl {
    /// The type (index + 1) most other mentions tagged inside a name have; 0 for none.
    pub major: u8,
    /// Other mentions inside a name, and outside one, each capped at 3.
    pub named: u8,
    pub plain: u8,
    /// Some other mention began a name.
    pub began: bool,
    /// The type (index + 1) of the multi-word names other mentions are most often in (0 for
    /// none), and whether the word began one of them.
    pub longer: u8,
    pub longer_first: bool,
    /// The token's own first-pass type (index + 1), 0 for outside a name.
    pub own: u8,
}

impl Nl {
    /// Whether the token has non-local features at all.
    pub fn fires(&self) -> bool {
        *self != Nl::default()
    }
}

/// One mention's part in its word's tallies.
#[derive(Clone, Copy, Default)]
struct Mention {
    /// Type index + 1 of the name it is in (0: outside).
    ty: u8,
    begins: bool,
    /// Inside a name of two or more words.
    multi: bool,
}

/// The first-pass [`Mention`] of each token, from its tags; `keys` (0 for a non-word) count
/// a name's words.
fn mentions(keys: &[u64], tags: &[usize]) -> Vec<Mention> {
    let mut out = vec![Mention::default(); tags.len()];
    let mut i = 0;
    while i < tags.len() {
        let Some((_, ty)) = tag_info(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tags.len() && tag_info(tags[j]) == Some((false, ty)) {
            j += 1;
        }
        let multi = keys[i..j].iter().filter(|&&k| k != 0).count() > 1;
        for (k, m) in out[i..j].iter_mut().enumerate() {
            *m = Mention { ty: ty as u8 + 1, begins: k == 0, multi };
        }
        i = j;
    }
    out
}

/// A word's tallies over all its mentions in the document.
#[derive(Clone, Copy, Default)]
struct Tally {
    n: u32,
    /// Mentions per type + 1 (index 0: outside a name).
    by_type: [u32; 5],
    began: u32,
    /// Mentions inside multi-word names per type + 1, and those that began one.
    multi: [u32; 5],
    multi_first: u32,
}

impl Tally {
    fn add(&mut self, m: Mention, sign: i32) {
        let s = |v: &mut u32| *v = v.wrapping_add_signed(sign);
        s(&mut self.n);
        s(&mut self.by_type[m.ty as usize]);
        if m.begins && m.ty != 0 {
            s(&mut self.began);
        }
        if m.multi {
            s(&mut self.multi[m.ty as usize]);
            if m.begins {
                s(&mut self.multi_first);
            }
        }
    }
}

/// The type (index + 1) with the most counts in `c[1..]`, ties to the lower; 0 when all are 0.
fn major(c: &[u32; 5]) -> u8 {
    let (i, &n) = c[1..].iter().enumerate().max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i))).expect("four types");
    if n == 0 { 0 } else { i as u8 + 1 }
}

/// The non-local facts of every token of a document: `keys` is each token's word key (0 for
/// tokens that are not words, or are stopwords), `tags` the first pass's tags. Linear in the
/// tokens.
pub fn gather(keys: &[u64], tags: &[usize]) -> Vec<Nl> {
    debug_assert_eq!(keys.len(), tags.len());
    let ms = mentions(keys, tags);
    // only a word with some mention inside a name can have facts: those words first (few),
    // then their mentions' tallies
    let mut index: HashMap<u64, u32, Fast> = HashMap::default();
    let mut tallies: Vec<Tally> = Vec::new();
    for (&k, m) in keys.iter().zip(&ms) {
        if k != 0 && m.ty != 0 {
            index.entry(k).or_insert_with(|| {
                tallies.push(Tally::default());
                (tallies.len() - 1) as u32
            });
        }
    }
    if tallies.is_empty() {
        return vec![Nl::default(); keys.len()];
    }
    // each token's tallies, looked up once (u32::MAX: none)
    let slots: Vec<u32> = keys
        .iter()
        .zip(&ms)
        .map(|(k, &m)| match index.get(k) {
            Some(&s) => {
                tallies[s as usize].add(m, 1);
                s
            }
            None => u32::MAX,
        })
        .collect();
    slots
        .iter()
        .zip(&ms)
        .map(|(&s, &m)| {
            let Some(all) = tallies.get(s as usize).filter(|t| t.n > 1) else { return Nl::default() };
            // the other mentions: the word's tallies without this one
            let mut o = *all;
            o.add(m, -1);
            let named = o.n - o.by_type[0];
            if named == 0 && m.ty == 0 {
                return Nl::default();
            }
            let longer = major(&o.multi);
            Nl {
                major: major(&o.by_type),
                named: named.min(3) as u8,
                plain: o.by_type[0].min(3) as u8,
                began: o.began > 0,
                longer,
                longer_first: longer != 0 && o.multi_first > 0,
                own: m.ty,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::model::tag_of;

    /// The other mentions count, the token's own does not; a word met once, or never tagged,
    /// has no facts; a name of two words is a longer name for its words' other mentions.
    #[test]
    fn other_mentions_are_tallied() {
        let (b_per, i_per, b_loc) = (tag_of(true, 0), tag_of(false, 0), tag_of(true, 1));
        // words: A B . A . A . C C   (A = 1, B = 2, C = 3; 0 = punctuation)
        let keys = [1, 2, 0, 1, 0, 1, 0, 3, 3];
        let tags = [b_per, i_per, 0, b_per, 0, 0, 0, b_loc, 0];
        let nl = gather(&keys, &tags);
        // the first A: one other mention a PER that began a name, one outside
        assert_eq!(nl[0], Nl { major: 1, named: 1, plain: 1, began: true, longer: 0, longer_first: false, own: 1 });
        // the second A: the other PER mention was in a two-word name, which it began
        assert_eq!(nl[3], Nl { major: 1, named: 1, plain: 1, began: true, longer: 1, longer_first: true, own: 1 });
        // the third A, tagged O: both others are PER
        assert_eq!(nl[5].major, 1);
        assert_eq!((nl[5].named, nl[5].plain, nl[5].own), (2, 0, 0));
        // B is met once; punctuation has no key
        assert!(!nl[1].fires() && !nl[2].fires());
        // the LOC C: its other mention is outside a name
        assert_eq!(nl[7], Nl { plain: 1, own: 2, ..Nl::default() });
        // the plain C: its other mention is a LOC
        assert_eq!(nl[8].major, 2);
        // no name anywhere: nothing fires
        assert!(gather(&keys, &[0; 9]).iter().all(|n| !n.fires()));
    }
}
