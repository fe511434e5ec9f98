#!/usr/bin/env bash
# Memory and time of `kashif analyze FILE` (one document, streamed in pieces) on about 50 MB of
# news: the issue's target is a peak resident size of at most 10x the input's size. Runs
# `--format jsonl` and `--format json` once each under /usr/bin/time -v and prints the input's
# size, each run's wall time, maximum resident size and its ratio to the input.
#
#   tools/bench-document.sh [MB] [BIN]   (from the project's root; MB defaults to 50, BIN to
#                                         target/release/kashif, built here when it is the default)
#
# Input: the `content` fields of ../shared/data/bench/saudinewsnet-300.jsonl, one article a
# paragraph, repeated (benchmark input only, CC BY-NC-SA: it is written to a temporary file,
# never into the repository). Without ../shared it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
BIN=${2:-}
SRC=../shared/data/bench/saudinewsnet-300.jsonl
if [ ! -f "$SRC" ]; then
  echo "bench-document: $SRC is missing (the shared benchmark data sits beside the project, not in it); skipping the memory run" >&2
  exit 0
fi
command -v python3 >/dev/null || { echo "bench-document: python3 is needed to extract the articles' text" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-document: /usr/bin/time is needed for the peak memory (apt-get install time)" >&2; exit 1; }
if [ -z "$BIN" ]; then
  cargo build --release --bin kashif >&2
  BIN=target/release/kashif
fi
INPUT=$(mktemp /tmp/kashif-document-XXXXXX.txt)
OUT=$(mktemp /tmp/kashif-document-out-XXXXXX)
trap 'rm -f "$INPUT" "$OUT" "$OUT.time"' EXIT
python3 - "$SRC" "$INPUT" "$MB" <<'EOF'
import json, sys
articles = [json.loads(l)["content"].strip() for l in open(sys.argv[1], encoding="utf-8")]
block = "".join(a + "\n\n" for a in articles)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(block * max(1, round(float(sys.argv[3]) * 1_000_000 / len(block.encode("utf-8")))))
EOF
size=$(stat -c %s "$INPUT")
echo "input: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB), $BIN"
for format in jsonl json; do
  /usr/bin/time -v "$BIN" analyze "$INPUT" --format "$format" >"$OUT" 2>"$OUT.time"
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$OUT.time")
  printf -- '--format %-5s  wall %s  max RSS %d MiB = %.1fx the input  output %d bytes\n' \
    "$format" "$wall" $((rss / 1024)) "$(awk -v r="$rss" -v s="$size" 'BEGIN { print r * 1024 / s }')" "$(stat -c %s "$OUT")"
done
