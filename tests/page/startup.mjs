// The page's start-up keeps the main thread free: from navigation until the seed article's
// analysis is drawn (and half a second after, for the token rows and idle work), no task on the
// page's main thread takes more than 35 ms of thread time (the document's first layout: 50 ms).
// Checked on a desktop and a phone-sized viewport, three loads each (it fails when two of the three
// have a task over budget: see MAX_LOADS_OVER). Run: node tests/page/startup.mjs (after ./kashif build).
//
// Why 35 and not the web's 50 ms long-task line: a phone is slower than this machine (Lighthouse
// models its CPU as 4 times slower), so 50 ms here would be 200 ms there; 35 ms is a line that
// the page before this check crossed in every run of it (its longest task, 34-55 ms a load: the
// whole result laid out in one task) while the page now stays at 16-23 ms, which leaves room for
// a noisy machine.
//
// The document's first layout (the static page: header, input, empty panels, fonts) is the one
// task measured against the web's 50 ms line instead: it is the browser laying out the HTML
// before any script of the page draws, and on these machines it takes 25-44 ms of thread time
// from load to load with the same page (measured 2026-12-07 at 44311a2 and 72132d9 alike, on an
// idle machine), which made the 35 ms check fail on commits that had passed it. The drawing of
// the result, which this check was written for, stays under 35 ms.
//
// Why thread time and not a PerformanceObserver('longtask'): a long task's duration is wall time,
// and on a loaded machine (two shared cores here) a 10 ms task waits for the CPU and is reported at
// 60 ms or more. Chromium's trace gives each task's thread time too (the CPU time the main thread
// spent in it), which a busy machine does not inflate: that is what the check reads. The wall times
// are printed next to it for the record; Lighthouse's total blocking time (tools/lighthouse.mjs,
// `./kashif bench lighthouse`) is the load-sensitive benchmark of the same thing.
import { startServer } from './server.mjs';
import { TIMEOUT, WWW, assert, launch, prerequisites, standalone } from './harness.mjs';

const BUDGET_MS = 35;
const FIRST_LAYOUT_MS = 50;
const LOADS = 3;
// A drawing that is too slow is slow in every load; a stall of the shared machine (seen once:
// one 68 ms task in one load of three, at 0e0e8ac, while a second test run shared the cores,
// its other loads at 16 ms or under) hits one load. The check fails when two loads of three
// have a task over budget.
const MAX_LOADS_OVER = 2;
const VIEWPORTS = [
  { name: 'desktop 1280x900', viewport: { width: 1280, height: 900 } },
  { name: 'phone 412x823', viewport: { width: 412, height: 823 }, isMobile: true, deviceScaleFactor: 1.75 },
];
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'].join(',');

/** The top-level tasks of the page's main thread while it loads and draws the seed article. */
async function startupTasks(browser, origin, { viewport, isMobile = false, deviceScaleFactor = 1 }) {
  const context = await browser.newContext({ viewport, isMobile, deviceScaleFactor, serviceWorkers: 'block' });
  try {
    await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.state === 'ready' && Number(document.body.dataset.runs) === 1);
    await page.waitForFunction(() => document.querySelectorAll('#tokens tbody tr').length > 0);
    await page.waitForTimeout(500);
    await cdp.send('Tracing.end');
    await complete;
    // The page's main thread: where its HTML was parsed.
    const parse = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').startsWith(origin));
    assert(parse, 'no ParseHTML event of the page in the trace');
    const mine = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X');
    const tasks = mine.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
    // the document's first layout: the first task holding a Layout event after its HTML began
    // to be parsed (the blank document before it is laid out too)
    const layouts = mine.filter((e) => e.name === 'Layout' && e.ts >= parse.ts);
    const first = tasks.find((t) => layouts.some((l) => l.ts >= t.ts && l.ts + l.dur <= t.ts + t.dur));
    return tasks.map((e) => ({ cpu: (e.tdur ?? e.dur) / 1000, wall: e.dur / 1000, at: (e.ts - parse.ts) / 1000, firstLayout: e === first }));
  } finally {
    await context.close();
  }
}

export async function run({ check }) {
  const chromium = await prerequisites(['www/pkg/kashif_bg.wasm', 'www/index.html']);
  const server = await startServer(WWW);
  const browser = await launch(chromium);
  try {
    for (const v of VIEWPORTS) {
      await check(`start-up (${v.name}): no main-thread task over ${BUDGET_MS} ms of thread time (the first layout ${FIRST_LAYOUT_MS} ms), or over it in fewer than ${MAX_LOADS_OVER} of ${LOADS} loads`, async () => {
        const over = []; // one entry per load that had a task over budget
        for (let i = 0; i < LOADS; i++) {
          const tasks = await startupTasks(browser, server.origin, v);
          const layout = tasks.find((t) => t.firstLayout);
          assert(layout, 'no task of the trace lays the document out');
          const top = tasks.filter((t) => !t.firstLayout).sort((a, b) => b.cpu - a.cpu).slice(0, 3);
          const show = (t) => `${t.cpu.toFixed(0)} ms (wall ${t.wall.toFixed(0)}) at ${t.at.toFixed(0)} ms`;
          console.log(`     load ${i + 1}: first layout ${show(layout)}; longest other tasks ${top.map(show).join(', ')}`);
          const mine = [];
          if (layout.cpu > FIRST_LAYOUT_MS) mine.push(`first layout ${layout.cpu.toFixed(0)} ms (budget ${FIRST_LAYOUT_MS})`);
          mine.push(...top.filter((t) => t.cpu > BUDGET_MS).map((t) => `${t.cpu.toFixed(0)} ms at ${t.at.toFixed(0)} ms (budget ${BUDGET_MS})`));
          if (mine.length) over.push(`load ${i + 1}: ${mine.join(', ')}`);
        }
        if (over.length === 1) console.log(`     one load of ${LOADS} over budget, taken for a stall of the machine: ${over[0]}`);
        assert(over.length < MAX_LOADS_OVER, `tasks over budget in ${over.length} of ${LOADS} loads, thread time: ${over.join('; ')}`);
      });
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

await standalone(import.meta, 'startup', run);
