// Browser benchmark of Kashif (www/bench.html). Exposes `window.kashifBench` for
// tools/bench-browser.mjs (headless Chromium) and, for people, a Run button that measures the same
// things in this tab (its cold start is only as cold as this tab's caches).
//
//   kashifBench.cold(text, {split})  fetch + compile + instantiate + first analyze, each timed
//                                    (split: a one-word analysis first, timed apart)
//   kashifBench.warm(text, runs)     median (and all samples) of analyze(text) on a loaded engine
//   kashifBench.tokens(text, runs)   the same for tokensCompact (tokenizer + clitics only)
//   kashifBench.page(text, runs)     the same for what the page's worker calls: analyze without the
//                                    token objects, plus tokensCompact for the tokens
//   kashifBench.entities(text, runs) the entity stage alone: analyze with only entities on, less
//                                    analyze with nothing on (medians of each)
//   kashifBench.segmenter(text, runs) the browser's own word split (Intl.Segmenter, Arabic, word
//                                    granularity), walked to the end and its word-like segments
//                                    counted: the peer the browser targets are ratios of
import { Kashif } from "./kashif-api.js";

const WASM = new URL("./pkg/kashif_bg.wasm", import.meta.url);
const utf8 = new TextEncoder();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

let engine = null;

/** How long each measurement first runs its call untimed. */
const WARM_UP_MS = 500;

async function cold(text, { split = false } = {}) {
  const t0 = performance.now();
  const response = await fetch(WASM, { cache: "no-store" });
  const bytes = await response.arrayBuffer();
  const t1 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t2 = performance.now();
  const k = await Kashif.load({ wasm: module });
  const t3 = performance.now();
  // With `split`, a one-word analysis goes first: what the engine's first use costs by itself
  // (the browser compiles each function when first called, and the word tables are built), apart
  // from the analysis of the text.
  let firstUse = null;
  let before = t3;
  if (split) {
    k.analyze("كلمة");
    before = performance.now();
    firstUse = before - t3;
  }
  const result = k.analyze(text);
  const t4 = performance.now();
  engine = k;
  return {
    first_use_ms: firstUse,
    fetch_ms: t1 - t0,
    compile_ms: t2 - t1,
    instantiate_ms: t3 - t2,
    first_analysis_ms: t4 - before,
    total_ms: t4 - t0,
    since_navigation_ms: t4, // performance.now() counts from the navigation: HTML + modules included
    wasm_bytes: bytes.byteLength,
    words: result.stats.words,
    entities: result.entities.length,
  };
}

async function loaded() {
  engine ??= await Kashif.load();
  return engine;
}

async function timeRuns(f, text, runs) {
  const samples = [];
  // Warm-up: V8 first runs wasm from a quick baseline compile and swaps in optimized code for
  // the hot functions as they run; measuring before that would time the compiler's progress.
  const until = performance.now() + WARM_UP_MS;
  for (let i = 0; i < 3 || performance.now() < until; i += 1) f(text);
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    f(text);
    samples.push(performance.now() - t);
  }
  const ms = median(samples);
  const bytes = utf8.encode(text).length;
  return { median_ms: ms, mb_per_s: bytes / 1e6 / (ms / 1000), bytes, chars: text.length, runs, samples_ms: samples };
}

async function warm(text, runs = 10) {
  const k = await loaded();
  return timeRuns((t) => k.analyze(t), text, runs);
}

async function tokens(text, runs = 10) {
  const k = await loaded();
  if (typeof k.tokensCompact !== "function") return null;
  return timeRuns((t) => k.tokensCompact(t), text, runs);
}

async function page(text, runs = 10) {
  const k = await loaded();
  return timeRuns((t) => {
    k.analyze(t, { tokens: false });
    k.tokensCompact(t);
  }, text, runs);
}

async function entities(text, runs = 5) {
  const k = await loaded();
  const bare = { tokens: false, keywords: false, entities: false };
  const none = await timeRuns((t) => k.analyze(t, bare), text, runs);
  const ents = await timeRuns((t) => k.analyze(t, { ...bare, entities: true }), text, runs);
  const ms = ents.median_ms - none.median_ms;
  return { median_ms: ms, mb_per_s: ents.bytes / 1e6 / (ms / 1000), bytes: ents.bytes, runs, with_ms: ents.median_ms, without_ms: none.median_ms };
}

/** How many word-like segments `Intl.Segmenter` finds (every segment is visited). */
function segmenterWords(segmenter, text) {
  let words = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike) words += 1;
  return words;
}

async function segmenter(text, runs = 10) {
  if (typeof Intl.Segmenter !== "function") return null;
  const seg = new Intl.Segmenter("ar", { granularity: "word" });
  const r = await timeRuns((t) => segmenterWords(seg, t), text, runs);
  return { ...r, words: segmenterWords(seg, text) };
}

/** A text of at least `bytes` UTF-8 bytes: `seed` repeated. */
function repeatTo(seed, bytes) {
  const unit = utf8.encode(seed).length;
  return seed.repeat(Math.ceil(bytes / unit));
}

window.kashifBench = { cold, warm, tokens, page, entities, segmenter, repeatTo, version: async () => (await loaded()).version() };

// --- the page's own run ---------------------------------------------------------------------------

const status = document.getElementById("status");
const button = document.getElementById("run");
const tbody = document.querySelector("#results tbody");

function row(name, ms, mbps, runs) {
  const tr = document.createElement("tr");
  for (const v of [name, ms.toFixed(2), mbps == null ? "" : mbps.toFixed(2), String(runs)]) {
    const td = document.createElement("td");
    td.textContent = v;
    tr.append(td);
  }
  tbody.append(tr);
}

button.addEventListener("click", async () => {
  button.disabled = true;
  tbody.replaceChildren();
  try {
    status.textContent = "running…";
    const seed = await (await fetch("samples/seed-article-ar.txt")).text();
    const small = repeatTo(seed, 10_000);
    const big = repeatTo(seed, 1_000_000);
    const c = await cold(small);
    row("cold start (fetch + compile + instantiate + first 10 KB analysis)", c.total_ms, null, 1);
    const w10 = await warm(small, 20);
    row(`analyze ${Math.round(w10.bytes / 1000)} KB`, w10.median_ms, w10.mb_per_s, w10.runs);
    const p10 = await page(small, 20);
    row(`the page's calls (analyze without token objects + tokensCompact), ${Math.round(p10.bytes / 1000)} KB`, p10.median_ms, p10.mb_per_s, p10.runs);
    const w1m = await warm(big, 5);
    row(`analyze ${(w1m.bytes / 1e6).toFixed(2)} MB`, w1m.median_ms, w1m.mb_per_s, w1m.runs);
    const t1m = await tokens(big, 5);
    if (t1m) row(`tokensCompact ${(t1m.bytes / 1e6).toFixed(2)} MB`, t1m.median_ms, t1m.mb_per_s, t1m.runs);
    const s1m = await segmenter(big, 5);
    if (s1m) {
      row(`Intl.Segmenter word split ${(s1m.bytes / 1e6).toFixed(2)} MB`, s1m.median_ms, s1m.mb_per_s, s1m.runs);
      row(`analyze ÷ Intl.Segmenter (speed ratio)`, w1m.mb_per_s / s1m.mb_per_s, null, 1);
    }
    status.textContent = `done (Kashif ${engine.version()})`;
  } catch (err) {
    status.textContent = `failed: ${err?.message ?? err}`;
  } finally {
    button.disabled = false;
  }
});
button.disabled = false;
status.textContent = "ready";
document.body.dataset.state = "ready";
