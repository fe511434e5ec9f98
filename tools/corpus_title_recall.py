#!/usr/bin/env python3
"""Distinctive keywords against ordinary keywords, measured by the editors' titles: the share of
an article's title words found among its top-N ordinary keywords (scored against general Arabic,
as `kashif analyze`) and among its top-N distinctive keywords (scored against the rest of the
corpus, `kashif corpus`), averaged over the articles whose title has at least two content words.

The articles are read as ONE corpus (each one's distinctiveness is against all the others). The
comparison of words is the one of the team's title_recall.py (../shared/tools/), which measures
the ordinary keywords alone: the same light normalization (diacritics and tatweel removed, alef
forms, alef maqsura and teh marbuta folded), one proclitic group stripped when three letters
remain, function words and words under three letters left out of the titles.

Usage:
  tools/corpus_title_recall.py ARTICLES.jsonl FUNCTION_WORDS.txt [--top N] [--kashif PATH]

Example (docs/corpus.md):
  tools/corpus_title_recall.py ../shared/data/bench/saudinewsnet-300.jsonl ../shared/data/function-words.txt
"""
import json, re, subprocess, sys

args = sys.argv[1:]
if len(args) < 2:
    sys.exit(__doc__)
corpus, fw = args[0], args[1]
top = int(args[args.index("--top") + 1]) if "--top" in args else 10
kashif = args[args.index("--kashif") + 1] if "--kashif" in args else "target/release/kashif"


def norm(s):
    s = re.sub("[\u064b-\u0652\u0670\u0640]", "", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه")):
        s = s.replace(a, b)
    return s


def key(w):
    w = norm(w)
    for p in ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


stop = {norm(w) for w in open(fw, encoding="utf-8").read().split()}
words = lambda s: re.findall(r"[\u0621-\u064a\u0671-\u06d3\u0640\u064b-\u0652]+", s)
content = lambda s: {key(w) for w in words(s) if norm(w) not in stop and len(key(w)) >= 3}
keyset = lambda ks: {key(w) for k in ks[:top] for w in words(k["text"])}

arts = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
lines = "".join(json.dumps({"text": " ".join(a["content"].split())}, ensure_ascii=False) + "\n" for a in arts)
out = subprocess.run([kashif, "corpus", "-", "--format", "json", "--top", str(top)], input=lines, capture_output=True, text=True)
if out.returncode != 0:
    sys.exit(f"kashif corpus failed: {out.stderr[-300:]}")
docs = json.loads(out.stdout)["documents"]
assert len(docs) == len(arts), f"{len(docs)} documents for {len(arts)} articles"

ordinary, distinctive, either = [], [], []
for a, d in zip(arts, docs):
    title = content(a.get("title", ""))
    if len(title) < 2:
        continue
    o, s = keyset(d["keywords"]), keyset(d["distinctive"])
    ordinary.append(len(title & o) / len(title))
    distinctive.append(len(title & s) / len(title))
    # the top N/2 of each, as a reader scanning both lists would see
    half = {key(w) for k in d["keywords"][: top // 2] + d["distinctive"][: top // 2] for w in words(k["text"])}
    either.append(len(title & half) / len(title))
n = len(ordinary)
print(f"articles: {len(arts)} in one corpus, {n} with a title of two content words or more")
print(f"title-word recall in the top {top} ordinary keywords:    {sum(ordinary) / n:.3f}")
print(f"title-word recall in the top {top} distinctive keywords: {sum(distinctive) / n:.3f}")
print(f"title-word recall in the top {top // 2} of each:          {sum(either) / n:.3f}")
