// Offline PWA test: load the page once (the service worker precaches it), cut the network, reload,
// and the page still loads and analyzes. Run: node tests/page/offline.mjs (after ./kashif build).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { TIMEOUT, WWW as ROOT_WWW, assert, assertEqual, launch, prerequisites, standalone, watch } from './harness.mjs';

// KASHIF_WWW: serve another copy of www/ (for debugging the worker against a known-good page).
const WWW = process.env.KASHIF_WWW || ROOT_WWW;

export async function run({ check }) {
  const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'www/pkg/precache.json', 'www/sw.js', 'www/sw-register.js', 'www/manifest.webmanifest']);
  const precache = JSON.parse(readFileSync(path.join(WWW, 'pkg', 'precache.json'), 'utf8'));
  const server = await startServer(WWW);
  const origin = server.origin;
  let browser = await launch(chromium);
  let serverOpen = true;
  try {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 1200, height: 900 } });
    await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const log = watch(page);

    await check('the page and its manifest are served; the service worker installs and takes control', async () => {
      await page.goto(`${origin}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.waitForFunction(() => document.body.dataset.state === 'ready');
      const r = await page.evaluate(async () => {
        const link = document.querySelector('link[rel="manifest"]');
        const manifest = await (await fetch(link.href)).json();
        return {
          script: navigator.serviceWorker.controller.scriptURL,
          manifest,
          caches: await caches.keys(),
        };
      });
      assert(r.script.includes(`sw.js?v=${precache.version}`), `controller script ${r.script} (expected version ${precache.version})`);
      assertEqual(r.manifest.lang, 'ar', 'manifest lang');
      assert(r.manifest.icons?.length >= 1 && r.manifest.start_url, 'manifest lacks icons or start_url');
      assert(r.caches.includes(`kashif-${precache.version}`), `caches: ${r.caches.join(', ')}`);
      const cached = await page.evaluate(async (files) => {
        const cache = await caches.open((await caches.keys()).find((k) => k.startsWith('kashif-')));
        const missing = [];
        for (const f of files) if (!(await cache.match(f))) missing.push(f);
        return missing;
      }, precache.files);
      assertEqual(cached.length, 0, `files missing from the cache: ${cached.join(', ')}`);
    });

    await check('with the network off (and the server stopped) the page reloads and analyzes', async () => {
      await context.setOffline(true);
      await server.close();
      serverOpen = false;
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(() => document.body.dataset.state === 'ready');
      const r = await page.evaluate(async () => {
        const { Kashif } = await import('/kashif-api.js');
        const k = await Kashif.load();
        const res = k.analyze('قال بوتين إن روسيا ستدعم كوريا الشمالية');
        return {
          online: navigator.onLine,
          marks: [...document.querySelectorAll('mark')].map((m) => m.textContent),
          entities: res.entities.map((e) => `${e.type}:${e.text}`),
        };
      });
      assertEqual(r.online, false, 'navigator.onLine');
      assert(r.marks.some((t) => t.includes('روسيا')), `the page's marks after the offline reload: ${r.marks.join(' | ')}`);
      assert(r.entities.includes('LOC:روسيا'), `entities analysed offline: ${r.entities.join(', ')}`);
    });

    await check('a new tab opened offline loads the page from the cache', async () => {
      const tab = await context.newPage();
      tab.setDefaultTimeout(TIMEOUT);
      await tab.goto(`${origin}/`, { waitUntil: 'load' });
      await tab.waitForFunction(() => document.body.dataset.state === 'ready');
      const marks = await tab.$$eval('mark', (ms) => ms.map((m) => m.textContent));
      assert(marks.some((t) => t.includes('روسيا')), `marks: ${marks.join(' | ')}`);
      await tab.close();
    });

    await check('no page errors or dialogs', async () => {
      assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
      assertEqual(log.dialogs.length, 0, `dialogs: ${log.dialogs.join(' | ')}`);
    });
    await context.close();
  } finally {
    await browser.close().catch(() => {});
    if (serverOpen) await server.close();
  }
}

await standalone(import.meta, 'offline', run);
