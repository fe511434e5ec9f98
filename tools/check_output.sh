#!/usr/bin/env bash
# The analysis output is byte-identical to the recorded one, on the 300 shared news articles
# (../shared/data/bench/saudinewsnet-300.jsonl, one article's content a line, through
# `kashif analyze --lines --format jsonl`). Their text may not be copied into the project (its
# license is non-commercial), so what is recorded is the SHA-256 of the output:
# tests/golden/saudinewsnet-300.sha256. (The seed article's output is recorded whole and checked
# by tests/golden.rs.)
#
#   tools/check_output.sh            check (uses target/release/kashif; build it first)
#   tools/check_output.sh --update   record the current output's digest (after a deliberate
#                                    change of output: say what changed and why in the commit)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/kashif
ARTICLES=../shared/data/bench/saudinewsnet-300.jsonl
DIGEST=tests/golden/saudinewsnet-300.sha256
[ -x "$BIN" ] || { echo "check_output: $BIN is missing; run cargo build --release first" >&2; exit 1; }
if [ ! -f "$ARTICLES" ]; then
  echo "check_output: $ARTICLES is absent (it is in the team's shared data, not in the repository): the 300-article output was NOT checked" >&2
  exit 0
fi
got=$(python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line)["content"].replace("\n", " "))
' "$ARTICLES" | "$BIN" analyze --lines --format jsonl | sha256sum | cut -d" " -f1)
if [ "${1:-}" = --update ]; then
  echo "$got" > "$DIGEST"
  echo "check_output: recorded $got in $DIGEST"
  exit 0
fi
want=$(cat "$DIGEST")
if [ "$got" != "$want" ]; then
  echo "check_output: the output on the 300 shared articles changed (sha256 $got, recorded $want)." >&2
  echo "  Compare with the previous version's output to see what changed; if the change is intended," >&2
  echo "  run tools/check_output.sh --update and say in the commit what changed and why." >&2
  exit 1
fi
echo "check_output: the output on the 300 shared articles is the recorded one ($got)"
