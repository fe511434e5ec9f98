//! Names across documents: each document's entity groups ([`crate::entities::group`]) joined
//! by type and key, then a person's short name joined to the one longer name that contains it;
//! and which names share sentences and documents.
//!
//! Only names are kept: persons, places, organizations and other names (`PER`, `LOC`, `ORG`,
//! `MISC`); numbers, dates and amounts are values, which do not name something to follow across
//! documents.
//!
//! Within a text the grouping links «بوتين» to an earlier «فلاديمير بوتين». Across documents
//! the corpus joins a person's name to a longer person's name only when exactly one longer name
//! of the corpus contains it as whole words: «بوتين» joins «فلاديمير بوتين», while «محمد», part
//! of many names, stays on its own (it may be a different man in each article).

use super::{CorpusName, DocCount, Pair};
use crate::analysis::Analysis;
use crate::keywords::phrases::g2;
use std::collections::HashMap;

/// The entity types that are names.
pub const NAME_TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

/// A per-document group's type and key, as the corpus first met it.
struct Raw {
    kind: String,
    key: String,
    /// The groups' shown texts and their mentions (in order of first appearance).
    texts: Vec<(String, u32)>,
}

/// Every (type, key) seen.
#[derive(Default)]
pub struct Names {
    ids: HashMap<(String, String), u32>,
    raw: Vec<Raw>,
}

/// What a document keeps of its names.
pub struct DocNames {
    /// (raw name, mentions), by ascending raw id.
    groups: Vec<(u32, u32)>,
    /// The names of each sentence that holds one, flattened; `ends[i]` ends sentence i's run.
    in_sentences: Vec<u32>,
    ends: Vec<u32>,
    /// The document's sentences (with or without names).
    sentences: u32,
}

impl DocNames {
    /// Entity mentions in the document.
    pub fn mentions(&self) -> u32 {
        self.groups.iter().map(|g| g.1).sum()
    }

    fn sentence_runs(&self) -> impl Iterator<Item = &[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter().copied()).map(|(a, b)| &self.in_sentences[a as usize..b as usize])
    }
}

impl Names {
    /// Takes the names of one analyzed document (UTF-16 offsets, as `analyze` returns them).
    pub fn add(&mut self, a: &Analysis) -> DocNames {
        let mut of_entity = vec![u32::MAX; a.entities.len()];
        let mut groups = Vec::with_capacity(a.entity_groups.len());
        for g in a.entity_groups.iter().filter(|g| NAME_TYPES.contains(&g.kind.as_str())) {
            let id = self.intern(&g.kind, &g.key);
            let texts = &mut self.raw[id as usize].texts;
            match texts.iter_mut().find(|t| t.0 == g.text) {
                Some(t) => t.1 += g.count,
                None => texts.push((g.text.clone(), g.count)),
            }
            for &m in &g.mentions {
                of_entity[m as usize] = id;
            }
            groups.push((id, g.count));
        }
        groups.sort_unstable();
        groups.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        let (in_sentences, ends) = sentence_names(a, &of_entity);
        DocNames { groups, in_sentences, ends, sentences: a.stats.sentences }
    }

    fn intern(&mut self, kind: &str, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(&(kind.to_string(), key.to_string())) {
            return id;
        }
        let id = self.raw.len() as u32;
        self.ids.insert((kind.to_string(), key.to_string()), id);
        self.raw.push(Raw { kind: kind.into(), key: key.into(), texts: Vec::new() });
        id
    }

    /// The names joined across documents, with their mentions per document.
    pub fn joined<'d>(&self, docs: impl Iterator<Item = &'d DocNames>) -> Joined<'_> {
        let root = self.roots();
        let mut index: HashMap<u32, u32> = HashMap::new();
        let mut names: Vec<Joint> = Vec::new();
        let mut of_raw = vec![0u32; self.raw.len()];
        // Roots first, in order of first appearance, then every raw name to its root's slot.
        for (r, &to) in root.iter().enumerate() {
            if to as usize == r {
                index.insert(r as u32, names.len() as u32);
                names.push(Joint { root: r as u32, members: Vec::new(), count: 0, mentions: Vec::new() });
            }
        }
        for (r, &to) in root.iter().enumerate() {
            let n = index[&to];
            of_raw[r] = n;
            names[n as usize].members.push(r as u32);
        }
        let mut sentences = 0u64;
        for (d, doc) in docs.enumerate() {
            sentences += doc.sentences as u64;
            for &(r, c) in &doc.groups {
                let j = &mut names[of_raw[r as usize] as usize];
                j.count += c;
                match j.mentions.last_mut() {
                    Some(last) if last.doc == d as u32 => last.count += c,
                    _ => j.mentions.push(DocCount { doc: d as u32, count: c }),
                }
            }
        }
        Joined { raw: self, of_raw, names, sentences }
    }

    /// Each raw name's root: itself, or the one longer person's name that contains it (followed
    /// to its own root).
    fn roots(&self) -> Vec<u32> {
        let mut containers: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut words: Vec<Vec<&str>> = Vec::with_capacity(self.raw.len());
        for r in &self.raw {
            words.push(r.key.split(' ').collect());
        }
        for (i, r) in self.raw.iter().enumerate() {
            if r.kind != "PER" {
                continue;
            }
            let w = &words[i];
            for len in 1..w.len() {
                for start in 0..=w.len() - len {
                    let part = part_key(&r.key, &w[start..start + len]);
                    let list = containers.entry(part).or_default();
                    if list.len() < 2 && !list.contains(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
        }
        let mut root: Vec<u32> = (0..self.raw.len() as u32).collect();
        for (i, r) in self.raw.iter().enumerate() {
            if r.kind == "PER" {
                if let Some([only]) = containers.get(r.key.as_str()).map(Vec::as_slice) {
                    root[i] = *only;
                }
            }
        }
        // Follow chains (each step is to a longer name, so they end).
        for i in 0..root.len() {
            let mut r = root[i];
            while root[r as usize] != r {
                r = root[r as usize];
            }
            root[i] = r;
        }
        root
    }
}

/// The slice of `key` that the words `part` (a run of its space-separated words) cover.
fn part_key<'k>(key: &'k str, part: &[&'k str]) -> &'k str {
    let (first, last) = (part[0], part[part.len() - 1]);
    let start = first.as_ptr() as usize - key.as_ptr() as usize;
    let end = last.as_ptr() as usize - key.as_ptr() as usize + last.len();
    &key[start..end]
}

/// The names of each sentence that holds a mention: raw ids flattened, and where each
/// sentence's run ends. Entities and sentences are both in text order.
fn sentence_names(a: &Analysis, of_entity: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let (mut flat, mut ends) = (Vec::new(), Vec::new());
    let mut s = 0usize;
    let mut current: Option<usize> = None;
    for (e, &name) in a.entities.iter().zip(of_entity) {
        while s < a.sentences.len() && a.sentences[s].end <= e.start {
            s += 1;
        }
        if s == a.sentences.len() || a.sentences[s].start > e.start || name == u32::MAX {
            continue;
        }
        if current != Some(s) {
            if current.is_some() {
                ends.push(flat.len() as u32);
            }
            current = Some(s);
        }
        flat.push(name);
    }
    if current.is_some() {
        ends.push(flat.len() as u32);
    }
    (flat, ends)
}

struct Joint {
    root: u32,
    members: Vec<u32>,
    count: u32,
    mentions: Vec<DocCount>,
}

/// Names after joining.
pub struct Joined<'n> {
    raw: &'n Names,
    of_raw: Vec<u32>,
    names: Vec<Joint>,
    sentences: u64,
}

impl Joined<'_> {
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The `limit` most mentioned names (then in more documents, then by key).
    pub fn top(&self, limit: usize) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.names[a as usize], &self.names[b as usize]);
            let key = |j: &Joint| &self.raw.raw[j.root as usize].key;
            y.count.cmp(&x.count).then(y.mentions.len().cmp(&x.mentions.len())).then_with(|| key(x).cmp(key(y)))
        });
        order.truncate(limit);
        order
    }

    pub fn name(&self, n: u32) -> CorpusName {
        let j = &self.names[n as usize];
        let root = &self.raw.raw[j.root as usize];
        // The root's most mentioned shown text (the first such).
        let text = root.texts.iter().fold(None::<&(String, u32)>, |best, t| match best {
            Some(b) if b.1 >= t.1 => Some(b),
            _ => Some(t),
        });
        let mut keys = vec![root.key.clone()];
        keys.extend(j.members.iter().filter(|&&m| m != j.root).map(|&m| self.raw.raw[m as usize].key.clone()));
        CorpusName {
            text: text.map_or_else(|| root.key.clone(), |t| t.0.clone()),
            key: root.key.clone(),
            kind: root.kind.clone(),
            count: j.count,
            documents: j.mentions.len() as u32,
            keys,
            mentions: j.mentions.clone(),
        }
    }

    /// The name that `query` names: a name's shown text or key, or a joined key.
    pub fn find(&self, query: &str) -> Option<u32> {
        let by_text = self.raw.raw.iter().position(|r| r.texts.iter().any(|t| t.0 == query));
        let by_key = || self.raw.raw.iter().position(|r| r.key == query);
        by_text.or_else(by_key).map(|r| self.of_raw[r])
    }

    /// Mentions of name `n` in each of `docs` documents.
    pub fn counts(&self, n: u32, docs: usize) -> Vec<u32> {
        let mut out = vec![0; docs];
        for m in &self.names[n as usize].mentions {
            out[m.doc as usize] = m.count;
        }
        out
    }

    /// The co-occurring pairs among the names `shown` (positions in the result's list), the
    /// `limit` strongest: by score, then documents together.
    pub fn pairs<'d>(&self, docs: impl Iterator<Item = &'d DocNames>, shown: &[u32], limit: usize) -> Vec<Pair> {
        let mut position = vec![u32::MAX; self.names.len()];
        for (i, &n) in shown.iter().enumerate() {
            position[n as usize] = i as u32;
        }
        let mut in_sentences = vec![0u32; shown.len()];
        let mut together: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
        let mut here = Vec::new();
        for doc in docs {
            for run in doc.sentence_runs() {
                self.shown_set(run.iter().copied(), &position, &mut here);
                for &a in &here {
                    in_sentences[a as usize] += 1;
                }
                each_pair(&here, |p| together.entry(p).or_default().0 += 1);
            }
            self.shown_set(doc.groups.iter().map(|g| g.0), &position, &mut here);
            each_pair(&here, |p| together.entry(p).or_default().1 += 1);
        }
        let n = self.sentences.max(1) as f64;
        let mut pairs: Vec<Pair> = together
            .into_iter()
            .map(|((a, b), (s, d))| {
                let (na, nb, ab) = (in_sentences[a as usize] as f64, in_sentences[b as usize] as f64, s as f64);
                let g = g2(ab, na, nb, n);
                let expected = na * nb / n;
                let score = if ab >= expected { g } else { -g };
                let pmi = if s > 0 { libm::log2(ab * n / (na * nb)) } else { 0.0 };
                Pair { a, b, sentences: s, documents: d, score, pmi }
            })
            .collect();
        pairs.sort_by(|x, y| y.score.total_cmp(&x.score).then(y.documents.cmp(&x.documents)).then((x.a, x.b).cmp(&(y.a, y.b))));
        pairs.truncate(limit);
        pairs
    }

    /// The distinct shown positions of raw names `raw`, ascending, into `out`.
    fn shown_set(&self, raw: impl Iterator<Item = u32>, position: &[u32], out: &mut Vec<u32>) {
        out.clear();
        out.extend(raw.map(|r| position[self.of_raw[r as usize] as usize]).filter(|&p| p != u32::MAX));
        out.sort_unstable();
        out.dedup();
    }
}

/// Calls `f` with each pair (a < b) of the ascending list `set`.
fn each_pair(set: &[u32], mut f: impl FnMut((u32, u32))) {
    for (i, &a) in set.iter().enumerate() {
        for &b in &set[i + 1..] {
            f((a, b));
        }
    }
}
