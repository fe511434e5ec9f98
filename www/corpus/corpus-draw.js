// Corpus mode, drawing: the co-occurrence network and the trends chart, as SVG built node by node
// (names are set as text, never as markup). The layout is ours: a few hundred steps of a
// force-directed placement (Fruchterman & Reingold 1991) from a circle, the same every time.

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
function svg(tag, attrs = {}) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Places `n` nodes joined by `edges` ([a, b, weight]) in a `w`×`h` box: [[x, y]...]. */
export function layout(n, edges, w, h, steps = 300) {
  const pos = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    return [w / 2 + (w / 3) * Math.cos(a), h / 2 + (h / 3) * Math.sin(a)];
  });
  if (n < 2) return pos.map(() => [w / 2, h / 2]);
  const k = Math.sqrt((w * h) / n) * 0.6;
  let temp = w / 8;
  for (let s = 0; s < steps; s++) {
    const d = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i][0] - pos[j][0];
        const dy = pos[i][1] - pos[j][1];
        const dist = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (k * k) / dist / dist;
        d[i][0] += dx * f; d[i][1] += dy * f;
        d[j][0] -= dx * f; d[j][1] -= dy * f;
      }
    }
    for (const [a, b, wgt] of edges) {
      const dx = pos[a][0] - pos[b][0];
      const dy = pos[a][1] - pos[b][1];
      const dist = Math.max(Math.hypot(dx, dy), 0.01);
      const f = (dist / k) * Math.min(1 + Math.log1p(wgt) / 2, 3);
      d[a][0] -= dx * f; d[a][1] -= dy * f;
      d[b][0] += dx * f; d[b][1] += dy * f;
    }
    for (let i = 0; i < n; i++) {
      // a pull to the middle keeps unlinked names on the canvas
      d[i][0] += (w / 2 - pos[i][0]) * 0.02;
      d[i][1] += (h / 2 - pos[i][1]) * 0.02;
      const len = Math.max(Math.hypot(d[i][0], d[i][1]), 0.01);
      const step = Math.min(len, temp);
      pos[i][0] = Math.min(w - 40, Math.max(40, pos[i][0] + (d[i][0] / len) * step));
      pos[i][1] = Math.min(h - 20, Math.max(20, pos[i][1] + (d[i][1] / len) * step));
    }
    temp = Math.max(temp * 0.985, 1);
  }
  return pos;
}

/**
 * The network of `names` (CorpusName[]) and `pairs` (Pair[], indices into names) into `box`: the
 * `max` most mentioned names that share a sentence with another, edges by sentences together.
 * `onPick(nameIndex)` when a name is pressed (click, Enter or Space). Returns the nodes drawn.
 */
export function network(box, names, pairs, { max = 50, label, nodeLabel, onPick }) {
  box.replaceChildren();
  const linked = new Set();
  for (const p of pairs) if (p.sentences > 0 && p.score > 0) linked.add(p.a).add(p.b);
  const nodes = [...linked].sort((a, b) => names[b].count - names[a].count || a - b).slice(0, max);
  const at = new Map(nodes.map((n, i) => [n, i]));
  const edges = pairs.filter((p) => p.sentences > 0 && p.score > 0 && at.has(p.a) && at.has(p.b)).map((p) => [at.get(p.a), at.get(p.b), p.sentences, p]);
  const [w, h] = [900, 600];
  const pos = layout(nodes.length, edges, w, h);
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'network', role: 'group', 'aria-label': label });
  const lines = svg('g', { class: 'edges', 'aria-hidden': 'true' });
  const top = Math.max(1, ...edges.map((e) => e[2]));
  for (const [a, b, s] of edges) {
    lines.append(svg('line', { x1: pos[a][0], y1: pos[a][1], x2: pos[b][0], y2: pos[b][1], 'stroke-width': 0.8 + (3.5 * Math.log1p(s)) / Math.log1p(top), 'data-a': a, 'data-b': b }));
  }
  root.append(lines);
  const most = Math.max(1, ...nodes.map((n) => names[n].count));
  nodes.forEach((n, i) => {
    const name = names[n];
    const g = svg('g', { class: `node type-${name.type.toLowerCase()}`, tabindex: 0, role: 'button', 'data-name': n, transform: `translate(${pos[i][0].toFixed(1)} ${pos[i][1].toFixed(1)})` });
    const partners = edges.filter((e) => e[0] === i || e[1] === i).length;
    g.setAttribute('aria-label', nodeLabel(name, partners));
    const r = 4 + 10 * Math.sqrt(name.count / most);
    g.append(svg('circle', { r: r.toFixed(1) }));
    const t = svg('text', { y: (-r - 3).toFixed(1), 'text-anchor': 'middle' });
    t.textContent = name.text;
    g.append(t);
    root.append(g);
  });
  const pick = (e) => {
    const g = e.target.closest?.('.node');
    if (!g) return;
    const i = nodes.indexOf(Number(g.dataset.name));
    for (const l of lines.children) l.classList.toggle('is-on', Number(l.dataset.a) === i || Number(l.dataset.b) === i);
    onPick(Number(g.dataset.name));
  };
  root.addEventListener('click', pick);
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(e);
    }
  });
  box.append(root);
  return nodes.length;
}

/**
 * Lines of `trends` (Trend[]) across the documents into `box`, one colour each (classes s0...s5),
 * with a point per document when there are few. `titles[i]`: document i's title (point tooltips).
 */
export function trendChart(box, trends, titles, { label, axis }) {
  box.replaceChildren();
  if (!trends.length) return;
  const [w, h, m] = [800, 240, 36];
  const n = trends[0].per_thousand.length;
  const top = Math.max(0.001, ...trends.flatMap((t) => t.per_thousand));
  const x = (i) => m + (n < 2 ? (w - 2 * m) / 2 : (i * (w - 2 * m)) / (n - 1));
  const y = (v) => h - m + 10 - (v / top) * (h - 2 * m);
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'trends', role: 'img', 'aria-label': label });
  root.append(svg('line', { x1: m, y1: y(0), x2: w - m, y2: y(0), class: 'axis' }));
  trends.forEach((t, s) => {
    const points = t.per_thousand.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    root.append(svg('polyline', { points, class: `series s${s % 6}` }));
    if (n <= 80) {
      t.per_thousand.forEach((v, i) => {
        const c = svg('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 3, class: `series-point s${s % 6}` });
        const tip = svg('title');
        tip.textContent = `${t.text} — ${titles[i] ?? i + 1}: ${v.toFixed(2)}`;
        c.append(tip);
        root.append(c);
      });
    }
  });
  // (the scale as a paragraph, not SVG text: it follows the page's direction)
  const cap = document.createElement('p');
  cap.className = 'panel-note';
  cap.textContent = axis(top);
  box.append(cap, root);
}
