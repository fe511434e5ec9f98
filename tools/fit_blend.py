#!/usr/bin/env python3
"""Fits the weights of the blended keyword score (src/keywords/blend.rs) on the development half
of the 300 shared news articles (odd lines), by coordinate search on the very measure the team
uses: title-word recall in the top 10 (../shared/tools/title_recall.py's matching). The held-aside
half (even lines) is scored with the fitted weights for information only; it plays no part in the
fit. The articles are read from ../shared and never written into the repository.

Usage: [START=1,2,1,0.3,1,1] python3 tools/fit_blend.py [target/release/kashif]

The candidates' list is the shipped ranking's with top_n 0 (every candidate, after its one-keyword-
per-subject step), so a fitted proposal is an approximation: measure it through the real ranking
with tools/recall_halves.sh, and check the seed article's checklist (cargo test --test keywords).

Every candidate (top_n 0) is analyzed once with "explain": its facts are re-weighted here, so a
fit takes seconds. Prints the weights in WEIGHTS' order (count, position, spread, name, rarity,
phrase) and the recall of each half.
"""
import json, math, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(root, "..", "shared")
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "release", "kashif")
# title_recall.py runs on import; borrow its two matching functions by reading their source
src = open(os.path.join(shared, "tools", "title_recall.py"), encoding="utf-8").read()
ns = {"re": re}
exec(src[src.index("def norm"):src.index("stop = ")], ns)
norm, key = ns["norm"], ns["key"]
stop = {norm(w) for w in open(os.path.join(shared, "data", "function-words.txt"), encoding="utf-8").read().split()}
words = lambda s: re.findall(r"[\u0621-\u064a\u0671-\u06d3\u0640\u064b-\u0652]+", s)
content = lambda s: {key(w) for w in words(s) if norm(w) not in stop and len(key(w)) >= 3}

arts = [json.loads(l) for l in open(os.path.join(shared, "data", "bench", "saudinewsnet-300.jsonl"), encoding="utf-8") if l.strip()]
halves = {"dev": arts[0::2], "held": arts[1::2]}
opts = json.dumps({"top_n": 0, "explain": True, "tokens": False, "entities": True})

def features(e, count, phrase):
    return [
        math.log(max(count, 1)),
        1.0 / (1.0 + e["first_sentence"]),
        e["sentences"] / max(e["of_sentences"], 1),
        e["in_names"] / max(count, 1),
        (7.0 - min(max(e["zipf"], 2.0), 7.0)) / 5.0,
        1.0 if phrase else 0.0,
    ]

def load(half):
    items = [a for a in halves[half] if len(content(a.get("title", ""))) >= 2]
    docs = "\n".join(" ".join(a["content"].split()) for a in items) + "\n"
    out = subprocess.run([binary, "analyze", "--lines", "--format", "jsonl", "--options", opts], input=docs, capture_output=True, text=True, check=True)
    data = []
    for a, line in zip(items, out.stdout.splitlines()):
        cands = []
        for i, k in enumerate(json.loads(line)["keywords"]):
            cands.append((features(k["explain"], k["count"], k["kind"] == "phrase"), {key(w) for w in words(k["text"])}, i))
        data.append((content(a["title"]), cands))
    return data

def recall(data, w):
    total = 0.0
    for title, cands in data:
        ranked = sorted(cands, key=lambda c: (-sum(a * b for a, b in zip(w, c[0])), c[2]))[:10]
        got = set().union(*(c[1] for c in ranked)) if ranked else set()
        total += len(title & got) / len(title)
    return total / len(data)

dev, held = load("dev"), load("held")
w = [float(x) for x in os.environ.get("START", "1,2,1,0.3,1,1").split(",")]
best = recall(dev, w)
print(f"start {w}: dev {best:.3f} held {recall(held, w):.3f}")
steps = [0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0]
for rnd in range(3):
    changed = False
    for i in range(1, len(w)):  # the count's weight stays 1: the scale
        for v in steps:
            t = w[:i] + [v] + w[i + 1:]
            r = recall(dev, t)
            if r > best + 1e-9:
                best, w, changed = r, t, True
    print(f"round {rnd + 1} {w}: dev {best:.3f} held {recall(held, w):.3f}")
    if not changed:
        break
