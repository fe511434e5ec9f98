// Browser benchmark (issue 7): runs www/bench.html in headless Chromium (playwright-core) and
// prints a table; writes artifacts/bench-browser.json. Run by `./kashif bench` (after the build).
//
// Measures: cold start (fetch + compile + instantiate + first analysis of a 10 KB article, each in
// a fresh browser context, median of 5), analyze() on a 10 KB article (median of 20) and on a 1 MB
// input (median of 5), in ms and MB/s (UTF-8 bytes, 1 MB = 10^6 bytes), and tokensCompact on 1 MB.
//
// Comparison: wink-nlp's tokenizer. wink-nlp is published as CommonJS only (require() throughout,
// no ES module build), so it cannot be loaded in the page without a bundler; rather than bundle
// it, this script runs it in Node on the same text, next to Kashif's same wasm in Node. Its model
// is English (wink-eng-lite-web-model): on Arabic it splits on spaces and punctuation only, so this
// compares raw tokenizer speed, not quality.
//
// Input: the bundled seed article (www/samples/seed-article-ar.txt) repeated. When
// ../shared/data/bench/saudinewsnet-300.jsonl is present it is read at run time (never copied
// into the repository: its license is non-commercial) for extra rows on real, varied articles.
//
// Usage: node tools/bench-browser.mjs [--cold N] [--runs N]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serve } from "./serve.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WWW = path.join(ROOT, "www");
const CORPUS = path.join(ROOT, "..", "shared", "data", "bench", "saudinewsnet-300.jsonl");
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const COLD = arg("--cold", 5);
const RUNS_SMALL = arg("--runs", 20);
const RUNS_BIG = Math.max(3, Math.round(RUNS_SMALL / 4));

function die(message) {
  console.error(`bench-browser: ${message}`);
  process.exit(1);
}

if (!existsSync(CHROMIUM)) die(`${CHROMIUM} is missing (apt-get install chromium)`);
for (const f of ["pkg/kashif_bg.wasm", "pkg/kashif.js", "bench.html", "bench.js"]) {
  if (!existsSync(path.join(WWW, f))) die(`www/${f} is missing (run ./kashif build)`);
}
const { chromium } = await import("playwright-core").catch((e) => die(`cannot load playwright-core (npm ci): ${e.message}`));
const require = createRequire(import.meta.url);
let winkNLP, winkModel;
try {
  winkNLP = require("wink-nlp");
  winkModel = require("wink-eng-lite-web-model");
} catch (e) {
  die(`cannot load wink-nlp / wink-eng-lite-web-model (npm ci): ${e.message}`);
}

// --- inputs ----------------------------------------------------------------------------------------

const bytesOf = (s) => Buffer.byteLength(s, "utf8");
/** `unit` repeated and cut at the last whitespace before `bytes` UTF-8 bytes. */
function repeatTo(unit, bytes) {
  const long = unit.repeat(Math.ceil(bytes / bytesOf(unit)) + 1);
  const cut = Buffer.from(long, "utf8").subarray(0, bytes).toString("utf8").replace(/\uFFFD$/, "");
  return cut.slice(0, Math.max(cut.search(/\s\S*$/), 1));
}
const seed = readFileSync(path.join(WWW, "samples", "seed-article-ar.txt"), "utf8");
const inputs = [
  { id: "seed-10k", label: "10 KB article (seed repeated)", text: repeatTo(seed + "\n", 10_000), runs: RUNS_SMALL },
  { id: "seed-1m", label: "1 MB (seed repeated)", text: repeatTo(seed + "\n", 1_000_000), runs: RUNS_BIG },
];
let corpusNote = `${path.relative(ROOT, CORPUS)} absent (the team's shared data folder beside the project; not in the repository, its license is non-commercial): the news rows are skipped`;
if (existsSync(CORPUS)) {
  const articles = readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).content ?? "");
  const small = repeatTo(articles.map((a) => a.trim()).join("\n\n"), 10_000);
  const all = articles.map((a) => a.trim()).join("\n\n");
  inputs.push(
    { id: "news-10k", label: "10 KB news (SaudiNewsNet)", text: small, runs: RUNS_SMALL },
    { id: "news-1m", label: "1 MB news (SaudiNewsNet)", text: repeatTo(all + "\n\n", 1_000_000), runs: RUNS_BIG },
  );
  corpusNote = `${path.relative(ROOT, CORPUS)} read at run time (${articles.length} articles; not stored in the repository)`;
}
const coldText = inputs[0].text;

// --- the browser -------------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const server = await serve(WWW, 0);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const results = {
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, chromium: browser.version() },
  input: { seed: "www/samples/seed-article-ar.txt repeated", corpus: corpusNote },
  units: "ms; MB/s = UTF-8 bytes / 10^6 per second",
  browser: {},
  node: {},
};
try {
  const open = async (context) => {
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error(`bench page error: ${e}`));
    await page.goto(`${server.url}bench.html`, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    return page;
  };

  // Cold starts, alternating with ones whose first analysis is split: a one-word analysis (the
  // engine's first use) and then the article.
  const colds = [];
  const splits = [];
  for (let i = 0; i < 2 * COLD; i += 1) {
    const context = await browser.newContext(); // nothing cached: a first visit
    const page = await open(context);
    const split = i % 2 === 1;
    (split ? splits : colds).push(await page.evaluate(([t, split]) => window.kashifBench.cold(t, { split }), [coldText, split]));
    await context.close();
  }
  // (first_use_ms is null in the plain runs: it stays null)
  const medians = (runs) => ({
    ...Object.fromEntries(Object.keys(runs[0]).map((k) => [k, runs[0][k] == null ? null : median(runs.map((c) => c[k]))])),
    runs: runs.length,
  });
  results.browser.cold_start = medians(colds);
  results.browser.cold_start_split = medians(splits);

  const context = await browser.newContext();
  const page = await open(context);
  results.version = await page.evaluate(() => window.kashifBench.version());
  for (const input of inputs) {
    const r = await page.evaluate(([t, n]) => window.kashifBench.warm(t, n), [input.text, input.runs]);
    results.browser[`analyze:${input.id}`] = { label: input.label, ...r };
  }
  for (const input of inputs) {
    const r = await page.evaluate(([t, n]) => window.kashifBench.page(t, n), [input.text, input.runs]);
    results.browser[`page:${input.id}`] = { label: input.label, ...r };
  }
  for (const input of inputs.filter((i) => i.id.endsWith("1m"))) {
    const r = await page.evaluate(([t, n]) => window.kashifBench.entities(t, n), [input.text, input.runs]);
    results.browser[`entities:${input.id}`] = { label: input.label, ...r };
  }
  for (const input of inputs.filter((i) => i.id.endsWith("1m"))) {
    const r = await page.evaluate(([t, n]) => window.kashifBench.tokens(t, n), [input.text, input.runs]);
    if (r) results.browser[`tokensCompact:${input.id}`] = { label: input.label, ...r };
  }
  // The browser targets are ratios to the browser's own word split, measured in the same
  // page right after Kashif's rows (same tab, same warm-up, same input).
  for (const input of inputs) {
    const r = await page.evaluate(([t, n]) => window.kashifBench.segmenter(t, n), [input.text, input.runs]);
    if (r) results.browser[`Intl.Segmenter:${input.id}`] = { label: input.label, ...r };
  }
  await context.close();
} finally {
  await browser.close().catch(() => {});
  await server.close();
}

// --- Node: Kashif (same wasm) and wink-nlp -------------------------------------------------------------

function timeRuns(f, text, runs) {
  // warm-up, as in www/bench.js: until V8 has optimized the hot code
  const until = performance.now() + 500;
  for (let i = 0; i < 3 || performance.now() < until; i += 1) f(text);
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    f(text);
    samples.push(performance.now() - t);
  }
  const ms = median(samples);
  const bytes = bytesOf(text);
  return { median_ms: ms, mb_per_s: bytes / 1e6 / (ms / 1000), bytes, runs, samples_ms: samples };
}
const { Kashif } = await import(pathToFileURL(path.join(WWW, "kashif-api.js")).href);
const kashif = await Kashif.load({ wasm: readFileSync(path.join(WWW, "pkg", "kashif_bg.wasm")) });
const wink = winkNLP(winkModel, []); // empty pipe: tokenization only
for (const input of inputs) {
  results.node[`kashif analyze:${input.id}`] = { label: input.label, ...timeRuns((t) => kashif.analyze(t), input.text, input.runs) };
  if (typeof kashif.tokensCompact === "function") {
    results.node[`kashif tokensCompact:${input.id}`] = { label: input.label, ...timeRuns((t) => kashif.tokensCompact(t), input.text, input.runs) };
  }
  results.node[`wink-nlp tokenize:${input.id}`] = { label: input.label, ...timeRuns((t) => wink.readDoc(t), input.text, input.runs) };
}
// Token counts on the 10 KB article, to show both split the same text into comparable units.
results.tokens_on_10k = {
  kashif: kashif.analyze(coldText, { keywords: false, entities: false }).tokens.length,
  wink: wink.readDoc(coldText).tokens().length(),
};

// --- report ----------------------------------------------------------------------------------------

const f2 = (x) => (x == null ? "" : x.toFixed(x >= 100 ? 0 : 2));
const rows = [["where", "measure", "input", "median ms", "MB/s", "runs"]];
const c = results.browser.cold_start;
rows.push(["Chromium", "cold start: fetch + compile + instantiate + first analysis", inputs[0].label, f2(c.total_ms), "", String(c.runs)]);
rows.push(["", `  (fetch ${f2(c.fetch_ms)}, compile ${f2(c.compile_ms)}, instantiate ${f2(c.instantiate_ms)}, first analysis ${f2(c.first_analysis_ms)}; ${f2(c.since_navigation_ms)} since navigation)`, "", "", "", ""]);
const cs = results.browser.cold_start_split;
rows.push(["", `  (other fresh contexts: a one-word analysis first ${f2(cs.first_use_ms)}, the article after it ${f2(cs.first_analysis_ms)}; ${cs.runs} runs)`, "", "", "", ""]);
for (const [where, group] of [["Chromium", results.browser], ["Node", results.node]]) {
  for (const [key, r] of Object.entries(group)) {
    if (key.startsWith("cold_start")) continue;
    const what = key.split(":")[0];
    const name = { page: "the page's calls: analyze {tokens:false} + tokensCompact", "Intl.Segmenter": "Intl.Segmenter word split (ar), walked, word-like counted", entities: "entity stage (analyze with entities only, less analyze with nothing)" }[what] ?? what;
    rows.push([where, name, r.label, f2(r.median_ms), f2(r.mb_per_s), String(r.runs)]);
  }
}
// Ratios to Intl.Segmenter on the same input in the same page (the targets: >= 0.25).
results.ratios = {};
for (const input of inputs) {
  const seg = results.browser[`Intl.Segmenter:${input.id}`];
  if (!seg) continue;
  for (const what of ["analyze", "page"]) {
    const r = results.browser[`${what}:${input.id}`];
    if (!r) continue;
    const ratio = r.mb_per_s / seg.mb_per_s;
    results.ratios[`${what}/Intl.Segmenter:${input.id}`] = ratio;
    rows.push(["Chromium", `${what} ÷ Intl.Segmenter (speed ratio)`, input.label, "", ratio.toFixed(3), ""]);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.filter((r) => r[i].length < 90).map((r) => r[i].length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((v, j) => (j >= 3 ? v.padStart(widths[j]) : v.padEnd(widths[j]))).join("  ").trimEnd());
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
console.log(`\nKashif ${results.version}; ${results.machine.cpu} (${results.machine.cores} cores); Chromium ${results.machine.chromium}; Node ${results.machine.node}`);
console.log(`input: seed article repeated; corpus: ${corpusNote}`);
console.log(`tokens on the 10 KB article: Kashif ${results.tokens_on_10k.kashif}, wink-nlp ${results.tokens_on_10k.wink}`);
console.log("wink-nlp runs in Node, not in the page: it is CommonJS only and nothing is bundled. Its English model");
console.log("only splits Arabic on spaces and punctuation: a speed reference, not a quality one.");
mkdirSync(path.join(ROOT, "artifacts"), { recursive: true });
writeFileSync(path.join(ROOT, "artifacts", "bench-browser.json"), JSON.stringify(results, null, 1) + "\n");
console.log("written: artifacts/bench-browser.json");
