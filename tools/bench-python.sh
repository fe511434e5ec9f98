#!/usr/bin/env bash
# The Python package's benchmarks (not tests): run by `./kashif bench python`, after it has built
# the wheel into target/wheels/ (`./kashif python`).
#
#   tools/bench-python.sh [RUNS]      (from the project's root)
#
# 1. kashif.analyze_many over about 1 MB of news against CAMeL Tools' simple_word_tokenize after
#    its normalization, in one run, in MB/s and their ratio;
# 2. the Spark job on local[2] against the CLI's --lines --jobs 2, on 10 MB: Spark's overhead.
# (tools/bench_python.py says how.) Input: the `content` fields of
# ../shared/data/bench/saudinewsnet-300.jsonl (CC BY-NC-SA: benchmark input only, never copied
# into the repository); without it the script says so and exits 0.
#
# CAMeL Tools goes into a virtual environment of its own, target/python/bench-venv, with the
# wheel: never a dependency of the product. Only its tokenizer and normalization modules are
# used, so it is installed without its dependencies (torch, transformers: gigabytes) and with the
# three those modules import (six, emoji, regex).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
SRC=../shared/data/bench/saudinewsnet-300.jsonl
if [ ! -f "$SRC" ]; then
  echo "bench-python: $SRC is missing (the shared benchmark data sits beside the project, not in it); skipping the Python benchmarks" >&2
  exit 0
fi
WHEEL=$(ls target/wheels/kashif-*.whl 2>/dev/null | head -1 || true)
[ -n "$WHEEL" ] || { echo "bench-python: no wheel in target/wheels: run ./kashif python first" >&2; exit 1; }
BENCH=target/python/bench-venv
[ -x "$BENCH/bin/python" ] || python3 -m venv "$BENCH"
PY="$BENCH/bin/python"
pip() { "$PY" -m pip install --quiet --disable-pip-version-check "$@"; }
pip --force-reinstall --no-deps "$WHEEL"
"$PY" -c "import pyspark" 2>/dev/null || pip "pyspark>=3.5,<5"
if ! "$PY" -c "import camel_tools.tokenizers.word, camel_tools.utils.normalize, camel_tools.utils.dediac" 2>/dev/null; then
  echo "bench-python: installing CAMeL Tools (without its model dependencies) in $BENCH" >&2
  pip --no-deps camel-tools && pip six emoji regex \
    || echo "bench-python: CAMeL Tools could not be installed here; its figure is left out" >&2
fi
cargo build --release --bin kashif >&2
echo "== kashif.analyze_many against CAMeL Tools (about 1 MB of news)"
"$PY" tools/bench_python.py throughput "$SRC" "$RUNS"
echo "== the Spark job on local[2] against the CLI's --lines --jobs 2"
"$PY" tools/bench_python.py spark "$SRC" target/release/kashif 3 10
