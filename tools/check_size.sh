#!/usr/bin/env bash
# Size budget: fails when the optimized wasm exceeds 1.5 MB gzip or the page's own JS + CSS
# (everything in www/ but the generated www/pkg/ and the corpus mode) exceed 50 KB gzip, or the corpus
# mode's (www/corpus/: loaded only when the reader opens that mode, so it has a budget of its own)
# exceeds 20 KB gzip. Prints the current sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM=www/pkg/kashif_bg.wasm
[ -f "$WASM" ] || { echo "size check: $WASM is missing; run ./kashif build" >&2; exit 1; }
wasm_raw=$(stat -c %s "$WASM")
wasm_gz=$(gzip -9c "$WASM" | wc -c)
page_files=$(find www \( -path www/pkg -o -path www/corpus \) -prune -o -type f \( -name '*.js' -o -name '*.css' -o -name '*.mjs' \) -print | sort)
page_gz=0
for f in $page_files; do page_gz=$((page_gz + $(gzip -9c "$f" | wc -c))); done
corpus_gz=0
for f in $(find www/corpus -type f \( -name '*.js' -o -name '*.css' \) | sort); do corpus_gz=$((corpus_gz + $(gzip -9c "$f" | wc -c))); done
glue_gz=$(gzip -9c www/pkg/kashif.js | wc -c)
printf 'size: wasm %d bytes raw, %d gzip (budget 1572864)\n' "$wasm_raw" "$wasm_gz"
printf 'size: page JS+CSS %d bytes gzip in %d files (budget 51200); wasm-bindgen glue %d gzip\n' "$page_gz" "$(echo "$page_files" | wc -w)" "$glue_gz"
printf 'size: corpus mode JS+CSS %d bytes gzip, loaded on demand (budget 20480)\n' "$corpus_gz"
fail=0
[ "$wasm_gz" -le 1572864 ] || { echo "size check FAILED: the wasm is over 1.5 MB gzip" >&2; fail=1; }
[ "$page_gz" -le 51200 ] || { echo "size check FAILED: the page's JS+CSS is over 50 KB gzip" >&2; fail=1; }
[ "$corpus_gz" -le 20480 ] || { echo "size check FAILED: the corpus mode's JS+CSS is over 20 KB gzip" >&2; fail=1; }
exit $fail
