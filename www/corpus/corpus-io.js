// Corpus mode, input: turning what the reader gives (files, pasted text) into documents
// {text, id?, title?, date?} for the engine's corpus. Runs in the corpus worker; no analysis here.
//
//   .jsonl / .ndjson / .json   one JSON object a line with "text" or "content" (optional id, title, date);
//                              a bad line is reported with its line number, the others kept
//   .csv / .tsv                a table with a header row: the text and title columns are chosen
//                              (guessed first: text/content/body..., title/headline...)
//   .html / .htm               the page's text (tags dropped, script/style skipped), its <title>
//   anything else              one document (.txt, .md)
//   pasted text                documents separated by a line of ---

/** The documents of pasted text: pieces between lines that are only `---`. */
export function pastedDocs(text) {
  return text
    .split(/\r?\n[ \t]*-{3,}[ \t]*(?:\r?\n|$)/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((text) => ({ text }));
}

const FIELD = (v) => (v === undefined || v === null ? undefined : typeof v === 'number' ? String(v) : v);

/** One JSON Lines object as a document, or throws with what is wrong. */
function jsonDoc(line) {
  let v;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw new Error(`not a JSON object (${e.message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object; each line must be one object with a "text" or "content" field');
  const text = v.text ?? v.content;
  if (typeof text !== 'string') throw new Error(text === undefined || text === null ? 'no "text" or "content" field' : '"text" must be a string');
  const doc = { text };
  for (const k of ['id', 'title', 'date']) {
    const f = FIELD(v[k]);
    if (f !== undefined) {
      if (typeof f !== 'string') throw new Error(`"${k}" must be a string`);
      doc[k] = f;
    }
  }
  return doc;
}

/** Documents of a JSON Lines text, and the lines that are not documents ({line, error}). */
export function jsonlDocs(text) {
  const docs = [];
  const skipped = [];
  let n = 0;
  for (const line of text.split('\n')) {
    n += 1;
    if (line.trim() === '') continue;
    try {
      docs.push(jsonDoc(line));
    } catch (e) {
      skipped.push({ line: n, error: e.message });
    }
  }
  return { docs, skipped };
}

/** The rows of a CSV (or, with `sep` '\t', TSV) text: quoted fields may hold separators, quotes ("") and line breaks. */
export function csvRows(text, sep = ',') {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The likely text and title columns of a header row (indices; title -1 when none). */
export function guessColumns(header, rows) {
  const find = (re) => header.findIndex((h) => re.test(h.trim()));
  let text = find(/^(text|content|body|article|نص|النص|المحتوى|محتوى)$/i);
  if (text < 0) {
    // the column with the longest values
    const len = header.map((_, i) => rows.slice(1, 50).reduce((s, r) => s + (r[i]?.length ?? 0), 0));
    text = len.indexOf(Math.max(...len));
  }
  const title = find(/^(title|headline|name|عنوان|العنوان)$/i);
  return { text, title: title === text ? -1 : title };
}

/** Documents of CSV rows with the chosen columns ({text, title, id?, date?} indices; -1: none). */
export function csvDocs(rows, columns) {
  const header = rows[0] ?? [];
  const col = (re) => header.findIndex((h) => re.test(h.trim()));
  const id = col(/^id$/i);
  const date = col(/^(date|التاريخ)$/i);
  const docs = [];
  const skipped = [];
  rows.slice(1).forEach((r, i) => {
    const text = r[columns.text];
    if (text === undefined || text.trim() === '') {
      skipped.push({ line: i + 2, error: `no text in column "${header[columns.text] ?? columns.text + 1}"` });
      return;
    }
    const doc = { text };
    if (columns.title >= 0 && r[columns.title]) doc.title = r[columns.title];
    if (id >= 0 && r[id]) doc.id = r[id];
    if (date >= 0 && r[date]) doc.date = r[date];
    docs.push(doc);
  });
  return { docs, skipped };
}

const ENTITY = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the common HTML character references. */
function decode(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, r) => {
    if (r[0] !== '#') return ENTITY[r.toLowerCase()] ?? m;
    const n = r[1] === 'x' || r[1] === 'X' ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10);
    return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
  });
}

/** The text and title of an HTML page (a worker has no DOMParser): tags dropped, script/style skipped. */
export function htmlDoc(html) {
  const title = html.match(/<title[^>]*>([\s\S]*?)<\/title/i)?.[1];
  const text = html
    .replace(/<(script|style|title|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(p|div|br|li|h[1-6]|tr|article|section)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  const doc = { text: decode(text).replace(/\n{3,}/g, '\n\n').trim() };
  const t = title && decode(title).trim();
  if (t) doc.title = t;
  return doc;
}

/** The kind of input a file name says: jsonl, csv, tsv, html or text. */
export function kindOf(name) {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (['jsonl', 'ndjson', 'json'].includes(ext)) return 'jsonl';
  if (ext === 'csv' || ext === 'tsv') return ext;
  if (ext === 'html' || ext === 'htm') return 'html';
  return 'text';
}
