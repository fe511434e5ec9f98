// The single-file build (dist/kashif.html) opened from file://: it loads, analyzes the seed article
// pasted into it, highlights روسيا as a place, shows markup literally, and keeps its CSP.
// Run: node tests/page/single-file.mjs (after ./kashif build).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, TIMEOUT, assert, assertEqual, launch, prerequisites, standalone, watch } from './harness.mjs';

const FILE = path.join(ROOT, 'dist', 'kashif.html');

export async function run({ check }) {
  const chromium = await prerequisites(['dist/kashif.html']);
  const seed = readFileSync(path.join(ROOT, 'www/samples/seed-article-ar.txt'), 'utf8').replace(/\r\n?/g, '\n');
  const html = readFileSync(FILE, 'utf8');
  const browser = await launch(chromium);
  try {
    await check('the file is self-contained: one classic inline script, a hash-based CSP, no external references', async () => {
      const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]);
      assertEqual(scripts.length, 1, 'number of <script> elements');
      assert(!/type\s*=\s*["']?module/i.test(scripts[0]) && !/\bsrc\s*=/i.test(scripts[0]), `the script is not a classic inline one: ${scripts[0]}`);
      assert(!/<link[^>]+rel="stylesheet"/i.test(html), 'an external stylesheet');
      assert(!/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.test(html), 'a remote reference');
      const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
      assert(/default-src 'none'/.test(csp) && /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/.test(csp), `CSP: ${csp}`);
    });

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ar' });
    // Nothing may be fetched: every request but the file itself is recorded and cut.
    const requests = [];
    await context.route(
      (url) => url.href !== pathToFileURL(FILE).href && !url.href.startsWith('data:'),
      (route) => {
        requests.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const log = watch(page);
    const runs = () => page.evaluate(() => Number(document.body.dataset.runs ?? 0));
    const waitRun = (after) =>
      page.waitForFunction((n) => Number(document.body.dataset.runs ?? 0) > n && document.body.dataset.state === 'ready', after);

    await check('opened from file://, pasting the seed article and analyzing highlights روسيا as LOC', async () => {
      await page.goto(pathToFileURL(FILE).href, { waitUntil: 'load' });
      await page.waitForFunction(() => !document.getElementById('analyze').disabled);
      await page.fill('#input', '');
      await page.focus('#input');
      await page.keyboard.insertText(seed); // what a paste does to a text area
      const before = await runs();
      await page.click('#analyze');
      await waitRun(before);
      const r = await page.evaluate(() => {
        const root = document.getElementById('view').shadowRoot;
        return {
          protocol: location.protocol,
          marks: [...root.querySelectorAll('mark')].map((m) => ({ type: m.dataset.type, text: m.textContent })),
          keywords: [...root.querySelectorAll('.keyword .kw')].map((k) => k.textContent),
          shown: root.querySelector('.text').textContent,
          words: document.querySelector('dd[data-stat="words"]').textContent,
          status: document.getElementById('status').textContent,
        };
      });
      assertEqual(r.protocol, 'file:', 'protocol');
      assertEqual(r.shown, seed, 'the highlighted text is exactly the pasted text');
      assert(r.marks.some((m) => m.type === 'LOC' && m.text === 'روسيا'), `marks: ${JSON.stringify(r.marks.slice(0, 12))}`);
      assert(r.keywords.slice(0, 3).includes('روسيا'), `top keywords: ${r.keywords.slice(0, 5).join('، ')}`);
      assert(/[0-9٠-٩]/.test(r.words), `words stat: ${r.words}`);
      assert(/\d+\.\d+\.\d+/.test(r.status), `status shows the version: ${r.status}`);
    });

    await check('markup typed into the single file is shown as text and never runs', async () => {
      const hostile = 'قال إن <img src=x onerror=alert(1)> ظهرت في روسيا <script>alert(2)</script>';
      await page.fill('#input', hostile);
      const before = await runs();
      await page.click('#analyze');
      await waitRun(before);
      await page.waitForTimeout(300);
      const r = await page.evaluate(() => {
        const root = document.getElementById('view').shadowRoot;
        return {
          shown: root.querySelector('.text').textContent,
          elements: root.querySelectorAll('img, script').length + document.querySelectorAll('img').length,
        };
      });
      assertEqual(r.shown, hostile, 'the text shown');
      assertEqual(r.elements, 0, 'img/script elements created');
      assertEqual(log.dialogs.length, 0, `dialogs: ${log.dialogs.join('; ')}`);
    });

    await check('no page errors, console errors (CSP violations included) or network requests', async () => {
      assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
      assertEqual(log.consoleErrors.length, 0, `console errors: ${log.consoleErrors.join(' | ')}`);
      assertEqual(requests.length, 0, `requests: ${requests.join(' | ')}`);
    });
    await context.close();
  } finally {
    await browser.close().catch(() => {});
  }
}

await standalone(import.meta, 'single-file', run);
