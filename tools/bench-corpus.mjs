// Corpus benchmark in the page (issue 20): one JSON Lines file of 2,000 news articles
// (tools/make_corpus_bench.py → target/bench/corpus-2000.jsonl) opened in the corpus mode of the
// page in headless Chromium. Reports the time until the view is ready, the longest main-thread task
// (Chromium's trace, CPU and wall time), the longest gap between two progress updates, and the
// peak memory (resident set) of the renderer process that holds the tab and its workers, sampled
// every 100 ms from /proc. Usage: node tools/bench-corpus.mjs [FILE.jsonl]   (after ./kashif build)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../tests/page/server.mjs';
import { ROOT, WWW, launch, prerequisites, traceMainThread } from '../tests/page/harness.mjs';

const file = process.argv[2] ?? path.join(ROOT, 'target', 'bench', 'corpus-2000.jsonl');
if (!existsSync(file)) {
  console.error(`bench-corpus: ${file} is missing; make it with tools/make_corpus_bench.py`);
  process.exit(1);
}

/** Resident set (bytes) of every process below `pid`, by pid. */
function descendants(pid) {
  const children = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(p));
    } catch {}
  }
  const out = new Map();
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      try {
        const rss = Number(readFileSync(`/proc/${c}/statm`, 'utf8').split(' ')[1]) * 4096;
        const cmd = readFileSync(`/proc/${c}/cmdline`, 'utf8');
        out.set(c, { rss, renderer: cmd.includes('--type=renderer') });
      } catch {}
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'www/corpus/corpus-ui.js']);
const server = await startServer(WWW);
const browser = await launch(chromium);
try {
  const context = await browser.newContext({ locale: 'ar', viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  await page.click('#mode-corpus');
  await page.waitForFunction(() => document.querySelector('#corpus-status')?.dataset.ready === 'true');
  await page.evaluate(() => {
    window.__updates = [];
    new MutationObserver(() => window.__updates.push(performance.now())).observe(document.querySelector('#corpus-status'), { childList: true, characterData: true, subtree: true });
  });
  const peak = { renderer: 0, all: 0 };
  const sampler = setInterval(() => {
    const ps = [...descendants(process.pid).values()];
    peak.renderer = Math.max(peak.renderer, ...ps.filter((p) => p.renderer).map((p) => p.rss));
    peak.all = Math.max(peak.all, ps.reduce((s, p) => s + p.rss, 0));
  }, 100);
  const trace = await traceMainThread(context, page);
  const t0 = Date.now();
  await page.setInputFiles('#corpus-files', file);
  await page.waitForFunction(() => document.querySelector('#corpus-status')?.dataset.done && document.querySelector('.corpus-exportTitle'), null, { polling: 100 });
  const seconds = (Date.now() - t0) / 1000;
  const { tasks } = await trace.stop();
  clearInterval(sampler);
  const updates = await page.evaluate(() => window.__updates);
  const gaps = updates.slice(1).map((t, i) => t - updates[i]);
  const longest = tasks.reduce((a, t) => (t.cpu > a.cpu ? t : a), { cpu: 0, wall: 0 });
  const longestWall = Math.max(0, ...tasks.map((t) => t.wall));
  const docs = await page.$eval('#corpus-status', (s) => s.dataset.done);
  console.log(`bench-corpus: ${path.basename(file)} (${(readFileSync(file).length / 1e6).toFixed(1)} MB), ${docs} documents`);
  console.log(`  ready after ${seconds.toFixed(1)} s; ${updates.length} status updates, longest gap ${Math.max(0, ...gaps).toFixed(0)} ms`);
  console.log(`  longest main-thread task: ${longest.cpu.toFixed(0)} ms CPU (${longest.wall.toFixed(0)} ms wall); longest wall ${longestWall.toFixed(0)} ms; tasks over 50 ms CPU: ${tasks.filter((t) => t.cpu > 50).length}`);
  console.log(`  peak resident memory: renderer (tab + workers) ${(peak.renderer / 2 ** 20).toFixed(0)} MB; all Chromium processes ${(peak.all / 2 ** 20).toFixed(0)} MB`);
} finally {
  await browser.close();
  await server.close();
}
