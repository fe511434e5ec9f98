// Browser tests of the page (www/): headless Chromium driven by playwright-core, against a local
// static server. Run: node tests/page/run.mjs   (after ./kashif build)
//
// Prints each check as it passes or fails and ends with "N passed, M failed"; exit code 1 on any
// failure. Missing prerequisites (Chromium, the built wasm package) are failures, never skips.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { featureChecks } from './features.mjs';
import { workerChecks } from './worker.mjs';

import { ROOT, WWW, CHROMIUM, CHROMIUM_ARGS, fullPageShot, watch as watchErrors } from './harness.mjs';

const ARTIFACTS = path.join(ROOT, 'artifacts');
const TIMEOUT = 20_000;

function fatal(message) {
  console.error(`page tests: ${message}`);
  console.error('0 passed, 1 failed');
  process.exit(1);
}

// --- prerequisites -------------------------------------------------------------------------------

if (!existsSync(CHROMIUM)) fatal(`${CHROMIUM} is missing (Debian: apt-get install chromium fonts-noto-core)`);
for (const f of ['pkg/kashif.js', 'pkg/kashif_bg.wasm', 'kashif-api.js', 'index.html', 'app.js']) {
  if (!existsSync(path.join(WWW, f))) fatal(`www/${f} is missing (run ./kashif build first)`);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (err) {
  fatal(`cannot load playwright-core (run npm ci): ${err.message}`);
}

const SEED = readFileSync(path.join(WWW, 'samples', 'seed-article-ar.txt'), 'utf8');

// --- harness -------------------------------------------------------------------------------------

let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${passed + failed}. ${name}`);
  } catch (err) {
    failed += 1;
    console.log(`FAIL ${passed + failed}. ${name}\n     ${String(err?.stack ?? err).split('\n').join('\n     ')}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Records what a page does that the tests forbid: console errors, page errors, dialogs, requests elsewhere. */
function watch(page, origin) {
  const log = { ...watchErrors(page), foreign: [], badResponses: [] };
  page.on('request', (r) => {
    const url = r.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== origin) log.foreign.push(url);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) log.badResponses.push(`${r.status()} ${r.url()}`);
  });
  return log;
}

/** Waits until the page has finished more than `after` analyses; returns the new count. */
async function waitForRun(page, after) {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.runs ?? 0) > n && document.body.dataset.state === 'ready',
    after,
    { timeout: TIMEOUT },
  );
  return page.evaluate(() => Number(document.body.dataset.runs));
}

const runsOf = (page) => page.evaluate(() => Number(document.body.dataset.runs ?? 0));

// --- static checks of the page's sources ---------------------------------------------------------

await check('the sources build no HTML from strings, load nothing remote and keep the strict CSP', async () => {
  const scripts = readdirSync(WWW).filter((f) => /\.m?js$/.test(f));
  for (const f of scripts) {
    const src = readFileSync(path.join(WWW, f), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const bad = src.match(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|\beval\s*\(|new Function\s*\(|setAttribute\(\s*['"]style['"]/);
    assert(!bad, `www/${f} uses ${bad?.[0]}`);
  }
  const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
  const css = readFileSync(path.join(WWW, 'style.css'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)?.[1];
  assertEqual(
    csp,
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'",
    'the CSP meta',
  );
  assert(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'index.html has an inline script');
  assert(!/\sstyle\s*=/i.test(html), 'index.html has a style attribute');
  assert(!/<style/i.test(html), 'index.html has a <style> element');
  assert(!/\son[a-z]+\s*=/i.test(html), 'index.html has an inline event handler');
  assert(/<html lang="ar" dir="rtl">/.test(html), 'index.html is not <html lang="ar" dir="rtl">');
  for (const [name, src] of [['index.html', html], ['style.css', css], ...scripts.map((f) => [f, readFileSync(path.join(WWW, f), 'utf8')])]) {
    const remote = src.match(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\/|url\(\s*["']?(?:https?:)?\/\/|@import|@font-face/i);
    assert(!remote, `www/${name} refers to a remote resource or web font: ${remote?.[0]}`);
  }
  assert(/"Noto Naskh Arabic"/.test(css) && /"Noto Sans Arabic"/.test(css), 'style.css lacks the Noto Arabic fonts');
});

// --- the run -------------------------------------------------------------------------------------

const server = await startServer(WWW);
const origin = server.origin;
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
} catch (err) {
  await server.close();
  fatal(`cannot launch ${CHROMIUM}: ${err.message}`);
}

try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'ar',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    serviceWorkers: 'block', // the offline worker is tested by tests/page/offline.mjs
  });
  // Nothing may leave the machine: requests to any other origin are recorded (by `watch`) and cut.
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const log = watch(page, origin);

  await check('the page loads, the engine starts and analyzes the seed article', async () => {
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await waitForRun(page, 0);
    const info = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      version: document.documentElement.dataset.engineVersion,
      status: document.getElementById('status').textContent,
      input: document.getElementById('input').value,
      errorHidden: document.getElementById('error').hidden,
    }));
    assertEqual(info.lang, 'ar', '<html lang>');
    assertEqual(info.dir, 'rtl', '<html dir>');
    assert(info.version && /^\d+\.\d+\.\d+/.test(info.version), `engine version: ${info.version}`);
    assert(info.status.includes(info.version), `the status line shows the version: ${info.status}`);
    assert(/مللي ثانية/.test(info.status), `the status line shows the time: ${info.status}`);
    assertEqual(info.input, SEED.replace(/\r\n?/g, '\n'), 'the text area holds the seed article');
    assert(info.errorHidden, 'no error is shown');
  });

  await check('روسيا and كوريا الشمالية (one mark) are highlighted as places (LOC)', async () => {
    const marks = await page.$$eval('#highlighted mark', (ms) =>
      ms.map((m) => ({
        type: m.dataset.type,
        cls: m.className,
        text: m.querySelector('.ent-text')?.textContent,
        label: m.querySelector('.ent-label')?.textContent,
        title: m.title,
      })),
    );
    const loc = marks.filter((m) => m.type === 'LOC');
    const russia = loc.filter((m) => m.text === 'روسيا');
    const korea = loc.filter((m) => m.text === 'كوريا الشمالية');
    assert(russia.length > 0, `no LOC mark «روسيا» among ${JSON.stringify(marks.map((m) => m.text))}`);
    assert(korea.length > 0, `no single LOC mark «كوريا الشمالية» among ${JSON.stringify(marks.map((m) => m.text))}`);
    for (const m of [russia[0], korea[0]]) {
      assert(m.cls.split(' ').includes('ent-LOC'), `class of the mark: ${m.cls}`);
      assert(m.label.includes('مكان') && m.title.includes('مكان'), `label/title name the type: ${m.label} / ${m.title}`);
    }
    const legend = await page.$eval('#legend li[data-type="LOC"]', (li) => ({
      empty: li.classList.contains('is-empty'),
      count: li.querySelector('.legend-count').textContent,
    }));
    assert(!legend.empty && Number(legend.count) === loc.length, `legend LOC count ${legend.count} vs ${loc.length} marks`);
    const types = await page.$$eval('#legend li', (lis) => lis.map((li) => li.dataset.type));
    for (const t of ['PER', 'LOC', 'ORG', 'MISC', 'DATE', 'NUMBER', 'MONEY', 'PERCENT', 'QUANTITY']) {
      assert(types.includes(t), `legend lacks ${t}`);
    }
  });

  await check('the highlighted panel shows exactly the text, and every mark is its own span of it', async () => {
    const r = await page.evaluate(() => {
      const panel = document.getElementById('highlighted').cloneNode(true);
      for (const l of panel.querySelectorAll('.ent-label')) l.remove();
      const text = document.getElementById('input').value;
      const bad = [...document.querySelectorAll('#highlighted mark')]
        .filter((m) => text.slice(Number(m.dataset.start), Number(m.dataset.end)) !== m.querySelector('.ent-text').textContent)
        .map((m) => m.textContent);
      return { same: panel.textContent === text, bad, marks: document.querySelectorAll('#highlighted mark').length };
    });
    assert(r.same, 'the panel text (type labels aside) differs from the input');
    assert(r.marks > 0, 'no marks');
    assertEqual(r.bad.length, 0, `marks whose text is not text.slice(start, end): ${r.bad.join(' | ')}`);
  });

  await check('روسيا is among the top three keywords; the table has counts, shares and bars', async () => {
    const rows = await page.$$eval('#keywords tbody tr', (trs) =>
      trs.map((tr) => ({
        rank: tr.querySelector('.col-rank').textContent,
        word: tr.querySelector('.kw-text').textContent,
        count: tr.querySelector('.col-count').textContent,
        share: tr.querySelector('.col-share').textContent,
        fill: getComputedStyle(tr.querySelector('.bar-fill')).width,
      })),
    );
    assert(rows.length >= 3, `only ${rows.length} keyword rows`);
    const top3 = rows.slice(0, 3).map((r) => r.word);
    assert(top3.includes('روسيا'), `top three keywords: ${top3.join('، ')}`);
    assertEqual(rows[0].rank, '1', 'first rank');
    assert(Number(rows[0].count) > 1, `count of the first keyword: ${rows[0].count}`);
    assert(/\d/.test(rows[0].share) && /[%٪]/.test(rows[0].share), `share: ${rows[0].share}`);
    assert(parseFloat(rows[0].fill) > 0, `the first bar is empty: ${rows[0].fill}`);
  });

  await check('the stats panel agrees with the engine', async () => {
    const r = await page.evaluate(async () => {
      const { Kashif } = await import('/kashif-api.js');
      const k = await Kashif.load();
      const expected = k.analyze(document.getElementById('input').value).stats;
      const shown = {};
      for (const dd of document.querySelectorAll('#stats dd[data-stat]')) shown[dd.dataset.stat] = dd.textContent;
      return { expected, shown };
    });
    for (const key of ['characters', 'words', 'unique_words', 'sentences']) {
      const n = Number(String(r.shown[key]).replace(/[^\d]/g, ''));
      assertEqual(n, r.expected[key], `stats.${key}`);
      assert(n > 0, `stats.${key} is 0`);
    }
  });

  await check('the page renders right to left with an Arabic Noto font', async () => {
    const r = await page.evaluate(() => ({
      direction: getComputedStyle(document.getElementById('highlighted')).direction,
      bodyDirection: getComputedStyle(document.body).direction,
    }));
    assertEqual(r.direction, 'rtl', 'direction of the text panel');
    assertEqual(r.bodyDirection, 'rtl', 'direction of the body');
    // Panels and text blocks out of view are not laid out (content-visibility: auto), so no font
    // is used for them yet: bring the mark into view first.
    await page.locator('#highlighted mark .ent-text').first().scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#highlighted mark .ent-text' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const families = fonts.map((f) => f.familyName);
    assert(families.some((f) => /Noto (Naskh|Sans) Arabic/.test(f)), `fonts used for the marked text: ${families.join(', ')}`);
    await cdp.detach();
  });

  await check('clicking a keyword marks its occurrences in the text', async () => {
    const row = page.locator('#keywords tbody tr').filter({ has: page.locator('.kw-text', { hasText: /^روسيا$/ }) });
    await row.first().locator('.kw-button').click();
    const r = await page.evaluate(() => ({
      hits: [...document.querySelectorAll('#highlighted .kw-hit')].map((h) => h.textContent),
      selected: document.querySelector('#keywords tr.is-selected .kw-text')?.textContent,
      count: Number(document.querySelector('#keywords tr.is-selected .col-count')?.textContent),
    }));
    assertEqual(r.selected, 'روسيا', 'the selected row');
    assertEqual(r.hits.length, r.count, `occurrences marked (${r.hits.join('، ')})`);
    const pressed = await page.evaluate(() => ({
      focused: document.activeElement?.closest('tr')?.querySelector('.kw-text')?.textContent,
      pressed: document.activeElement?.getAttribute('aria-pressed'),
    }));
    assertEqual(pressed.focused, 'روسيا', "the focus stays on the keyword's button");
    assertEqual(pressed.pressed, 'true', 'aria-pressed of the button');
    await page.keyboard.press('Enter'); // the keyboard toggles it off again
    assertEqual(await page.locator('#highlighted .kw-hit').count(), 0, 'marks after pressing Enter');
    assertEqual(await page.locator('#keywords tr.is-selected').count(), 0, 'selected rows after pressing Enter');
  });

  await check('saves a full-page screenshot to artifacts/page-seed.png', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'page-seed.png');
    await page.evaluate(() => document.fonts.ready);
    await page.mouse.move(0, 0); // no hover or focus effects in the picture
    await page.evaluate(() => document.activeElement?.blur());
    await fullPageShot(page, file);
    assert(existsSync(file), `${file} was not written`);
  });

  const HOSTILE =
    'قال المراسل في موسكو إن <img src=x onerror=alert(1)> ظهرت في روسيا، ' +
    'ثم <script>alert(2)</script> و<svg onload=alert(3)></svg> و<iframe src="javascript:alert(4)"></iframe> ' +
    'و"<b onmouseover=alert(5)>عريض</b>" في كوريا الشمالية.';

  await check('markup typed into the text area is shown as text and never runs', async () => {
    const before = await runsOf(page);
    await page.fill('#input', HOSTILE);
    await page.click('#analyze');
    await waitForRun(page, before);
    await page.waitForTimeout(400); // let any (wrongly) loaded image fail and fire onerror
    const r = await page.evaluate(() => {
      const results = document.getElementById('results');
      const panel = document.getElementById('highlighted').cloneNode(true);
      for (const l of panel.querySelectorAll('.ent-label')) l.remove();
      return {
        // The page's own charts are SVG built from <g>, <rect>, <text> and <title> only.
        elements: [
          ...results.querySelectorAll('img, script, svg:not(.chart), iframe, b, .chart :not(g, rect, text, title)'),
        ].map((e) => e.outerHTML),
        text: panel.textContent,
        marks: [...document.querySelectorAll('#highlighted mark')].map((m) => m.querySelector('.ent-text').textContent),
      };
    });
    assertEqual(r.elements.length, 0, `elements created from the input: ${r.elements.join(' ')}`);
    assertEqual(r.text, HOSTILE, 'the highlighted panel text');
    assert(r.text.includes('<img src=x onerror=alert(1)>'), 'the markup is shown literally');
    assert(r.marks.includes('روسيا'), `the text around the markup is still analyzed: ${r.marks.join('، ')}`);
    // Hover over the text as well (the <b onmouseover> case).
    await page.hover('#highlighted');
    assertEqual(log.dialogs.length, 0, `dialogs opened: ${log.dialogs.join('; ')}`);
  });

  await check('typing re-analyzes after a pause (debounced), without the button', async () => {
    await page.fill('#input', '');
    await page.click('#analyze');
    const before = await runsOf(page);
    await page.focus('#input');
    const typed = 'زار الوفد روسيا أمس';
    await page.keyboard.type(typed, { delay: 20 });
    await waitForRun(page, before);
    await page.waitForTimeout(600); // any analysis still pending runs now
    const after = await runsOf(page);
    // 20 ms between keys, 250 ms debounce: one run at the end (a very slow machine may add one).
    assert(after - before <= 3, `typing ${typed.length} characters ran ${after - before} analyses`);
    const words = await page.$eval('#stats dd[data-stat="words"]', (dd) => dd.textContent);
    assertEqual(words, '4', 'words after typing');
    const marks = await page.$$eval('#highlighted mark', (ms) => ms.map((m) => m.querySelector('.ent-text').textContent));
    assert(marks.includes('روسيا'), `marks after typing: ${marks.join('، ')}`);
  });

  await check('the highlighter ignores bad, overlapping and out-of-range spans and keeps the text intact', async () => {
    const r = await page.evaluate(async () => {
      const { highlightedText, legendItems } = await import('/render.js');
      const text = 'في روسيا وكوريا الشمالية <b>x</b>';
      const entities = [
        { start: 3, end: 8, type: 'LOC' },
        { start: 5, end: 12, type: 'ORG' }, // overlaps the first
        { start: 10, end: 24, type: 'LOC' },
        { start: 10, end: 15, type: 'PER' }, // same start, shorter: dropped
        { start: -1, end: 2, type: 'PER' },
        { start: 20, end: 999, type: 'PER' },
        { start: 7, end: 7, type: 'PER' },
        { start: 1.5, end: 2, type: 'PER' },
        { start: '0', end: '2', type: 'PER' },
        null,
        { start: 25, end: 33, type: '"><img src=x onerror=alert(9)>' },
      ];
      const host = document.createElement('div');
      host.append(highlightedText(text, entities, [{ start: 4, end: 6 }, { start: 0, end: 100 }, null]));
      host.append(legendItems(entities));
      const copy = host.cloneNode(true);
      for (const l of copy.querySelectorAll('.ent-label, li')) l.remove();
      return {
        text: copy.textContent,
        marks: [...host.querySelectorAll('mark')].map((m) => [m.dataset.type, m.querySelector('.ent-text').textContent, m.className]),
        imgs: host.querySelectorAll('img').length,
      };
    });
    assertEqual(r.text, 'في روسيا وكوريا الشمالية <b>x</b>', 'text after highlighting');
    assertEqual(
      JSON.stringify(r.marks),
      JSON.stringify([
        ['LOC', 'روسيا', 'ent ent-LOC'],
        ['LOC', 'كوريا الشمالية', 'ent ent-LOC'],
        ['"><img src=x onerror=alert(9)>', '<b>x</b>', 'ent ent-other'],
      ]),
      'marks drawn',
    );
    assertEqual(r.imgs, 0, 'img elements');
  });

  await check('no console errors, page errors, failed requests or requests to other origins', async () => {
    assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
    assertEqual(log.consoleErrors.length, 0, `console errors: ${log.consoleErrors.join(' | ')}`);
    assertEqual(log.badResponses.length, 0, `failed responses: ${log.badResponses.join(' | ')}`);
    assertEqual(log.foreign.length, 0, `requests to other origins: ${log.foreign.join(' | ')}`);
    assertEqual(log.dialogs.length, 0, `dialogs: ${log.dialogs.join(' | ')}`);
    const external = server.requests.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.url}`);
    assertEqual(external.length, 0, `server answered with errors: ${external.join(' | ')}`);
  });

  await check('a wasm module that fails to load is reported clearly on the page', async () => {
    const broken = await context.newPage();
    broken.setDefaultTimeout(TIMEOUT);
    const blog = watch(broken, origin);
    await broken.route('**/kashif_bg.wasm', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
    );
    await broken.goto(`${origin}/`, { waitUntil: 'load' });
    await broken.waitForFunction(() => document.body.dataset.state === 'error');
    const r = await broken.evaluate(() => ({
      visible: !document.getElementById('error').hidden && document.getElementById('error').offsetHeight > 0,
      title: document.querySelector('#error .error-title').textContent,
      message: document.getElementById('error-message').textContent,
      button: document.getElementById('analyze').disabled,
      hint: !document.getElementById('error-hint').hidden,
      sample: document.getElementById('input').value.length > 0,
    }));
    assert(r.hint, 'the hint on how to build the package is not shown');
    assert(r.sample, 'the sample text is not shown');
    assert(r.visible, 'the error box is not visible');
    assert(r.title.includes('WebAssembly'), `error title: ${r.title}`);
    assert(r.message.includes('404'), `error message: ${r.message}`);
    assert(r.button, 'the analyze button stays disabled');
    assertEqual(blog.pageErrors.length, 0, `page errors: ${blog.pageErrors.join(' | ')}`);
    await broken.close();
  });

  await featureChecks({
    context, origin, check, assert, assertEqual, waitForRun, runsOf, watch, ARTIFACTS, SEED, TIMEOUT,
    note: (m) => console.log(`     ${m}`),
  });

  await workerChecks({ context, origin, check });

  await context.close();
} catch (err) {
  failed += 1;
  console.log(`FAIL (harness) ${err?.stack ?? err}`);
} finally {
  await browser.close().catch(() => {});
  await server.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
