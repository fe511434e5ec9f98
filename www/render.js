// Builds the result panels' DOM from an analysis. Pure functions: they return nodes and touch
// nothing else, so the tests can call them with hostile input.
//
// Safety rule: text from the user or the analyzer only enters the document as text nodes /
// `textContent`, never through HTML parsing.

import { lang, t as tx } from './i18n.js';

/** Entity types the page knows, in legend order, with their Arabic names. */
export const ENTITY_TYPES = [
  { type: 'PER', name: 'شخص', en: 'Person' },
  { type: 'LOC', name: 'مكان', en: 'Place' },
  { type: 'ORG', name: 'منظمة', en: 'Organization' },
  { type: 'MISC', name: 'أخرى', en: 'Other' },
  { type: 'DATE', name: 'تاريخ', en: 'Date' },
  { type: 'NUMBER', name: 'عدد', en: 'Number' },
  { type: 'MONEY', name: 'مبلغ مالي', en: 'Money' },
  { type: 'PERCENT', name: 'نسبة مئوية', en: 'Percent' },
  { type: 'QUANTITY', name: 'كمية', en: 'Quantity' },
];
const TYPE_NAMES = new Map(ENTITY_TYPES.map((t) => [t.type, t]));

/**
 * A number format made on its first use, not when the module loads: the first Arabic Intl object
 * loads the locale's data, a long piece of the page's start-up that belongs after the first paint.
 */
function lazyFormat(options) {
  let f = null;
  return { format: (n) => (f ??= new Intl.NumberFormat('ar-u-nu-latn', options)).format(n) };
}

export const numberFormat = lazyFormat({});
export const percentFormat = lazyFormat({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const msFormat = lazyFormat({ maximumFractionDigits: 1 });
const partFormat = lazyFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Makes the number formats now, each in an idle moment of its own (while the engine loads). */
export function warmFormats() {
  const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 0));
  for (const f of [numberFormat, percentFormat, msFormat]) idle(() => f.format(1));
}

/**
 * The language of the analysed text: 'ar' when it is mostly in Arabic script, else '' (unknown).
 * The page sets it for each result; the elements that hold words of the text carry it (textEl), so
 * that a screen reader reads them in an Arabic voice in the English interface too.
 */
let textLang = '';

export function setTextLang(code) {
  textLang = code;
}

/** `el` for a piece of the analysed text: tagged with the text's language when it is known. */
export function textEl(tag, className, text) {
  const node = el(tag, className, text);
  if (textLang) node.lang = textLang;
  return node;
}

/** Creates an element with an optional class name and text content. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** The Arabic name of an entity type (the code itself for a type the page doesn't know). */
export function typeName(type) {
  const t = TYPE_NAMES.get(type);
  return t ? (lang() === 'en' ? t.en : t.name) : String(type);
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

/** Index of the first span in `spans` (sorted by start) that ends after `pos`. */
function firstEndingAfter(spans, pos) {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Appends `text.slice(start, end)` to `parent`, wrapping the parts covered by `hits` (sorted,
 * merged) in <span class="kw-hit"> and the part covered by `flash` in <span class="flash">.
 */
function appendWithHits(parent, text, start, end, hits, flash) {
  if (flash && flash.end > start && flash.start < end) {
    const a = Math.max(flash.start, start);
    const b = Math.min(flash.end, end);
    if (a > start) appendWithHits(parent, text, start, a, hits, null);
    const f = el('span', 'flash');
    f.dataset.start = String(flash.start);
    appendWithHits(f, text, a, b, hits, null);
    parent.append(f);
    if (b < end) appendWithHits(parent, text, b, end, hits, null);
    return;
  }
  let pos = start;
  for (let i = firstEndingAfter(hits, pos); i < hits.length; i++) {
    const h = hits[i];
    if (h.start >= end) break;
    const a = Math.max(h.start, pos);
    const b = Math.min(h.end, end);
    if (a > pos) parent.append(document.createTextNode(text.slice(pos, a)));
    parent.append(el('span', 'kw-hit', text.slice(a, b)));
    pos = b;
  }
  if (pos < end) parent.append(document.createTextNode(text.slice(pos, end)));
}

/** A <mark> for entity `e` (its text from `text`), with its type for hover and screen readers. */
function entityMark(text, e, hits, flash) {
  const type = String(e.type);
  const name = typeName(type);
  const mark = el('mark', `ent ${typeClass(type)}`);
  mark.dataset.type = type;
  mark.dataset.start = String(e.start);
  mark.dataset.end = String(e.end);
  mark.title = name === type ? type : `${name} (${type})`;
  const body = el('span', 'ent-text');
  appendWithHits(body, text, e.start, e.end, hits, flash);
  // The type name for screen readers (in the interface's language, inside a text that may be
  // marked as Arabic); hidden visually and from selection.
  const label = el('span', 'visually-hidden ent-label', ` (${name})`);
  label.lang = lang();
  mark.append(body, label);
  return mark;
}

/**
 * `text.slice(from, to)` with `spans` (drawable entities: sorted, non-overlapping, inside the
 * range) as <mark> elements, the sorted merged `hits` as <span class="kw-hit"> and `flash` (a span
 * or null) as <span class="flash">. The visible text of the result is exactly the slice.
 */
export function highlightedRange(text, from, to, spans, hits, flash = null) {
  const frag = document.createDocumentFragment();
  let pos = from;
  for (const e of spans) {
    if (e.start > pos) appendWithHits(frag, text, pos, e.start, hits, flash);
    frag.append(entityMark(text, e, hits, flash));
    pos = e.end;
  }
  if (pos < to) appendWithHits(frag, text, pos, to, hits, flash);
  return frag;
}

/**
 * The text with its entities as <mark> elements and the spans `hits` (a keyword's occurrences)
 * as <span class="kw-hit">. The visible text of the result is exactly `text`.
 */
export function highlightedText(text, entities, hits = []) {
  const len = text.length;
  return highlightedRange(text, 0, len, drawableEntities(entities, len), mergedSpans(hits, len));
}

/**
 * The legend: every known type (dimmed when absent), then any unknown type that occurs. Each item
 * holds a toggle button (aria-pressed = the type is shown) for the types in `hidden`.
 */
export function legendItems(entities, hidden = new Set(), counts = null) {
  if (!counts) {
    counts = new Map();
    for (const e of Array.isArray(entities) ? entities : []) {
      const type = String(e?.type);
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
  }
  const types = ENTITY_TYPES.map(({ type }) => type);
  for (const type of counts.keys()) if (!TYPE_NAMES.has(type)) types.push(type);

  const frag = document.createDocumentFragment();
  for (const type of types) {
    const n = counts.get(type) ?? 0;
    const li = el('li', `legend-item ${typeClass(type)}`);
    li.dataset.type = type;
    if (n === 0) li.classList.add('is-empty');
    const button = el('button', 'legend-toggle');
    button.type = 'button';
    button.dataset.type = type;
    button.setAttribute('aria-pressed', String(!hidden.has(type)));
    button.append(
      el('span', 'swatch'),
      el('span', 'legend-name', typeName(type)),
      el('span', 'legend-code', type),
      el('span', 'legend-count', numberFormat.format(n)),
    );
    button.title = tx('legendShow', `${typeName(type)} (${type})`, numberFormat.format(n));
    li.append(button);
    frag.append(li);
  }
  return frag;
}

export const KW_COLUMNS = ['rank', 'text', 'count', 'share', 'keyness'];

/**
 * The tooltip of a keyword: what its blended score is made of (`explain`, computed in Rust), or
 * '' when the result has none. Plain text for the `title` property.
 */
export function scoreTip(e) {
  const p = e?.parts;
  if (!p) return '';
  const f = (x) => partFormat.format(Number(x) || 0);
  const sum = p.count + p.position + p.spread + p.name + p.rarity + p.phrase;
  return tx('scoreTip', f(sum), f(p.count), numberFormat.format(e.first_sentence + 1), f(p.position),
    numberFormat.format(e.sentences), numberFormat.format(e.of_sentences), f(p.spread),
    numberFormat.format(e.in_names), f(p.name), msFormat.format(Number(e.zipf) || 0), f(p.rarity), f(p.phrase));
}

/**
 * The rows of the keyword table, in the order of `keywords` (each with its original `rank`).
 * `expanded`: the keys whose variants are shown in a row below theirs. `top`: the count of a full
 * bar (by default the largest count in `keywords`; given when the rows are drawn in parts).
 */
export function keywordRows(keywords, words, selectedKey, expanded = new Set(), top = null) {
  const list = Array.isArray(keywords) ? keywords : [];
  const maxCount = top ?? (list.reduce((m, k) => Math.max(m, Number(k?.count) || 0), 0) || 1);
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
    button.append(textEl('span', 'kw-text', k.text));
    const tip = scoreTip(k.explain);
    if (tip) button.title = tip;
    word.append(button);
    if (k.kind === 'phrase') word.append(el('span', 'kw-kind', tx('phrase')));
    const variants = Array.isArray(k.variants) ? k.variants : [];
    const open = expanded.has(k.key);
    if (variants.length > 1) {
      // Its name is its visible text («2 صيغ») and then, for screen readers only, whose forms they
      // are: a name that starts with what is seen is what voice control needs.
      const more = el('button', 'kw-variants', tx('variants', numberFormat.format(variants.length)));
      more.type = 'button';
      more.setAttribute('aria-expanded', String(open));
      more.append(el('span', 'visually-hidden', tx('variantsOfHidden', k.text)));
      word.append(more);
    }

    const barCell = el('td', 'col-bar');
    const bar = el('span', 'bar');
    const fill = el('span', 'bar-fill');
    // Through the CSSOM (allowed by the CSP), not a style attribute.
    fill.style.setProperty('--fill', `${((count / maxCount) * 100).toFixed(1)}%`);
    bar.append(fill);
    barCell.append(bar);
    const keyness = Number(k.keyness);

    tr.append(
      el('td', 'col-rank', numberFormat.format(k.rank ?? i + 1)),
      word,
      el('td', 'col-count', numberFormat.format(count)),
      el('td', 'col-share', percentFormat.format(share)),
      el('td', 'col-keyness', Number.isFinite(keyness) ? msFormat.format(keyness) : '—'),
      barCell,
    );
    frag.append(tr);
    if (open) {
      const vr = el('tr', 'variants-row');
      vr.dataset.key = String(k.key);
      const td = el('td');
      td.colSpan = 6;
      const ul = el('ul', 'variants-list');
      ul.setAttribute('aria-label', tx('variantsOf', k.text));
      for (const v of variants) {
        const li = el('li');
        li.append(textEl('span', 'variant-text', v.text), el('span', 'variant-count', numberFormat.format(v.count)));
        ul.append(li);
      }
      td.append(ul);
      vr.append(td);
      frag.append(vr);
    }
  });
  return frag;
}
