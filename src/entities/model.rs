//! The NER model: hashed feature weights (i8) per BIO tag, tag-transition weights, and
//! Viterbi decoding under BIO constraints.
//!
//! Weights are quantized on a logarithmic scale: a byte q stands for `table[q as u8]`.
//!
//! File format, version [`FORMAT_VERSION`] (little-endian):
//!
//! | bytes | what |
//! |---|---|
//! | 4 | magic `KNER` |
//! | 1 | format version (6) |
//! | 1 | hash bits (8..=24): 2^bits feature buckets |
//! | 1 | tag count (9: O, then B and I of PER, LOC, ORG, MISC) |
//! | 1 | 0 (reserved) |
//! | 4 | feature-template version the weights were trained with (u32, [`FEATURES_VERSION`]) |
//! | 256 × 4 | the value table (f32): the weight each byte stands for |
//! | (tags + 1) × tags × 4 | transition weights (f32); the last row is the sentence start |
//! | 4 | number of rows (u32) |
//! | 2^bits / 64 × 8 | bitmap of the buckets that have a row (u64 words) |
//! | tags × rows | the rows' weights (i8), tag by tag: every row's weight for O, in bucket order, then for B-PER, … |
//! | 4 + … | the training-word memory: count (u32), the sorted word hashes as delta varints, their values (u8 each) |
//!
//! Version 5 stored the rows one after the other (the tags of a row side by side): the same
//! bytes, 10.7 KB (2%) larger gzipped. Version 4 had no feature-template version (bytes 8..12
//! began the value table). A file of another format or feature version does not load:
//! [`Model::from_bytes`] says what it found, what this build expects, and how to retrain
//! ([`RETRAIN`]), since weights read against the wrong features would tag badly without any sign.
//!
//! The weights are stored as the tagger holds them in memory but tag by tag, so loading them is
//! a copy that gathers each row's nine bytes (no difference measured in a whole `kashif
//! analyze` of a short text, 29-30 ms with either format): a first analysis in a browser runs
//! before the engine has optimized the loader, and decoding 200,000 varints there took longer
//! than the analysis. (Gzipped, the file is about as small as a varint encoding: the rows are
//! mostly zeros.)

use super::features::FEATURES_VERSION;

/// The model file format this build reads and writes.
pub const FORMAT_VERSION: u8 = 6;

/// The command that rebuilds the shipped model, from the project's root.
pub const RETRAIN: &str = "cargo run --release -p kashif-train -- train-ner";

/// Why model bytes do not load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// Not a Kashif NER model: no `KNER` magic.
    NotAModel,
    /// Another file format version.
    Format { found: u8, expected: u8 },
    /// Trained with other feature templates.
    Features { found: u32, expected: u32 },
    /// A model file of this format that is cut short or inconsistent.
    Damaged(&'static str),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a Kashif NER model (it does not begin with KNER)"),
            ModelError::Format { found, expected } => {
                write!(f, "NER model file format {found}, but this build of Kashif reads format {expected}")
            }
            ModelError::Features { found, expected } => write!(
                f,
                "NER model trained with feature templates version {found}, but this build of Kashif computes version {expected} \
                 (FEATURES_VERSION in src/entities/features.rs)"
            ),
            ModelError::Damaged(what) => write!(f, "damaged NER model file ({what})"),
        }?;
        write!(f, "; retrain it with `{RETRAIN}` from the project's root (it rebuilds data/ner.model from data/sources/anercorp-train.conll and data/sources/wikifane-gold.conll.gz)")
    }
}

impl std::error::Error for ModelError {}

/// O, then B and I for each type.
pub const TAGS: usize = 9;
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];
pub const START: usize = TAGS;

/// Tag index → (is_begin, type index); `None` for O.
pub fn tag_info(t: usize) -> Option<(bool, usize)> {
    if t == 0 {
        None
    } else {
        Some(((t - 1) % 2 == 0, (t - 1) / 2))
    }
}

pub fn tag_of(begin: bool, ty: usize) -> usize {
    1 + ty * 2 + usize::from(!begin)
}

/// May tag `cur` follow tag `prev` (or START)?
pub fn allowed(prev: usize, cur: usize) -> bool {
    match tag_info(cur) {
        Some((false, ty)) => prev != START && tag_info(prev).is_some_and(|(_, pt)| pt == ty),
        _ => true,
    }
}

pub struct Model {
    /// Unique per model made in this process: what per-thread caches of weight sums
    /// ([`super::features::Store`], the tagger's score cache) check before trusting themselves.
    pub id: u64,
    pub bits: u32,
    /// The weight each byte value stands for (indexed by the byte as u8).
    pub table: [f32; 256],
    pub trans: [[f32; TAGS]; TAGS + 1],
    pub memory: super::features::Memory,
    /// Trained with the non-local features of a second pass ([`super::nonlocal`]): only then
    /// does the tagger run one. Bit 0 of the header's byte 7 (0 in files from before).
    pub second_pass: bool,
    /// Weights, stored compactly: a bitmap of the buckets with any non-zero weight, in blocks
    /// of 64 buckets that each carry the number of rows before them, and the rows of those
    /// buckets in order. About 1 MB instead of 9 MB for 2^20 buckets, so lookups mostly hit
    /// the cache; a block's bits and count share a cache line, so a lookup that misses costs
    /// one miss there and one on the row.
    blocks: Vec<Block>,
    rows: Vec<[i8; TAGS]>,
}

/// 64 buckets of the bitmap, and how many rows come before them.
#[derive(Clone, Copy)]
struct Block {
    bits: u64,
    rank: u32,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline]
fn get_varint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let x = *b.get(*pos)?;
        *pos += 1;
        v |= ((x & 0x7f) as u64) << shift;
        if x & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

impl Model {
    /// A model from a flat weight array indexed by `bucket * TAGS + tag`.
    pub fn new(bits: u32, table: [f32; 256], weights: &[i8], trans: [[f32; TAGS]; TAGS + 1], memory: super::features::Memory) -> Model {
        let n = 1usize << bits;
        let mut present = vec![0u64; n.div_ceil(64)];
        let mut rows = Vec::new();
        for (b, row) in weights.chunks_exact(TAGS).enumerate().take(n) {
            if row.iter().any(|&v| v != 0) {
                present[b / 64] |= 1 << (b % 64);
                rows.push(row.try_into().expect("row"));
            }
        }
        Model::with_rows(bits, table, trans, memory, present, rows)
    }

    fn with_rows(bits: u32, table: [f32; 256], trans: [[f32; TAGS]; TAGS + 1], memory: super::features::Memory, present: Vec<u64>, rows: Vec<[i8; TAGS]>) -> Model {
        let mut blocks = Vec::with_capacity(present.len());
        let mut acc = 0u32;
        for &p in &present {
            blocks.push(Block { bits: p, rank: acc });
            acc += p.count_ones();
        }
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Model { id, bits, table, trans, memory, second_pass: false, blocks, rows }
    }

    /// The weights of bucket `b`, or `None` when they are all zero.
    #[inline]
    fn row(&self, b: u32) -> Option<&[i8; TAGS]> {
        let (w, bit) = ((b >> 6) as usize, b & 63);
        let Block { bits: m, rank } = *self.blocks.get(w)?;
        if m >> bit & 1 == 0 {
            return None;
        }
        let below = (m & ((1u64 << bit) - 1)).count_ones();
        Some(&self.rows[(rank + below) as usize])
    }

    pub fn mask(&self) -> u32 {
        (1u32 << self.bits) - 1
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = b"KNER".to_vec();
        out.extend([FORMAT_VERSION, self.bits as u8, TAGS as u8, u8::from(self.second_pass)]);
        out.extend(FEATURES_VERSION.to_le_bytes());
        for v in &self.table {
            out.extend(v.to_le_bytes());
        }
        for row in &self.trans {
            for v in row {
                out.extend(v.to_le_bytes());
            }
        }
        out.extend((self.rows.len() as u32).to_le_bytes());
        for b in &self.blocks {
            out.extend(b.bits.to_le_bytes());
        }
        // tag by tag: each tag's weights side by side gzip 2% smaller than row by row
        for t in 0..TAGS {
            out.extend(self.rows.iter().map(|row| row[t] as u8));
        }
        let mut mem: Vec<(u32, u8)> = self.memory.iter().map(|(&k, &v)| (k, v)).collect();
        mem.sort_unstable();
        out.extend((mem.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for &(k, _) in &mem {
            put_varint(&mut out, (k - prev) as u64);
            prev = k;
        }
        out.extend(mem.iter().map(|&(_, v)| v));
        out
    }

    /// The model of a file written by [`Model::to_bytes`] of this format and feature version.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        if b.get(..4) != Some(b"KNER".as_slice()) {
            return Err(ModelError::NotAModel);
        }
        let format = *b.get(4).ok_or(ModelError::Damaged("cut short in its header"))?;
        if format != FORMAT_VERSION {
            return Err(ModelError::Format { found: format, expected: FORMAT_VERSION });
        }
        let header = b.get(..12).ok_or(ModelError::Damaged("cut short in its header"))?;
        let features = u32::from_le_bytes(header[8..12].try_into().expect("4 bytes"));
        if features != FEATURES_VERSION {
            return Err(ModelError::Features { found: features, expected: FEATURES_VERSION });
        }
        if header[6] as usize != TAGS {
            return Err(ModelError::Damaged("another number of tags than PER, LOC, ORG, MISC in BIO"));
        }
        let bits = header[5] as u32;
        if !(8..=24).contains(&bits) {
            return Err(ModelError::Damaged("hash bits outside 8..=24"));
        }
        let mut m = Model::body(b, bits).ok_or(ModelError::Damaged("cut short, or its row count does not match its bitmap"))?;
        m.second_pass = header[7] & 1 != 0;
        Ok(m)
    }

    /// The weights and memory after the header; `None` when the bytes run out or disagree.
    fn body(b: &[u8], bits: u32) -> Option<Model> {
        let mut pos = 12;
        let f32_at = |pos: &mut usize| -> Option<f32> {
            let v = f32::from_le_bytes(b.get(*pos..*pos + 4)?.try_into().ok()?);
            *pos += 4;
            Some(v)
        };
        let mut table = [0f32; 256];
        for v in table.iter_mut() {
            *v = f32_at(&mut pos)?;
        }
        let mut trans = [[0f32; TAGS]; TAGS + 1];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = f32_at(&mut pos)?;
            }
        }
        let n_rows = u32::from_le_bytes(b.get(pos..pos + 4)?.try_into().ok()?) as usize;
        pos += 4;
        let words = (1usize << bits).div_ceil(64);
        let present: Vec<u64> = b.get(pos..pos + words * 8)?.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))).collect();
        pos += words * 8;
        if present.iter().map(|w| w.count_ones() as usize).sum::<usize>() != n_rows {
            return None;
        }
        let by_tag = b.get(pos..pos + n_rows * TAGS)?;
        let rows: Vec<[i8; TAGS]> = (0..n_rows).map(|r| std::array::from_fn(|t| by_tag[t * n_rows + r] as i8)).collect();
        pos += n_rows * TAGS;
        let m = u32::from_le_bytes(b.get(pos..pos + 4)?.try_into().ok()?) as usize;
        pos += 4;
        let mut keys = Vec::with_capacity(m.min(b.len())); // a damaged count must not allocate gigabytes
        let mut at = 0u64;
        for _ in 0..m {
            at += get_varint(b, &mut pos)?;
            keys.push(u32::try_from(at).ok()?);
        }
        let vals = b.get(pos..pos + m)?;
        let memory = keys.into_iter().zip(vals.iter().copied()).collect();
        Some(Model::with_rows(bits, table, trans, memory, present, rows))
    }

    /// Emission scores of one token from its feature buckets.
    pub fn emit(&self, feats: &[u32]) -> [f32; TAGS] {
        let mut s = [0f32; TAGS];
        for &b in feats {
            if let Some(row) = self.row(b) {
                for t in 0..TAGS {
                    // table[0] is 0: no branch on empty weights
                    s[t] += self.table[row[t] as u8 as usize];
                }
            }
        }
        s
    }

    pub fn trans_f32(&self) -> [[f32; TAGS]; TAGS + 1] {
        self.trans
    }
}

/// The tags any tag may precede: O and B-X. Each I-X may only follow B-X (the tag just
/// before it) and itself ([`allowed`]; `tests::bio_layout` checks the two lists against it).
const OPEN: [usize; 5] = [0, 1, 3, 5, 7];
const INSIDE: [usize; 4] = [2, 4, 6, 8];

/// The best tag sequence under the BIO constraints.
///
/// Written for speed (it was a quarter of the entity stage, and the second pass decodes 70% of
/// the tokens again): the constraints are the two fixed lists above rather than a lookup per
/// tag, so every loop has a constant length; the five OPEN tags' maxima are updated side by
/// side with selects, not branches; only the previous token's scores are kept. Ties go to the
/// lowest previous tag, and the sums are the same additions in the same order,
/// so the path is exactly the straightforward decoder's (`tests::same_path_as_plain_viterbi`;
/// the perceptron trains with this function, and `train/tests/reproduce.rs` rebuilds the model
/// byte for byte).
pub fn viterbi(emit: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1]) -> Vec<usize> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let neg = f32::NEG_INFINITY;
    let mut prev = [neg; TAGS];
    for t in OPEN {
        prev[t] = trans[START][t] + emit[0][t];
    }
    // the transitions into the OPEN tags, by previous tag: one row of five lanes per
    // previous tag, so that the inner loop below updates five independent maxima
    let into_open: [[f32; OPEN.len()]; TAGS] = std::array::from_fn(|p| OPEN.map(|t| trans[p][t]));
    let mut back = vec![[0u8; TAGS]; n];
    for (e, b) in emit.iter().zip(back.iter_mut()).skip(1) {
        let mut cur = [neg; TAGS];
        // the best previous tag of each OPEN tag: every tag, in index order (ties go to the
        // lowest), with selects rather than branches (which of two close sums wins is a coin
        // toss for the branch predictor)
        let (mut best, mut arg) = ([neg; OPEN.len()], [0u8; OPEN.len()]);
        for (p, row) in into_open.iter().enumerate() {
            for j in 0..OPEN.len() {
                let v = prev[p] + row[j];
                let gt = v > best[j];
                best[j] = if gt { v } else { best[j] };
                arg[j] = if gt { p as u8 } else { arg[j] };
            }
        }
        for (j, t) in OPEN.into_iter().enumerate() {
            if best[j] > neg {
                cur[t] = best[j] + e[t];
                b[t] = arg[j];
            }
        }
        // an INSIDE tag follows its own B tag (just before it) or itself
        for t in INSIDE {
            let (vb, vi) = (prev[t - 1] + trans[t - 1][t], prev[t] + trans[t][t]);
            let (best, arg) = if vi > vb { (vi, t) } else { (vb, t - 1) };
            if best > neg {
                cur[t] = best + e[t];
                b[t] = arg as u8;
            }
        }
        prev = cur;
    }
    let mut t = (0..TAGS).fold(0, |a, b| if prev[b] > prev[a] { b } else { a });
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = t;
        t = back[i][t] as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The decoder as first written: each tag's allowed previous tags looked up, the whole
    /// score lattice kept. The reference [`viterbi`] must agree with.
    fn plain_viterbi(emit: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1]) -> Vec<usize> {
        let n = emit.len();
        if n == 0 {
            return Vec::new();
        }
        let neg = f32::NEG_INFINITY;
        let mut score = vec![[neg; TAGS]; n];
        let mut back = vec![[0usize; TAGS]; n];
        for t in 0..TAGS {
            if allowed(START, t) {
                score[0][t] = trans[START][t] + emit[0][t];
            }
        }
        for i in 1..n {
            for t in 0..TAGS {
                let (mut best, mut arg) = (neg, 0);
                for p in (0..TAGS).filter(|&p| allowed(p, t)) {
                    let v = score[i - 1][p] + trans[p][t];
                    if v > best {
                        best = v;
                        arg = p;
                    }
                }
                if best > neg {
                    score[i][t] = best + emit[i][t];
                    back[i][t] = arg;
                }
            }
        }
        let mut t = (0..TAGS).fold(0, |a, b| if score[n - 1][b] > score[n - 1][a] { b } else { a });
        let mut out = vec![0; n];
        for i in (0..n).rev() {
            out[i] = t;
            t = back[i][t];
        }
        out
    }

    #[test]
    fn bio_layout() {
        for t in 0..TAGS {
            let before: Vec<usize> = (0..TAGS).filter(|&p| allowed(p, t)).collect();
            if OPEN.contains(&t) {
                assert_eq!(before, (0..TAGS).collect::<Vec<_>>(), "tag {t}");
                assert!(allowed(START, t), "tag {t}");
            } else {
                assert!(INSIDE.contains(&t), "tag {t} in neither list");
                assert_eq!(before, vec![t - 1, t], "tag {t}");
                assert!(!allowed(START, t), "tag {t}");
            }
        }
    }

    proptest! {
        /// What the second pass relies on to skip decoding a sentence again
        /// (`entities::second_pass`): weights added to some tokens, each largest at the tag the
        /// best path gave that token, leave that path the best. (Drawn from a continuum: where
        /// two paths score exactly the same, either may be the one found.)
        #[test]
        fn weights_largest_on_the_path_keep_it(
            seed in prop::collection::vec(-10.0f32..10.0, TAGS * (TAGS + 1)),
            len in 1usize..40,
            fine in prop::collection::vec(-50.0f32..50.0, 40 * TAGS),
            extra in prop::collection::vec(-20.0f32..20.0, 40 * TAGS),
            touched in prop::collection::vec(any::<bool>(), 40),
        ) {
            let mut trans = [[0f32; TAGS]; TAGS + 1];
            for (k, v) in seed.iter().enumerate() {
                trans[k / TAGS][k % TAGS] = *v;
            }
            let mut emit: Vec<[f32; TAGS]> = (0..len).map(|i| std::array::from_fn(|t| fine[i * TAGS + t])).collect();
            let path = viterbi(&emit, &trans);
            for (i, e) in emit.iter_mut().enumerate().filter(|&(i, _)| touched[i]) {
                let mut d: [f32; TAGS] = std::array::from_fn(|t| extra[i * TAGS + t]);
                // the largest weight moved onto the path's tag
                let top = (0..TAGS).fold(0, |a, b| if d[b] > d[a] { b } else { a });
                d.swap(top, path[i]);
                for t in 0..TAGS {
                    e[t] += d[t];
                }
            }
            prop_assert_eq!(viterbi(&emit, &trans), path);
        }

        /// Coarse cases draw small whole numbers, so that ties (where two decoders most
        /// easily part ways) are common; fine cases draw any scores.
        #[test]
        fn same_path_as_plain_viterbi(
            coarse in any::<bool>(),
            seed in prop::collection::vec(any::<u32>(), TAGS * (TAGS + 1)),
            len in 0usize..40,
            values in prop::collection::vec(-3i32..=3, 40 * TAGS),
            fine in prop::collection::vec(-50.0f32..50.0, 40 * TAGS),
        ) {
            let mut trans = [[0f32; TAGS]; TAGS + 1];
            for (k, v) in seed.iter().enumerate() {
                trans[k / TAGS][k % TAGS] = if coarse { (v % 5) as f32 - 2.0 } else { (*v as f32 / u32::MAX as f32) * 20.0 - 10.0 };
            }
            let emit: Vec<[f32; TAGS]> = (0..len)
                .map(|i| std::array::from_fn(|t| if coarse { values[i * TAGS + t] as f32 } else { fine[i * TAGS + t] }))
                .collect();
            prop_assert_eq!(viterbi(&emit, &trans), plain_viterbi(&emit, &trans));
        }
    }
}
