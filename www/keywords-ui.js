// Keyword panel helpers: sorting the table, keyword-in-context lines and the user's stopword list
// (kept in localStorage).
import { el, numberFormat } from './render.js';
import { t } from './i18n.js';

/** A sorted copy of `list` by column `col` ('rank', 'text', 'count', 'share', 'keyness'). */
let collator = null; // made when first needed: loading the Arabic collation data takes a while

export function sortKeywords(list, col, dir) {
  const sign = dir === 'descending' ? -1 : 1;
  if (col === 'text') collator ??= new Intl.Collator('ar');
  const value = (k) => (col === 'rank' ? k.rank : Number(k[col]) || 0);
  return [...list].sort((a, b) => {
    const d = col === 'text' ? collator.compare(a.text, b.text) : value(a) - value(b);
    return sign * d || a.rank - b.rank;
  });
}

const CONTEXT = 40;
const oneLine = (s) => s.replace(/\s+/g, ' ');

/** Keyword-in-context lines for the interleaved occurrence offsets `occ` (at most `limit`). */
export function kwicLines(text, occ, limit) {
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < occ.length && i / 2 < limit; i += 2) {
    const start = occ[i];
    const end = occ[i + 1];
    const from = Math.max(0, start - CONTEXT);
    const to = Math.min(text.length, end + CONTEXT);
    const li = el('li');
    const button = el('button', 'kwic-line');
    button.type = 'button';
    button.dataset.start = String(start);
    button.dataset.end = String(end);
    button.append(
      el('span', 'kwic-before', (from > 0 ? '…' : '') + oneLine(text.slice(from, start))),
      el('span', 'kwic-key', text.slice(start, end)),
      el('span', 'kwic-after', oneLine(text.slice(end, to)) + (to < text.length ? '…' : '')),
    );
    li.append(button);
    frag.append(li);
  }
  return frag;
}

const STORE = 'kashif.stopwords';

/** The user's stopword edits: { add: [...], remove: [...] }. */
export function loadStopwords() {
  try {
    const v = JSON.parse(localStorage.getItem(STORE) ?? 'null');
    if (v && Array.isArray(v.add) && Array.isArray(v.remove)) {
      return { add: v.add.map(String), remove: v.remove.map(String) };
    }
  } catch {
    // unreadable: start over
  }
  return { add: [], remove: [] };
}

export function saveStopwords(sw) {
  try {
    if (sw.add.length || sw.remove.length) localStorage.setItem(STORE, JSON.stringify(sw));
    else localStorage.removeItem(STORE);
  } catch {
    // storage refused (private mode): the edits last for this visit
  }
}

/** Moves `word` into list `which` ('add' or 'remove') and out of the other one. */
export function editStopwords(sw, which, word) {
  const w = word.trim();
  if (!w) return sw;
  const other = which === 'add' ? 'remove' : 'add';
  return {
    [which]: sw[which].includes(w) ? sw[which] : [...sw[which], w],
    [other]: sw[other].filter((x) => x !== w),
  };
}

/** Chips for a word list, each with a remove button carrying `data-word`. */
export function chips(words) {
  const frag = document.createDocumentFragment();
  if (!words.length) frag.append(el('li', 'empty', t('none')));
  for (const w of words) {
    const li = el('li', 'chip');
    const b = el('button', 'chip-remove', '×');
    b.type = 'button';
    b.dataset.word = w;
    b.setAttribute('aria-label', t('remove', w));
    li.append(el('span', 'chip-text', w), b);
    frag.append(li);
  }
  return frag;
}

export const fmt = (n) => numberFormat.format(n);
