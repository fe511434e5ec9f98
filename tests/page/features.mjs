// Page feature checks (keywords, entities, worker, input, exports, language, theme, XSS,
// screenshots). run.mjs calls `featureChecks` with its harness; every check goes through `check`.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fullPageShot, traceMainThread } from './harness.mjs';

export async function featureChecks(h) {
  const { context, origin, check, assert, assertEqual, waitForRun, runsOf, watch, ARTIFACTS, SEED, TIMEOUT } = h;
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const log = watch(page, origin);
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await waitForRun(page, 0);
  const seedWords = Number(await page.textContent('#stats dd[data-stat="words"]'));

  const rows = () =>
    page.$$eval('#keywords tbody tr.keyword-row', (trs) =>
      trs.map((tr) => ({
        rank: Number(tr.querySelector('.col-rank').textContent),
        word: tr.querySelector('.kw-text').textContent,
        count: Number(tr.querySelector('.col-count').textContent),
        keyness: Number(tr.querySelector('.col-keyness').textContent.replace(/[^\d.]/g, '')),
      })),
    );
  const analyzeText = async (text) => {
    const before = await runsOf(page);
    await page.fill('#input', text);
    await page.click('#analyze');
    await waitForRun(page, before);
  };

  await check('keyword table: headers sort by count, keyness and rank, with the mouse and the keyboard', async () => {
    const initial = await rows();
    assert(initial.length >= 10, `rows: ${initial.length}`);
    await page.click('th[data-sort="count"] button');
    let r = await rows();
    assertEqual(await page.getAttribute('th[data-sort="count"]', 'aria-sort'), 'descending', 'aria-sort after one click');
    for (let i = 1; i < r.length; i++) assert(r[i - 1].count >= r[i].count, `not by count, descending: ${r.map((x) => x.count)}`);
    await page.click('th[data-sort="count"] button');
    r = await rows();
    for (let i = 1; i < r.length; i++) assert(r[i - 1].count <= r[i].count, `not by count, ascending: ${r.map((x) => x.count)}`);
    await page.focus('th[data-sort="keyness"] button');
    await page.keyboard.press('Enter');
    r = await rows();
    assertEqual(await page.getAttribute('th[data-sort="keyness"]', 'aria-sort'), 'descending', 'aria-sort of keyness');
    assertEqual(await page.locator('th[aria-sort]').count(), 1, 'headers with aria-sort');
    for (let i = 1; i < r.length; i++) assert(r[i - 1].keyness >= r[i].keyness, `not by keyness: ${r.map((x) => x.keyness)}`);
    await page.focus('th[data-sort="rank"] button');
    await page.keyboard.press('Space');
    r = await rows();
    assertEqual(JSON.stringify(r.map((x) => x.rank)), JSON.stringify(initial.map((x) => x.rank)), 'back in rank order');
  });

  await check('the tooltip of a keyword gives the parts of its score', async () => {
    const tip = await page.getAttribute('.keyword-row .kw-button', 'title');
    assert(tip && /\d/.test(tip), `no score tooltip: ${tip}`);
    // the parts the tooltip names add up to the score it opens with (two decimals each)
    const nums = [...tip.matchAll(/(\d+\.\d\d)/g)].map((m) => Number(m[1]));
    assertEqual(nums.length, 7, `score and six parts in: ${tip}`);
    assert(Math.abs(nums[0] - nums.slice(1).reduce((a, b) => a + b, 0)) < 0.04, `parts do not add up: ${tip}`);
    assert(await page.isChecked('input[name="ranking"][value="blend"]'), 'the blend is the default ranking');
  });

  await check('keyword ranking switches between the blend, keyness and frequency (passed to analyze)', async () => {
    await page.click('.options summary');
    const before = await runsOf(page);
    await page.check('input[name="ranking"][value="frequency"]');
    await waitForRun(page, before);
    const r = await rows();
    for (let i = 1; i < r.length; i++) assert(r[i - 1].count >= r[i].count, `frequency ranking: ${r.map((x) => x.count)}`);
    const b2 = await runsOf(page);
    await page.check('input[name="ranking"][value="keyness"]');
    await waitForRun(page, b2);
    const b3 = await runsOf(page);
    await page.check('input[name="ranking"][value="blend"]');
    await waitForRun(page, b3);
  });

  await check('a keyword with several forms shows them on demand', async () => {
    const button = page.locator('.kw-variants').first();
    assert((await button.count()) > 0, 'no keyword has variants');
    await button.click();
    const open = await page.$$eval('tr.variants-row li', (lis) => lis.length);
    assert(open >= 2, `variants shown: ${open}`);
    assertEqual(await page.locator('.kw-variants').first().getAttribute('aria-expanded'), 'true', 'aria-expanded');
    await page.locator('.kw-variants').first().click();
    assertEqual(await page.locator('tr.variants-row').count(), 0, 'variants rows after closing');
  });

  await check('KWIC: contexts of the selected keyword; a click scrolls to and flashes the occurrence', async () => {
    const row = page.locator('#keywords tr.keyword-row').filter({ has: page.locator('.kw-text', { hasText: /^روسيا$/ }) });
    await row.locator('.kw-button').click();
    const count = Number(await row.locator('.col-count').textContent());
    const lines = await page.$$eval('#kwic .kwic-line', (ls) => ls.map((l) => ({
      before: l.querySelector('.kwic-before').textContent,
      key: l.querySelector('.kwic-key').textContent,
      after: l.querySelector('.kwic-after').textContent,
      start: Number(l.dataset.start),
    })));
    assertEqual(lines.length, count, 'KWIC lines');
    for (const l of lines) {
      assert(/روسيا/.test(l.key), `KWIC key: ${l.key}`);
      assert(l.before.replace('…', '').length <= 40 && l.after.replace('…', '').length <= 40, 'context longer than 40');
    }
    assert(lines.some((l) => l.before.length > 20 && l.after.length > 20), 'no line has context on both sides');
    await page.evaluate(() => (document.getElementById('highlighted').scrollTop = 0));
    const last = lines[lines.length - 1];
    await page.locator('#kwic .kwic-line').last().click();
    const r = await page.evaluate(() => {
      const box = document.getElementById('highlighted');
      const f = box.querySelector('.flash');
      const a = f?.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      return { text: f?.textContent, start: Number(f?.dataset.start), scroll: box.scrollTop, visible: a && a.top >= b.top && a.bottom <= b.bottom, bg: f && getComputedStyle(f).backgroundColor };
    });
    assertEqual(r.start, last.start, 'the flashed occurrence');
    assertEqual(r.text, SEED.slice(last.start, last.start + r.text.length), 'the flashed text');
    assert(r.text.includes('روسيا'), `flashed text: ${r.text}`);
    assert(r.scroll > 0 && r.visible, `the panel did not scroll to it (scrollTop ${r.scroll}, visible ${r.visible})`);
    assert(r.bg !== 'rgba(0, 0, 0, 0)', 'the flash has no background');
    await row.locator('.kw-button').click(); // unselect
  });

  await check('stopwords: adding one removes it from the keywords, persists across a reload, and resets', async () => {
    await page.evaluate(() => (document.querySelector('.options').open = true));
    let before = await runsOf(page);
    await page.fill('#stop-input', 'روسيا');
    await page.click('#stop-add');
    await waitForRun(page, before);
    assert(!(await rows()).some((r) => r.word === 'روسيا'), 'روسيا is still a keyword');
    assertEqual(await page.$eval('#stop-added', (ul) => ul.textContent.includes('روسيا')), true, 'the chip is shown');
    await page.reload({ waitUntil: 'load' });
    await waitForRun(page, 0);
    assert(!(await rows()).some((r) => r.word === 'روسيا'), 'روسيا is a keyword again after the reload');
    assert(await page.$eval('#stop-added', (ul) => ul.textContent.includes('روسيا')), 'the chip is gone after the reload');
    const stored = await page.evaluate(() => localStorage.getItem('kashif.stopwords'));
    assert(stored && stored.includes('روسيا'), `localStorage: ${stored}`);
    await page.evaluate(() => (document.querySelector('.options').open = true));
    before = await runsOf(page);
    await page.click('#stop-reset');
    await waitForRun(page, before);
    assert((await rows()).some((r) => r.word === 'روسيا'), 'روسيا did not come back after the reset');
    assertEqual(await page.evaluate(() => localStorage.getItem('kashif.stopwords')), null, 'localStorage after the reset');
    assertEqual(await page.locator('#stop-added .chip').count(), 0, 'chips after the reset');
  });

  await check('keyword CSV export: UTF-8 BOM, header, quoted fields, the table\'s rows', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ex-kw-csv')]);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8');
    assert(csv.startsWith('\uFEFF'), 'no BOM');
    const lines = csv.slice(1).split('\r\n');
    assertEqual(lines[0], 'rank,keyword,kind,count,share,keyness,variants', 'header');
    const table = await rows();
    assertEqual(lines.filter(Boolean).length - 1, table.length, 'data rows');
    const first = lines[1].split(',');
    assertEqual(first[1], table[0].word, 'first keyword');
    assertEqual(Number(first[3]), table[0].count, 'first count');
    assert(/\.csv$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
    const unit = await page.evaluate(async () => {
      const { csvField, toCsv, escapeHtml } = await import('/export.js');
      return {
        plain: csvField('روسيا'),
        comma: csvField('a,b'),
        quote: csvField('say "hi"'),
        nl: csvField('a\nb'),
        formula: csvField('=HYPERLINK("x")'),
        num: csvField(-3.5),
        doc: toCsv(['a'], [['x,y']]),
        esc: escapeHtml(`<img src=x onerror="alert('1')">&`),
      };
    });
    assertEqual(unit.plain, 'روسيا', 'plain field');
    assertEqual(unit.comma, '"a,b"', 'comma field');
    assertEqual(unit.quote, '"say ""hi"""', 'quote field');
    assertEqual(unit.nl, '"a\nb"', 'newline field');
    assertEqual(unit.formula, `"'=HYPERLINK(""x"")"`, 'formula field');
    assertEqual(unit.num, '-3.5', 'number field');
    assertEqual(unit.doc, '\uFEFFa\r\n"x,y"\r\n', 'document');
    assertEqual(unit.esc, '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;', 'escapeHtml');
  });

  await check('entity CSV, keyword JSON and whole-result JSON exports', async () => {
    let [d] = await Promise.all([page.waitForEvent('download'), page.click('#ex-ent-csv')]);
    const ent = readFileSync(await d.path(), 'utf8');
    assert(ent.startsWith('\uFEFFtype,entity,key,mentions,first_start\r\n'), 'entity CSV header');
    assert(/\r\nLOC,روسيا,/.test(ent), 'روسيا is not in the entity CSV');
    [d] = await Promise.all([page.waitForEvent('download'), page.click('#ex-kw-json')]);
    const kw = JSON.parse(readFileSync(await d.path(), 'utf8'));
    assert(Array.isArray(kw) && kw[0].occurrences.length === kw[0].count, 'keyword JSON occurrences');
    [d] = await Promise.all([page.waitForEvent('download'), page.click('#ex-json')]);
    const all = JSON.parse(readFileSync(await d.path(), 'utf8'));
    assert(all.tokens.length > 100 && all.entities.length > 0 && all.stats.words > 0, 'whole JSON');
    const t = all.tokens[5];
    assertEqual(SEED.replace(/\r\n?/g, '\n').slice(t.start, t.end), t.text, 'token offsets in the JSON');
  });

  await check('entity legend toggles hide and show a type (aria-pressed)', async () => {
    const bg = () => page.$eval('#highlighted mark.ent-LOC', (m) => getComputedStyle(m).backgroundColor);
    const shown = await bg();
    assert(shown !== 'rgba(0, 0, 0, 0)', `LOC background: ${shown}`);
    const toggle = page.locator('#legend button[data-type="LOC"]');
    assertEqual(await toggle.getAttribute('aria-pressed'), 'true', 'aria-pressed before');
    await toggle.click();
    assertEqual(await page.locator('#legend button[data-type="LOC"]').getAttribute('aria-pressed'), 'false', 'aria-pressed after');
    assertEqual(await bg(), 'rgba(0, 0, 0, 0)', 'LOC background when hidden');
    assert((await page.$eval('#highlighted mark.ent-PER, #highlighted mark.ent-ORG', (m) => getComputedStyle(m).backgroundColor)) !== 'rgba(0, 0, 0, 0)', 'another type was hidden too');
    await page.focus('#legend button[data-type="LOC"]');
    await page.keyboard.press('Enter');
    assertEqual(await bg(), shown, 'LOC background after showing it again');
  });

  await check('entity list: grouped by type with counts; clicking an entity steps through its mentions', async () => {
    const groups = await page.$$eval('#entity-list .ent-group', (gs) => gs.map((g) => ({
      type: g.dataset.type,
      total: Number(g.querySelector('.ent-group-count').textContent),
      sum: [...g.querySelectorAll('.ent-item-count')].reduce((a, c) => a + Number(c.textContent), 0),
    })));
    assert(groups.some((g) => g.type === 'LOC'), 'no LOC group');
    for (const g of groups) assertEqual(g.sum, g.total, `mentions of ${g.type}`);
    const item = page.locator('#entity-list .ent-group[data-type="LOC"] .ent-item').filter({ has: page.locator('.ent-item-text', { hasText: /^روسيا$/ }) });
    const n = Number(await item.locator('.ent-item-count').textContent());
    assert(n >= 3, `روسيا mentions: ${n}`);
    const starts = [];
    for (let i = 0; i <= n; i++) {
      await item.click();
      const f = await page.evaluate(() => {
        const el = document.querySelector('#highlighted .flash');
        return { start: Number(el?.dataset.start), text: el?.textContent, pos: document.getElementById('entity-pos').textContent };
      });
      assertEqual(f.text, 'روسيا', `flashed mention ${i + 1}`);
      starts.push(f.start);
    }
    for (let i = 1; i < n; i++) assert(starts[i] > starts[i - 1], `mentions not in order: ${starts}`);
    assertEqual(starts[n], starts[0], 'after the last mention it starts over');
    const marks = await page.$$eval('#highlighted mark.ent-LOC', (ms) => ms.filter((m) => m.querySelector('.ent-text').textContent === 'روسيا').map((m) => Number(m.dataset.start)));
    assertEqual(JSON.stringify(starts.slice(0, n)), JSON.stringify(marks), 'the mentions visited are the marks');
  });

  await check('tokens view: kinds, normalized forms, segments; pages of 100 rows', async () => {
    const r = await page.$$eval('#tokens tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assertEqual(r.length, 100, 'rows on the first page');
    const wr = r.find((x) => x[1] === 'وروسيا');
    assert(!wr || /و.*روسيا/.test(wr[4]), `segments of وروسيا: ${wr}`);
    assert(r.some((x) => x[2] === 'arabic') && r.some((x) => x[2] === 'punct'), 'kinds');
    await page.click('#tk-next');
    await page.waitForFunction(() => document.querySelector('#tokens tbody tr td')?.textContent === '101');
    assert(/101/.test(await page.textContent('#tk-range')), 'range after next');
  });

  await check('stats: average word length, reading time and Arabic-script share; input size', async () => {
    const s = await page.$$eval('#stats dd', (dds) => Object.fromEntries(dds.map((d) => [d.dataset.stat, d.textContent])));
    assert(/\d/.test(s.avg_word_length) && /\d/.test(s.reading_minutes) && /\d.*[%٪]/.test(s.arabic_share), JSON.stringify(s));
    const share = parseFloat(s.arabic_share.replace(/[^\d.]/g, ''));
    assert(share > 80 && share <= 100, `Arabic share ${share}`);
    assert(/4[,٬]?494/.test(await page.textContent('#input-size')), `input size: ${await page.textContent('#input-size')}`);
  });

  await check('samples: the bundled sample texts load and are analyzed', async () => {
    for (const value of ['samples/desert-water-ar.txt', 'samples/book-fair-ar.txt']) {
      const before = await runsOf(page);
      await page.selectOption('#samples', value);
      await waitForRun(page, before);
      assert((await page.inputValue('#input')).length > 500, `${value} is short`);
      assert((await page.locator('#highlighted mark').count()) > 0, `${value}: no entities`);
    }
  });

  await check('English/Arabic switch: lang and dir flip, strings and layout follow, and back', async () => {
    await page.click('#lang-switch');
    const en = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      h2: document.getElementById('keywords-title').textContent,
      status: document.getElementById('status').textContent,
      direction: getComputedStyle(document.body).direction,
      legend: document.querySelector('#legend button[data-type="LOC"] .legend-name').textContent,
      title: document.title,
      switch: document.getElementById('lang-switch').textContent,
      inputX: document.getElementById('input').getBoundingClientRect().left,
      headingX: document.querySelector('.site-header h1').getBoundingClientRect().left,
    }));
    assertEqual(en.lang, 'en', 'lang');
    assertEqual(en.dir, 'ltr', 'dir');
    assertEqual(en.direction, 'ltr', 'body direction');
    assertEqual(en.h2, 'Keywords', 'keywords heading');
    assertEqual(en.legend, 'Place', 'legend name');
    assertEqual(en.switch, 'العربية', 'the switch offers Arabic');
    assert(/analyzed in .* ms/.test(en.status), `status: ${en.status}`);
    assert(en.headingX < 100, `the heading is not at the left in English: ${en.headingX}`);
    await page.reload({ waitUntil: 'load' });
    await waitForRun(page, 0);
    assertEqual(await page.evaluate(() => document.documentElement.lang), 'en', 'the language persists');
    await page.click('#lang-switch');
    const ar = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      h2: document.getElementById('keywords-title').textContent,
      status: document.getElementById('status').textContent,
      headingRight: document.querySelector('.site-header h1').getBoundingClientRect().right,
    }));
    assertEqual(ar.lang, 'ar', 'lang back');
    assertEqual(ar.dir, 'rtl', 'dir back');
    assertEqual(ar.h2, 'الكلمات المفتاحية', 'heading back');
    assert(/مللي ثانية/.test(ar.status), `status: ${ar.status}`);
    assert(ar.headingRight > 1100, `the heading is not at the right in Arabic: ${ar.headingRight}`);
  });

  await check('theme switch: dark and light, persisted', async () => {
    await page.click('#theme-switch');
    const dark = await page.evaluate(() => ({ theme: document.documentElement.dataset.theme, bg: getComputedStyle(document.body).backgroundColor, pressed: document.getElementById('theme-switch').getAttribute('aria-pressed') }));
    assertEqual(dark.theme, 'dark', 'theme');
    assertEqual(dark.pressed, 'true', 'aria-pressed');
    assertEqual(dark.bg, 'rgb(21, 23, 26)', 'dark background');
    await page.reload({ waitUntil: 'load' });
    await waitForRun(page, 0);
    assertEqual(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'theme after reload');
    await page.click('#theme-switch');
    assertEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(246, 244, 239)', 'light background');
    await page.evaluate(() => localStorage.removeItem('kashif.theme'));
  });

  await check('every control has an accessible name', async () => {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea, a[href]')]
        .filter((e) => !e.closest('[hidden]'))
        .filter((e) => {
          const label = e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent;
          return !label || !label.trim();
        })
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    assertEqual(unnamed.length, 0, `controls without a name: ${unnamed.join(' | ')}`);
  });

  // --- XSS -------------------------------------------------------------------------------------
  const PAYLOADS = [
    '<script>window.__xss=1</script>',
    '<img src=x onerror="window.__xss=2">',
    '<svg><script>window.__xss=3</script></svg>',
    '<svg onload="window.__xss=4"><a href="javascript:window.__xss=5"><text>روسيا</text></a></svg>',
    '<a href="javascript:window.__xss=6">اضغط</a>',
    '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=8">',
    '"><body onload="window.__xss=9">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=10">',
  ];
  const HOSTILE = `زار الرئيس روسيا ${PAYLOADS.join(' في مصر ')} ثم عاد إلى روسيا.`;
  const noXss = async (p, what) => {
    await p.waitForTimeout(300);
    const r = await p.evaluate(() => ({
      xss: window.__xss,
      foreign: [...document.querySelectorAll('#results img, #results script, #results iframe, #results a, #results math, #results meta, #results svg:not(.chart), .chart :not(g, rect, text, title), body [onload], body [onerror]')].map((e) => e.outerHTML.slice(0, 80)),
    }));
    assertEqual(r.xss, undefined, `${what}: a payload ran`);
    assertEqual(r.foreign.length, 0, `${what}: elements from the input: ${r.foreign.join(' | ')}`);
  };

  await check('XSS: payloads typed in are shown as text in the text, table, KWIC, lists, charts and tokens', async () => {
    await analyzeText(HOSTILE);
    await page.locator('#keywords .kw-button').first().click();
    await page.locator('#kwic .kwic-line').first().click();
    await page.locator('#entity-list .ent-item').first().click();
    await page.hover('#highlighted');
    const panel = await page.evaluate(() => {
      const c = document.getElementById('highlighted').cloneNode(true);
      for (const l of c.querySelectorAll('.ent-label')) l.remove();
      return c.textContent;
    });
    assertEqual(panel, HOSTILE, 'highlighted text');
    await noXss(page, 'typed');
  });

  await check('XSS: an .html file opened or dropped is reduced to text; nothing in it runs or loads', async () => {
    const html = `<!doctype html><html><head><title>t</title><script>window.__xss=11</script><link rel=stylesheet href="http://evil.example/x.css"></head>
      <body onload="window.__xss=12"><h1>خبر عن روسيا</h1><p>قال مسؤول في <b>موسكو</b> إن ${PAYLOADS.map((p) => p.replace(/</g, '&lt;')).join(' ')}</p>
      ${PAYLOADS.join('\n')}<img src="http://evil.example/pixel.png"><p>وزار الوفد مصر.</p></body></html>`;
    const before = await runsOf(page);
    await page.setInputFiles('#file', { name: 'news.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    await waitForRun(page, before);
    const text = await page.inputValue('#input');
    assert(text.startsWith('خبر عن روسيا\n'), `text from the file: ${text.slice(0, 60)}`);
    assert(!text.includes('window.__xss=11'), 'the script content became text');
    assert(text.includes('<img src=x onerror='), 'escaped markup in the file is kept as text');
    await noXss(page, 'opened');
    const b2 = await runsOf(page);
    await page.evaluate((src) => {
      const dt = new DataTransfer();
      dt.items.add(new File([src], 'dropped.htm', { type: 'text/html' }));
      document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, html.replace('خبر عن روسيا', 'خبر آخر عن روسيا'));
    await waitForRun(page, b2);
    assert((await page.inputValue('#input')).startsWith('خبر آخر عن روسيا'), 'the dropped file was not read');
    await noXss(page, 'dropped');
    assertEqual(log.foreign.length, 0, `requests to other origins: ${log.foreign.join(' | ')}`);
    const before3 = await runsOf(page);
    await page.setInputFiles('#file', { name: 'x.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await page.waitForFunction(() => !document.getElementById('error').hidden);
    assert(/x\.exe/.test(await page.textContent('#error-message')), 'unsupported file message');
    assertEqual(await runsOf(page), before3, 'an unsupported file was analyzed');
  });

  await check('XSS: the HTML report escapes everything and has no script', async () => {
    await analyzeText(HOSTILE);
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#ex-html')]);
    const html = readFileSync(await d.path(), 'utf8');
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
    const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'p', 'div', 'mark', 'small'];
    assertEqual([...tags].filter((t) => !allowed.includes(t)).join(' '), '', 'elements in the report besides its own');
    assert(!/<[^>]*\son\w+\s*=/i.test(html), 'an event-handler attribute in the report');
    assertEqual((html.match(/<meta /g) ?? []).length, 2, 'meta elements (charset, CSP)');
    // Without the marks (numbers inside the payloads are NUMBER entities), the text is the escaped input.
    const plain = html.replace(/<small>[A-Z]+<\/small>/g, '').replace(/<\/?mark[^>]*>/g, '');
    assert(plain.includes('&lt;script&gt;window.__xss=1&lt;/script&gt;'), 'the payload is not escaped text');
    assert(plain.includes('&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;'), 'the img payload is not escaped text');
    assert(/<mark class="t-LOC" title="[^"]+">روسيا<small>LOC<\/small><\/mark>/.test(html), 'no LOC mark in the report');
    assert(html.includes(`default-src 'none'`), 'the report has no CSP');
    const rp = await context.newPage();
    const rl = watch(rp, origin);
    await rp.setContent(html);
    await noXss(rp, 'report');
    assertEqual(rl.dialogs.length + rl.pageErrors.length, 0, 'report dialogs/errors');
    await rp.close();
  });

  // --- big inputs -----------------------------------------------------------------------------
  await check('20 MB input: analyzed in the worker with progress; no main-thread task over 200 ms of thread time', async () => {
    const big = await context.newPage();
    big.setDefaultTimeout(TIMEOUT);
    const blog = watch(big, origin);
    await big.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      // Playwright builds the File in the page itself (one long task of the harness, not of the
      // page): the page's own work starts with the input's change event.
      document.addEventListener('change', () => {
        window.__changed = performance.now();
        console.timeStamp('kashif-change'); // the same moment on the trace's clock
      }, true);
    });
    await big.goto(`${origin}/`, { waitUntil: 'load' });
    await waitForRun(big, 0);
    const seed = SEED.replace(/\r\n?/g, '\n');
    const reps = Math.ceil(20e6 / Buffer.byteLength(seed + '\n'));
    const text = Array(reps).fill(seed).join('\n');
    const t0 = await big.evaluate(() => performance.now());
    const trace = await traceMainThread(context, big);
    // Playwright copies a file into the page through the DevTools protocol: 5.5 s for these
    // 20 MB on a loaded machine, and over the default 20 s for the 50 MB one below (a fresh-clone run
    // failed there at a load average of 7). It is the harness's time, not the page's.
    const INJECT_MS = 180_000;
    await big.setInputFiles('#file', { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }, { timeout: INJECT_MS });
    await big.waitForFunction(() => !document.getElementById('progress').hidden, null, { timeout: 30_000 });
    // The page answers while the worker runs.
    const ping0 = Date.now();
    await big.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const ping = Date.now() - ping0;
    await big.waitForFunction(() => Number(document.body.dataset.runs) >= 2 && document.body.dataset.state === 'ready', null, { timeout: 300_000 });
    const r = await big.evaluate((t0) => ({
      long: window.__long.filter((l) => l.start > window.__changed),
      elapsed: performance.now() - window.__changed,
      harness: window.__long.filter((l) => l.start > t0 && l.start < window.__changed).map((l) => Math.round(l.ms)),
      words: Number(document.querySelector('#stats dd[data-stat="words"]').textContent.replace(/\D/g, '')),
      nodes: document.getElementById('highlighted').getElementsByTagName('*').length,
      marks: document.querySelectorAll('#highlighted mark').length,
      kw: document.querySelector('#keywords .kw-text')?.textContent,
      chunkNote: !document.getElementById('chunk-note').hidden,
      progressHidden: document.getElementById('progress').hidden,
    }), t0);
    const { tasks, marks } = await trace.stop();
    const change = marks.find((m) => m.name === 'kashif-change');
    assert(change, 'no kashif-change mark in the trace');
    const pageTasks = tasks.filter((t) => t.thread === change.thread && t.ts > change.ts);
    assert(pageTasks.length > 0, 'no main-thread task traced after the change event');
    const maxCpu = Math.max(...pageTasks.map((t) => t.cpu));
    const maxLong = Math.max(0, ...r.long.map((l) => l.ms));
    h.note(`20 MB (${text.length} chars): result after ${(r.elapsed / 1000).toFixed(1)} s; ${r.long.length} long tasks, longest ${maxLong.toFixed(0)} ms wall, ${maxCpu.toFixed(0)} ms of thread time (Playwright's file injection before it: ${r.harness} ms); rAF ping ${ping} ms; ${r.nodes} elements in the text panel`);
    // Thread time, not the long tasks' wall time, which a loaded machine inflates (see
    // traceMainThread): the page's own work on the main thread stays in short tasks.
    const worst = pageTasks.filter((t) => t.cpu >= 200).map((t) => `${t.cpu.toFixed(0)} ms (wall ${t.wall.toFixed(0)})`);
    assert(!worst.length, `main-thread tasks over 200 ms of thread time: ${worst.join(', ')}`);
    // A frame comes while the worker runs: the analysis (tens of seconds) does not hold the main
    // thread. The bound is loose on purpose: it is wall time, and only says the frame is not held.
    assert(ping < 2000, `a frame took ${ping} ms while the worker ran`);
    assertEqual(r.words, reps * seedWords, 'words (the seed\'s, times the copies)');
    assert(r.nodes < 60_000, `elements in the text panel: ${r.nodes}`);
    assert(r.chunkNote && r.progressHidden, 'chunk note / progress');
    // Navigation still works in the virtualized text: the last mention of the first entity.
    const first = big.locator('#entity-list .ent-item').first();
    const n = Number((await first.locator('.ent-item-count').textContent()).replace(/\D/g, ''));
    assert(n > 1000, `mentions of the first entity: ${n}`);
    await first.click();
    assert((await big.locator('#highlighted .flash').count()) === 1, 'no flash in a long text');
    await big.locator('#tk-next').click();
    await big.waitForFunction(() => document.querySelector('#tokens tbody tr td')?.textContent === '101');
    assertEqual(blog.pageErrors.length, 0, `page errors: ${blog.pageErrors.join(' | ')}`);

    // Cancel: a new big input, cancelled while it runs; the page works again afterwards.
    const runs = await runsOf(big);
    await big.setInputFiles('#file', { name: 'big2.txt', mimeType: 'text/plain', buffer: Buffer.from(text.slice(0, 8e6)) }, { timeout: INJECT_MS });
    await big.waitForFunction(() => !document.getElementById('cancel').hidden);
    await big.click('#cancel');
    await big.waitForFunction(() => document.body.dataset.state === 'cancelled');
    assert(await big.evaluate(() => document.getElementById('cancel').hidden), 'cancel button still shown');
    await big.click('#clear');
    await big.fill('#input', 'زار الوفد روسيا أمس');
    await big.click('#analyze');
    await waitForRun(big, runs);
    assertEqual(await big.$eval('#stats dd[data-stat="words"]', (d) => d.textContent), '4', 'words after cancel');

    // Over the limit: a clear message, no analysis.
    const r2 = await runsOf(big);
    await big.setInputFiles('#file', { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(50_000_010, 0x61) }, { timeout: INJECT_MS });
    await big.waitForFunction(() => !document.getElementById('error').hidden);
    const msg = await big.textContent('#error-message');
    assert(/50/.test(msg) && /مليون/.test(msg), `limit message: ${msg}`);
    assertEqual(await runsOf(big), r2, 'an over-limit text was analyzed');
    await big.close();
  });

  // --- screenshots ----------------------------------------------------------------------------
  await check('screenshots: light/dark, Arabic/English saved to artifacts/', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'load' });
    await waitForRun(page, 0);
    const row = page.locator('#keywords tr.keyword-row').filter({ has: page.locator('.kw-text', { hasText: /^روسيا$/ }) });
    await row.locator('.kw-button').click();
    const shot = async (name) => {
      await page.evaluate(() => document.fonts.ready);
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.activeElement?.blur());
      await fullPageShot(page, path.join(ARTIFACTS, name));
    };
    await shot('page-light-ar.png');
    await page.locator('#cloud').screenshot({ path: path.join(ARTIFACTS, 'cloud-ar.png') });
    await page.click('#theme-switch');
    await shot('page-dark-ar.png');
    await page.click('#theme-switch');
    await page.click('#lang-switch');
    await shot('page-light-en.png');
    await page.click('#theme-switch');
    await shot('page-dark-en.png');
    await page.click('#theme-switch');
    await page.click('#lang-switch');
    await page.evaluate(() => localStorage.clear());
  });

  await check('feature pages: no console errors, page errors or foreign requests', async () => {
    assertEqual(log.pageErrors.length, 0, `page errors: ${log.pageErrors.join(' | ')}`);
    // Chromium reports the event-handler attributes of the parsed (inert) HTML file as blocked by
    // the page's CSP: those reports are expected; any other console error is not.
    const errors = log.consoleErrors.filter((m) => !/^(Executing inline event handler|Applying inline style) violates the following Content Security Policy/.test(m));
    assertEqual(errors.length, 0, `console errors: ${errors.join(' | ')}`);
    assertEqual(log.foreign.length, 0, `requests to other origins: ${log.foreign.join(' | ')}`);
    assertEqual(log.dialogs.length, 0, `dialogs: ${log.dialogs.join(' | ')}`);
  });
  await page.close();
}
