//! Byte offsets to UTF-16 offsets, in one forward pass over the text.
//!
//! Rust works in bytes; JavaScript strings and the JSON contract count UTF-16 code units. The
//! stages produce byte offsets; this module rewrites every offset of an [`Analysis`] at once,
//! just before it leaves the crate.

use crate::analysis::Analysis;

/// Rewrites each byte offset in `positions` (all on char boundaries of `text`) as a UTF-16 offset.
pub fn bytes_to_utf16(text: &str, positions: &mut [&mut u32]) {
    positions.sort_unstable_by_key(|p| **p);
    let mut byte = 0usize;
    let mut u16s = 0u32;
    let mut chars = text.chars();
    for p in positions.iter_mut() {
        let target = **p as usize;
        while byte < target {
            let c = chars.next().expect("offset inside the text");
            byte += c.len_utf8();
            u16s += c.len_utf16() as u32;
        }
        debug_assert_eq!(byte, target, "offset on a char boundary");
        **p = u16s;
    }
}

/// Converts every span of `a` from bytes to UTF-16 code units.
pub fn to_utf16(text: &str, a: &mut Analysis) {
    let mut ps: Vec<&mut u32> = Vec::with_capacity(a.tokens.len() * 4);
    for t in a.tokens.iter_mut() {
        ps.push(&mut t.start);
        ps.push(&mut t.end);
        for s in t.segments.iter_mut() {
            ps.push(&mut s.start);
            ps.push(&mut s.end);
        }
    }
    for s in a.sentences.iter_mut() {
        ps.push(&mut s.start);
        ps.push(&mut s.end);
    }
    for k in a.keywords.iter_mut() {
        for o in k.occurrences.iter_mut() {
            ps.push(&mut o.start);
            ps.push(&mut o.end);
        }
    }
    for e in a.entities.iter_mut() {
        ps.push(&mut e.start);
        ps.push(&mut e.end);
    }
    bytes_to_utf16(text, &mut ps);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_and_arabic() {
        let t = "a😀بc";
        let (mut a, mut b, mut c, mut d) = (0u32, 1, 5, 7);
        bytes_to_utf16(t, &mut [&mut d, &mut b, &mut a, &mut c]);
        assert_eq!((a, b, c, d), (0, 1, 3, 4));
    }
}
