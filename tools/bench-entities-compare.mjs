// The entity stage of two versions of Kashif side by side in one headless Chromium: each
// checkout's www/ (after `./kashif build` there) served on its own port and opened as its own
// page; each round calls `kashifBench.entities` (analyze with only entities on, less analyze
// with nothing on) on two inputs for both versions, the order of the versions flipping every
// round so that neither always goes first. Prints best and median stage times, the speed ratio
// new/old (also as the median of per-round ratios, the steadier figure on a shared machine),
// and what each version finds on the smaller input; writes the samples as JSON.
//
//   node tools/bench-entities-compare.mjs OLD_WWW NEW_WWW [--rounds R] [--runs N] [--out FILE]
//
// Defaults: 12 rounds, 3 runs a call, artifacts/bench-entities-compare.json. The old version is
// typically a worktree of an earlier commit: `git worktree add /tmp/old COMMIT && (cd /tmp/old
// && ./kashif build)`. Inputs, read at run time from ../shared/data/bench/saudinewsnet-300.jsonl
// (non-commercial license: never copied into the repository): (a) all its contents joined with
// blank lines (about 1 MB), (b) the first 30 (about 100 KB). Used for docs/entities-2.md,
// "Speed of the entity stage, second round".
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = path.join(ROOT, "..", "shared", "data", "bench", "saudinewsnet-300.jsonl");
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows"];

// --- arguments ---------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opts = { rounds: 12, runs: 3, out: path.join(ROOT, "artifacts", "bench-entities-compare.json") };
const positional = [];
for (let i = 0; i < argv.length; i += 1) {
  const a = argv[i];
  if (a === "--rounds") opts.rounds = Number(argv[++i]);
  else if (a === "--runs") opts.runs = Number(argv[++i]);
  else if (a === "--out") opts.out = argv[++i];
  else if (a.startsWith("--")) { console.error(`compare: unknown option ${a}`); process.exit(2); }
  else positional.push(a);
}
if (!(opts.rounds >= 1) || !(opts.runs >= 1)) { console.error("compare: --rounds and --runs must be >= 1"); process.exit(2); }
if (positional.length !== 2) {
  console.error("usage: node tools/bench-entities-compare.mjs OLD_WWW NEW_WWW [--rounds R] [--runs N] [--out FILE]");
  process.exit(2);
}
if (!existsSync(CORPUS)) {
  console.error(`compare: ${CORPUS} is missing (it is in the team's shared data, beside the repository)`);
  process.exit(1);
}
const versions = [
  { name: "old", www: path.resolve(positional[0]) },
  { name: "new", www: path.resolve(positional[1]) },
];
for (const v of versions) {
  for (const f of ["bench.html", "bench.js", "kashif-api.js", "pkg/kashif_bg.wasm", "pkg/kashif.js"]) {
    if (!existsSync(path.join(v.www, f))) { console.error(`compare: ${v.www}/${f} is missing (./kashif build in that checkout)`); process.exit(1); }
  }
}

// playwright-core: this checkout's (./kashif test installs it), else either version's
function loadPlaywright() {
  const bases = [path.join(ROOT, "package.json"), ...versions.map((v) => path.join(v.www, "..", "package.json"))];
  for (const b of bases) {
    try { return createRequire(b)("playwright-core"); } catch { /* next */ }
  }
  console.error("compare: cannot find playwright-core (npm ci in this checkout)");
  process.exit(1);
}
const { chromium } = loadPlaywright();

// --- inputs ------------------------------------------------------------------------------------------
const contents = readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).content ?? "");
const inputs = [
  { id: "a", label: `all ${contents.length} contents`, text: contents.join("\n\n") },
  { id: "b", label: "first 30 contents", text: contents.slice(0, 30).join("\n\n") },
];
for (const input of inputs) input.bytes = Buffer.byteLength(input.text, "utf8");

// --- helpers -----------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);
const commitOf = (www) => {
  try { return execFileSync("git", ["-C", path.join(www, ".."), "rev-parse", "HEAD"], { encoding: "utf8" }).trim(); } catch { return null; }
};

// --- run ---------------------------------------------------------------------------------------------
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const results = {
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadavg: os.loadavg(), node: process.version, chromium: browser.version() },
  settings: { rounds: opts.rounds, runs_per_call: opts.runs, corpus: CORPUS, order: "old,new on even rounds, new,old on odd rounds; (a) then (b)" },
  inputs: inputs.map(({ id, label, bytes, text }) => ({ id, label, bytes, chars: text.length })),
  versions: {},
  samples: [],
  summary: {},
};
try {
  for (const v of versions) {
    v.server = await startServer(v.www);
    v.server.url = `${v.server.origin}/`;
    v.context = await browser.newContext();
    // Sanity in a throwaway page: version and the entities on input (b), from a fresh engine.
    const probe = await v.context.newPage();
    probe.on("pageerror", (e) => console.error(`[${v.name}] page error: ${e}`));
    await probe.goto(`${v.server.url}bench.html`, { waitUntil: "load" });
    await probe.waitForFunction(() => document.body.dataset.state === "ready");
    const sanity = await probe.evaluate(async (text) => {
      const { Kashif } = await import("./kashif-api.js");
      const k = await Kashif.load();
      const r = k.analyze(text, { tokens: false, keywords: false, entities: true });
      return { version: k.version(), entities: r.entities, words: r.stats?.words };
    }, inputs[1].text);
    await probe.close();
    const byType = {};
    for (const e of sanity.entities) byType[e.type] = (byType[e.type] ?? 0) + 1;
    v.info = {
      www: v.www, url: v.server.url, commit: commitOf(v.www), version: sanity.version,
      wasm_bytes: readFileSync(path.join(v.www, "pkg/kashif_bg.wasm")).length,
      entities_on_b: sanity.entities.length, entities_by_type_on_b: byType, words_on_b: sanity.words,
      entities_sha256_on_b: createHash("sha256").update(JSON.stringify(sanity.entities)).digest("hex").slice(0, 16),
    };
    // The benchmark page: engine loaded before any timing.
    v.page = await v.context.newPage();
    v.page.on("pageerror", (e) => console.error(`[${v.name}] page error: ${e}`));
    await v.page.goto(`${v.server.url}bench.html`, { waitUntil: "load" });
    await v.page.waitForFunction(() => document.body.dataset.state === "ready");
    v.info.bench_page_version = await v.page.evaluate(() => window.kashifBench.version());
    results.versions[v.name] = v.info;
  }

  for (let round = 0; round < opts.rounds; round += 1) {
    const order = round % 2 === 0 ? versions : [...versions].reverse();
    const line = [];
    for (const v of order) {
      for (const input of inputs) {
        const r = await v.page.evaluate(([t, n]) => window.kashifBench.entities(t, n), [input.text, opts.runs]);
        results.samples.push({ round, version: v.name, input: input.id, median_ms: r.median_ms, with_ms: r.with_ms, without_ms: r.without_ms, mb_per_s: r.mb_per_s });
        line.push(`${v.name}/${input.id} ${r.median_ms.toFixed(1)}`);
      }
    }
    console.error(`round ${round + 1}/${opts.rounds}: ${line.join("  ")} ms`);
  }
} finally {
  await browser.close().catch(() => {});
  for (const v of versions) await v.server?.close();
}

// --- summary -----------------------------------------------------------------------------------------
const f = (x, d = 1) => (x == null || !Number.isFinite(x) ? "n/a" : x.toFixed(d));
const rows = [["input", "version", "best ms", "median ms", "best MB/s", "median MB/s", "with ms (med)", "without ms (med)"]];
for (const input of inputs) {
  const s = {};
  for (const v of versions) {
    const xs = results.samples.filter((x) => x.version === v.name && x.input === input.id);
    const stage = xs.map((x) => x.median_ms);
    const best = Math.min(...stage);
    const med = median(stage);
    s[v.name] = {
      best_ms: best, median_ms: med, best_mb_per_s: mbps(input.bytes, best), median_mb_per_s: mbps(input.bytes, med),
      with_ms_median: median(xs.map((x) => x.with_ms)), without_ms_median: median(xs.map((x) => x.without_ms)),
      with_ms_best: Math.min(...xs.map((x) => x.with_ms)), without_ms_best: Math.min(...xs.map((x) => x.without_ms)),
      rounds: xs.length,
    };
    rows.push([`(${input.id}) ${(input.bytes / 1e6).toFixed(2)} MB`, v.name, f(best), f(med), f(s[v.name].best_mb_per_s, 2), f(s[v.name].median_mb_per_s, 2), f(s[v.name].with_ms_median), f(s[v.name].without_ms_median)]);
  }
  // paired per round: old time / new time
  const paired = [];
  for (let r = 0; r < opts.rounds; r += 1) {
    const o = results.samples.find((x) => x.round === r && x.version === "old" && x.input === input.id);
    const n = results.samples.find((x) => x.round === r && x.version === "new" && x.input === input.id);
    if (o && n) paired.push(o.median_ms / n.median_ms);
  }
  s.ratio_new_over_old_speed = {
    best: s.old.best_ms / s.new.best_ms,
    median: s.old.median_ms / s.new.median_ms,
    median_of_paired_rounds: median(paired),
  };
  results.summary[input.id] = s;
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const out = [];
for (const [i, r] of rows.entries()) {
  out.push(r.map((v, j) => (j >= 2 ? v.padStart(widths[j]) : v.padEnd(widths[j]))).join("  "));
  if (i === 0) out.push(widths.map((w) => "-".repeat(w)).join("  "));
}
out.push("");
out.push("speed ratio new/old (old time / new time):");
for (const input of inputs) {
  const q = results.summary[input.id].ratio_new_over_old_speed;
  out.push(`  (${input.id}) ${input.label}, ${input.bytes} bytes: best ${q.best.toFixed(3)}, median ${q.median.toFixed(3)}  (median of per-round ratios ${q.median_of_paired_rounds.toFixed(3)})`);
}
out.push("");
for (const v of versions) {
  const i = v.info;
  out.push(`${v.name}: ${i.www}  commit ${i.commit ?? "?"}  version() ${i.version}  wasm ${i.wasm_bytes} bytes`);
  out.push(`     entities on (b): ${i.entities_on_b} ${JSON.stringify(i.entities_by_type_on_b)}  sha256/16 ${i.entities_sha256_on_b}`);
}
out.push(`same entities on (b): ${versions[0].info.entities_sha256_on_b === versions[1].info.entities_sha256_on_b ? "yes" : "NO"}`);
out.push(`${opts.rounds} rounds, kashifBench.entities(text, ${opts.runs}); stage = median(with) - median(without); ${results.machine.cpu}, ${results.machine.cores} cores, load ${results.machine.loadavg.map((x) => x.toFixed(2)).join(" ")} at start; Chromium ${results.machine.chromium}`);
console.log(out.join("\n"));
results.table = out.join("\n");
mkdirSync(path.dirname(opts.out), { recursive: true });
writeFileSync(opts.out, JSON.stringify(results, null, 1) + "\n");
console.log(`written: ${opts.out}`);
