// Lighthouse benchmark (issue 22): audits the page (www/index.html, with the seed article) and the
// embedding example (www/example-embed.html) served locally, in Lighthouse's default profile
// (mobile: Moto G Power-sized screen, simulated slow 4G and 4x CPU slowdown), with the local
// /usr/bin/chromium. Prints the four category scores (performance, accessibility, best practices,
// SEO) and the total blocking time, median of --runs N runs (default 3), with the run's conditions;
// writes artifacts/lighthouse.json (every run, plus the audits that did not get full marks) and the
// last run's full report of each target (artifacts/lighthouse-page.report.json, -embed), which the
// Lighthouse viewer opens.
// Run by `./kashif bench lighthouse` (after ./kashif build).
//
// A benchmark, not a test: the performance score and TBT depend on the machine and its load (the
// CPU work Lighthouse observes is multiplied by 4 in its simulation), so they are reported, never
// asserted. The accessibility, best-practice and SEO scores do not depend on the load.
//
// Usage: node tools/lighthouse.mjs [--runs N] [--only page|embed]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WWW = path.join(ROOT, "www");
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-extensions"];
const TARGETS = [
  { name: "page", path: "/", what: "the page (www/index.html) with the seed article" },
  { name: "embed", path: "/example-embed.html", what: "the embedding example (www/example-embed.html)" },
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function die(message) {
  console.error(`lighthouse: ${message}`);
  process.exit(1);
}

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg("--runs", 3));
const ONLY = arg("--only", null);
if (!(RUNS >= 1)) die("--runs takes a number >= 1");

if (!existsSync(CHROMIUM)) die(`${CHROMIUM} is missing (apt-get install chromium)`);
for (const f of ["pkg/kashif_bg.wasm", "pkg/kashif.js", "index.html", "example-embed.html"]) {
  if (!existsSync(path.join(WWW, f))) die(`www/${f} is missing (run ./kashif build)`);
}
const load = async (name) => import(name).catch((e) => die(`cannot load ${name} (run npm ci): ${e.message}`));
const { default: lighthouse } = await load("lighthouse");
const chromeLauncher = await load("chrome-launcher");

/** The last full report (JSON) of each URL, written to artifacts/ for a closer look. */
const lastReport = new Map();

/** One Lighthouse run of `url` in a fresh Chromium: { scores, tbt, ... , weak: audits below 1 }. */
async function audit(url) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: "silent" });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES });
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    lastReport.set(url, result.report);
    const num = (id) => lhr.audits[id]?.numericValue;
    const weak = [];
    for (const id of CATEGORIES) {
      for (const ref of lhr.categories[id].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) weak.push(`${id}: ${a.id} (${a.score}${a.displayValue ? `, ${a.displayValue}` : ""})`);
      }
    }
    return {
      scores: Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id].score])),
      tbt: num("total-blocking-time"),
      maxFid: num("max-potential-fid"),
      fcp: num("first-contentful-paint"),
      lcp: num("largest-contentful-paint"),
      cls: num("cumulative-layout-shift"),
      si: num("speed-index"),
      weak,
      lighthouse: lhr.lighthouseVersion,
      userAgent: lhr.environment.hostUserAgent,
      benchmarkIndex: lhr.environment.benchmarkIndex,
      throttling: lhr.configSettings.throttlingMethod,
      formFactor: lhr.configSettings.formFactor,
    };
  } finally {
    await chrome.kill();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function commit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const server = await startServer(WWW);
const out = { date: new Date().toISOString(), commit: commit(), runs: RUNS, cpus: os.cpus().length, targets: {} };
try {
  for (const t of TARGETS.filter((x) => !ONLY || x.name === ONLY)) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const load1 = os.loadavg()[0];
      const r = await audit(`${server.origin}${t.path}`);
      r.loadBefore = load1;
      runs.push(r);
      console.error(`  ${t.name} run ${i + 1}/${RUNS}: ${CATEGORIES.map((c) => r.scores[c]).join(" / ")}, TBT ${Math.round(r.tbt)} ms (load average ${load1.toFixed(2)})`);
    }
    const summary = {
      what: t.what,
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))])),
      tbt: median(runs.map((r) => r.tbt)),
      maxFid: median(runs.map((r) => r.maxFid)),
      fcp: median(runs.map((r) => r.fcp)),
      lcp: median(runs.map((r) => r.lcp)),
      cls: median(runs.map((r) => r.cls)),
      weak: [...new Set(runs.flatMap((r) => r.weak))],
      runs,
    };
    out.targets[t.name] = summary;
    mkdirSync(path.join(ROOT, "artifacts"), { recursive: true });
    writeFileSync(path.join(ROOT, "artifacts", `lighthouse-${t.name}.report.json`), lastReport.get(`${server.origin}${t.path}`));
  }
} finally {
  await server.close();
}

const first = Object.values(out.targets)[0]?.runs[0];
console.log(`Lighthouse ${first?.lighthouse}, ${first?.formFactor} profile, throttling: ${first?.throttling}; ${first?.userAgent}`);
console.log(`${out.cpus} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}; Lighthouse's benchmark index ${first?.benchmarkIndex}; median of ${RUNS} run(s); commit ${out.commit}`);
console.log("");
console.log("| target | performance | accessibility | best practices | SEO | TBT (ms) | max potential FID (ms) | FCP (ms) | LCP (ms) | CLS |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [name, s] of Object.entries(out.targets)) {
  const c = s.scores;
  console.log(`| ${name} | ${c.performance.toFixed(2)} | ${c.accessibility.toFixed(2)} | ${c["best-practices"].toFixed(2)} | ${c.seo.toFixed(2)} | ${Math.round(s.tbt)} | ${Math.round(s.maxFid)} | ${Math.round(s.fcp)} | ${Math.round(s.lcp)} | ${s.cls.toFixed(3)} |`);
}
for (const [name, s] of Object.entries(out.targets)) {
  if (s.weak.length) console.log(`\n${name}: audits without full marks (in any run):\n  ${s.weak.join("\n  ")}`);
}
mkdirSync(path.join(ROOT, "artifacts"), { recursive: true });
writeFileSync(path.join(ROOT, "artifacts", "lighthouse.json"), JSON.stringify(out, null, 1));
console.log("\nartifacts/lighthouse.json and artifacts/lighthouse-*.report.json written");
// chrome-launcher's and Lighthouse's handles can keep Node alive a little: the work is done.
process.exit(0);
