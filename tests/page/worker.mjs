// Page checks of the analysis worker (www/worker.js): how often it analyzes, the JSON export of an
// empty text, and its messages against their declaration (www/worker.d.ts), type-checked by the
// TypeScript compiler. run.mjs calls `workerChecks` with its harness; alone:
// node tests/page/worker.mjs (after ./kashif build).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { ROOT, TIMEOUT, WWW, assert, assertEqual, launch, prerequisites, standalone, watch } from './harness.mjs';
import { RECORD, typeCheck } from './types.mjs';

/**
 * Serves the wasm-bindgen glue with its `analyze` and `analyzeJson` exports wrapped, so that every
 * analysis the engine runs adds one to `globalThis.__kashifAnalyses` in the realm that loaded it
 * (the worker). Counts the engine's real entry points: no instrumentation in the page's code.
 */
async function countAnalyses(page) {
  await page.route('**/pkg/kashif.js*', async (route) => {
    const res = await route.fetch();
    let glue = await res.text();
    for (const name of ['analyze', 'analyzeJson']) {
      const head = new RegExp(`^export function ${name}\\(`, 'm');
      if (!head.test(glue)) throw new Error(`the glue has no "export function ${name}(": update countAnalyses`);
      glue = glue.replace(head, `function __counted_${name}(`);
      glue += `\nexport function ${name}(...args) {\n  globalThis.__kashifAnalyses = (globalThis.__kashifAnalyses ?? 0) + 1;\n  return __counted_${name}(...args);\n}\n`;
    }
    await route.fulfill({ response: res, body: glue });
  });
}

/** The number of analyses the page's worker has run (see countAnalyses). */
async function analysesIn(page) {
  const workers = page.workers().filter((w) => /\/worker\.js(\?|$)/.test(w.url()));
  assertEqual(workers.length, 1, `analysis workers of the page (${page.workers().map((w) => w.url()).join(', ')})`);
  return workers[0].evaluate(() => globalThis.__kashifAnalyses ?? 0);
}

/**
 * Drives a fresh worker (www/worker.js) of `page` (which runs RECORD) through every request and reply: a short and a long text,
 * token pages and JSON of each, bad options, an unknown request. Returns the messages as data.
 */
async function driveWorker(page, seed) {
  return page.evaluate(
    async (seed) => {
      const plain = window.__plain; // from RECORD
      const worker = new window.__Worker('/worker.js', { type: 'module' });
      const out = [];
      const files = [];
      let waiting = null;
      worker.onmessage = async (e) => {
        out.push(plain(e.data));
        if (e.data.type === 'json') files.push(plain(JSON.parse(await e.data.blob.text())));
        if (e.data.type !== 'progress' && waiting) waiting();
      };
      const reply = (msg) =>
        new Promise((resolve) => {
          waiting = resolve;
          if (msg) worker.postMessage(msg);
        });
      await reply(null); // ready
      const options = { top_n: 50, ranking: 'keyness', stopwords_add: [], stopwords_remove: [] };
      const long = Array(100).fill(seed).join('\n'); // over the 400,000 characters analyzed whole
      let id = 0;
      for (const text of [seed, long]) {
        await reply({ type: 'analyze', id: ++id, text, options });
        await reply({ type: 'tokens', id: ++id, from: 3, count: 20 });
        await reply({ type: 'json', id: ++id });
      }
      await reply({ type: 'analyze', id: ++id, text: seed, options: { top_n: 'many' } });
      await reply({ type: 'summary', id: ++id });
      await new Promise((r) => setTimeout(r, 100)); // the last JSON file is read
      worker.terminate();
      return { out, files, longLength: long.length };
    },
    seed,
  );
}

const waitForRun = (page, after) =>
  page.waitForFunction((n) => Number(document.body.dataset.runs ?? 0) > n && document.body.dataset.state === 'ready', after, { timeout: TIMEOUT });
const runsOf = (page) => page.evaluate(() => Number(document.body.dataset.runs ?? 0));

export async function workerChecks({ context, origin, check }) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const log = watch(page);
  await countAnalyses(page);
  await page.addInitScript(RECORD);
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await waitForRun(page, 0);

  await check('a short text is analyzed once, with its token pages shown', async () => {
    // The seed article: its first token page is drawn once the result is.
    await page.waitForFunction(() => document.querySelectorAll('#tokens tbody tr').length === 100);
    assertEqual(await analysesIn(page), 1, 'analyses of the seed article, its first token page shown');
    await page.click('#tk-next');
    await page.waitForFunction(() => document.querySelector('#tokens tbody tr td')?.textContent === '101');
    assertEqual(await analysesIn(page), 1, 'analyses after showing the second token page');
    const before = await runsOf(page);
    await page.fill('#input', 'زار الوفد روسيا أمس ثم عاد إلى القاهرة.');
    await page.click('#analyze');
    await waitForRun(page, before);
    await page.waitForFunction(() => document.querySelector('#tokens tbody tr td.tk-text')?.textContent === 'زار');
    assertEqual(await analysesIn(page), 2, 'analyses after a second, short text and its token page');
  });

  await check('the whole-result JSON of an empty text is the engine\'s empty result, with no error', async () => {
    const before = await runsOf(page);
    await page.fill('#input', '');
    await page.click('#analyze');
    await waitForRun(page, before);
    const download = await Promise.race([
      page.waitForEvent('download'),
      page.waitForFunction(() => !document.getElementById('error').hidden).then(() => null),
      page.click('#ex-json').then(() => new Promise(() => {})),
    ]);
    if (!download) throw new Error(`the export failed: «${await page.textContent('#error-message')}»`);
    const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
    const expected = await page.evaluate(async () => {
      const { Kashif } = await import('/kashif-api.js');
      return (await Kashif.load()).analyze('');
    });
    assertEqual(JSON.stringify(json), JSON.stringify(expected), 'the exported JSON of an empty text');
    assert(await page.evaluate(() => document.getElementById('error').hidden), 'an error is shown');
    assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
  });

  await check('worker messages, both ways, type-check against www/worker.d.ts (TypeScript, strict)', async () => {
    const seed = readFileSync(path.join(WWW, 'samples', 'seed-article-ar.txt'), 'utf8').replace(/\r\n?/g, '\n');
    const driven = await driveWorker(page, seed);
    const pageLog = await page.evaluate(() => window.__workerLogs['worker.js']);
    // The engine fails to load: the fatal error.
    const broken = await context.newPage();
    await broken.route('**/pkg/kashif_bg.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    await broken.goto(`${origin}/`);
    const fatal = await broken.evaluate(
      () =>
        new Promise((resolve) => {
          const w = new Worker('/worker.js', { type: 'module' });
          w.onmessage = (e) => resolve(e.data);
        }),
    );
    await broken.close();
    assertEqual(fatal.fatal, true, `the message when the wasm cannot be loaded (${JSON.stringify(fatal)})`);

    const byType = (list, type) => list.filter((m) => m.type === type);
    const results = byType(driven.out, 'result');
    assertEqual(results.map((m) => m.result.chunked).join(), 'false,true', 'the driven results (short, then long)');
    assert(results[1].result.tokenCount > results[0].result.tokenCount * 90, 'the long text\'s token count');
    assert(byType(driven.out, 'progress').length > 0, 'no progress message for the long text');
    const pages = byType(driven.out, 'tokens');
    assertEqual(pages.map((m) => m.total).join(), results.map((m) => m.result.tokenCount).join(), 'token pages\' totals vs the results\' token counts');
    // The long text starts with the seed article: the same tokens at the same offsets.
    assertEqual(JSON.stringify(pages[1].tokens), JSON.stringify(pages[0].tokens), 'tokens 3..23 of the long text vs the seed\'s');
    const errors = byType(driven.out, 'error');
    assertEqual(errors.length, 2, `error replies (bad options, unknown request): ${JSON.stringify(errors)}`);
    assert(/bad options/.test(errors[0].message) && /summary/.test(errors[1].message), `error messages: ${errors.map((e) => e.message).join(' | ')}`);
    assertEqual(driven.files.length, 2, 'JSON files read');
    assert(pageLog.in.length >= 3 && pageLog.out.length >= 3, `the page's own traffic was not recorded: ${pageLog.in.length} in, ${pageLog.out.length} out`);

    const samples = [
      ...driven.out.map((m) => ['W.WorkerMessage', m, `driven: ${m.type}`]),
      ...pageLog.out.map((m) => ['W.WorkerMessage', m, `page: ${m.type}`]),
      ...pageLog.in.map((m) => ['W.WorkerRequest', m, `page request: ${m.type}`]),
      ['W.WorkerMessage', fatal, 'the wasm cannot be loaded'],
      ['A.Analysis', driven.files[0], 'the JSON export of a text analyzed whole'],
      ['W.LongTextExport', driven.files[1], 'the JSON export of a long text'],
    ];
    const result = results[0];
    const { tokenCount, ...noCount } = result.result;
    const controls = [
      ['W.WorkerMessage', { ...result, result: noCount }, 'a result without tokenCount'],
      ['W.WorkerMessage', { ...fatal, fatal: 'yes' }, 'fatal as a string'],
      ['W.WorkerMessage', { ...result, result: { ...result.result, stats: { ...result.result.stats, words: '4' } } }, 'words as a string'],
      ['W.WorkerMessage', { type: 'ready', version: '1', extra: 1 }, 'an undeclared field'],
    ];
    const imports = [['W', path.join(ROOT, 'www', 'worker')], ['A', path.join(ROOT, 'src', 'analysis')]];
    const { errors: diagnostics, declared } = await typeCheck({ imports, samples, controls, union: 'W.WorkerMessage' });
    assertEqual(diagnostics.length, 0, `messages that do not match www/worker.d.ts:\n${diagnostics.join('\n')}`);
    const seen = new Set([...driven.out, ...pageLog.out, fatal].map((m) => m.type));
    assertEqual(declared.filter((t) => !seen.has(t)).join(), '', 'declared message types never seen');
    assertEqual([...seen].filter((t) => !declared.includes(t)).join(), '', 'message types seen but not declared');
  });

  await check('a long text\'s result and JSON export are the whole text\'s analysis (the engine\'s stream, nothing merged in JS)', async () => {
    const seed = readFileSync(path.join(WWW, 'samples', 'seed-article-ar.txt'), 'utf8').replace(/\r\n?/g, '\n');
    const got = await page.evaluate(async (seed) => {
      // over the 400,000 characters analyzed in one call: the worker cuts it into pieces
      const long = Array.from({ length: 120 }, (_, i) => (i % 3 ? seed : seed.replaceAll('روسيا', 'الصين'))).join('\n');
      const options = { top_n: 50, ranking: 'keyness', stopwords_add: [], stopwords_remove: [] };
      const worker = new window.__Worker('/worker.js', { type: 'module' }); // not recorded
      const replies = [];
      let waiting = null;
      worker.onmessage = async (e) => {
        if (e.data.type === 'progress') return;
        replies.push(e.data.type === 'json' ? { type: 'json', file: JSON.parse(await e.data.blob.text()) } : e.data);
        waiting?.();
      };
      const reply = (msg) => new Promise((resolve) => ((waiting = resolve), msg && worker.postMessage(msg)));
      await reply(null); // ready
      await reply({ type: 'analyze', id: 1, text: long, options });
      await reply({ type: 'json', id: 2 });
      worker.terminate();
      const { Kashif } = await import('/kashif-api.js');
      const whole = (await Kashif.load()).analyze(long, { ...options, tokens: false });
      const result = replies.find((m) => m.type === 'result')?.result;
      const file = replies.find((m) => m.type === 'json')?.file;
      const pick = (k) => ({ key: k.key, text: k.text, count: k.count, keyness: k.keyness, score: k.score, share: k.share });
      return {
        length: long.length,
        errors: replies.filter((m) => m.type === 'error').map((m) => m.message),
        chunked: result?.chunked,
        keywords: result?.keywords.map(pick),
        wholeKeywords: whole.keywords.map(pick),
        stats: result && Object.fromEntries(Object.keys(whole.stats).map((k) => [k, result.stats[k]])),
        wholeStats: whole.stats,
        groups: result?.entities.groups.length,
        wholeGroups: whole.entity_groups.length,
        mentions: result?.entities.starts.length,
        wholeMentions: whole.entities.length,
        file: JSON.stringify(file),
        wholeFile: JSON.stringify({ version: whole.version, tokens_omitted: true, ...whole }),
        russia: [result?.keywords.find((k) => k.key === 'روسيا')?.keyness, whole.keywords.find((k) => k.key === 'روسيا')?.keyness],
      };
    }, seed);
    assertEqual(got.errors.join(' | '), '', 'worker errors');
    assert(got.length > 400_000 && got.chunked === true, `the text (${got.length} characters) was not analyzed in pieces`);
    assert(got.russia[1] > 0, `روسيا is no keyword of the whole text: ${JSON.stringify(got.russia)}`);
    assertEqual(got.russia[0], got.russia[1], 'the keyness of روسيا in the page vs analyze of the whole text');
    assertEqual(JSON.stringify(got.keywords), JSON.stringify(got.wholeKeywords), 'the page\'s keywords vs analyze of the whole text');
    assertEqual(JSON.stringify(got.stats), JSON.stringify(got.wholeStats), 'the page\'s statistics vs the whole text\'s');
    assertEqual(`${got.groups} groups, ${got.mentions} mentions`, `${got.wholeGroups} groups, ${got.wholeMentions} mentions`, 'entities');
    assert(got.file === got.wholeFile, `the JSON export of the long text is not the whole text's analysis (tokens omitted): ${got.file.slice(0, 200)}`);
  });

  await page.close();
}

await standalone(import.meta, 'worker', async ({ check }) => {
  const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'www/pkg/kashif.js', 'www/worker.js']);
  const server = await startServer(WWW);
  const browser = await launch(chromium);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar', serviceWorkers: 'block' });
    await context.route((url) => url.origin !== server.origin, (route) => route.abort('blockedbyclient'));
    await workerChecks({ context, origin: server.origin, check });
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
});
