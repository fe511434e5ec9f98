// The benchmark page (www/bench.html, driven by tools/bench-browser.mjs for `./kashif bench`) still
// works: each measurement returns sane numbers for a small input. Timings are never asserted here
// (they belong to the benchmark); only that the page measures what it says, without errors.
// Run: node tests/page/bench.mjs (after ./kashif build).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { TIMEOUT, WWW, assert, assertEqual, launch, prerequisites, standalone, watch } from './harness.mjs';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const positive = (x) => finite(x) && x > 0;

export async function run({ check }) {
  const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'www/bench.html', 'www/bench.js']);
  const seed = readFileSync(path.join(WWW, 'samples', 'seed-article-ar.txt'), 'utf8');
  const server = await startServer(WWW);
  const browser = await launch(chromium);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const log = watch(page);
    await page.goto(`${server.origin}/bench.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.state === 'ready');

    let seedWords = NaN;
    await check('cold start: every phase is timed, and the split run times the first use apart', async () => {
      const plain = await page.evaluate((t) => window.kashifBench.cold(t), seed);
      for (const k of ['fetch_ms', 'compile_ms', 'instantiate_ms', 'first_analysis_ms', 'total_ms']) assert(finite(plain[k]) && plain[k] >= 0, `${k} = ${plain[k]}`);
      assertEqual(plain.first_use_ms, null, 'first_use_ms without split');
      seedWords = plain.words;
      assert(plain.words > 500 && plain.entities > 10, `the cold analysis found ${plain.words} words, ${plain.entities} entities`);
      assert(plain.wasm_bytes > 1_000_000, `wasm_bytes ${plain.wasm_bytes}`);
      const split = await page.evaluate((t) => window.kashifBench.cold(t, { split: true }), seed);
      assert(positive(split.first_use_ms), `first_use_ms = ${split.first_use_ms}`);
      assertEqual(split.words, plain.words, 'words with and without the split');
      const sum = split.fetch_ms + split.compile_ms + split.instantiate_ms + split.first_use_ms + split.first_analysis_ms;
      assert(Math.abs(sum - split.total_ms) < 1, `phases add up to ${sum}, total ${split.total_ms}`);
    });

    await check('warm, page, tokenizer and entity-stage measures report medians and MB/s of the input', async () => {
      const r = await page.evaluate(async (t) => {
        const b = window.kashifBench;
        return { warm: await b.warm(t, 3), page: await b.page(t, 3), tokens: await b.tokens(t, 3), entities: await b.entities(t, 3), segmenter: await b.segmenter(t, 3) };
      }, seed);
      const bytes = Buffer.byteLength(seed, 'utf8');
      for (const [name, m] of Object.entries(r)) {
        const shown = JSON.stringify(m)?.slice(0, 200);
        assertEqual(m?.bytes, bytes, `${name} bytes`);
        if (name === 'entities') {
          // the difference of two medians: its sign is the machine's business, not this test's
          assert(positive(m.with_ms) && positive(m.without_ms) && Number.isFinite(m.median_ms), `entities: ${shown}`);
        } else {
          if (name === 'segmenter') {
            // the peer really split the text: within 15% of the words Kashif counts in it
            assert(Math.abs(m.words - seedWords) < 0.15 * seedWords, `Intl.Segmenter found ${m.words} words, Kashif ${seedWords}`);
          }
          assert(positive(m.median_ms) && positive(m.mb_per_s), `${name}: ${shown}`);
          assertEqual(m.samples_ms.length, 3, `${name} samples`);
        }
      }
    });

    await check('no page errors or console errors', async () => {
      assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
      assertEqual(log.consoleErrors.length, 0, `console errors: ${log.consoleErrors.join(' | ')}`);
    });
    await context.close();
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

await standalone(import.meta, 'bench page', run);
