// Corpus mode's worker (a module worker of its own, started when the corpus mode opens; the page's
// single-text worker is untouched). It reads the files, adds the documents one by one to the
// engine's corpus (`kashif.corpus()`, src/corpus/) and reports progress; the page only draws.
// Cancelling terminates this worker. Its messages, both ways, are declared in corpus-worker.d.ts
// (tests/page/corpus.mjs checks the real ones against it):
//   in:  {type:'open', id, files: File[], pasted: string|null, columns: {file: {text, title}}, options}
//        {type:'trend', id, query} · {type:'kwic', id, query} · {type:'text', id, index}
//   out: {type:'ready'} · {type:'progress', id, done, total} · {type:'error', id, message}
//        {type:'result', id, result: CorpusResult, skipped: [{file, line, error}], tables: [{file, header, columns}]}
//        {type:'trend', id, trend} · {type:'kwic', id, contexts} · {type:'text', id, text}
import { Kashif } from '../kashif-api.js';
import { csvDocs, csvRows, guessColumns, htmlDoc, jsonlDocs, kindOf, pastedDocs } from './corpus-io.js';

const LIMITS = { keywords: 10, distinctive: 10, corpus_keywords: 200, names: 200, pairs: 600 };
const PROGRESS_MS = 50;

let kashif = null;
let corpus = null;
const loading = Kashif.load().then((k) => {
  kashif = k;
  postMessage({ type: 'ready' });
});

/** The documents of one file, with its skipped lines and (for a table) its header and columns. */
async function fileDocs(file, columns) {
  const text = await file.text();
  const kind = kindOf(file.name);
  const name = file.name;
  if (kind === 'jsonl') return { ...jsonlDocs(text), name };
  if (kind === 'csv' || kind === 'tsv') {
    const rows = csvRows(text, kind === 'tsv' ? '\t' : ',');
    const chosen = columns ?? guessColumns(rows[0] ?? [], rows);
    return { ...csvDocs(rows, chosen), name, table: { file: name, header: rows[0] ?? [], columns: chosen } };
  }
  const doc = kind === 'html' ? htmlDoc(text) : { text };
  return { docs: doc.text.trim() ? [{ id: name, ...doc }] : [], skipped: doc.text.trim() ? [] : [{ line: 0, error: 'no text' }], name };
}

async function open({ id, files, pasted, columns, options }) {
  await loading;
  corpus?.free();
  corpus = kashif.corpus({ analysis: options ?? {} });
  const docs = [];
  const skipped = [];
  const tables = [];
  for (const f of files ?? []) {
    const r = await fileDocs(f, columns?.[f.name]);
    docs.push(...r.docs);
    for (const s of r.skipped) skipped.push({ file: r.name, ...s });
    if (r.table) tables.push(r.table);
  }
  if (pasted) docs.push(...pastedDocs(pasted));
  let shown = 0;
  for (let i = 0; i < docs.length; i++) {
    corpus.add(docs[i]);
    docs[i] = null; // the engine keeps what the views need
    if (Date.now() - shown > PROGRESS_MS) {
      shown = Date.now();
      postMessage({ type: 'progress', id, done: i + 1, total: docs.length });
    }
  }
  postMessage({ type: 'progress', id, done: docs.length, total: docs.length });
  postMessage({ type: 'result', id, result: corpus.result(LIMITS), skipped, tables });
}

onmessage = async ({ data }) => {
  try {
    if (data.type === 'open') return await open(data);
    if (!['trend', 'kwic', 'text'].includes(data.type)) throw new Error(`unknown request "${data.type}": expected open, trend, kwic or text`);
    if (!corpus) throw new Error('no corpus yet: open one first');
    if (data.type === 'trend') postMessage({ type: 'trend', id: data.id, trend: corpus.trend(data.query) });
    else if (data.type === 'kwic') postMessage({ type: 'kwic', id: data.id, contexts: corpus.kwic(data.query, 50, 300) });
    else postMessage({ type: 'text', id: data.id, text: corpus.text(data.index) ?? '' });
  } catch (err) {
    postMessage({ type: 'error', id: data.id, message: String(err?.message ?? err) });
  }
};
