// The corpus mode (issue 20) in headless Chromium: three files dropped at once, a malformed JSON
// Lines line, markup shown as text, opening a document in the single-text view, trends and
// contexts, the English interface, axe, screenshots (artifacts/corpus-ar.png, corpus-en.png), and
// the worker's messages against their declaration (www/corpus/corpus-worker.d.ts).
// Run: node tests/page/corpus.mjs (after ./kashif build).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { assertAxeClean } from './axe.mjs';
import { ROOT, TIMEOUT, WWW, assert, assertEqual, fullPageShot, launch, prerequisites, standalone, watch } from './harness.mjs';
import { RECORD, typeCheck } from './types.mjs';

const A = 'التقى الرئيس فلاديمير بوتين الرئيس رجب طيب أردوغان في موسكو. وبحث الرئيسان الأزمة السورية.';
const B = 'قال بوتين إن روسيا تدعم الحوار. وزار أردوغان أنقرة بعد اللقاء.';
const C = '<p>ارتفعت أسعار النفط في الأسواق العالمية.</p><p>وقالت أوبك إن إنتاج النفط سيرتفع مع أسعار النفط.</p>';

/** Drops `files` ([name, text]) on the corpus mode's drop zone, as a reader dragging them would. */
async function drop(page, files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const [name, text] of files) dt.items.add(new File([text], name, { type: 'text/plain' }));
    const zone = document.querySelector('#corpus .dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** Waits until the corpus mode shows the result of `n` documents. */
async function analyzed(page, n) {
  await page.waitForFunction((n) => document.querySelector('#corpus-status')?.dataset.done === String(n) && document.querySelectorAll('#corpus-docs tbody tr').length === n && document.querySelector('.corpus-exportTitle'), n);
}

/**
 * Drives a fresh corpus worker of `page` (which runs RECORD) through every request and reply: a
 * request before any corpus, a CSV file with a row without text and pasted documents, trends (one
 * of a word no document has), contexts, a document's text and one out of range, an unknown
 * request. Returns the replies as data.
 */
async function driveCorpusWorker(page) {
  return page.evaluate(async () => {
    const plain = window.__plain; // from RECORD
    const worker = new window.__Worker('/corpus/corpus-worker.js', { type: 'module' });
    const out = [];
    let waiting = null;
    worker.onmessage = (e) => {
      out.push(plain(e.data));
      if (e.data.type !== 'progress' && waiting) waiting();
    };
    const reply = (msg) =>
      new Promise((resolve) => {
        waiting = resolve;
        if (msg) worker.postMessage(msg);
      });
    await reply(null); // ready
    let id = 0;
    await reply({ type: 'trend', id: ++id, query: 'النفط' });
    const csv = new File(['id,headline,body\n1,أسعار,ارتفعت أسعار النفط في الأسواق.\n2,فارغ,\n'], 'news.csv', { type: 'text/csv' });
    const pasted = 'قال بوتين إن روسيا تدعم الحوار.\n---\nوزار أردوغان أنقرة وتحدث عن النفط.';
    await reply({ type: 'open', id: ++id, files: [csv], pasted, columns: {}, options: { top_n: 5 } });
    await reply({ type: 'trend', id: ++id, query: 'النفط' });
    await reply({ type: 'trend', id: ++id, query: 'زرافة' });
    await reply({ type: 'kwic', id: ++id, query: 'النفط' });
    await reply({ type: 'text', id: ++id, index: 0 });
    await reply({ type: 'text', id: ++id, index: 99 });
    await reply({ type: 'summary', id: ++id });
    worker.terminate();
    return out;
  });
}

export async function run({ check }) {
  const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'www/corpus/corpus-ui.js']);
  const server = await startServer(WWW);
  const browser = await launch(chromium);
  try {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const log = watch(page);
    await page.addInitScript(RECORD);
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.state === 'ready');

    await check('the corpus mode loads its own code on first use only', async () => {
      const before = await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/corpus/')));
      assert(!before, 'the single-text page loaded the corpus code');
      await page.click('#mode-corpus');
      await page.waitForFunction(() => document.querySelector('#corpus-status')?.dataset.ready === 'true');
      assertEqual(await page.getAttribute('#mode-corpus', 'aria-pressed'), 'true', 'mode button pressed');
      assert(await page.isHidden('#results'), 'the single-text results are hidden');
    });

    await check('three files dropped at once: three documents, and an edge between two names that share a sentence', async () => {
      await drop(page, [['a.txt', A], ['b.md', B], ['c.html', C]]);
      await analyzed(page, 3);
      const titles = await page.$$eval('#corpus-docs tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
      assertEqual(titles.length, 3, 'rows');
      assert(titles[0].startsWith('التقى الرئيس'), `first title: ${titles[0]}`);
      const edge = await page.evaluate(() => {
        const names = [...document.querySelectorAll('#corpus-network .node')].map((g) => g.textContent);
        const at = (t) => names.indexOf(t);
        const lines = [...document.querySelectorAll('#corpus-network line')].map((l) => [Number(l.dataset.a), Number(l.dataset.b)]);
        const [p, m] = [at('فلاديمير بوتين'), at('موسكو')];
        return { names, p, m, linked: lines.some(([a, b]) => (a === p && b === m) || (a === m && b === p)) };
      });
      assert(edge.p >= 0 && edge.m >= 0, `nodes: ${edge.names}`);
      assert(edge.linked, 'no line between فلاديمير بوتين and موسكو');
      const pairs = await page.textContent('#corpus-pairs');
      assert(pairs.includes('موسكو'), `pairs table: ${pairs}`);
    });

    await check('trends and contexts of a keyword across the documents', async () => {
      await page.click('.corpus-keywords button:text-is("النفط")');
      await page.waitForSelector('#corpus-trends polyline');
      await page.waitForFunction(() => document.querySelectorAll('#corpus-kwic li').length === 3);
      const marks = await page.$$eval('#corpus-kwic mark', (m) => m.map((x) => x.textContent));
      assertEqual(marks.join(','), 'النفط,النفط,النفط', 'matches');
    });

    await check('screenshots of the corpus mode in Arabic and English', async () => {
      mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
      await fullPageShot(page, path.join(ROOT, 'artifacts', 'corpus-ar.png'));
      await page.click('#lang-switch');
      await page.waitForFunction(() => document.querySelector('#corpus-title')?.textContent === 'Corpus');
      await page.waitForSelector('.corpus-exportTitle');
      assertEqual(await page.textContent('#corpus-docsTitle-h'), 'Documents', 'documents heading');
      await fullPageShot(page, path.join(ROOT, 'artifacts', 'corpus-en.png'));
      await page.click('#lang-switch');
      await page.waitForFunction(() => document.querySelector('#corpus-title')?.textContent === 'مجموعة نصوص');
    });

    await check('axe: the corpus mode with a result', async () => {
      await assertAxeClean(page, 'the corpus mode');
    });

    await check('a malformed JSON Lines line is reported with its number and the rest analyzed', async () => {
      const jsonl = [JSON.stringify({ title: 'أول', text: A }), '{"text": "مكسور', JSON.stringify({ id: 'x' }), JSON.stringify({ text: B })].join('\n');
      await page.setInputFiles('#corpus-files', { name: 'news.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(jsonl) });
      await analyzed(page, 2);
      const skipped = await page.textContent('#corpus-skipped');
      assert(await page.isVisible('#corpus-skipped'), 'the report is shown');
      assert(skipped.includes('news.jsonl') && /السطر ٢/.test(skipped) && /السطر ٣/.test(skipped), `report: ${skipped}`);
      assert(skipped.includes('not a JSON object') && skipped.includes('no "text"'), `report: ${skipped}`);
    });

    await check('markup in any file is shown as text', async () => {
      const evil = '<img src=x onerror="window.__hit=1"><b>عريض</b> روسيا';
      await drop(page, [['x.txt', evil], ['y.jsonl', JSON.stringify({ title: '<script>window.__hit=2</script>', text: `${evil} موسكو` })], ['z.html', '<title>&lt;i&gt;مائل&lt;/i&gt;</title><p>موسكو وروسيا</p>']]);
      await analyzed(page, 3);
      const r = await page.evaluate(() => ({
        hit: window.__hit,
        markup: document.querySelectorAll('#corpus img, #corpus b, #corpus i, #corpus script').length,
        titles: [...document.querySelectorAll('#corpus-docs tbody tr td:nth-child(2)')].map((t) => t.textContent),
      }));
      assertEqual(r.hit, undefined, 'no markup ran');
      assertEqual(r.markup, 0, 'elements made from the files');
      assert(r.titles[0].startsWith('<img src=x'), `title 1: ${r.titles[0]}`);
      assertEqual(r.titles[1], '<script>window.__hit=2</script>', 'title 2');
      assertEqual(r.titles[2], '<i>مائل</i>', 'title 3 (HTML references decoded, shown as text)');
    });

    await check('pasted documents separated by --- ; a document opens in the single-text view', async () => {
      await page.fill('#corpus-paste', `${A}\n---\n${B}\n---\n${C}`);
      // (the three files of the last drop are still chosen: 3 + 3 documents)
      await page.click('#corpus-analyze');
      await analyzed(page, 6);
      await page.click('#corpus-docs tbody tr:nth-child(1) button[data-doc]');
      await page.waitForFunction(() => !document.querySelector('#results').hidden && document.querySelector('#input').value.length > 0);
      const value = await page.inputValue('#input');
      assert(value.includes('<img src=x'), `opened text: ${value.slice(0, 60)}`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready');
      assertEqual(await page.getAttribute('#mode-single', 'aria-pressed'), 'true', 'single mode pressed');
    });

    await check('progress is shown while a corpus is analyzed, and Cancel stops it; the next run works', async () => {
      await page.click('#mode-corpus');
      const many = Array.from({ length: 4000 }, (_, i) => `${i % 2 ? A : B} ${'كلمة '.repeat(i % 7)}`).join('\n---\n');
      await page.$eval('#corpus-paste', (t, v) => (t.value = v), many);
      await page.evaluate(() => {
        window.__seen = [];
        new MutationObserver(() => window.__seen.push(document.querySelector('#corpus-status').textContent)).observe(document.querySelector('#corpus-status'), { childList: true, characterData: true, subtree: true });
      });
      await page.click('#corpus-analyze');
      await page.waitForFunction(() => window.__seen.some((s) => /حُلّل \S+ من \S+ نصًّا/.test(s)));
      assert(await page.isVisible('#corpus-progress'), 'the progress bar is shown');
      await page.click('#corpus-cancel');
      await page.waitForFunction(() => document.querySelector('#corpus-status').textContent === 'أُلغي التحليل.');
      assert(await page.isHidden('#corpus-cancel'), 'Cancel is hidden again');
      await page.fill('#corpus-paste', `${A}\n---\n${B}`);
      await page.click('#corpus-analyze');
      await analyzed(page, 5);
    });

    await check('one CSV file: the text and title columns are guessed, and can be chosen and read again', async () => {
      await page.click('#mode-corpus');
      await page.$eval('#corpus-paste', (t) => (t.value = ''));
      const q = (s) => `"${s.replace(/"/g, '""')}"`;
      const csv = ['id,headline,body', `1,${q('لقاء "القمة"')},${q(A)}`, `2,${q('حوار, وزيارة')},${q(B)}`].join('\r\n');
      await page.setInputFiles('#corpus-files', { name: 'news.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await analyzed(page, 2);
      const titles = await page.$$eval('#corpus-docs tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
      assertEqual(titles.join('|'), 'لقاء "القمة"|حوار, وزيارة', 'titles from the headline column');
      const selects = await page.$$('.corpus-columns select');
      assertEqual(selects.length, 2, 'text and title column choices');
      await selects[1].selectOption('-1');
      await page.click('.corpus-columns button');
      await page.waitForFunction(() => document.querySelector('#corpus-docs tbody tr td:nth-child(2)')?.textContent.startsWith('التقى'));
    });

    await check('corpus worker messages, both ways, type-check against www/corpus/corpus-worker.d.ts (TypeScript, strict)', async () => {
      const driven = await driveCorpusWorker(page);
      const types = driven.map((m) => m.type);
      assertEqual(types.filter((t) => t !== 'progress').join(), 'ready,error,result,trend,trend,kwic,text,text,error', 'the driven replies');
      const [early, late] = driven.filter((m) => m.type === 'error').map((m) => m.message);
      assert(/no corpus yet/.test(early) && /unknown request "summary"/.test(late), `error messages: ${early} | ${late}`);
      const result = driven.find((m) => m.type === 'result');
      assertEqual(result.result.documents.length, 3, 'documents: one CSV row and two pasted');
      assertEqual(JSON.stringify(result.skipped), JSON.stringify([{ file: 'news.csv', line: 3, error: 'no text in column "body"' }]), 'the skipped CSV row');
      const [trend, none] = driven.filter((m) => m.type === 'trend').map((m) => m.trend);
      assertEqual(trend?.counts.length, 3, `the trend of النفط: ${JSON.stringify(trend)}`);
      assertEqual(none, null, 'the trend of a word no document has');
      const contexts = driven.find((m) => m.type === 'kwic').contexts;
      assert(contexts.length > 0 && contexts.every((c) => c.match === 'النفط'), `contexts: ${JSON.stringify(contexts)}`);
      assertEqual(driven.filter((m) => m.type === 'text').map((m) => m.text.includes('النفط')).join(), 'true,false', 'document 0\'s text, and no document 99');

      const pageLog = await page.evaluate(() => window.__workerLogs['corpus-worker.js']);
      assert(pageLog?.in.some((m) => m.type === 'open') && pageLog.out.some((m) => m.type === 'result'), 'the corpus mode\'s own traffic was not recorded');
      const samples = [
        ...driven.map((m) => ['W.CorpusWorkerMessage', m, `driven: ${m.type}`]),
        ...pageLog.out.map((m) => ['W.CorpusWorkerMessage', m, `page: ${m.type}`]),
        ...pageLog.in.map((m) => ['W.CorpusWorkerRequest', m, `page request: ${m.type}`]),
      ];
      const open = pageLog.in.find((m) => m.type === 'open');
      const { tables, ...noTables } = result;
      const controls = [
        ['W.CorpusWorkerMessage', noTables, 'a result without tables'],
        ['W.CorpusWorkerMessage', { ...result, skipped: [{ file: 'x', error: 'e' }] }, 'a skipped document without its line'],
        ['W.CorpusWorkerMessage', { type: 'progress', id: 1, done: '1', total: 2 }, 'done as a string'],
        ['W.CorpusWorkerMessage', { type: 'ready', version: '1' }, 'an undeclared field'],
        ['W.CorpusWorkerRequest', { ...open, files: ['a.txt'] }, 'file names instead of files'],
      ];
      const imports = [['W', path.join(ROOT, 'www', 'corpus', 'corpus-worker')]];
      const { errors, declared } = await typeCheck({ imports, samples, controls, union: 'W.CorpusWorkerMessage' });
      assertEqual(errors.length, 0, `messages that do not match www/corpus/corpus-worker.d.ts:\n${errors.join('\n')}`);
      const seen = new Set([...driven, ...pageLog.out].map((m) => m.type));
      assertEqual(declared.filter((t) => !seen.has(t)).join(), '', 'declared message types never seen');
      assertEqual([...seen].filter((t) => !declared.includes(t)).join(), '', 'message types seen but not declared');
    });

    await check('no errors on the console', async () => {
      assertEqual(log.pageErrors.join('\n'), '', 'page errors');
      assertEqual(log.consoleErrors.join('\n'), '', 'console errors');
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

await standalone(import.meta, 'corpus', run);
