"""Documents for the tests, made from text committed in the repository.

`anercorp_documents` cuts the vendored ANERcorp training portion (data/sources/anercorp-train.conll,
CC BY-SA 4.0: news, one `token TAG` a line, a blank line after each sentence) into documents of
consecutive sentences, tokens joined by spaces, one line each. Nothing beside the repository is read.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANERCORP = ROOT / "data" / "sources" / "anercorp-train.conll"
SEED = ROOT / "www" / "samples" / "seed-article-ar.txt"


def sentences(path=ANERCORP):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield " ".join(words)
                    words = []
                continue
            words.append(line.rsplit(" ", 1)[0])
    if words:
        yield " ".join(words)


def anercorp_documents(count=200, per_document=10):
    """`count` documents of `per_document` consecutive sentences each, in corpus order."""
    docs, current = [], []
    for s in sentences():
        current.append(s)
        if len(current) == per_document:
            docs.append(" ".join(current))
            current = []
            if len(docs) == count:
                break
    return docs


# Texts at the edges: empty, spaces only, Latin, digits, emoji (outside the BMP: UTF-16 offsets
# differ from Python's), Arabic with diacritics and tatweel, a tab.
EDGE_TEXTS = [
    "",
    "   ",
    "Hello, world.",
    "٢٠٢٤ عام 2024",
    "قال بوتين 😀 إن روسيا ستدعم كوريا الشمالية 👍🏽.",
    "وَالْكِتَابُ  مُفِيـــدٌ\tجِدًّا",
]
