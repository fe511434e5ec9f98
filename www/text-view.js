// The highlighted text, drawn in blocks of a few thousand characters. Every block holds its plain
// text from the start (so the panel's text is always exactly the input); a block gets its entity
// marks and keyword hits when it comes near the visible part of the panel. Off-screen blocks are
// skipped by layout (content-visibility), so a 50 MB text costs a few thousand nodes, not millions.
import { highlightedRange } from './render.js';

const BLOCK = 3000; // characters
const EAGER = 200_000; // texts up to this length are drawn at once

export class TextView {
  constructor(box) {
    this.box = box;
    this.text = '';
    this.blocks = [];
    this.spans = drawable(null); // drawable entities, sorted, non-overlapping
    this.hits = []; // the selected keyword's occurrences: sorted, merged
    this.observer = new IntersectionObserver((entries) => this.#onIntersect(entries), {
      root: box,
      rootMargin: '1500px 0px',
    });
    this.flashTimer = 0;
    this.gen = 0;
  }

  /** Shows `text` with entities (typed arrays from the worker) and keyword hits. */
  set(text, entities, hits = []) {
    this.text = text;
    this.spans = drawable(entities);
    this.hits = hits;
    this.observer.disconnect();
    this.blocks = cutBlocks(text, this.spans);
    const gen = ++this.gen;
    const eager = text.length <= EAGER;
    const nodes = this.blocks.map((b, i) => {
      const div = document.createElement('div');
      div.className = 'tblock';
      div.dataset.i = String(i);
      b.div = div;
      b.drawn = false;
      // Its height until it is laid out (content-visibility: auto skips the blocks out of view).
      div.style.setProperty('--est', `${Math.ceil((b.end - b.start) / 80) * 2.2}em`);
      if (eager) this.#draw(b);
      else {
        div.classList.add('lazy');
        div.textContent = text.slice(b.start, b.end);
      }
      return div;
    });
    if (eager) {
      this.box.replaceChildren(...nodes);
      return Promise.resolve();
    }
    // Long texts: append the blocks in slices so that no single task blocks the page.
    this.box.replaceChildren();
    return new Promise((resolve) => {
      let i = 0;
      const step = () => {
        if (gen !== this.gen) return resolve();
        const t0 = performance.now();
        while (i < nodes.length && performance.now() - t0 < 25) {
          const slice = nodes.slice(i, i + 200);
          this.box.append(...slice);
          for (const n of slice) this.observer.observe(n);
          i += slice.length;
        }
        if (i < nodes.length) setTimeout(step, 0);
        else resolve();
      };
      step();
    });
  }

  /** Marks `hits` (sorted, merged spans) in the text. */
  setHits(hits) {
    this.hits = hits;
    for (const b of this.blocks) {
      if (b.drawn) this.#draw(b);
    }
  }

  #onIntersect(entries) {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      const b = this.blocks[Number(e.target.dataset.i)];
      if (b && !b.drawn) this.#draw(b);
    }
  }

  #draw(b, flash = null) {
    const spans = [];
    for (let k = lowerBound(this.spans, b.start), end = lowerBound(this.spans, b.end); k < end; k++) spans.push(this.spans.at(k));
    b.div.replaceChildren(highlightedRange(this.text, b.start, b.end, spans, this.hits, flash));
    b.drawn = true;
    b.flashed = Boolean(flash);
  }

  /** Scrolls the panel (only it) to the span [start, end) and flashes it briefly. */
  reveal(start, end) {
    const i = Math.max(0, upperBoundStart(this.blocks, start) - 1);
    const b = this.blocks[i];
    if (!b) return null;
    for (const old of this.blocks) if (old.flashed && old !== b) this.#draw(old);
    this.#draw(b, { start, end: Math.min(end, b.end) });
    const node = b.div.querySelector('.flash');
    if (!node) return null;
    const box = this.box;
    const top = node.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => node.classList.add('flash-done'), 1600);
    return node;
  }
}

/** The drawable entity spans (the worker's `draw` list) as a lazily read array-like. */
function drawable(ent) {
  if (!ent) return { length: 0, at: () => null, startAt: () => 0, endAt: () => 0 };
  const { starts, ends, group, draw, groups } = ent;
  return {
    length: draw.length,
    startAt: (k) => starts[draw[k]],
    endAt: (k) => ends[draw[k]],
    at: (k) => ({ start: starts[draw[k]], end: ends[draw[k]], type: groups[group[draw[k]]].type }),
  };
}

/** Block boundaries every ~BLOCK characters, after a newline or space, never inside an entity. */
function cutBlocks(text, spans) {
  const out = [];
  let start = 0;
  let e = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + BLOCK);
    if (end < text.length) {
      const nl = text.indexOf('\n', end);
      if (nl !== -1 && nl - end < BLOCK) end = nl + 1;
      else {
        const sp = text.indexOf(' ', end);
        end = sp !== -1 && sp - end < BLOCK ? sp + 1 : end;
      }
      if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end += 1;
      while (e < spans.length && spans.endAt(e) <= end) e++;
      if (e < spans.length && spans.startAt(e) < end) end = spans.endAt(e);
    }
    out.push({ start, end: Math.min(end, text.length) });
    start = Math.min(end, text.length);
  }
  return out;
}

function lowerBound(spans, pos) {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans.startAt(mid) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBoundStart(blocks, pos) {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted, merged spans from interleaved [start, end, start, end…] offsets. */
export function spansFromPairs(occ) {
  const list = [];
  for (let i = 0; i + 1 < occ.length; i += 2) list.push({ start: occ[i], end: occ[i + 1] });
  list.sort((a, b) => a.start - b.start);
  const out = [];
  for (const s of list) {
    const prev = out[out.length - 1];
    if (prev && s.start <= prev.end) prev.end = Math.max(prev.end, s.end);
    else out.push(s);
  }
  return out;
}
