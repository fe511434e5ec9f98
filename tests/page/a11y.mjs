// Accessibility as the web's own auditor measures it: axe-core run (every rule, every impact level)
// over each view and state of the page, the embedding example and the single-file build. The
// target is zero violations; a rule may be left out of a view only with the reason it cannot
// apply there (see axe.mjs). Run: node tests/page/a11y.mjs (after ./kashif build).
//
// The views: the page in Arabic and English, light and dark, each with the seed article; a keyword
// selected (the KWIC panel filled) with its variants open; the options open with a stopword
// added; the token view on its second page; an empty text; the engine error box; the embedding
// example (www/example-embed.html); the single-file build (dist/kashif.html, from file://).
// The export panel is part of every page view. (No corpus view exists yet: add it here when it does.)
// Beside axe, two checks of what its rules stand for: the keyboard scrolls the scroll boxes, and
// the Arabic text keeps its direction in the English interface.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { assertAxeClean } from './axe.mjs';
import { ROOT, TIMEOUT, assert, assertEqual, launch, prerequisites, standalone, watch } from './harness.mjs';

const waitForRun = (page, after) =>
  page.waitForFunction(
    (n) => Number(document.body.dataset.runs ?? 0) > n && document.body.dataset.state === 'ready',
    after,
    { timeout: TIMEOUT },
  );
const runsOf = (page) => page.evaluate(() => Number(document.body.dataset.runs ?? 0));

/** Puts the page in `lang` ('ar'/'en') and `theme` ('light'/'dark') with its own switches. */
async function setLook(page, lang, theme) {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.click('#lang-switch');
  if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.click('#theme-switch');
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement?.blur());
}

const LOOKS = [
  ['ar', 'light'],
  ['ar', 'dark'],
  ['en', 'light'],
  ['en', 'dark'],
];

/** The page's views, each checked in the four looks. */
async function pageViews({ check, browser, origin }) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'ar',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const log = watch(page);
  await page.goto(`${origin}/www/`, { waitUntil: 'load' });
  await waitForRun(page, 0);

  for (const [lang, theme] of LOOKS) {
    const look = `${lang}, ${theme}`;
    await check(`axe: the page with the seed article (${look})`, async () => {
      await setLook(page, lang, theme);
      await assertAxeClean(page, `the page (${look})`);
    });

    await check(`axe: a keyword selected (KWIC panel) with its variants open (${look})`, async () => {
      const row = page.locator('#keywords tr.keyword-row').filter({ has: page.locator('.kw-variants') }).first();
      const key = await row.getAttribute('data-key');
      await row.locator('.kw-button').click();
      await page.locator(`#keywords tr.keyword-row[data-key="${key}"] .kw-variants`).click();
      await page.locator('#kwic .kwic-line').first().waitFor();
      await page.locator('tr.variants-row').first().waitFor();
      await page.mouse.move(0, 0);
      try {
        await assertAxeClean(page, `the KWIC panel and variants (${look})`);
      } finally {
        await page.locator(`#keywords tr.keyword-row[data-key="${key}"] .kw-variants`).click();
        await page.locator(`#keywords tr.keyword-row[data-key="${key}"] .kw-button`).click();
      }
    });

    await check(`axe: the options open with a stopword added and one kept (${look})`, async () => {
      await page.evaluate(() => (document.querySelector('.options').open = true));
      let before = await runsOf(page);
      await page.fill('#stop-input', 'روسيا');
      await page.click('#stop-add');
      await waitForRun(page, before);
      before = await runsOf(page);
      await page.fill('#stop-input', 'قال');
      await page.click('#stop-remove');
      await waitForRun(page, before);
      try {
        await assertAxeClean(page, `the options (${look})`);
      } finally {
        before = await runsOf(page);
        await page.click('#stop-reset');
        await waitForRun(page, before);
        await page.evaluate(() => (document.querySelector('.options').open = false));
      }
    });

    await check(`axe: the token view on its second page (${look})`, async () => {
      await page.click('#tk-next');
      await page.waitForFunction(() => document.querySelector('#tokens tbody tr td')?.textContent === '101');
      try {
        await assertAxeClean(page, `the token view (${look})`);
      } finally {
        await page.click('#tk-prev');
        await page.waitForFunction(() => document.querySelector('#tokens tbody tr td')?.textContent === '1');
      }
    });

    await check(`axe: an empty text (${look})`, async () => {
      const before = await runsOf(page);
      const seed = await page.inputValue('#input');
      await page.click('#clear');
      await waitForRun(page, before);
      try {
        await page.evaluate(() => document.activeElement?.blur());
        await assertAxeClean(page, `the empty text (${look})`);
      } finally {
        const b2 = await runsOf(page);
        await page.fill('#input', seed);
        await page.click('#analyze');
        await waitForRun(page, b2);
      }
    });
  }

  await check('after switching back to Arabic, the marks name their types in Arabic', async () => {
    await setLook(page, 'ar', 'light');
    const label = await page.$eval('#highlighted mark.ent-LOC .ent-label', (l) => ({ lang: l.lang, name: l.textContent, title: l.parentElement.title }));
    assertEqual(JSON.stringify(label), JSON.stringify({ lang: 'ar', name: ' (مكان)', title: 'مكان (LOC)' }), 'the first LOC mark');
  });

  await check('the keyboard reaches and scrolls the highlighted text and the token table', async () => {
    await setLook(page, 'ar', 'light');
    for (const sel of ['#highlighted', '.panel-tokens .table-wrap']) {
      const box = page.locator(sel);
      await box.scrollIntoViewIfNeeded();
      await box.evaluate((b) => (b.scrollTop = 0));
      const r = await box.evaluate((b) => ({ tab: b.tabIndex, scrollable: b.scrollHeight > b.clientHeight + 10 }));
      assert(r.scrollable, `${sel} does not scroll with the seed article (test premise)`);
      assert(r.tab >= 0, `${sel} is not in the tab order (tabIndex ${r.tab})`);
      await box.focus();
      await page.keyboard.press('PageDown');
      await page.waitForFunction((s) => document.querySelector(s).scrollTop > 0, sel, { timeout: 5000 });
    }
    await page.evaluate(() => document.activeElement?.blur());
  });

  await check('in the English interface the Arabic text still runs right to left and is marked as Arabic', async () => {
    await setLook(page, 'en', 'light');
    await page.locator('#highlighted').evaluate((b) => (b.scrollTop = 0));
    await page.locator('#highlighted').scrollIntoViewIfNeeded();
    const r = await page.evaluate(() => {
      const block = document.querySelector('#highlighted .tblock');
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      const first = walker.nextNode();
      const range = document.createRange();
      range.setStart(first, 0);
      range.setEnd(first, 1);
      const c = range.getBoundingClientRect();
      const b = block.getBoundingClientRect();
      return { fromRight: b.right - c.right, fromLeft: c.left - b.left, char: first.data[0] };
    });
    assert(r.fromRight < 40 && r.fromLeft > 200, `the first letter «${r.char}» is ${Math.round(r.fromLeft)} px from the left, ${Math.round(r.fromRight)} px from the right`);
    // And a screen reader reads it in Arabic: the text and its words elsewhere say so; the type
    // names inside the marks are in the interface's language.
    const langs = await page.evaluate(() => ({
      text: document.getElementById('highlighted').lang,
      keyword: document.querySelector('#keywords .kw-text')?.lang,
      entity: document.querySelector('#entity-list .ent-item-text')?.lang,
      token: document.querySelector('#tokens .tk-text')?.lang,
      label: document.querySelector('#highlighted mark.ent-LOC .ent-label')?.lang,
      name: document.querySelector('#highlighted mark.ent-LOC .ent-label')?.textContent,
    }));
    assertEqual(
      JSON.stringify(langs),
      JSON.stringify({ text: 'ar', keyword: 'ar', entity: 'ar', token: 'ar', label: 'en', name: ' (Place)' }),
      'lang attributes in the English interface',
    );
    await setLook(page, 'ar', 'light');
  });

  await check('axe: the engine error box (the wasm fails to load)', async () => {
    const broken = await context.newPage();
    broken.setDefaultTimeout(TIMEOUT);
    await broken.route('**/kashif_bg.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    await broken.goto(`${origin}/www/`, { waitUntil: 'load' });
    await broken.waitForFunction(() => document.body.dataset.state === 'error');
    await setLook(broken, 'ar', 'light');
    await assertAxeClean(broken, 'the engine error (ar, light)');
    await setLook(broken, 'en', 'dark');
    await assertAxeClean(broken, 'the engine error (en, dark)');
    await broken.close();
  });

  await check('axe views of the page: no page errors', async () => {
    assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
  });
  await context.close();
}

async function embedView({ check, browser, origin }) {
  for (const scheme of ['light', 'dark']) {
    await check(`axe: the embedding example (${scheme} preference)`, async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: scheme });
      await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      await page.goto(`${origin}/www/example-embed.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      try {
        await assertAxeClean(page, `the embedding example (${scheme})`);
      } finally {
        await context.close();
      }
    });
  }
}

async function singleFileView({ check, browser }) {
  const file = pathToFileURL(path.join(ROOT, 'dist', 'kashif.html')).href;
  for (const scheme of ['light', 'dark']) {
    await check(`axe: the single-file build from file:// (${scheme} preference)`, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ar', colorScheme: scheme });
      await context.route((url) => url.href !== file && !url.href.startsWith('data:'), (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      await page.goto(file, { waitUntil: 'load' });
      await waitForRun(page, 0);
      try {
        await assertAxeClean(page, `the single-file build (${scheme})`);
      } finally {
        await context.close();
      }
    });
  }
}

export async function run({ check }) {
  const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'dist/kashif.html', 'node_modules/axe-core/axe.min.js']);
  // The repository root: the page is /www/, the example /www/example-embed.html.
  const server = await startServer(ROOT);
  const browser = await launch(chromium);
  try {
    const h = { check, browser, origin: server.origin };
    await pageViews(h);
    await embedView(h);
    await singleFileView(h);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

await standalone(import.meta, 'a11y', run);
