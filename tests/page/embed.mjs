// Embedding tests: the <kashif-highlight> element on a third-party page (www/example-embed.html),
// style isolation, observed attributes, markup in the text, and the npm package in dist/embed/.
// Run: node tests/page/embed.mjs (after ./kashif build).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { ROOT, TIMEOUT, assert, assertEqual, launch, prerequisites, standalone, watch } from './harness.mjs';

const HOSTILE = 'قال المراسل في موسكو إن <img src=x onerror=alert(1)> ظهرت في روسيا، ثم <script>alert(2)</script> و<b onmouseover=alert(3)>عريض</b>';

/** What the widget shows: marks (type, text, styles), keywords, the text. */
const inspect = (selector) =>
  `(() => {
    const host = document.querySelector(${JSON.stringify(selector)});
    const root = host.shadowRoot;
    const text = root.querySelector('.text');
    return {
      marks: [...root.querySelectorAll('mark')].map((m) => {
        const cs = getComputedStyle(m);
        return { type: m.dataset.type, text: m.textContent, color: cs.color, font: cs.fontFamily, style: cs.fontStyle, bg: cs.backgroundColor };
      }),
      keywords: [...root.querySelectorAll('.keyword .kw')].map((k) => k.textContent),
      text: text.textContent,
      elements: [...root.querySelectorAll('.text *')].filter((e) => e.localName !== 'mark').map((e) => e.localName),
      hostFont: getComputedStyle(host).fontFamily,
      hostSize: getComputedStyle(host).fontSize,
      hostLetterSpacing: getComputedStyle(text).letterSpacing,
    };
  })()`;

export async function run({ check }) {
  const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'www/kashif-element.js', 'www/example-embed.html', 'dist/embed/package.json', 'dist/embed/pkg/kashif_bg.wasm']);
  // Serve the repository root: the example is /www/example-embed.html, the package /dist/embed/.
  const server = await startServer(ROOT);
  const origin = server.origin;
  const browser = await launch(chromium);
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const log = watch(page);

    await check('the example page renders the widget with entities highlighted in its shadow root', async () => {
      await page.goto(`${origin}/www/example-embed.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      const r = await page.evaluate(inspect('#widget'));
      const source = await page.$eval('#widget', (w) => w.textContent);
      assertEqual(r.text, source, 'the widget shows exactly its text');
      assert(r.marks.some((m) => m.type === 'LOC' && m.text === 'روسيا'), `marks: ${JSON.stringify(r.marks.map((m) => [m.type, m.text]))}`);
      assert(r.marks.some((m) => m.type === 'LOC' && m.text === 'كوريا الشمالية'), 'no LOC mark كوريا الشمالية');
      assert(r.marks.every((m) => ['PER', 'LOC', 'ORG'].includes(m.type)), `types="PER LOC ORG" not respected: ${r.marks.map((m) => m.type)}`);
      assert(r.keywords.length > 0 && r.keywords.length <= 5, `top="5": ${r.keywords.length} keywords`);
      assert(r.keywords.includes('روسيا'), `keywords: ${r.keywords.join('، ')}`);
      const summary = await page.$eval('#summary', (s) => s.textContent);
      assert(/\d+ LOC/.test(summary), `the page's kashif-ready handler saw the result: ${summary}`);
      // Nothing is rendered in the light DOM (the text stays the page's own content).
      assertEqual(await page.evaluate(() => document.getElementById('widget').children.length), 0, 'light-DOM children of the widget');
    });

    await check('the element analyses in its worker, off the page\'s main thread (the wasm is never fetched by the page)', async () => {
      const workers = page.workers().map((w) => w.url());
      assert(workers.some((u) => u.endsWith('/www/kashif-element-worker.js')), `workers: ${workers.join(', ')}`);
      const onPage = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /kashif_bg\.wasm|pkg\/kashif\.js/.test(n)));
      assertEqual(onPage.length, 0, `engine files fetched by the page itself: ${onPage.join(', ')}`);
    });

    await check('when the worker cannot start (its file missing), the element analyses on the page instead', async () => {
      const p = await context.newPage();
      p.setDefaultTimeout(TIMEOUT);
      const plog = watch(p);
      await p.route('**/kashif-element-worker.js', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await p.goto(`${origin}/www/example-embed.html`, { waitUntil: 'load' });
      await p.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error');
      assertEqual(await p.evaluate(() => document.body.dataset.ready), 'true', `the element failed: ${await p.textContent('#summary')}`);
      const r = await p.evaluate(inspect('#widget'));
      assert(r.marks.some((m) => m.type === 'LOC' && m.text === 'روسيا'), `marks: ${JSON.stringify(r.marks.map((m) => [m.type, m.text]))}`);
      assertEqual(plog.pageErrors.length, 0, `page errors: ${plog.pageErrors.join(' | ')}`);
      await p.close();
    });

    await check("the page's styles do not reach inside (mark { color: red }, serif, letter-spacing, font size)", async () => {
      const r = await page.evaluate(inspect('#widget'));
      const pageMark = await page.$eval('.story > p mark', (m) => getComputedStyle(m).color);
      assertEqual(pageMark, 'rgb(255, 0, 0)', "the page's own mark");
      for (const m of r.marks) {
        assert(m.color !== 'rgb(255, 0, 0)' && m.bg !== 'rgb(0, 0, 0)', `a widget mark took the page's mark style: ${JSON.stringify(m)}`);
        assertEqual(m.style, 'normal', 'font-style of a widget mark');
        assert(!/Georgia|Serif/.test(m.font), `font of a widget mark: ${m.font}`);
      }
      assert(/Noto Naskh Arabic/.test(r.hostFont), `host font: ${r.hostFont}`);
      assertEqual(r.hostSize, '17px', 'host font size (the page body is 20px)');
      assertEqual(r.hostLetterSpacing, 'normal', 'letter-spacing inside (the page sets 0.02em on divs)');
      // And nothing leaks out: the page's paragraphs keep their serif font.
      const lede = await page.$eval('.lede', (p) => getComputedStyle(p).fontFamily);
      assert(/Georgia/.test(lede), `the page's paragraph font changed: ${lede}`);
    });

    await check('changing types, top and text re-renders and fires kashif-ready again', async () => {
      const r = await page.evaluate(async () => {
        const w = document.getElementById('widget');
        const next = () => new Promise((resolve) => w.addEventListener('kashif-ready', (e) => resolve(e.detail), { once: true }));
        let done = next();
        w.setAttribute('types', 'PER');
        await done;
        const perOnly = [...w.shadowRoot.querySelectorAll('mark')].map((m) => m.dataset.type);
        done = next();
        w.setAttribute('top', '2');
        await done;
        const two = w.shadowRoot.querySelectorAll('.keyword').length;
        done = next();
        w.text = 'زار الوفد روسيا أمس';
        const detail = await done;
        return {
          perOnly,
          two,
          marks: [...w.shadowRoot.querySelectorAll('mark')].map((m) => `${m.dataset.type}:${m.textContent}`),
          detailWords: detail.stats.words,
          shown: w.shadowRoot.querySelector('.text').textContent,
        };
      });
      assert(r.perOnly.length > 0 && r.perOnly.every((t) => t === 'PER'), `types="PER": ${r.perOnly}`);
      assertEqual(r.two, 2, 'keywords with top="2"');
      assertEqual(r.shown, 'زار الوفد روسيا أمس', 'text after setting the property');
      assertEqual(r.detailWords, 4, "kashif-ready's detail.stats.words");
      assertEqual(r.marks.length, 0, `types="PER" on a text with only a place: ${r.marks}`);
    });

    await check('markup in the text is shown literally and never runs (property and textContent)', async () => {
      const r = await page.evaluate(async (hostile) => {
        const w = document.getElementById('widget');
        w.setAttribute('types', 'PER LOC ORG');
        const ready = (el) => new Promise((resolve) => el.addEventListener('kashif-ready', () => resolve(), { once: true }));
        let done = ready(w);
        w.text = hostile;
        await done;
        const fresh = document.createElement('kashif-highlight');
        fresh.id = 'fresh';
        fresh.textContent = hostile;
        done = ready(fresh);
        document.querySelector('.story').append(fresh);
        await done;
        await new Promise((r) => setTimeout(r, 300)); // let a (wrongly) created image fail
        return {
          imgs: document.querySelectorAll('img').length + w.shadowRoot.querySelectorAll('img, script, b').length + fresh.shadowRoot.querySelectorAll('img, script, b').length,
        };
      }, HOSTILE);
      for (const sel of ['#widget', '#fresh']) {
        const v = await page.evaluate(inspect(sel));
        assertEqual(v.text, HOSTILE, `the text shown by ${sel}`);
        assertEqual(v.elements.length, 0, `elements other than marks in ${sel}: ${v.elements}`);
        assert(v.marks.some((m) => m.text === 'روسيا'), `${sel} still analyses around the markup`);
      }
      assertEqual(r.imgs, 0, 'img/script/b elements created');
      await page.hover('#widget');
      assertEqual(log.dialogs.length, 0, `dialogs: ${log.dialogs.join('; ')}`);
    });

    await check('no page errors, console errors (CSP included) or dialogs on the example page', async () => {
      assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
      assertEqual(log.consoleErrors.length, 0, `console errors: ${log.consoleErrors.join(' | ')}`);
      assertEqual(log.dialogs.length, 0, `dialogs: ${log.dialogs.join(' | ')}`);
    });

    await check('the package (dist/embed) works without a bundler: import, Kashif.load(), the element', async () => {
      const p = await context.newPage();
      p.setDefaultTimeout(TIMEOUT);
      const plog = watch(p);
      await p.goto(`${origin}/www/samples/seed-article-ar.txt`);
      const r = await p.evaluate(async () => {
        const mod = await import('/dist/embed/index.js');
        const k = await mod.Kashif.load();
        const res = k.analyze('قال بوتين إن روسيا ستدعم كوريا الشمالية', { top_n: 3 });
        return {
          exports: Object.keys(mod).sort(),
          version: k.version(),
          entities: res.entities.map((e) => `${e.type}:${e.text}`),
          keywords: res.keywords.length,
          defined: typeof customElements.get('kashif-highlight'),
        };
      });
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'dist/embed/package.json'), 'utf8'));
      const cargo = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"/m)[1];
      assertEqual(pkg.version, cargo, 'package.json version');
      assertEqual(r.version, cargo, 'engine version');
      assertEqual(JSON.stringify(r.exports), JSON.stringify(['Kashif', 'KashifHighlight', 'defineKashifHighlight']), 'exports');
      assert(r.entities.includes('LOC:روسيا'), `entities: ${r.entities}`);
      assert(r.keywords <= 3 && r.keywords > 0, `top_n 3 gave ${r.keywords}`);
      assertEqual(r.defined, 'function', 'kashif-highlight defined by importing the package');
      assertEqual(plog.pageErrors.length, 0, `page errors: ${plog.pageErrors.join(' | ')}`);
      await p.close();
    });

    await context.close();
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }

  await check('the package in Node: its exports, declarations and files; same result as www/', async () => {
    const dir = path.join(ROOT, 'dist/embed');
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    assertEqual(pkg.name, 'kashif', 'name');
    assertEqual(pkg.type, 'module', 'type');
    assertEqual(pkg.types, './kashif.d.ts', 'types');
    for (const f of pkg.files) assert(existsSync(path.join(dir, f)), `dist/embed/${f} is listed in "files" but missing`);
    // The embedded data's attribution (CC BY-SA for the lexicon and the model) ships with the package.
    const notice = readFileSync(path.join(dir, 'NOTICE.md'), 'utf8');
    assert(pkg.files.includes('NOTICE.md') && /ANERcorp/.test(notice) && /CC BY-SA 4\.0/.test(notice), 'the package lacks the data notice NOTICE.md');
    for (const [key, target] of Object.entries(pkg.exports)) {
      for (const f of typeof target === 'string' ? [target] : Object.values(target)) {
        assert(existsSync(path.join(dir, f)), `exports["${key}"] points to a missing ${f}`);
      }
    }
    const dts = readFileSync(path.join(dir, 'kashif.d.ts'), 'utf8');
    assert(/static load\(/.test(dts) && /analyze\(text: string, options\?: Options\): Analysis/.test(dts), 'kashif.d.ts lacks load/analyze');
    assert(/export interface Analysis/.test(readFileSync(path.join(dir, 'analysis.d.ts'), 'utf8')), 'analysis.d.ts lacks Analysis');
    const { Kashif } = await import(pathToFileURL(path.join(dir, 'index.js')).href);
    const k = await Kashif.load({ wasm: readFileSync(path.join(dir, pkg.exports['./kashif_bg.wasm'])) });
    const seed = readFileSync(path.join(ROOT, 'www/samples/seed-article-ar.txt'), 'utf8');
    const { Kashif: Www } = await import(pathToFileURL(path.join(ROOT, 'www/kashif-api.js')).href);
    const w = await Www.load({ wasm: readFileSync(path.join(ROOT, 'www/pkg/kashif_bg.wasm')) });
    assertEqual(JSON.stringify(k.analyze(seed)), JSON.stringify(w.analyze(seed)), 'package result vs www/ result on the seed article');
  });
}

await standalone(import.meta, 'embed', run);
