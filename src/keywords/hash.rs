//! A small, fast, non-cryptographic hasher for the keyword tables (short strings and packed
//! integers from the analyzed text; no untrusted-key flooding concern inside one analysis).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hashing, one 64-bit word at a time (the Fx scheme).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_u128(&mut self, i: u128) {
        self.add(i as u64);
        self.add((i >> 64) as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    /// The state rotated: a product's low bits depend only on its factors' low bits, and hash
    /// tables pick the bucket by the low bits; rotated, they are the product's high bits, which
    /// depend on every bit of the input (without it, the bigram keys `first << 32 | second`
    /// fell into buckets by their second word alone and collided in long runs).
    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn low_bits_depend_on_the_high_half_of_a_key() {
        // keys that differ only in their high 32 bits (bigrams with the same second word) must
        // spread over a table's buckets, which are chosen by the low bits
        let b = BuildHasherDefault::<FastHasher>::default();
        let buckets: std::collections::HashSet<u64> = (0..64u64).map(|first| b.hash_one(first << 32 | 7) & 1023).collect();
        assert!(buckets.len() > 48, "{} buckets of 64 keys", buckets.len());
    }
}
