#!/usr/bin/env bash
# `kashif analyze --lines --format jsonl` with --jobs 1 against --jobs N (default 2) on about
# 10 MB of news, one article a line: the runs alternate (1, N, 1, N, ...) so that a machine
# shared with other work slows both alike. Prints each run, the medians and their ratio.
#
#   tools/bench-jobs.sh [N] [RUNS]      (from the project's root; RUNS defaults to 5)
#
# Input: the `content` fields of ../shared/data/bench/saudinewsnet-300.jsonl (benchmark input
# only, CC BY-NC-SA: it is written to a temporary file, never into the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2}
RUNS=${2:-5}
SRC=../shared/data/bench/saudinewsnet-300.jsonl
if [ ! -f "$SRC" ]; then
  echo "bench-jobs: $SRC is missing (the shared benchmark data sits beside the project, not in it); skipping the --jobs comparison" >&2
  exit 0
fi
command -v python3 >/dev/null || { echo "bench-jobs: python3 is needed to extract the articles' text" >&2; exit 1; }
cargo build --release --bin kashif >&2
BIN=target/release/kashif
INPUT=$(mktemp /tmp/kashif-jobs-XXXXXX.txt)
trap 'rm -f "$INPUT"' EXIT
python3 - "$SRC" "$INPUT" <<'EOF'
import json, sys
lines = [json.loads(l)["content"].replace("\r", " ").replace("\n", " ") for l in open(sys.argv[1], encoding="utf-8")]
block = "".join(l + "\n" for l in lines)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(block * max(1, round(10_000_000 / len(block.encode("utf-8")))))
EOF
echo "input: $(wc -c <"$INPUT") bytes, $(wc -l <"$INPUT") lines; $(nproc) cores" >&2
# the first run of each only warms the page cache and checks that the outputs agree
a=$("$BIN" analyze --lines --format jsonl --jobs 1 <"$INPUT" | md5sum)
b=$("$BIN" analyze --lines --format jsonl --jobs "$N" <"$INPUT" | md5sum)
[ "$a" = "$b" ] || { echo "bench-jobs: --jobs 1 and --jobs $N gave different output" >&2; exit 1; }
seconds() { # runs the command given, prints its wall time in seconds
  local t0 t1
  t0=$(date +%s%N)
  "$@" <"$INPUT" >/dev/null
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}
one=() many=()
for i in $(seq "$RUNS"); do
  one+=("$(seconds "$BIN" analyze --lines --format jsonl --jobs 1)")
  many+=("$(seconds "$BIN" analyze --lines --format jsonl --jobs "$N")")
  echo "run $i: --jobs 1 ${one[-1]} s, --jobs $N ${many[-1]} s" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m1=$(median "${one[@]}")
mn=$(median "${many[@]}")
echo "median: --jobs 1 $m1 s, --jobs $N $mn s; speed-up $(awk -v a="$m1" -v b="$mn" 'BEGIN { printf "%.2f", a / b }')x"
