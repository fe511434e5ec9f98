#!/usr/bin/env python3
"""The corpus benchmark's input (issue 20: 2,000 news articles, about 11 MB, as one JSON Lines
file), made from the ANT corpus (../shared/data/unlabeled/ant-v1.1.jsonl: 10,138 Tunisian news
articles, Apache-2.0). ANT's articles are short (1.4 KB on average), so each benchmark document is
five consecutive ANT articles (id, title and date of the first): 2,000 documents of about 5.5 KB,
the size of a long news article. Written outside the repository (default target/bench/).

Usage: tools/make_corpus_bench.py [ANT.jsonl] [OUT.jsonl] [--documents N] [--per K]
"""
import json, os, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
opt = lambda name, default: int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default
src = args[0] if args else "../shared/data/unlabeled/ant-v1.1.jsonl"
out = args[1] if len(args) > 1 else "target/bench/corpus-2000.jsonl"
n, per = opt("--documents", 2000), opt("--per", 5)
if not os.path.exists(src):
    sys.exit(f"{src} is missing: the ANT corpus is in the team's shared data (see docs/corpus.md)")
arts = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        group = arts[(i * per) % len(arts):(i * per) % len(arts) + per]
        first = group[0]
        doc = {"id": first["id"], "title": first["title"], "date": first["date"], "text": "\n\n".join(a["content"] for a in group)}
        f.write(json.dumps(doc, ensure_ascii=False) + "\n")
print(f"{out}: {n} documents, {os.path.getsize(out) / 1e6:.1f} MB")
