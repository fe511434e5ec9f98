// Scaling of the wasm engine with input size (issue: linear time, bounded memory).
// Usage: node tools/scaling.mjs [SIZES_MB...]    (default 1 10 50; needs ./kashif build)
//
// For each size, in a fresh wasm instance:
//  - compact: tokensCompact(text) on the whole text (typed arrays, the path for huge inputs);
//  - stream:  the page's worker's path for long texts: pieces of ~250,000 characters cut at line
//    breaks, each pushed into kashif.stream({ tokens: false }) and given to tokensCompact, then
//    finish(): the result of one analyze over the whole text;
//  - chunked: analyze() over ~1 MB chunks cut at line breaks, each its own result (what the
//    worker did before the stream; for comparison);
//  - whole:   analyze() on the whole text at once (1 and 10 MB only: one JS object per token).
// (chunks() counts UTF-16 code units.) Reports time, MB/s and the wasm linear memory after the run (memory never shrinks, so this is
// the peak). Input: real news from ../shared/data/bench when present, else the seed article.
import { readFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const wasmPath = `${root}www/pkg/kashif_bg.wasm`;
if (!existsSync(wasmPath)) throw new Error("www/pkg is missing: run ./kashif build first");
const { Kashif } = await import(`${root}www/kashif-api.js`);
const wasm = readFileSync(wasmPath);

const newsPath = `${root}../shared/data/bench/saudinewsnet-300.jsonl`;
let base, source;
if (existsSync(newsPath)) {
  base = readFileSync(newsPath, "utf8").split("\n").filter(Boolean).map((l) => { const d = JSON.parse(l); return `${d.title}\n${d.content}`; }).join("\n");
  source = "SaudiNewsNet sample (../shared/data/bench)";
} else {
  base = readFileSync(`${root}www/samples/seed-article-ar.txt`, "utf8");
  source = "seed article, repeated (../shared/data/bench/saudinewsnet-300.jsonl, the team's shared news sample beside the project, is absent)";
}
const bytes = (s) => Buffer.byteLength(s, "utf8");
function textOf(mb) {
  const target = mb * 1e6;
  const parts = [];
  let n = 0;
  while (n < target) { parts.push(base); n += bytes(base) + 1; }
  return parts.join("\n");
}
function chunks(text, size = 1 << 20) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    let j = Math.min(text.length, i + size);
    if (j < text.length) { const nl = text.lastIndexOf("\n", j); if (nl > i) j = nl + 1; }
    out.push([i, text.slice(i, j)]);
    i = j;
  }
  return out;
}
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const results = [];
console.log(`input: ${source}`);
console.log("size MB | mode    | seconds | MB/s  | tokens     | wasm memory MB");
for (const mb of sizes.length ? sizes : [1, 10, 50]) {
  const text = textOf(mb);
  const realMb = bytes(text) / 1e6;
  for (const mode of ["compact", "stream", "chunked", "whole"]) {
    if (mode === "whole" && mb > 10) continue;
    const k = await Kashif.load({ wasm });
    const t0 = performance.now();
    let tokens = 0;
    if (mode === "compact") tokens = k.tokensCompact(text).starts.length;
    else if (mode === "stream") {
      const stream = k.stream({ tokens: false });
      for (const [, c] of chunks(text, 250_000)) {
        stream.push(c);
        tokens += k.tokensCompact(c).starts.length;
      }
      stream.finish();
    } else if (mode === "chunked") for (const [, c] of chunks(text)) tokens += k.analyze(c).tokens.length;
    else tokens = k.analyze(text).tokens.length;
    const s = (performance.now() - t0) / 1000;
    const mem = k.memoryBytes() / 1e6;
    results.push({ mb: realMb, mode, seconds: s, mb_per_s: realMb / s, tokens, wasm_memory_mb: mem });
    console.log(`${realMb.toFixed(1).padStart(7)} | ${mode.padEnd(7)} | ${s.toFixed(2).padStart(7)} | ${(realMb / s).toFixed(2).padStart(5)} | ${String(tokens).padStart(10)} | ${mem.toFixed(0)}`);
  }
}
mkdirSync(`${root}artifacts`, { recursive: true });
writeFileSync(`${root}artifacts/scaling.json`, JSON.stringify({ source, node: process.version, results }, null, 2));
