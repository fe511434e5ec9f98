//! Word clusters: for 30,340 Arabic words (every one seen at least three times in the
//! unlabeled text), their Brown cluster as a path in the cluster tree (a bit string; see
//! `docs/clusters.md`). Words used in the same contexts share a cluster, and the longer the
//! prefix two paths share, the closer their uses: «روسيا», «فرنسا» and «الصين» share a path,
//! given names another, month names another.
//!
//! Why: the entity tagger learned from one corpus of 2007 news and knows only its words; a
//! cluster learned from a million words of other news tells it that a name it never saw is
//! used like the countries (or the given names) it did see. The tagger reads prefixes of
//! several lengths ([`ClusterPath::prefix`]) as features, so it can trust a coarse class where
//! the fine one is noisy.
//!
//! The table `data/clusters.bin` is built by the training crate (`cargo run --release -p
//! kashif-train -- clusters`, from the vendored text: `data/NOTICE.md`), which keys its text
//! with the same lexeme code as the analyzer ([`crate::doc::Lexeme::cluster_key`]): the matching
//! key of the word's base segment, so «وروسيا» and «لروسيا» find the cluster of «روسيا». It is
//! parsed once, on first use.
//!
//! Format (integers unsigned, little-endian):
//! - `b"KCL1"`; `u8 A` and A bytes of UTF-8: the alphabet (letter code i + 1 is its i-th char);
//! - `u16 K` clusters, each `u8 L` (path length, at most 64) and ⌈L/8⌉ bytes of its path,
//!   first bit in the high bit of the first byte;
//! - `u32 W` words, sorted by their codes, front-coded: a byte `shared << 4 | new` (both
//!   below 15 and 16; otherwise `0xFF`, `shared`, `new`), then the `new` codes;
//! - then each word's cluster, in the same order: one byte when K ≤ 256, else a `u16`.
//!   (Keys and cluster numbers are apart because each compresses better alone.)

use super::FastBuild;
use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../../data/clusters.bin");

/// Magic bytes of the table format.
pub const MAGIC: &[u8; 4] = b"KCL1";

/// Longest path the format holds.
pub const MAX_PATH: usize = 64;

/// A word's place in the cluster tree: the path's bits (first bit highest of `len`) and its
/// length. Words of one cluster share it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ClusterPath {
    bits: u64,
    len: u8,
}

impl ClusterPath {
    /// The path of a bit string of `'0'` and `'1'` (at most [`MAX_PATH`] bits).
    pub fn parse(s: &str) -> Option<ClusterPath> {
        if s.len() > MAX_PATH {
            return None;
        }
        let mut bits = 0u64;
        for c in s.chars() {
            bits = bits << 1 | u64::from(match c {
                '0' => 0u8,
                '1' => 1,
                _ => return None,
            });
        }
        Some(ClusterPath { bits, len: s.len() as u8 })
    }

    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The first `n` bits of the path (the whole path when it is shorter) as one number that
    /// also says how many bits it has (a leading 1 above them): prefixes of different lengths
    /// never compare equal, and a feature can hash it as it is.
    pub fn prefix(self, n: usize) -> u64 {
        let k = n.min(self.len as usize);
        let top = if k == 0 { 0 } else { self.bits >> (self.len as usize - k) };
        if k == 64 {
            top
        } else {
            1u64 << k | top
        }
    }

    /// How many leading bits two paths share.
    pub fn shared(self, other: ClusterPath) -> usize {
        let n = self.len.min(other.len) as usize;
        (0..n).take_while(|&i| self.bit(i) == other.bit(i)).count()
    }

    fn bit(self, i: usize) -> bool {
        self.bits >> (self.len as usize - 1 - i) & 1 == 1
    }
}

impl std::fmt::Display for ClusterPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for i in 0..self.len() {
            f.write_str(if self.bit(i) { "1" } else { "0" })?;
        }
        Ok(())
    }
}

/// A parsed table: cluster key → path.
pub struct Table {
    paths: Vec<ClusterPath>,
    words: HashMap<Box<str>, u16, FastBuild>,
}

impl Table {
    /// The path of a word, by its cluster key ([`crate::doc::Lexeme::cluster_key`]).
    pub fn get(&self, key: &str) -> Option<ClusterPath> {
        self.words.get(key).map(|&c| self.paths[c as usize])
    }

    /// How many words the table knows.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The paths of the clusters, in the file's order.
    pub fn paths(&self) -> &[ClusterPath] {
        &self.paths
    }

    /// Every word and its path (in no particular order).
    pub fn iter(&self) -> impl Iterator<Item = (&str, ClusterPath)> + '_ {
        self.words.iter().map(|(k, &c)| (&**k, self.paths[c as usize]))
    }

    /// Parses a table in the format of the module's documentation; the error says where it
    /// is malformed.
    pub fn parse(d: &[u8]) -> Result<Table, String> {
        let mut r = Reader { d, p: 0 };
        if r.take(4)? != MAGIC {
            return Err("not a cluster table (bad magic)".into());
        }
        let alen = r.u8()? as usize;
        let alphabet: Vec<char> = std::str::from_utf8(r.take(alen)?).map_err(|_| "alphabet is not UTF-8")?.chars().collect();
        let k = r.u16()? as usize;
        let mut paths = Vec::with_capacity(k);
        for _ in 0..k {
            let len = r.u8()? as usize;
            if len > MAX_PATH {
                return Err(format!("path of {len} bits (at most {MAX_PATH})"));
            }
            let mut bits = 0u64;
            for (i, &b) in r.take(len.div_ceil(8))?.iter().enumerate() {
                let keep = (len - i * 8).min(8);
                bits = bits << keep | u64::from(b >> (8 - keep));
            }
            paths.push(ClusterPath { bits, len: len as u8 });
        }
        let w = r.u32()? as usize;
        let mut keys: Vec<String> = Vec::with_capacity(w);
        let mut cur: Vec<u8> = Vec::with_capacity(32);
        for _ in 0..w {
            let h = r.u8()?;
            let (shared, new) = if h == 0xFF { (r.u8()? as usize, r.u8()? as usize) } else { ((h >> 4) as usize, (h & 15) as usize) };
            if shared > cur.len() {
                return Err("a key shares more than the previous key has".into());
            }
            cur.truncate(shared);
            cur.extend_from_slice(r.take(new)?);
            let key: Option<String> = cur.iter().map(|&c| alphabet.get((c as usize).wrapping_sub(1)).copied()).collect();
            keys.push(key.ok_or("a letter code outside the alphabet")?);
        }
        let mut words: HashMap<Box<str>, u16, FastBuild> = HashMap::with_capacity_and_hasher(w, FastBuild::default());
        for key in keys {
            let c = if k <= 256 { r.u8()? as usize } else { r.u16()? as usize };
            if c >= k {
                return Err(format!("cluster {c} of {k}"));
            }
            words.insert(key.into_boxed_str(), c as u16);
        }
        if r.p != d.len() {
            return Err(format!("{} bytes left over", d.len() - r.p));
        }
        Ok(Table { paths, words })
    }
}

struct Reader<'a> {
    d: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self.d.get(self.p..self.p + n).ok_or_else(|| format!("table cut short at byte {}", self.p))?;
        self.p += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("two bytes")))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("four bytes")))
    }
}

/// The shipped table, parsed on first use. A broken file is a build error of the project, so
/// it panics with the reason (the tests parse it).
pub fn shipped() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::parse(DATA).unwrap_or_else(|e| panic!("data/clusters.bin: {e}; rebuild it with `cargo run --release -p kashif-train -- clusters`")))
}

/// The path of a word by its cluster key ([`crate::doc::Lexeme::cluster_key`]), from the
/// shipped table.
pub fn path(key: &str) -> Option<ClusterPath> {
    shipped().get(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_keep_their_length() {
        let p = ClusterPath::parse("0110").unwrap();
        assert_eq!(p.to_string(), "0110");
        assert_eq!(p.prefix(2), 0b101);
        assert_eq!(p.prefix(4), 0b10110);
        assert_eq!(p.prefix(10), p.prefix(4), "a prefix longer than the path is the path");
        assert_ne!(ClusterPath::parse("01").unwrap().prefix(4), ClusterPath::parse("001").unwrap().prefix(4));
        assert_eq!(p.shared(ClusterPath::parse("0111").unwrap()), 3);
        assert_eq!(ClusterPath::parse("").unwrap().prefix(4), 1);
        let long = ClusterPath::parse(&"1".repeat(64)).unwrap();
        assert_eq!(long.prefix(64), u64::MAX, "64 bits: the marker bit falls off");
        assert_eq!(ClusterPath::parse("012"), None);
    }

    #[test]
    fn the_shipped_table_parses() {
        let t = shipped();
        assert!(t.len() > 10_000, "{} words", t.len());
        assert!(t.paths().len() >= 64);
        assert!(t.iter().all(|(k, _)| !k.is_empty()));
    }
}
