#!/usr/bin/env python3
"""Builds data/lexicon.bin, the embedded word-frequency lexicon, from wordfreq's Arabic list.

    python3 tools/build_lexicon.py [../shared/data/wordfreq-ar.tsv] [N]

Input: one `form<TAB>log10 frequency` a line (the wordfreq package's Arabic list, data
CC BY-SA 4.0). Each form is folded to the segmenter's letter key: diacritics, tatweel and
invisible marks removed, alef forms → ا, ى → ي, ؤ → و, ئ → ي, Persian letters to Arabic ones.
Unlike the matching key, teh marbuta ة is kept apart from ه, because the clitic segmenter
needs it (كتابه his book, كتابة writing). Forms with other characters are dropped; forms that
fold together have their frequencies summed. The N most frequent keys are kept.

Output format (all integers unsigned):
  b"KLX1"                         magic
  u8 A, then A bytes of UTF-8     the alphabet: letter code i+1 is the i-th char
  u32 little-endian count
  count records, sorted by code bytes:
    u8 shared prefix length with the previous key, u8 suffix length, suffix codes,
    u8 q where zipf = q / 20 (zipf = log10 frequency + 9)
"""
import math
import struct
import sys

ALPHABET = "ءابةتثجحخدذرزسشصضطظعغفقكلمنهوي" + "پچژگڤڨ"
FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي",
        "ک": "ك", "ڪ": "ك", "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي", "ۓ": "ي", "ۀ": "ة", "ۃ": "ة",
        "ە": "ه", "ھ": "ه", "ہ": "ه"}


def drop(c):
    o = ord(c)
    return (0x064B <= o <= 0x065F or o == 0x0670 or 0x0610 <= o <= 0x061A or 0x06D6 <= o <= 0x06ED
            or o == 0x0640 or o in (0x00AD, 0x061C, 0xFEFF) or 0x200B <= o <= 0x200F
            or 0x202A <= o <= 0x202E or 0x2060 <= o <= 0x2069)


def fold(form):
    out = []
    for c in form:
        if drop(c):
            continue
        c = FOLD.get(c, c)
        if c not in ALPHABET:
            return None
        out.append(c)
    return "".join(out) or None


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/wordfreq-ar.tsv"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 150_000
    freq = {}
    for line in open(src, encoding="utf-8"):
        form, f = line.rstrip("\n").split("\t")
        k = fold(form)
        if k:
            freq[k] = freq.get(k, 0.0) + 10 ** float(f)
    top = sorted(freq.items(), key=lambda kv: -kv[1])[:n]
    code = {c: i + 1 for i, c in enumerate(ALPHABET)}
    keys = sorted((bytes(code[c] for c in k), max(0, min(255, round((math.log10(v) + 9) * 20)))) for k, v in top)
    out = bytearray(b"KLX1")
    alpha = ALPHABET.encode("utf-8")
    out.append(len(alpha))
    out += alpha
    out += struct.pack("<I", len(keys))
    prev = b""
    for k, q in keys:
        assert len(k) < 256
        s = 0
        while s < min(len(k), len(prev)) and k[s] == prev[s]:
            s += 1
        out += bytes([s, len(k) - s]) + k[s:] + bytes([q])
        prev = k
    open("data/lexicon.bin", "wb").write(out)
    print(f"{len(keys)} keys, {len(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
