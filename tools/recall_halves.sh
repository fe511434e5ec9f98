#!/usr/bin/env bash
# Title-word recall (../shared/tools/title_recall.py) of the keyword ranking on the two halves of
# the 300 shared news articles: the development half (odd lines: 1st, 3rd, ...), on which the
# ranking's weights were fitted, and the held-aside half (even lines), which checks that what was
# fitted generalizes. The halves are written to /tmp only: the articles' text may not be copied
# into the repository (its license is non-commercial).
#
#   tools/recall_halves.sh [ANALYZE OPTIONS...]    e.g. --options '{"ranking":"keyness"}'
#
# Uses target/release/kashif (build it first). Prints one line per half.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/kashif
SHARED=../shared
ARTICLES=$SHARED/data/bench/saudinewsnet-300.jsonl
[ -x "$BIN" ] || { echo "recall_halves: $BIN is missing; run cargo build --release first" >&2; exit 1; }
[ -f "$ARTICLES" ] || { echo "recall_halves: $ARTICLES is absent (team shared data, not in the repository)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/kashif-halves.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
awk 'NR % 2 == 1' "$ARTICLES" > "$tmp/dev.jsonl"
awk 'NR % 2 == 0' "$ARTICLES" > "$tmp/held.jsonl"
for half in dev held; do
  printf '%-5s ' "$half"
  python3 "$SHARED/tools/title_recall.py" "$tmp/$half.jsonl" "$SHARED/data/function-words.txt" -- \
    "$BIN" analyze --lines --format jsonl "$@"
done
# The share of top-10 entries holding a function word (../shared/data/function-words.txt, same
# light normalization as the scorer), over all 300 articles.
python3 - "$ARTICLES" "$SHARED/data/function-words.txt" "$BIN" "$@" <<'PY'
import json, re, subprocess, sys
arts, fw, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
def norm(s):
    s = re.sub("[\u064b-\u0652\u0670\u0640]", "", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه")):
        s = s.replace(a, b)
    return s
stop = {norm(w) for w in open(fw, encoding="utf-8").read().split()}
docs = [" ".join(json.loads(l)["content"].split()) for l in open(arts, encoding="utf-8") if l.strip()]
out = subprocess.run([cmd[0], "analyze", "--lines", "--format", "jsonl"] + cmd[1:], input="\n".join(docs) + "\n", capture_output=True, text=True, check=True)
entries = bad = 0
for l in out.stdout.splitlines():
    for k in json.loads(l)["keywords"][:10]:
        entries += 1
        bad += any(norm(w) in stop for w in k["text"].split())
print(f"function words: {bad} of {entries} top-10 entries ({100 * bad / max(entries, 1):.2f}%) over {len(docs)} articles")
PY
