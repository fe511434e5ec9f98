// Kashif page: sends the text to the analysis worker (worker.js) as the user types and shows the
// result: highlighted entities, keywords (table, charts, contexts), entity list, stats, tokens.
//
// Safety rule: text from the user or the analyzer only enters the document as text nodes /
// `textContent` (see render.js), never through HTML parsing.

import { ENTITY_TYPES, keywordRows, legendItems, msFormat, numberFormat, percentFormat, setTextLang, typeName, warmFormats } from './render.js';
import { initLang, lang, setLang, t } from './i18n.js';
import { TextView, spansFromPairs } from './text-view.js';
import { chips, editStopwords, kwicLines, loadStopwords, saveStopwords, sortKeywords } from './keywords-ui.js';
import { entityList, mentionsOf, typeCounts } from './entities-ui.js';
import { barChart, wordCloud } from './cloud.js';
import { download, entitiesCsv, htmlReport, keywordsCsv, keywordsJson } from './export.js';
import { TokensView } from './tokens-view.js';

const SAMPLE_URL = 'samples/seed-article-ar.txt';
const DEBOUNCE_MS = 250;
const BIG = 1_000_000; // characters: progress, cancel, no editing in the text area
const LIMIT = 50_000_000; // characters
const KWIC_LIMIT = 200;
const KEYWORD_ROWS = 18; // keyword rows drawn per frame: about what the table shows unscrolled

const $ = (id) => document.getElementById(id);
const ui = {
  input: $('input'),
  analyzeButton: $('analyze'),
  cancelButton: $('cancel'),
  clearButton: $('clear'),
  file: $('file'),
  samples: $('samples'),
  dropzone: $('dropzone'),
  inputSize: $('input-size'),
  inputNote: $('input-note'),
  progress: $('progress'),
  status: $('status'),
  error: $('error'),
  errorTitle: document.querySelector('#error .error-title'),
  errorMessage: $('error-message'),
  legend: $('legend'),
  highlighted: $('highlighted'),
  chunkNote: $('chunk-note'),
  keywordsTable: $('keywords'),
  keywordsBody: document.querySelector('#keywords tbody'),
  keywordsEmpty: $('keywords-empty'),
  kwic: $('kwic'),
  kwicNote: $('kwic-note'),
  entityList: $('entity-list'),
  entityPos: $('entity-pos'),
  barChart: $('bar-chart'),
  cloud: $('cloud'),
  stats: $('stats'),
  engineVersion: $('engine-version'),
};

// ---------------------------------------------------------------------------------------------
// The worker

class Engine {
  constructor() {
    this.next = 1;
    this.pending = new Map();
    this.start();
  }

  start() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = ({ data }) => {
        if (data.type === 'ready') return resolve(data.version);
        if (data.type === 'error' && data.fatal) return reject(new Error(data.message));
        const p = this.pending.get(data.id);
        if (!p) return;
        if (data.type === 'progress') return p.progress?.(data.done / data.total);
        this.pending.delete(data.id);
        if (data.type === 'error') p.reject(new Error(data.message));
        else p.resolve(data);
      };
      this.worker.onerror = (e) => {
        e.preventDefault?.();
        const err = new Error(e.message || 'the analysis worker failed to start');
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      };
    });
  }

  request(msg, progress) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** Stops the running analysis: the worker is terminated and a fresh one started. */
  cancel() {
    this.worker.terminate();
    const err = new Error('cancelled');
    err.cancelled = true;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.start();
  }
}

let engine = null;
let version = '';

// ---------------------------------------------------------------------------------------------
// State

/** The text of a big file (not put in the text area), or null: the text area holds the text. */
let bigText = null;
let debounceTimer = 0;
let runs = 0;
let requestNo = 0;
/** The last successful analysis and the text it was made from. */
let last = null;
let selectedKeyword = null;
let sort = { col: 'rank', dir: 'ascending' };
const expanded = new Set();
const hiddenTypes = new Set();
const showAllTypes = new Set();
let stopwords = loadStopwords();
let ranking = 'blend';
const cursors = new Map();
const textView = new TextView(ui.highlighted);
const tokensView = new TokensView({
  body: document.querySelector('#tokens tbody'),
  range: $('tk-range'),
  prev: $('tk-prev'),
  next: $('tk-next'),
  fetch: (from, count) => engine.request({ type: 'tokens', from, count }),
});

const currentText = () => bigText ?? ui.input.value;

// ---------------------------------------------------------------------------------------------
// Status and errors

function setStatus(text) {
  ui.status.textContent = text;
}

function showError(title, err) {
  ui.errorTitle.textContent = title;
  ui.errorMessage.textContent = err instanceof Error ? err.message : String(err);
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  $('error-hint').hidden = true;
  ui.errorMessage.textContent = '';
}

let bigBytes = 0;

function showSize() {
  const text = currentText();
  // A big text's size in bytes is its file's (encoding it again would block the page).
  const bytes = bigText !== null ? bigBytes : new Blob([text]).size;
  ui.inputSize.textContent = t('size', numberFormat.format(text.length), msFormat.format(bytes / 1024));
}

// ---------------------------------------------------------------------------------------------
// Analysis

let lastCost = 0;

function scheduleAnalysis() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(runAnalysis, Math.min(2000, Math.max(DEBOUNCE_MS, 2 * lastCost)));
}

function analysisOptions() {
  return { top_n: 50, ranking, explain: true, stopwords_add: stopwords.add, stopwords_remove: stopwords.remove };
}

function busy(on) {
  ui.cancelButton.hidden = !on;
  ui.progress.hidden = !on;
  if (!on) ui.progress.value = 0;
}

async function runAnalysis() {
  clearTimeout(debounceTimer);
  if (!engine || !version) return;
  const text = currentText();
  showSize();
  if (text.length > LIMIT) {
    showError(t('errAnalyze'), t('tooBig', LIMIT / 1e6, msFormat.format(text.length / 1e6)));
    document.body.dataset.state = 'failed';
    return;
  }
  const no = ++requestNo;
  const big = text.length > BIG;
  const t0 = performance.now();
  document.body.dataset.state = 'running';
  if (big) {
    busy(true);
    setStatus(t('running'));
  }
  let reply;
  try {
    reply = await engine.request({ type: 'analyze', text, options: analysisOptions() }, (f) => {
      ui.progress.value = Math.round(f * 100);
      setStatus(t('progress', Math.round(f * 100)));
    });
  } catch (err) {
    if (no !== requestNo) return;
    busy(false);
    if (err.cancelled) {
      setStatus(t('cancelled'));
      document.body.dataset.state = 'cancelled';
      return;
    }
    // The panels keep the last good result; the next edit (or «حلّل») tries again.
    showError(t('errAnalyze'), err);
    setStatus(t('failed'));
    document.body.dataset.state = 'failed';
    return;
  }
  if (no !== requestNo) return; // a newer request is on its way
  const ms = performance.now() - t0;
  const result = reply.result;
  result.keywords.forEach((k, i) => (k.rank = i + 1));
  clearError();
  if (selectedKeyword && !result.keywords.some((k) => k.key === selectedKeyword)) selectedKeyword = null;
  last = { text, result, ms };
  showTextLang(result.stats.arabic_share >= 0.5 ? 'ar' : '');
  cursors.clear();
  await render(true);
  // A newer render (the theme or language switched meanwhile) draws the same result: wait for it.
  for (let r = null; r !== rendering; ) await (r = rendering);
  if (no !== requestNo) return;
  busy(false);
  lastCost = performance.now() - t0;
  runs += 1;
  showStatus();
  ui.status.dataset.ms = ms.toFixed(2);
  document.body.dataset.state = 'ready';
  document.body.dataset.runs = String(runs);
}

/** Marks the panels that show the text itself (and the text's words elsewhere) with its language. */
function showTextLang(code) {
  setTextLang(code);
  for (const box of [ui.highlighted, ui.kwic]) {
    if (code) box.lang = code;
    else box.removeAttribute('lang');
  }
}

function showStatus() {
  if (!last) return;
  setStatus(t('done', version, msFormat.format(last.ms), numberFormat.format(last.result.stats.words)));
}

// ---------------------------------------------------------------------------------------------
// Rendering

function selected() {
  return selectedKeyword ? last?.result.keywords.find((k) => k.key === selectedKeyword) : undefined;
}

/**
 * Resolves in a new task just after the next frame, so that each part of a render is a task of
 * its own and is laid out in the following frame, apart from the other parts (parts run back to
 * back would be laid out together, in one long task): no task of the page's start-up or of drawing
 * an analysis should pass 50 ms. A hidden page gets no frames: a timer then stands in.
 */
function yieldToPage() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, document.hidden ? 0 : 100);
    if (!document.hidden) {
      requestAnimationFrame(() => {
        clearTimeout(timer);
        setTimeout(resolve, 0);
      });
    }
  });
}

let renderNo = 0;
/** The render in progress (or the last one): runAnalysis waits for it before saying «ready». */
let rendering = Promise.resolve();

/** The text panel and the token pages still have to show a new text (a newer render takes it over). */
let textPending = false;

/** Draws `last` into the panels, in parts; a newer render stops an older one between parts. */
function render(newText = false) {
  const no = ++renderNo;
  if (newText) textPending = true;
  rendering = renderParts(() => no !== renderNo);
  return rendering;
}

async function renderParts(stale) {
  const { text, result } = last;
  const { entities, keywords, stats } = result;
  renderLegend();
  renderStats(entities, stats);
  await yieldToPage();
  if (stale()) return;
  ui.highlighted.classList.toggle('is-empty', text.length === 0);
  const newText = textPending;
  if (newText) {
    textPending = false;
    if (text.length === 0) {
      textView.set('', null);
      ui.highlighted.replaceChildren(Object.assign(document.createElement('span'), { className: 'empty', textContent: t('noText') }));
    } else {
      await textView.set(text, entities, spansFromPairs(selected()?.occ ?? []));
    }
  }
  ui.chunkNote.hidden = !result.chunked;
  ui.chunkNote.textContent = result.chunked ? t('chunked') : '';
  const parts = [
    // The keyword rows in view first, the others a slice per frame (50 rows were one long layout).
    () => renderKeywords(KEYWORD_ROWS),
    () => appendKeywords(KEYWORD_ROWS, 2 * KEYWORD_ROWS),
    () => appendKeywords(2 * KEYWORD_ROWS),
    () => renderKwic(),
    () => ui.entityList.replaceChildren(entityList(entities, showAllTypes)),
    () => {
      const rtl = lang() === 'ar';
      ui.barChart.replaceChildren(barChart(keywords, { rtl, label: $('charts-title').textContent, format: (n) => numberFormat.format(n) }));
    },
    () => ui.cloud.replaceChildren(wordCloud(keywords, { label: t('cloud') })),
    // Last: its rows come from the worker and are laid out in a frame of their own.
    () => newText && tokensView.reset(result.tokenCount),
  ];
  for (const part of parts) {
    await yieldToPage();
    if (stale()) return;
    part();
  }
}

function renderStats(entities, stats) {
  const values = { ...stats, entities: entities.starts.length };
  const show = {
    avg_word_length: (v) => msFormat.format(v),
    reading_minutes: (v) => t('minutes', numberFormat.format(Math.max(v > 0 ? 1 : 0, Math.round(v)))),
    arabic_share: (v) => percentFormat.format(v),
  };
  for (const dd of ui.stats.querySelectorAll('dd[data-stat]')) {
    const v = values[dd.dataset.stat];
    dd.textContent = Number.isFinite(v) ? (show[dd.dataset.stat] ?? numberFormat.format)(v) : '—';
  }
}

function renderLegend() {
  ui.legend.replaceChildren(legendItems(null, hiddenTypes, typeCounts(last?.result.entities)));
  for (const { type } of ENTITY_TYPES) ui.highlighted.classList.toggle(`hide-${type}`, hiddenTypes.has(type));
  ui.highlighted.classList.toggle('hide-other', [...hiddenTypes].some((x) => !ENTITY_TYPES.some((e) => e.type === x)));
}

/** How many keyword rows the table shows (fewer than the keywords while a render draws it in parts). */
let keywordRowsShown = 0;

/** The keyword table; only its first `count` rows (see appendKeywords) when given. */
function renderKeywords(count = Infinity) {
  const { keywords, stats } = last.result;
  const list = sortKeywords(keywords, sort.col, sort.dir);
  keywordRowsShown = Math.min(count, list.length);
  ui.keywordsBody.replaceChildren(keywordRows(list.slice(0, count), stats.words, selectedKeyword, expanded, maxCount(list)));
  ui.keywordsEmpty.hidden = keywords.length > 0;
  for (const th of ui.keywordsTable.querySelectorAll('th[data-sort]')) {
    if (th.dataset.sort === sort.col) th.setAttribute('aria-sort', sort.dir);
    else th.removeAttribute('aria-sort');
    const b = th.querySelector('button');
    b.setAttribute('aria-label', t('sortBy', b.textContent === '#' ? t('rank') : b.textContent));
  }
}

/**
 * Adds the keyword table's rows `from` to `to` (drawn in a frame of their own), unless the table
 * was redrawn meanwhile (a sort or a selection between two frames draws every row).
 */
function appendKeywords(from, to = Infinity) {
  const { keywords, stats } = last.result;
  if (keywordRowsShown !== from || keywords.length <= from) return;
  const list = sortKeywords(keywords, sort.col, sort.dir);
  keywordRowsShown = Math.min(to, list.length);
  ui.keywordsBody.append(keywordRows(list.slice(from, to), stats.words, selectedKeyword, expanded, maxCount(list)));
}

const maxCount = (list) => list.reduce((m, k) => Math.max(m, Number(k?.count) || 0), 0) || 1;

function renderKwic() {
  const k = selected();
  if (!k) {
    ui.kwic.replaceChildren();
    ui.kwicNote.textContent = t('kwicEmpty');
    return;
  }
  ui.kwicNote.textContent = t('kwicCount', k.text, numberFormat.format(k.count));
  // The lines follow the text's direction, not the interface's.
  ui.kwic.dir = last.result.stats.arabic_share >= 0.5 ? 'rtl' : 'ltr';
  ui.kwic.replaceChildren(kwicLines(last.text, k.occ, KWIC_LIMIT));
}

// ---------------------------------------------------------------------------------------------
// Keywords: selection, sorting, variants

function toggleKeyword(key) {
  if (!last) return;
  selectedKeyword = selectedKeyword === key ? null : key;
  textView.setHits(spansFromPairs(selected()?.occ ?? []));
  renderKeywords();
  renderKwic();
  if (selectedKeyword) {
    const hit = ui.highlighted.querySelector('.kw-hit');
    if (hit) scrollPanelTo(hit);
  }
  // The table was rebuilt: give the focus back to the keyword's button.
  const row = [...ui.keywordsBody.rows].find((r) => r.dataset.key === key && r.classList.contains('keyword-row'));
  row?.querySelector('.kw-button')?.focus({ preventScroll: true });
}

function scrollPanelTo(node) {
  const box = ui.highlighted;
  const top = node.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - node.offsetHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

function onKeywordClick(event) {
  const row = event.target.closest('tr.keyword-row');
  if (!row) return;
  const key = row.dataset.key;
  if (event.target.closest('.kw-variants')) {
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    renderKeywords();
    [...ui.keywordsBody.rows].find((r) => r.dataset.key === key)?.querySelector('.kw-variants')?.focus();
    return;
  }
  toggleKeyword(key);
}

function onSortClick(event) {
  const th = event.target.closest('th[data-sort]');
  if (!th || !last) return;
  const col = th.dataset.sort;
  if (sort.col === col) sort = { col, dir: sort.dir === 'ascending' ? 'descending' : 'ascending' };
  else sort = { col, dir: col === 'rank' || col === 'text' ? 'ascending' : 'descending' };
  renderKeywords();
  th.querySelector('button').focus();
}

// ---------------------------------------------------------------------------------------------
// Stopwords

function renderStopwords() {
  $('stop-added').replaceChildren(chips(stopwords.add));
  $('stop-removed').replaceChildren(chips(stopwords.remove));
}

function setStopwords(sw) {
  stopwords = sw;
  saveStopwords(sw);
  renderStopwords();
  runAnalysis();
}

// ---------------------------------------------------------------------------------------------
// Entities: legend toggles and stepping through mentions

function onLegendClick(event) {
  const b = event.target.closest('button.legend-toggle');
  if (!b) return;
  const type = b.dataset.type;
  if (hiddenTypes.has(type)) hiddenTypes.delete(type);
  else hiddenTypes.add(type);
  if (!last) return;
  renderLegend();
  ui.legend.querySelector(`button[data-type="${CSS.escape(type)}"]`)?.focus();
}

function onEntityClick(event) {
  const more = event.target.closest('.ent-more');
  if (more) {
    showAllTypes.add(more.dataset.type);
    ui.entityList.replaceChildren(entityList(last.result.entities, showAllTypes));
    return;
  }
  const b = event.target.closest('button.ent-item');
  if (!b || !last) return;
  const g = Number(b.dataset.g);
  const ent = last.result.entities;
  let c = cursors.get(g);
  if (!c) {
    c = { list: mentionsOf(ent, g), i: -1 };
    cursors.set(g, c);
  }
  c.i = (c.i + 1) % c.list.length;
  const m = c.list[c.i];
  textView.reveal(ent.starts[m], ent.ends[m]);
  b.dataset.step = String(c.i + 1);
  ui.entityPos.textContent = t('mention', ent.groups[g].text, numberFormat.format(c.i + 1), numberFormat.format(c.list.length));
}

// ---------------------------------------------------------------------------------------------
// Input: files, drops, samples

const HTML_FILE = /\.html?$/i;
const TEXT_FILE = /\.(txt|md|markdown|text)$/i;
const BLOCKS = new Set('ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TD TH TR UL'.split(' '));

/** The text of an HTML document: parsed inert (never attached or rendered), read node by node. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const n of doc.querySelectorAll('script, style, template, noscript, iframe, object, embed, svg, math, head')) n.remove();
  const out = [];
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out.push(c.data.replace(/\s+/g, ' '));
      else if (c.nodeType === 1) {
        const block = BLOCKS.has(c.tagName);
        if (block) out.push('\n');
        walk(c);
        if (block) out.push('\n');
      }
    }
  };
  if (doc.body) walk(doc.body);
  return out.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function setSource(text, name = null, bytes = 0) {
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.length > BIG) {
    bigText = text;
    bigBytes = bytes || text.length * 2;
    ui.input.value = text.slice(0, 20_000);
    ui.input.readOnly = true;
    ui.inputNote.textContent = t('bigFile', name ?? '');
    ui.inputNote.hidden = false;
  } else {
    bigText = null;
    ui.input.readOnly = false;
    ui.inputNote.hidden = true;
    ui.input.value = text;
  }
  runAnalysis();
}

async function openFile(file) {
  if (!file) return;
  try {
    if (!HTML_FILE.test(file.name) && !TEXT_FILE.test(file.name) && !/^text\//.test(file.type)) {
      throw new Error(t('badFile', file.name));
    }
    if (file.size > LIMIT * 4) throw new Error(t('tooBig', LIMIT / 1e6, msFormat.format(file.size / 1e6)));
    let text = await file.text();
    if (HTML_FILE.test(file.name) || file.type === 'text/html') text = htmlToText(text);
    setSource(text, file.name, file.size);
  } catch (err) {
    showError(t('errFile'), err);
  }
}

async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

// ---------------------------------------------------------------------------------------------
// Exports

function exportName(ext) {
  return `kashif-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${ext}`;
}

const EXPORTS = {
  'ex-kw-csv': () => download(new Blob([keywordsCsv(last.result.keywords)], { type: 'text/csv;charset=utf-8' }), exportName('keywords.csv')),
  'ex-kw-json': () => download(new Blob([keywordsJson(last.result.keywords)], { type: 'application/json' }), exportName('keywords.json')),
  'ex-ent-csv': () => download(new Blob([entitiesCsv(last.result.entities)], { type: 'text/csv;charset=utf-8' }), exportName('entities.csv')),
  'ex-json': async () => download((await engine.request({ type: 'json' })).blob, exportName('json')),
  'ex-html': () => {
    const html = htmlReport({
      text: last.text,
      spans: Array.from({ length: textView.spans.length }, (_, k) => textView.spans.at(k)),
      names: typeName,
      lang: lang(),
      title: t('reportTitle'),
      summary: ui.status.textContent,
    });
    download(new Blob([html], { type: 'text/html;charset=utf-8' }), exportName('html'));
  },
};

// ---------------------------------------------------------------------------------------------
// Language and theme

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  $('theme-switch').setAttribute('aria-pressed', String(theme === 'dark'));
}

function initTheme() {
  const saved = localStorage.getItem('kashif.theme');
  const media = matchMedia('(prefers-color-scheme: dark)');
  applyTheme(saved ?? (media.matches ? 'dark' : 'light'));
  media.addEventListener('change', () => {
    if (!localStorage.getItem('kashif.theme')) applyTheme(media.matches ? 'dark' : 'light');
  });
  $('theme-switch').addEventListener('click', () => {
    const theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem('kashif.theme', theme);
    applyTheme(theme);
    if (last) render();
  });
}

// Corpus mode (www/corpus/): its code is loaded the first time it is opened, so this page does not grow.
let corpus = null;
async function showMode(many) {
  $('mode-single').setAttribute('aria-pressed', String(!many));
  $('mode-corpus').setAttribute('aria-pressed', String(many));
  document.querySelector('main > .input-panel').hidden = many;
  $('results').hidden = many;
  $('corpus').hidden = !many;
  corpus ??= many ? import('./corpus/corpus-ui.js').then((m) => m.start($('corpus'), { open: (text) => showMode(false).then(() => setSource(text)) })) : null;
  await corpus;
}

function switchLang(code) {
  setLang(code);
  corpus?.then((c) => c.relabel());
  $('lang-switch').lang = code === 'en' ? 'ar' : 'en';
  localStorage.setItem('kashif.lang', code);
  renderStopwords();
  if (version) ui.engineVersion.textContent = t('engine', version);
  if (last) {
    render();
    // The marks' type names (titles and the screen readers' labels) are in the interface's language.
    textView.setHits(textView.hits);
    tokensView.show(tokensView.from);
    showStatus();
    showSize();
  }
}

// ---------------------------------------------------------------------------------------------
// Start-up

async function main() {
  initLang();
  initTheme();
  const savedLang = localStorage.getItem('kashif.lang');
  if (savedLang === 'en') switchLang('en');
  $('lang-switch').addEventListener('click', () => switchLang(lang() === 'en' ? 'ar' : 'en'));
  $('mode-single').addEventListener('click', () => showMode(false));
  $('mode-corpus').addEventListener('click', () => showMode(true));

  ui.input.addEventListener('input', () => {
    showSize();
    scheduleAnalysis();
  });
  ui.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      runAnalysis();
    }
  });
  ui.analyzeButton.addEventListener('click', runAnalysis);
  ui.cancelButton.addEventListener('click', () => engine.cancel());
  ui.clearButton.addEventListener('click', () => {
    setSource('');
    ui.input.focus();
  });
  ui.file.addEventListener('change', () => {
    openFile(ui.file.files[0]);
    ui.file.value = '';
  });
  ui.dropzone.addEventListener('dragover', (e) => {
    if ([...(e.dataTransfer?.types ?? [])].includes('Files')) {
      e.preventDefault();
      ui.dropzone.classList.add('is-over');
    }
  });
  ui.dropzone.addEventListener('dragleave', () => ui.dropzone.classList.remove('is-over'));
  ui.dropzone.addEventListener('drop', (e) => {
    ui.dropzone.classList.remove('is-over');
    const file = e.dataTransfer?.files?.[0];
    if (file) {
      e.preventDefault();
      openFile(file);
    }
  });
  ui.samples.addEventListener('change', async () => {
    const url = ui.samples.value;
    if (!url) return;
    try {
      setSource(await fetchText(url));
    } catch (err) {
      showError(t('errSample'), err);
    }
  });
  ui.keywordsBody.addEventListener('click', onKeywordClick);
  ui.keywordsTable.tHead.addEventListener('click', onSortClick);
  ui.kwic.addEventListener('click', (e) => {
    const b = e.target.closest('.kwic-line');
    if (b) textView.reveal(Number(b.dataset.start), Number(b.dataset.end));
  });
  ui.legend.addEventListener('click', onLegendClick);
  ui.entityList.addEventListener('click', onEntityClick);
  for (const r of document.querySelectorAll('input[name="ranking"]')) {
    r.addEventListener('change', () => {
      ranking = r.value;
      sort = { col: 'rank', dir: 'ascending' };
      runAnalysis();
    });
  }
  const stopInput = $('stop-input');
  const stopEdit = (which) => {
    if (!stopInput.value.trim()) return;
    setStopwords(editStopwords(stopwords, which, stopInput.value));
    stopInput.value = '';
  };
  $('stop-add').addEventListener('click', () => stopEdit('add'));
  $('stop-remove').addEventListener('click', () => stopEdit('remove'));
  stopInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') stopEdit('add');
  });
  $('stop-reset').addEventListener('click', () => setStopwords({ add: [], remove: [] }));
  for (const id of ['stop-added', 'stop-removed']) {
    $(id).addEventListener('click', (e) => {
      const b = e.target.closest('.chip-remove');
      if (!b) return;
      const which = id === 'stop-added' ? 'add' : 'remove';
      setStopwords({ ...stopwords, [which]: stopwords[which].filter((w) => w !== b.dataset.word) });
    });
  }
  renderStopwords();
  for (const [id, f] of Object.entries(EXPORTS)) {
    $(id).addEventListener('click', async () => {
      if (!last) return;
      try {
        await f();
      } catch (err) {
        showError(t('errAnalyze'), err);
      }
    });
  }

  const sample = fetchText(SAMPLE_URL);
  sample.catch(() => {}); // reported below, once the engine is up

  engine = new Engine();
  warmFormats();
  try {
    version = await engine.ready;
  } catch (err) {
    // Still show the sample, so the page explains itself.
    const text = await sample.catch(() => '');
    if (ui.input.value === '') ui.input.value = text;
    showSize();
    document.body.dataset.state = 'error';
    setStatus(t('engineUnavailable'));
    ui.engineVersion.textContent = t('engineDown');
    showError(t('errEngine'), err);
    $('error-hint').hidden = false;
    return;
  }
  ui.engineVersion.textContent = t('engine', version);
  document.documentElement.dataset.engineVersion = version;
  ui.analyzeButton.disabled = false;

  let sampleError = null;
  try {
    // Keep what the user may have typed while the page was loading.
    const text = await sample;
    if (ui.input.value === '' && bigText === null) ui.input.value = text.replace(/\r\n?/g, '\n');
  } catch (err) {
    sampleError = err;
  }
  await runAnalysis();
  if (sampleError) showError(t('errSample'), sampleError);
}

main();
