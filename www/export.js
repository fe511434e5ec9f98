// Exports: CSV (UTF-8 with a BOM, so spreadsheet programs read Arabic correctly), JSON and a
// standalone HTML report. The report is a string: every piece of text in it goes through
// escapeHtml, and it carries no script (its own CSP forbids scripts anyway).

/** One CSV field: quoted when it holds a comma, quote, CR/LF or leading/trailing space; quotes doubled. */
export function csvField(value) {
  let s = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell: neutralize it.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document (CRLF line ends, UTF-8 BOM) from a header and rows. */
export function toCsv(header, rows) {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function keywordsCsv(keywords) {
  return toCsv(
    ['rank', 'keyword', 'kind', 'count', 'share', 'keyness', 'variants'],
    keywords.map((k, i) => [
      k.rank ?? i + 1,
      k.text,
      k.kind,
      k.count,
      Number(k.share).toFixed(6),
      Number(k.keyness).toFixed(3),
      (k.variants ?? []).map((v) => `${v.text}:${v.count}`).join(' | '),
    ]),
  );
}

export function keywordsJson(keywords) {
  const out = keywords.map(({ occ, ...k }) => {
    const occurrences = [];
    for (let i = 0; occ && i + 1 < occ.length; i += 2) occurrences.push({ start: occ[i], end: occ[i + 1] });
    return { ...k, occurrences };
  });
  return JSON.stringify(out, null, 1);
}

/** Entities grouped as on the page: type, text, key, mentions, first offset. */
export function entitiesCsv(entities) {
  const first = new Map();
  for (let i = 0; i < entities.starts.length; i++) {
    const g = entities.group[i];
    if (!first.has(g)) first.set(g, entities.starts[i]);
  }
  return toCsv(
    ['type', 'entity', 'key', 'mentions', 'first_start'],
    entities.groups.map((g, i) => [g.type, g.text, g.key, g.count, first.get(i) ?? '']),
  );
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML text and quoted attribute values. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

/**
 * A self-contained HTML report: the text with its entities marked, and a legend. `spans`: the
 * drawable entities ({start, end, type}), sorted and non-overlapping. `names`: type → name.
 */
export function htmlReport({ text, spans, names, lang, title, summary }) {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const parts = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos || s.end > text.length) continue;
    parts.push(escapeHtml(text.slice(pos, s.start)));
    const type = escapeHtml(s.type);
    const name = escapeHtml(names(s.type));
    parts.push(`<mark class="t-${/^[A-Z]+$/.test(s.type) ? type : 'other'}" title="${name}">${escapeHtml(text.slice(s.start, s.end))}<small>${type}</small></mark>`);
    pos = s.end;
  }
  parts.push(escapeHtml(text.slice(pos)));
  const css = [
    'body{font-family:"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:2.1;color:#1f2328;background:#fff}',
    '.text{white-space:pre-wrap;unicode-bidi:plaintext;font-size:1.15rem}',
    'mark{border-radius:.25rem;border-bottom:2px solid #4b5563;background:#e5e7eb;color:inherit}',
    'mark small{font:700 .6em sans-serif;margin-inline-start:.25em;color:#374151}',
    '.t-PER{background:#dbeafe;border-color:#1d4ed8}.t-LOC{background:#d1fae5;border-color:#047857}',
    '.t-ORG{background:#fde2e4;border-color:#be123c}.t-MISC{background:#ede9fe;border-color:#6d28d9}',
  ].join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(summary)}</p>
<div class="text">${parts.join('')}</div>
</body>
</html>
`;
}

/** Starts a download of `blob` as `name` through a temporary link. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
