"""Builds data/lexicon.bin, the embedded word-frequency lexicon, from wordfreq's Arabic list.

    python3 tools/build_lexicon.py [SOURCE] [N]
    python3 tools/build_lexicon.py ../shared/data/wordfreq-ar.tsv --extract data/sources/wordfreq-ar-top.tsv.gz

SOURCE defaults to data/sources/wordfreq-ar-top.tsv.gz, the vendored extract of the full list
(a name ending in .gz is read gzipped); N defaults to 150,000.

Input: one `form<TAB>log10 frequency` a line (the wordfreq package's Arabic list, data
CC BY-SA 4.0). Each form is folded to the segmenter's letter key: diacritics, tatweel and
invisible marks removed, alef forms → ا, ى → ي, ؤ → و, ئ → ي, Persian letters to Arabic ones.
Unlike the matching key, teh marbuta ة is kept apart from ه, because the clitic segmenter
needs it (كتابه his book, كتابة writing). Forms with other characters are dropped; forms that
fold together have their frequencies summed. The N most frequent keys are kept.

--extract OUT writes, instead of the lexicon, the lines of SOURCE that the lexicon is built
from (every form of the N kept keys, in SOURCE's order), gzipped reproducibly: the vendored
extract, from which this script rebuilds the same lexicon.bin as from the full list.

Output format (all integers unsigned):
  b"KLX1"                         magic
  u8 A, then A bytes of UTF-8     the alphabet: letter code i+1 is the i-th char
  u32 little-endian count
  count records, sorted by code bytes:
    u8 shared prefix length with the previous key, u8 suffix length, suffix codes,
    u8 q where zipf = q / 20 (zipf = log10 frequency + 9)
"""
import argparse
import gzip
import math
import os
import struct
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEFAULT_SOURCE = os.path.join(ROOT, "data", "sources", "wordfreq-ar-top.tsv.gz")

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


def read_lines(src):
    """The lines of SOURCE, gunzipped when its name ends in .gz."""
    try:
        f = gzip.open(src, "rt", encoding="utf-8") if src.endswith(".gz") else open(src, encoding="utf-8")
        with f:
            return [line.rstrip("\n") for line in f]
    except OSError as e:
        sys.exit(f"build_lexicon: cannot read {src}: {e.strerror}. Pass the wordfreq list as SOURCE "
                 f"(the vendored extract is data/sources/wordfreq-ar-top.tsv.gz; the full list ../shared/data/wordfreq-ar.tsv)")


def top_keys(lines, n):
    """The n most frequent folded keys with their summed frequencies, and for each line its key."""
    freq = {}
    keys = []
    for line in lines:
        form, f = line.split("\t")
        k = fold(form)
        keys.append(k)
        if k:
            freq[k] = freq.get(k, 0.0) + 10 ** float(f)
    if len(freq) < n:
        sys.exit(f"build_lexicon: the source holds {len(freq)} keys, fewer than N = {n}; "
                 f"for more than the vendored extract holds, pass the full list ../shared/data/wordfreq-ar.tsv")
    return sorted(freq.items(), key=lambda kv: -kv[1])[:n], keys


def write_extract(lines, keys, top, out):
    """The lines whose key is kept, gzipped with no name or time in the header (same bytes every run)."""
    kept = {k for k, _ in top}
    text = "".join(line + "\n" for line, k in zip(lines, keys) if k in kept)
    with open(out, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as z:
            z.write(text.encode("utf-8"))
    print(f"{out}: {text.count(chr(10))} lines of {len(lines)}, {os.path.getsize(out)} bytes", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description="Builds data/lexicon.bin from wordfreq's Arabic list.")
    ap.add_argument("source", nargs="?", default=DEFAULT_SOURCE, help="form<TAB>log10 frequency lines (.gz read gzipped)")
    ap.add_argument("n", nargs="?", type=int, default=150_000, help="how many keys to keep")
    ap.add_argument("--extract", metavar="OUT", help="write the lines the lexicon uses to OUT (gzip) instead")
    args = ap.parse_args()
    lines = read_lines(args.source)
    top, line_keys = top_keys(lines, args.n)
    if args.extract:
        write_extract(lines, line_keys, top, args.extract)
        return
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
    open(os.path.join(ROOT, "data", "lexicon.bin"), "wb").write(out)
    print(f"{len(keys)} keys, {len(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
