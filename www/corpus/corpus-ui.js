// Corpus mode (issue 20): many documents at once, compared. Loaded by app.js the first time the
// reader opens the mode, so the single-text page does not carry it. The work is the engine's
// corpus in a worker of its own (corpus-worker.js: reading, analysis, progress; cancel ends it);
// this module only draws: DOM nodes with textContent, never user text as markup.
//
//   start(root, { open(text) }) → { relabel() }   (open: show a document in the single-text view)
import { lang } from '../i18n.js';
import { download } from '../export.js';
import { network, trendChart } from './corpus-draw.js';

// Interface strings: [Arabic, English].
const S = {
  title: ['مجموعة نصوص', 'Corpus'],
  note: ['افتح عدة ملفات أو أسقطها معًا (‎.txt و‎.md و‎.html)، أو ملف JSONL أو CSV واحدًا، أو الصق نصوصًا يفصل بينها سطر ---. يجري التحليل في متصفحك.', 'Open or drop several files at once (.txt, .md, .html), or one JSONL or CSV file, or paste documents separated by a line of ---. The analysis runs in your browser.'],
  pasteLabel: ['النصوص (يفصل بينها سطر ---)', 'Documents (separated by a line of ---)'],
  analyze: ['حلّل المجموعة', 'Analyze the corpus'],
  cancel: ['ألغِ', 'Cancel'],
  open: ['افتح ملفات…', 'Open files…'],
  progress: ['تقدّم تحليل المجموعة', 'Corpus analysis progress'],
  loading: ['جارٍ تحميل المحرّك…', 'Loading the engine…'],
  idle: ['أضف نصوصًا ثم اضغط «حلّل المجموعة».', 'Add documents, then press “Analyze the corpus”.'],
  reading: ['جارٍ قراءة الملفات…', 'Reading the files…'],
  working: ['حُلّل {0} من {1} نصًّا…', 'Analyzed {0} of {1} documents…'],
  done: ['حُلّلت {0} نصوص في {1} ث.', 'Analyzed {0} documents in {1} s.'],
  cancelled: ['أُلغي التحليل.', 'The analysis was cancelled.'],
  nothing: ['لا نصوص للتحليل: أضف ملفات أو الصق نصوصًا.', 'No documents to analyze: add files or paste documents.'],
  failed: ['تعذّر التحليل: {0}', 'The analysis failed: {0}'],
  skippedTitle: ['أسطر لم تُقرأ ({0}); حُلّل الباقي', 'Lines not read ({0}); the rest was analyzed'],
  skippedLine: ['{0}، السطر {1}: {2}', '{0}, line {1}: {2}'],
  columns: ['أعمدة الجدول {0}', 'Columns of {0}'],
  textCol: ['عمود النص', 'Text column'],
  titleCol: ['عمود العنوان', 'Title column'],
  noCol: ['(لا شيء)', '(none)'],
  reread: ['أعد القراءة بهذه الأعمدة', 'Read again with these columns'],
  totals: ['{0} نصوص، {1} كلمة، {2} جملة، {3} كلمة مفتاحية، {4} اسمًا.', '{0} documents, {1} words, {2} sentences, {3} keywords, {4} names.'],
  docsTitle: ['النصوص', 'Documents'],
  docsNote: ['اضغط عنوانًا لفتح النص في عرض النص الواحد. اضغط عنوان عمود للترتيب.', 'Press a title to open the document in the single-text view. Press a header to sort.'],
  colIndex: ['#', '#'],
  colTitle: ['العنوان', 'Title'],
  colDate: ['التاريخ', 'Date'],
  colWords: ['الكلمات', 'Words'],
  colSentences: ['الجمل', 'Sentences'],
  colNames: ['الأسماء', 'Names'],
  colDistinctive: ['الكلمات المميِّزة', 'Distinctive words'],
  more: ['اعرض {0} أخرى', 'Show {0} more'],
  kwTitle: ['الكلمات المفتاحية في المجموعة', 'Corpus keywords'],
  kwNote: ['اضغط كلمة لرسم اتجاهها وعرض سياقاتها.', 'Press a word to chart its trend and show its contexts.'],
  colWord: ['الكلمة', 'Keyword'],
  colCount: ['التكرار', 'Count'],
  colDocs: ['النصوص', 'Documents'],
  namesTitle: ['الأسماء عبر النصوص', 'Names across documents'],
  colName: ['الاسم', 'Name'],
  colType: ['النوع', 'Type'],
  colMentions: ['الذكر', 'Mentions'],
  netTitle: ['شبكة الأسماء المتزامنة', 'Co-occurrence network'],
  netNote: ['اسمان متصلان إذا وردا في جملة واحدة؛ سُمك الخط بعدد الجمل. اضغط اسمًا لرسم اتجاهه.', 'Two names are linked when they share a sentence; the line’s width is the number of sentences. Press a name to chart its trend.'],
  netLabel: ['شبكة الأسماء ({0} اسمًا)', 'Network of names ({0} names)'],
  nodeLabel: ['{0} ({1})، {2} ذكرًا، مرتبط بـ {3}', '{0} ({1}), {2} mentions, linked to {3}'],
  netEmpty: ['لا اسمين في جملة واحدة بعد.', 'No two names share a sentence yet.'],
  pairsTitle: ['أقوى الأزواج', 'Strongest pairs'],
  colPair: ['الاسمان', 'Names'],
  colSentTogether: ['جمل معًا', 'Sentences together'],
  colDocsTogether: ['نصوص معًا', 'Documents together'],
  colScore: ['قوة الارتباط (G²)', 'Association (G²)'],
  trendsTitle: ['الاتجاهات', 'Trends'],
  trendsNote: ['التكرار لكل ألف كلمة في كل نص، بترتيب المجموعة.', 'Frequency per 1,000 words in each document, in corpus order.'],
  trendInput: ['كلمة أو اسم', 'A keyword or a name'],
  trendAdd: ['أضف إلى الرسم', 'Add to the chart'],
  trendRemove: ['أزل {0}', 'Remove {0}'],
  trendNone: ['لا كلمة ولا اسم في المجموعة يطابق «{0}».', 'No keyword or name of the corpus matches “{0}”.'],
  trendLabel: ['اتجاه {0} عبر النصوص', 'Trend of {0} across the documents'],
  trendAxis: ['الأعلى: {0} لكل ألف كلمة', 'Top: {0} per 1,000 words'],
  kwicTitle: ['السياقات في المجموعة', 'Contexts across the corpus'],
  kwicNote: ['اختر كلمة مفتاحية لعرض سياقاتها.', 'Choose a keyword to see its contexts.'],
  kwicOf: ['سياقات «{0}»: {1}', 'Contexts of “{0}”: {1}'],
  exportTitle: ['التصدير', 'Export'],
  exDocs: ['النصوص (CSV)', 'Documents (CSV)'],
  exKw: ['الكلمات المفتاحية (CSV)', 'Keywords (CSV)'],
  exNames: ['الأسماء (CSV)', 'Names (CSV)'],
  exPairs: ['الأزواج (CSV)', 'Pairs (CSV)'],
  exJson: ['النتيجة كاملة (JSON)', 'Whole result (JSON)'],
};
const TYPES = { PER: ['شخص', 'person'], LOC: ['مكان', 'place'], ORG: ['منظمة', 'organization'], MISC: ['أخرى', 'other'] };

/** The string `key` in the interface's language, {0}... replaced by `args`. */
function tr(key, ...args) {
  const s = S[key][lang() === 'en' ? 1 : 0];
  return s.replace(/\{(\d)\}/g, (_, i) => (typeof args[i] === 'number' ? num(args[i]) : String(args[i])));
}
const num = (n) => new Intl.NumberFormat(lang() === 'en' ? 'en' : 'ar-EG').format(n);
const typeName = (t) => TYPES[t]?.[lang() === 'en' ? 1 : 0] ?? t;

/** An element: `attrs` are attributes, except text (textContent), class, and on* (listeners). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children);
  return e;
}
/** An element whose text is the interface string `key` (relabelled when the language changes). */
const label = (tag, key, attrs = {}) => el(tag, { ...attrs, 'data-c': key, text: tr(key) });

// ---------------------------------------------------------------------------------------------
// The worker

class Worker_ {
  constructor() {
    this.next = 1;
    this.pending = new Map();
    this.start();
  }
  start() {
    this.worker = new Worker(new URL('./corpus-worker.js', import.meta.url), { type: 'module' });
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = ({ data }) => {
        if (data.type === 'ready') return resolve();
        const p = this.pending.get(data.id);
        if (!p) return;
        if (data.type === 'progress') return p.progress?.(data.done, data.total);
        this.pending.delete(data.id);
        if (data.type === 'error') p.reject(new Error(data.message));
        else p.resolve(data);
      };
      this.worker.onerror = (e) => {
        e.preventDefault?.();
        reject(new Error(e.message || 'the corpus worker failed to start'));
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
  cancel() {
    this.worker.terminate();
    const err = new Error('cancelled');
    err.cancelled = true;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.start();
  }
}

// ---------------------------------------------------------------------------------------------
// CSV and JSON export

/** A CSV field: quoted, quotes doubled; a leading = + - @ is neutralized (spreadsheet formulas). */
const field = (v) => {
  let s = String(v ?? '');
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
};
const csv = (rows) => '\uFEFF' + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';

function exportCsv(what, r) {
  const rows = {
    documents: [['index', 'id', 'title', 'date', 'words', 'sentences', 'mentions', 'keywords', 'distinctive'], ...r.documents.map((d) => [d.index + 1, d.id, d.title, d.date ?? '', d.stats.words, d.stats.sentences, d.mentions, d.keywords.map((k) => k.text).join('; '), d.distinctive.map((k) => `${k.text} (${k.count})`).join('; ')])],
    keywords: [['keyword', 'key', 'kind', 'count', 'documents', 'keyness'], ...r.keywords.map((k) => [k.text, k.key, k.kind, k.count, k.documents, k.keyness.toFixed(2)])],
    names: [['name', 'type', 'mentions', 'documents', 'keys', 'mentions_per_document'], ...r.names.map((n) => [n.text, n.type, n.count, n.documents, n.keys.join('; '), n.mentions.map((m) => `${r.documents[m.doc].id}:${m.count}`).join('; ')])],
    pairs: [['name_a', 'name_b', 'sentences', 'documents', 'g2', 'pmi'], ...r.pairs.map((p) => [r.names[p.a].text, r.names[p.b].text, p.sentences, p.documents, p.score.toFixed(3), p.pmi.toFixed(3)])],
  }[what];
  download(new Blob([csv(rows)], { type: 'text/csv;charset=utf-8' }), `kashif-corpus-${what}.csv`);
}

// ---------------------------------------------------------------------------------------------
// The mode

const PAGE = 100;
const DOC_COLUMNS = [
  ['index', 'colIndex', (d) => d.index],
  ['title', 'colTitle', (d) => d.title],
  ['date', 'colDate', (d) => d.date ?? ''],
  ['words', 'colWords', (d) => d.stats.words],
  ['sentences', 'colSentences', (d) => d.stats.sentences],
  ['mentions', 'colNames', (d) => d.mentions],
  ['distinctive', 'colDistinctive', null],
];

export function start(root, host) {
  const worker = new Worker_();
  const state = { result: null, skipped: [], tables: [], files: [], columns: {}, sort: { col: 'index', dir: 1 }, shown: PAGE, trends: [], kwic: null, startedAt: 0, status: ['loading', []] };

  // --- input
  const paste = el('textarea', { id: 'corpus-paste', rows: 8, spellcheck: 'false', dir: 'auto' });
  const fileInput = el('input', { id: 'corpus-files', type: 'file', multiple: true, class: 'visually-hidden', accept: '.txt,.md,.markdown,.html,.htm,.jsonl,.ndjson,.json,.csv,.tsv' });
  const analyze = label('button', 'analyze', { type: 'button', id: 'corpus-analyze' });
  const cancel = label('button', 'cancel', { type: 'button', class: 'secondary', id: 'corpus-cancel', hidden: true });
  const progress = el('progress', { id: 'corpus-progress', max: 1, value: 0, hidden: true, 'data-c-label': 'progress', 'aria-label': tr('progress') });
  const status = el('p', { id: 'corpus-status', class: 'status', role: 'status', 'aria-live': 'polite', text: tr('loading') });
  /** Shows the status `key` (kept, to be shown again in the other language). */
  const say = (key, ...args) => {
    state.status = [key, args];
    status.textContent = tr(key, ...args);
  };
  const fileList = el('ul', { class: 'corpus-files-list' });
  const columnsBox = el('div', { class: 'corpus-columns', hidden: true });
  const skippedBox = el('details', { class: 'corpus-skipped', id: 'corpus-skipped', hidden: true, open: true });
  const drop = el('div', { class: 'dropzone' }, paste);
  const input = el('section', { class: 'input-panel', 'aria-labelledby': 'corpus-title' },
    label('h2', 'title', { id: 'corpus-title' }),
    label('p', 'note', { class: 'panel-note' }),
    label('label', 'pasteLabel', { for: 'corpus-paste' }),
    drop,
    fileList,
    el('div', { class: 'controls' }, analyze, cancel, el('label', { class: 'file-button secondary-look' }, fileInput, label('span', 'open'))),
    columnsBox, progress, status, skippedBox);

  // --- results
  const results = el('div', { class: 'corpus-results', id: 'corpus-results', hidden: true, tabindex: '-1' });
  root.replaceChildren(input, results);

  const setFiles = (files) => {
    state.files = [...files];
    state.columns = {};
    fileList.replaceChildren(...state.files.map((f) => el('li', { text: f.name, dir: 'auto' })));
  };
  fileInput.addEventListener('change', () => {
    setFiles(fileInput.files);
    fileInput.value = '';
    run();
  });
  drop.addEventListener('dragover', (e) => {
    if ([...(e.dataTransfer?.types ?? [])].includes('Files')) {
      e.preventDefault();
      drop.classList.add('is-over');
    }
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
  drop.addEventListener('drop', (e) => {
    drop.classList.remove('is-over');
    if (!e.dataTransfer?.files?.length) return;
    e.preventDefault();
    setFiles(e.dataTransfer.files);
    run();
  });
  analyze.addEventListener('click', () => run());
  cancel.addEventListener('click', () => worker.cancel());

  async function run() {
    const pasted = paste.value.trim() ? paste.value : null;
    if (!state.files.length && !pasted) {
      say('nothing');
      return;
    }
    analyze.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    say('reading');
    root.setAttribute('aria-busy', 'true');
    state.startedAt = performance.now();
    try {
      await worker.ready;
      const r = await worker.request({ type: 'open', files: state.files, pasted, columns: state.columns }, (done, total) => {
        progress.max = Math.max(total, 1);
        progress.value = done;
        say('working', done, total);
      });
      state.result = r.result;
      state.skipped = r.skipped;
      state.tables = r.tables;
      for (const t of r.tables) state.columns[t.file] = t.columns;
      state.shown = PAGE;
      state.trends = [];
      state.kwic = null;
      const secs = ((performance.now() - state.startedAt) / 1000).toFixed(1);
      status.dataset.done = String(r.result.documents.length);
      if (r.result.documents.length) say('done', r.result.documents.length, secs);
      else say('nothing');
      document.body.dataset.corpus = 'ready';
      await draw();
    } catch (err) {
      if (err.cancelled) say('cancelled');
      else say('failed', err.message);
    } finally {
      analyze.disabled = false;
      cancel.hidden = true;
      progress.hidden = true;
      root.removeAttribute('aria-busy');
    }
  }

  /** Lets the page paint between parts, so that no main-thread task is long. */
  const frame = () => new Promise((r) => setTimeout(r, 0));

  async function draw() {
    drawSkipped();
    drawColumns();
    const r = state.result;
    if (!r?.documents.length) {
      results.hidden = true;
      return;
    }
    results.hidden = false;
    results.replaceChildren(el('p', { class: 'corpus-totals', text: tr('totals', num(r.totals.documents), num(r.totals.words), num(r.totals.sentences), num(r.totals.terms), num(r.totals.names)) }));
    results.append(documentsPanel());
    await frame();
    results.append(keywordsPanel(), namesPanel());
    await frame();
    results.append(networkPanel());
    await frame();
    results.append(trendsPanel(), kwicPanel(), exportPanel());
    if (state.kwic) await showKwic(state.kwic);
  }

  function drawSkipped() {
    const s = state.skipped;
    skippedBox.hidden = !s.length;
    skippedBox.replaceChildren(el('summary', { text: tr('skippedTitle', num(s.length)) }), el('ul', {}, ...s.slice(0, 200).map((x) => el('li', { dir: 'auto', text: tr('skippedLine', x.file ?? '', num(x.line ?? 0), x.error) }))));
  }

  function drawColumns() {
    columnsBox.hidden = !state.tables.length;
    columnsBox.replaceChildren(...state.tables.map((t) => {
      const select = (key, value, none) => {
        const s = el('select', { 'data-c-label': key, 'aria-label': tr(key) }, ...(none ? [el('option', { value: -1, text: tr('noCol') })] : []), ...t.header.map((h, i) => el('option', { value: i, text: h || String(i + 1) })));
        s.value = String(value);
        return s;
      };
      const text = select('textCol', t.columns.text, false);
      const title = select('titleCol', t.columns.title, true);
      return el('fieldset', {}, el('legend', { text: tr('columns', t.file), dir: 'auto' }),
        el('label', {}, label('span', 'textCol'), text), el('label', {}, label('span', 'titleCol'), title),
        label('button', 'reread', { type: 'button', class: 'secondary', onclick: () => {
          state.columns[t.file] = { text: Number(text.value), title: Number(title.value) };
          run();
        } }));
    }));
  }

  // --- panels

  const panel = (key, ...children) => {
    const id = `corpus-${key}`;
    // (not a named region itself: its table's scroll box is, named by this heading)
    return el('section', { class: `panel corpus-panel ${id}` }, label('h2', key, { id: `${id}-h` }), ...children);
  };
  const th = (key, attrs = {}) => el('th', { scope: 'col', ...attrs }, label('span', key));

  function documentsPanel() {
    const head = el('tr', {}, ...DOC_COLUMNS.map(([col, key, value]) => {
      const cell = el('th', { scope: 'col', 'data-col': col });
      if (value) {
        cell.setAttribute('aria-sort', state.sort.col === col ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
        cell.append(el('button', { type: 'button', class: 'sort' }, label('span', key)));
      } else cell.append(label('span', key));
      return cell;
    }));
    const body = el('tbody');
    const table = el('table', { class: 'corpus-docs', id: 'corpus-docs' }, el('thead', {}, head), body);
    const more = el('button', { type: 'button', class: 'secondary' });
    const fill = () => {
      const [, , value] = DOC_COLUMNS.find((c) => c[0] === state.sort.col);
      const docs = [...state.result.documents].sort((a, b) => {
        const x = value(a);
        const y = value(b);
        return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y), lang())) * state.sort.dir || a.index - b.index;
      });
      body.replaceChildren(...docs.slice(0, state.shown).map(docRow));
      const left = docs.length - state.shown;
      more.hidden = left <= 0;
      more.textContent = tr('more', num(Math.min(PAGE, left)));
    };
    more.addEventListener('click', () => {
      state.shown += PAGE;
      fill();
    });
    head.addEventListener('click', (e) => {
      const cell = e.target.closest('th[data-col]');
      if (!cell || !e.target.closest('button')) return;
      const col = cell.dataset.col;
      state.sort = { col, dir: state.sort.col === col ? -state.sort.dir : 1 };
      for (const c of head.children) if (c.hasAttribute('aria-sort')) c.setAttribute('aria-sort', c.dataset.col === col ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
      fill();
    });
    body.addEventListener('click', async (e) => {
      const b = e.target.closest('button[data-doc]');
      if (!b) return;
      const r = await worker.request({ type: 'text', index: Number(b.dataset.doc) });
      host.open(r.text);
    });
    fill();
    return panel('docsTitle', label('p', 'docsNote', { class: 'panel-note' }), el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'corpus-docsTitle-h' }, table), more);
  }

  function docRow(d) {
    return el('tr', {},
      el('td', { text: num(d.index + 1) }),
      el('td', {}, el('button', { type: 'button', class: 'link', 'data-doc': d.index, dir: 'auto', text: d.title || d.id })),
      el('td', { text: d.date ?? '', dir: 'auto' }),
      el('td', { text: num(d.stats.words) }),
      el('td', { text: num(d.stats.sentences) }),
      el('td', { text: num(d.mentions) }),
      el('td', { class: 'corpus-distinctive' }, ...d.distinctive.slice(0, 6).map((k) => el('span', { class: 'chip', text: `${k.text} ${num(k.count)}` }))));
  }

  function termButton(text, query) {
    return el('button', { type: 'button', class: 'link', 'data-term': query, dir: 'auto', text });
  }

  const onTerm = (e) => {
    const b = e.target.closest('button[data-term]');
    if (b) pickTerm(b.dataset.term, true);
  };

  function keywordsPanel() {
    const rows = state.result.keywords.map((k) => el('tr', {}, el('td', {}, termButton(k.text, k.key)), el('td', { text: num(k.count) }), el('td', { text: num(k.documents) })));
    const table = el('table', { class: 'corpus-keywords', onclick: onTerm }, el('thead', {}, el('tr', {}, th('colWord'), th('colCount'), th('colDocs'))), el('tbody', {}, ...rows));
    return panel('kwTitle', label('p', 'kwNote', { class: 'panel-note' }), el('div', { class: 'table-wrap short', tabindex: 0, role: 'region', 'aria-labelledby': 'corpus-kwTitle-h' }, table));
  }

  function namesPanel() {
    const rows = state.result.names.map((n) => el('tr', {}, el('td', {}, termButton(n.text, n.text)), el('td', { text: typeName(n.type) }), el('td', { text: num(n.count) }), el('td', { text: num(n.documents) })));
    const table = el('table', { class: 'corpus-names', id: 'corpus-names', onclick: (e) => {
      const b = e.target.closest('button[data-term]');
      if (b) pickTerm(b.dataset.term, false);
    } }, el('thead', {}, el('tr', {}, th('colName'), th('colType'), th('colMentions'), th('colDocs'))), el('tbody', {}, ...rows));
    return panel('namesTitle', el('div', { class: 'table-wrap short', tabindex: 0, role: 'region', 'aria-labelledby': 'corpus-namesTitle-h' }, table));
  }

  function networkPanel() {
    const r = state.result;
    const box = el('div', { class: 'chart-box network-box', id: 'corpus-network' });
    const drawn = network(box, r.names, r.pairs, {
      label: tr('netLabel', num(Math.min(50, r.names.length))),
      nodeLabel: (n, k) => tr('nodeLabel', n.text, typeName(n.type), num(n.count), num(k)),
      onPick: (i) => pickTerm(r.names[i].text, false),
    });
    if (!drawn) box.append(label('p', 'netEmpty', { class: 'empty' }));
    const strongest = r.pairs.filter((p) => p.sentences > 0).slice(0, 30);
    const rows = strongest.map((p) => el('tr', {}, el('td', { dir: 'auto', text: `${r.names[p.a].text} — ${r.names[p.b].text}` }), el('td', { text: num(p.sentences) }), el('td', { text: num(p.documents) }), el('td', { text: p.score.toFixed(1) })));
    const table = el('table', { class: 'corpus-pairs', id: 'corpus-pairs' }, el('caption', {}, label('span', 'pairsTitle')), el('thead', {}, el('tr', {}, th('colPair'), th('colSentTogether'), th('colDocsTogether'), th('colScore'))), el('tbody', {}, ...rows));
    return panel('netTitle', label('p', 'netNote', { class: 'panel-note' }), box, el('div', { class: 'table-wrap short', tabindex: 0, role: 'region', 'aria-labelledby': 'corpus-netTitle-h' }, table));
  }

  let trendBox;
  let chips;
  let trendNote;
  function trendsPanel() {
    const query = el('input', { type: 'text', id: 'corpus-trend-input', dir: 'auto', 'data-c-label': 'trendInput', 'aria-label': tr('trendInput') });
    const add = label('button', 'trendAdd', { type: 'button', class: 'secondary' });
    const go = () => query.value.trim() && pickTerm(query.value.trim(), false).then(() => (query.value = ''));
    add.addEventListener('click', go);
    query.addEventListener('keydown', (e) => e.key === 'Enter' && go());
    chips = el('ul', { class: 'chips', 'aria-live': 'polite' });
    chips.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-i]');
      if (!b) return;
      state.trends.splice(Number(b.dataset.i), 1);
      drawTrends();
    });
    trendNote = el('p', { class: 'panel-note', role: 'status' });
    trendBox = el('div', { class: 'chart-box', id: 'corpus-trends' });
    drawTrends();
    return panel('trendsTitle', label('p', 'trendsNote', { class: 'panel-note' }), el('div', { class: 'stop-row' }, query, add), chips, trendNote, trendBox);
  }

  function drawTrends() {
    chips.replaceChildren(...state.trends.map((t, i) => el('li', { class: `chip s${i % 6}` }, el('span', { text: t.text, dir: 'auto' }), el('button', { type: 'button', class: 'chip-remove', 'data-i': i, 'aria-label': tr('trendRemove', t.text), text: '×' }))));
    const titles = state.result.documents.map((d) => d.title);
    trendChart(trendBox, state.trends, titles, { label: tr('trendLabel', state.trends.map((t) => t.text).join('، ')), axis: (top) => tr('trendAxis', top.toFixed(1)) });
  }

  /** Adds `query`'s trend to the chart (at most 6) and, for a keyword, shows its contexts. */
  async function pickTerm(query, contexts) {
    const r = await worker.request({ type: 'trend', query });
    if (!r.trend) {
      trendNote.textContent = tr('trendNone', query);
      return;
    }
    trendNote.textContent = '';
    if (!state.trends.some((t) => t.key === r.trend.key && t.kind === r.trend.kind)) {
      state.trends.push(r.trend);
      if (state.trends.length > 6) state.trends.shift();
    }
    drawTrends();
    if (contexts || r.trend.kind === 'keyword') await showKwic(query);
  }

  let kwicList;
  let kwicNote;
  function kwicPanel() {
    kwicNote = label('p', 'kwicNote', { class: 'panel-note', role: 'status' });
    kwicList = el('ol', { class: 'kwic', id: 'corpus-kwic' });
    kwicList.addEventListener('click', async (e) => {
      const b = e.target.closest('button[data-doc]');
      if (!b) return;
      const r = await worker.request({ type: 'text', index: Number(b.dataset.doc) });
      host.open(r.text);
    });
    return panel('kwicTitle', kwicNote, kwicList);
  }

  async function showKwic(query) {
    state.kwic = query;
    const r = await worker.request({ type: 'kwic', query });
    const docs = state.result.documents;
    kwicNote.removeAttribute('data-c');
    kwicNote.textContent = tr('kwicOf', query, num(r.contexts.length));
    kwicList.replaceChildren(...r.contexts.map((c) => el('li', { class: 'kwic-row' },
      el('button', { type: 'button', class: 'link kwic-doc', 'data-doc': c.doc, dir: 'auto', text: docs[c.doc]?.title || docs[c.doc]?.id }),
      el('span', { class: 'kwic-line', dir: 'rtl' }, el('span', { class: 'kwic-left', text: c.left }), el('mark', { text: c.match }), el('span', { class: 'kwic-right', text: c.right })))));
  }

  function exportPanel() {
    const b = (key, f) => label('button', key, { type: 'button', class: 'secondary', onclick: f });
    const r = state.result;
    return panel('exportTitle', el('div', { class: 'export-buttons' },
      b('exDocs', () => exportCsv('documents', r)), b('exKw', () => exportCsv('keywords', r)), b('exNames', () => exportCsv('names', r)), b('exPairs', () => exportCsv('pairs', r)),
      b('exJson', () => download(new Blob([JSON.stringify({ ...r, trends: state.trends, skipped: state.skipped }, null, 1)], { type: 'application/json' }), 'kashif-corpus.json'))));
  }

  worker.ready.then(() => {
    if (state.status[0] === 'loading') say('idle');
    status.dataset.ready = 'true';
  }, (err) => say('failed', err.message));

  // the CSS of the mode, loaded with it
  if (!document.querySelector('link[data-corpus-css]')) document.head.append(el('link', { rel: 'stylesheet', href: new URL('./corpus.css', import.meta.url).href, 'data-corpus-css': '' }));

  return {
    /** Re-labels the mode in the interface's language (called by app.js when it changes). */
    relabel() {
      for (const e of root.querySelectorAll('[data-c]')) e.textContent = tr(e.dataset.c);
      for (const e of root.querySelectorAll('[data-c-label]')) e.setAttribute('aria-label', tr(e.dataset.cLabel));
      say(state.status[0], ...state.status[1]);
      if (state.result) draw();
    },
    paste,
  };
}
