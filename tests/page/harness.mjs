// Shared by the browser tests in tests/page/ (embed.mjs, offline.mjs, single-file.mjs): launching
// headless Chromium, a check() counter that prints each result and "N passed, M failed".
// Missing prerequisites are failures, never skips.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(ROOT, 'www');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const TIMEOUT = 30_000;

/** A test suite: `check(name, fn)`, `fail(message)`, `summary()` → exit code. */
export function suite(title) {
  let passed = 0;
  let failed = 0;
  return {
    async check(name, fn) {
      try {
        await fn();
        passed += 1;
        console.log(`ok   ${title}: ${name}`);
      } catch (err) {
        failed += 1;
        console.log(`FAIL ${title}: ${name}\n     ${String(err?.stack ?? err).split('\n').join('\n     ')}`);
      }
    },
    fail(message) {
      failed += 1;
      console.log(`FAIL ${title}: ${message}`);
    },
    summary() {
      console.log(`${title}: ${passed} passed, ${failed} failed`);
      return { passed, failed };
    },
  };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Throws with a clear message when Chromium, playwright-core or any of `files` (paths from ROOT) is missing. */
export async function prerequisites(files) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (Debian: apt-get install chromium fonts-noto-core)`);
  for (const f of files) {
    if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing (run ./kashif build first)`);
  }
  try {
    return (await import('playwright-core')).chromium;
  } catch (err) {
    throw new Error(`cannot load playwright-core (run npm ci): ${err.message}`);
  }
}

export async function launch(chromium) {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/** Records console errors, page errors and dialogs of a page. */
export function watch(page) {
  const log = { consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('dialog', async (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return log;
}

/** Runs `main(suite)` as a standalone script when `meta` is the entry module; exits 1 on failure. */
export async function standalone(meta, title, main) {
  if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(meta.url)) {
    const s = suite(title);
    try {
      await main(s);
    } catch (err) {
      s.fail(String(err?.stack ?? err));
    }
    const { failed } = s.summary();
    process.exit(failed === 0 ? 0 : 1);
  }
}

/**
 * A full-page screenshot of what a reader scrolling through the page sees. The page neither lays
 * out nor paints what is far from the viewport (content-visibility: auto), and Playwright's
 * fullPage capture keeps the viewport, so those parts would be blank in the picture: they are
 * made visible (through the CSSOM, which the page's CSP allows) for the picture only.
 */
export async function fullPageShot(page, file) {
  const shown = () => {
    for (const e of document.querySelectorAll('*')) {
      if (getComputedStyle(e).contentVisibility === 'auto') {
        e.style.contentVisibility = 'visible';
        e.dataset.shotVisible = '';
      }
    }
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  };
  const restore = () => {
    for (const e of document.querySelectorAll('[data-shot-visible]')) {
      e.style.removeProperty('content-visibility');
      delete e.dataset.shotVisible;
    }
  };
  await page.evaluate(shown);
  try {
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await page.evaluate(restore);
  }
}

/**
 * Records Chromium's trace of a page's renderer main threads from now until `stop()`, which gives
 * their top-level tasks (`cpu`: the thread time spent in the task, `wall`: its duration, in ms;
 * `ts`: its start, µs on the trace's clock) and the page's `console.timeStamp(name)` marks on the
 * same clock.
 *
 * Why thread time: a long task's duration (PerformanceObserver('longtask')) is wall time, and on
 * a loaded machine a short task that waits for a core is reported many times longer than it is.
 * The CPU time the main thread spent in a task is what the page's code decides; the load does not
 * inflate it. (tests/page/startup.mjs reads the same events during start-up.)
 */
export async function traceMainThread(context, page) {
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'].join(',');
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach().catch(() => {});
      const thread = (e) => `${e.pid}:${e.tid}`;
      const main = new Set(
        events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(thread),
      );
      const tasks = events
        .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(thread(e)))
        .map((e) => ({ cpu: (e.tdur ?? e.dur) / 1000, wall: e.dur / 1000, ts: e.ts, thread: thread(e) }));
      const marks = events
        .filter((e) => e.name === 'TimeStamp')
        .map((e) => ({ name: e.args?.data?.message, ts: e.ts, thread: thread(e) }));
      return { tasks, marks };
    },
  };
}
