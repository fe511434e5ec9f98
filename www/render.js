// Builds the result panels' DOM from an analysis. Pure functions: they return nodes and touch
// nothing else, so the tests can call them with hostile input.
//
// Safety rule: text from the user or the analyzer only enters the document as text nodes /
// `textContent`, never through HTML parsing.

/** Entity types the page knows, in legend order, with their Arabic names. */
export const ENTITY_TYPES = [
  { type: 'PER', name: 'شخص' },
  { type: 'LOC', name: 'مكان' },
  { type: 'ORG', name: 'منظمة' },
  { type: 'MISC', name: 'أخرى' },
  { type: 'DATE', name: 'تاريخ' },
  { type: 'NUMBER', name: 'عدد' },
  { type: 'MONEY', name: 'مبلغ مالي' },
  { type: 'PERCENT', name: 'نسبة مئوية' },
  { type: 'QUANTITY', name: 'كمية' },
];
const TYPE_NAMES = new Map(ENTITY_TYPES.map((t) => [t.type, t.name]));

export const numberFormat = new Intl.NumberFormat('ar-u-nu-latn');
export const percentFormat = new Intl.NumberFormat('ar-u-nu-latn', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
export const msFormat = new Intl.NumberFormat('ar-u-nu-latn', { maximumFractionDigits: 1 });

/** Creates an element with an optional class name and text content. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** The Arabic name of an entity type (the code itself for a type the page doesn't know). */
export function typeName(type) {
  return TYPE_NAMES.get(type) ?? String(type);
}

/** The CSS class of an entity type: `ent-LOC`…, or `ent-other` for an unknown type. */
export function typeClass(type) {
  return TYPE_NAMES.has(type) ? `ent-${type}` : 'ent-other';
}

/** True for an integer offset inside [0, len]. */
function validOffset(x, len) {
  return Number.isInteger(x) && x >= 0 && x <= len;
}

function validSpan(s, len) {
  return s !== null && typeof s === 'object' && validOffset(s.start, len) && validOffset(s.end, len) && s.start < s.end;
}

/**
 * The entity spans that can be drawn: in range, non-empty, sorted, and non-overlapping (when two
 * overlap, the one that starts first wins; at the same start, the longer one).
 */
export function drawableEntities(entities, len) {
  const valid = (Array.isArray(entities) ? entities : []).filter((e) => validSpan(e, len));
  valid.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let cursor = 0;
  for (const e of valid) {
    if (e.start < cursor) continue;
    out.push(e);
    cursor = e.end;
  }
  return out;
}

/** Sorted, merged, in-range copies of `spans`. */
export function mergedSpans(spans, len) {
  const valid = (Array.isArray(spans) ? spans : [])
    .filter((s) => validSpan(s, len))
    .map((s) => ({ start: s.start, end: s.end }))
    .sort((a, b) => a.start - b.start);
  const out = [];
  for (const s of valid) {
    const prev = out[out.length - 1];
    if (prev && s.start <= prev.end) prev.end = Math.max(prev.end, s.end);
    else out.push(s);
  }
  return out;
}

/**
 * Appends `text.slice(start, end)` to `parent`, wrapping the parts covered by `hits` (sorted,
 * merged) in <span class="kw-hit">.
 */
function appendWithHits(parent, text, start, end, hits) {
  let pos = start;
  for (const h of hits) {
    if (h.end <= pos) continue;
    if (h.start >= end) break;
    const a = Math.max(h.start, pos);
    const b = Math.min(h.end, end);
    if (a > pos) parent.append(document.createTextNode(text.slice(pos, a)));
    parent.append(el('span', 'kw-hit', text.slice(a, b)));
    pos = b;
  }
  if (pos < end) parent.append(document.createTextNode(text.slice(pos, end)));
}

/**
 * The text with its entities as <mark> elements and the spans `hits` (a keyword's occurrences)
 * as <span class="kw-hit">. The visible text of the result is exactly `text`.
 */
export function highlightedText(text, entities, hits = []) {
  const len = text.length;
  const spans = drawableEntities(entities, len);
  const marked = mergedSpans(hits, len);
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const e of spans) {
    if (e.start > pos) appendWithHits(frag, text, pos, e.start, marked);
    const type = String(e.type);
    const name = typeName(type);
    const mark = el('mark', `ent ${typeClass(type)}`);
    mark.dataset.type = type;
    mark.dataset.start = String(e.start);
    mark.dataset.end = String(e.end);
    mark.title = name === type ? type : `${name} (${type})`;
    const body = el('span', 'ent-text');
    appendWithHits(body, text, e.start, e.end, marked);
    // The type name for screen readers; hidden visually and from selection.
    mark.append(body, el('span', 'visually-hidden ent-label', ` (${name})`));
    frag.append(mark);
    pos = e.end;
  }
  if (pos < len) appendWithHits(frag, text, pos, len, marked);
  return frag;
}

/** The legend: every known type (dimmed when absent), then any unknown type that occurs. */
export function legendItems(entities) {
  const counts = new Map();
  for (const e of Array.isArray(entities) ? entities : []) {
    const type = String(e?.type);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const types = ENTITY_TYPES.map(({ type }) => type);
  for (const type of counts.keys()) if (!TYPE_NAMES.has(type)) types.push(type);

  const frag = document.createDocumentFragment();
  for (const type of types) {
    const n = counts.get(type) ?? 0;
    const li = el('li', `legend-item ${typeClass(type)}`);
    li.dataset.type = type;
    if (n === 0) li.classList.add('is-empty');
    li.append(
      el('span', 'swatch'),
      el('span', 'legend-name', typeName(type)),
      el('span', 'legend-code', type),
      el('span', 'legend-count', numberFormat.format(n)),
    );
    li.title = `${typeName(type)} (${type}): ${numberFormat.format(n)}`;
    frag.append(li);
  }
  return frag;
}

/** The rows of the keyword table. `words` is used for the share if a keyword lacks one. */
export function keywordRows(keywords, words, selectedKey) {
  const list = Array.isArray(keywords) ? keywords : [];
  const maxCount = list.reduce((m, k) => Math.max(m, Number(k?.count) || 0), 0) || 1;
  const frag = document.createDocumentFragment();
  list.forEach((k, i) => {
    const tr = el('tr', 'keyword-row');
    tr.dataset.key = String(k.key);
    const selected = selectedKey !== null && selectedKey !== undefined && k.key === selectedKey;
    tr.classList.toggle('is-selected', selected);
    const count = Number(k.count) || 0;
    const share = Number.isFinite(k.share) ? k.share : words ? count / words : 0;

    const word = el('td', 'col-word');
    // A toggle button: keyboard and screen-reader access to "mark the occurrences in the text".
    const button = el('button', 'kw-button');
    button.type = 'button';
    button.setAttribute('aria-pressed', String(selected));
    button.append(el('span', 'kw-text', k.text));
    word.append(button);
    if (k.kind === 'phrase') word.append(el('span', 'kw-kind', 'عبارة'));
    const variants = Array.isArray(k.variants) ? k.variants : [];
    if (variants.length > 1) {
      word.title = 'الصيغ: ' + variants.map((v) => `${v.text} (${numberFormat.format(v.count)})`).join('، ');
    }

    const barCell = el('td', 'col-bar');
    const bar = el('span', 'bar');
    const fill = el('span', 'bar-fill');
    // Through the CSSOM (allowed by the CSP), not a style attribute.
    fill.style.setProperty('--fill', `${((count / maxCount) * 100).toFixed(1)}%`);
    bar.append(fill);
    barCell.append(bar);

    tr.append(
      el('td', 'col-rank', numberFormat.format(i + 1)),
      word,
      el('td', 'col-count', numberFormat.format(count)),
      el('td', 'col-share', percentFormat.format(share)),
      barCell,
    );
    frag.append(tr);
  });
  return frag;
}
