//! Byte offsets to UTF-16 offsets, in one forward pass over the text.
//!
//! Rust works in bytes; JavaScript strings and the JSON contract count UTF-16 code units. The
//! stages produce byte offsets; this module rewrites every offset of an [`Analysis`] at once,
//! just before it leaves the crate.

use crate::analysis::Analysis;

/// Rewrites each byte offset in `positions` (all on char boundaries of `text`) as a UTF-16 offset.
pub fn bytes_to_utf16(text: &str, positions: &mut [&mut u32]) {
    positions.sort_unstable_by_key(|p| **p);
    let mut c = Cursor::new(text);
    for p in positions.iter_mut() {
        **p = c.at(**p);
    }
}

/// Converts a non-decreasing run of byte offsets by walking forward from the last one: no
/// sorting, and each byte of the text is looked at once.
struct Cursor<'t> {
    bytes: &'t [u8],
    byte: usize,
    u16s: u32,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Cursor { bytes: text.as_bytes(), byte: 0, u16s: 0 }
    }

    /// The UTF-16 offset of byte offset `to` (a char boundary, not before the previous one).
    fn at(&mut self, to: u32) -> u32 {
        let to = to as usize;
        debug_assert!(to >= self.byte, "offsets in order");
        // Every char has one leading (non-continuation) byte and is one UTF-16 unit, except
        // the four-byte ones (leading byte ≥ 0xF0), which are two.
        self.u16s += self.bytes[self.byte..to].iter().map(|&b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0)).sum::<u32>();
        self.byte = to;
        self.u16s
    }
}

/// Converts every span of `a` from bytes to UTF-16 code units.
pub fn to_utf16(text: &str, a: &mut Analysis) {
    // Tokens and their segments come in text order: one forward walk.
    let mut c = Cursor::new(text);
    for t in a.tokens.iter_mut() {
        t.start = c.at(t.start);
        for s in t.segments.iter_mut() {
            s.start = c.at(s.start);
            s.end = c.at(s.end);
        }
        t.end = c.at(t.end);
    }
    // Sentences too.
    let mut c = Cursor::new(text);
    for s in a.sentences.iter_mut() {
        s.start = c.at(s.start);
        s.end = c.at(s.end);
    }
    // Keyword occurrences and entities are few and in no single order: sorted, then walked.
    let mut ps: Vec<&mut u32> = Vec::new();
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

    #[test]
    fn cursor_agrees_with_char_counting() {
        let t = "aé😀ب\u{200c}c🇸🇦ـ٢";
        let mut c = Cursor::new(t);
        for (i, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            assert_eq!(c.at(i as u32) as usize, t[..i].encode_utf16().count(), "at byte {i}");
        }
    }
}
