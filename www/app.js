// Kashif page: loads the WebAssembly analyzer, analyzes the text area as the user types and
// shows the result in three panels (highlighted entities, keywords, stats).
//
// Safety rule: text from the user or the analyzer only enters the document as text nodes /
// `textContent` (see render.js), never through HTML parsing.

import { highlightedText, keywordRows, legendItems, msFormat, numberFormat } from './render.js';

const API_URL = './kashif-api.js';
const SAMPLE_URL = 'samples/seed-article-ar.txt';
const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);
const ui = {
  input: $('input'),
  analyzeButton: $('analyze'),
  clearButton: $('clear'),
  sampleButton: $('reload-sample'),
  status: $('status'),
  error: $('error'),
  errorTitle: document.querySelector('#error .error-title'),
  errorMessage: $('error-message'),
  legend: $('legend'),
  highlighted: $('highlighted'),
  keywordsBody: document.querySelector('#keywords tbody'),
  keywordsEmpty: $('keywords-empty'),
  stats: $('stats'),
  engineVersion: $('engine-version'),
};

/** The loaded engine `{ analyze(text), version }`, or null. */
let engine = null;
let debounceTimer = 0;
let runs = 0;
/** The last successful analysis and the text it was made from. */
let last = null;
/** The key of the keyword whose occurrences are marked in the text, or null. */
let selectedKeyword = null;

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

// ---------------------------------------------------------------------------------------------
// Engine

/** Loads the engine through the project's JS API (which also restarts it after a trap). */
async function loadEngine() {
  const { Kashif } = await import(API_URL);
  const kashif = await Kashif.load();
  return { analyze: (text) => kashif.analyze(text), version: String(kashif.version()) };
}

// ---------------------------------------------------------------------------------------------
// Analysis

/** Milliseconds the last analysis (with rendering) took; long texts wait longer between runs. */
let lastCost = 0;

function scheduleAnalysis() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(runAnalysis, Math.min(2000, Math.max(DEBOUNCE_MS, 2 * lastCost)));
}

function runAnalysis() {
  clearTimeout(debounceTimer);
  if (!engine) return;
  const text = ui.input.value;
  let result;
  const t0 = performance.now();
  try {
    result = engine.analyze(text);
  } catch (err) {
    // Bad input, or an internal error after which the API restarts the engine. The panels keep
    // the last good result; the next edit (or «حلّل») tries again.
    showError('تعذّر تحليل هذا النص', err);
    setStatus('فشل التحليل؛ عدّل النص أو اضغط «حلّل» للمحاولة مجددًا.');
    document.body.dataset.state = 'failed';
    return;
  }
  const ms = performance.now() - t0;
  clearError();
  if (selectedKeyword && !(result.keywords ?? []).some((k) => k.key === selectedKeyword)) {
    selectedKeyword = null;
  }
  last = { text, result };
  render();
  lastCost = performance.now() - t0;
  runs += 1;
  setStatus(
    `المحرّك ${engine.version} · حُلِّل النص في ${msFormat.format(ms)} مللي ثانية` +
      ` · ${numberFormat.format(result.stats?.words ?? 0)} كلمة`,
  );
  ui.status.dataset.ms = ms.toFixed(2);
  document.body.dataset.state = 'ready';
  document.body.dataset.runs = String(runs);
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render() {
  const { text, result } = last;
  const entities = Array.isArray(result.entities) ? result.entities : [];
  const keywords = Array.isArray(result.keywords) ? result.keywords : [];
  const stats = result.stats ?? {};
  const selected = selectedKeyword ? keywords.find((k) => k.key === selectedKeyword) : undefined;

  ui.legend.replaceChildren(legendItems(entities));

  if (text.length === 0) {
    const empty = document.createElement('span');
    empty.className = 'empty';
    empty.textContent = 'لا يوجد نص.';
    ui.highlighted.replaceChildren(empty);
  } else {
    ui.highlighted.replaceChildren(highlightedText(text, entities, selected?.occurrences ?? []));
  }

  ui.keywordsBody.replaceChildren(keywordRows(keywords, stats.words ?? 0, selectedKeyword));
  ui.keywordsEmpty.hidden = keywords.length > 0;

  const values = { ...stats, entities: entities.length };
  for (const dd of ui.stats.querySelectorAll('dd[data-stat]')) {
    const v = values[dd.dataset.stat];
    dd.textContent = Number.isFinite(v) ? numberFormat.format(v) : '—';
  }
}

// ---------------------------------------------------------------------------------------------
// Keyword selection: clicking a row marks the keyword's occurrences in the text.

function toggleKeyword(key) {
  if (!last) return;
  selectedKeyword = selectedKeyword === key ? null : key;
  render();
  if (selectedKeyword) scrollPanelTo(ui.highlighted.querySelector('.kw-hit'));
  // The table was rebuilt: give the focus back to the keyword's button.
  const row = [...ui.keywordsBody.rows].find((r) => r.dataset.key === key);
  row?.querySelector('button')?.focus({ preventScroll: true });
}

/** Scrolls the text panel (only it, not the page) so that `node` is visible. */
function scrollPanelTo(node) {
  if (!node) return;
  const box = ui.highlighted;
  const top = node.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - node.offsetHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

function onKeywordClick(event) {
  const row = event.target.closest('tr.keyword-row');
  if (row) toggleKeyword(row.dataset.key);
}

// ---------------------------------------------------------------------------------------------
// Start-up

async function loadSample() {
  const res = await fetch(SAMPLE_URL);
  if (!res.ok) throw new Error(`${SAMPLE_URL}: HTTP ${res.status}`);
  return res.text();
}

async function main() {
  ui.input.addEventListener('input', scheduleAnalysis);
  ui.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      runAnalysis();
    }
  });
  ui.analyzeButton.addEventListener('click', runAnalysis);
  ui.clearButton.addEventListener('click', () => {
    ui.input.value = '';
    ui.input.focus();
    runAnalysis();
  });
  ui.sampleButton.addEventListener('click', async () => {
    try {
      ui.input.value = await loadSample();
      runAnalysis();
    } catch (err) {
      showError('تعذّر تحميل النص التجريبي', err);
    }
  });
  ui.keywordsBody.addEventListener('click', onKeywordClick);

  const sample = loadSample();
  sample.catch(() => {}); // reported below, once the engine is up

  let sampleError = null;
  try {
    engine = await loadEngine();
  } catch (err) {
    // Still show the sample, so the page explains itself.
    const text = await sample.catch(() => '');
    if (ui.input.value === '') ui.input.value = text;
    document.body.dataset.state = 'error';
    setStatus('المحرّك غير متاح.');
    ui.engineVersion.textContent = 'المحرّك غير محمّل';
    showError('تعذّر تحميل محرّك التحليل (WebAssembly)', err);
    $('error-hint').hidden = false;
    return;
  }
  ui.engineVersion.textContent = `المحرّك ${engine.version}`;
  document.documentElement.dataset.engineVersion = engine.version;
  ui.analyzeButton.disabled = false;

  try {
    // Keep what the user may have typed while the page was loading.
    const text = await sample;
    if (ui.input.value === '') ui.input.value = text;
  } catch (err) {
    sampleError = err;
  }
  runAnalysis();
  if (sampleError) showError('تعذّر تحميل النص التجريبي', sampleError);
}

main();
