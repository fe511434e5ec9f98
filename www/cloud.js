// The keyword charts as SVG, built node by node (createElementNS + textContent): a horizontal bar
// chart of the top 20 and a word cloud. Both follow the page's direction.

const NS = 'http://www.w3.org/2000/svg';

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function frame(width, height, label) {
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', 'aria-label': label });
  svg.append(svgEl('title', {}, label));
  return svg;
}

/** Bars of `keywords` (top 20 by count), labels at the start side (right in RTL). */
export function barChart(keywords, { rtl, label, format }) {
  const top = [...keywords].sort((a, b) => b.count - a.count).slice(0, 20);
  const W = 600;
  const row = 26;
  const labelW = 170;
  const H = Math.max(1, top.length) * row + 4;
  const svg = frame(W, H, label);
  const max = top.reduce((m, k) => Math.max(m, k.count), 0) || 1;
  top.forEach((k, i) => {
    const y = i * row + 2;
    const len = ((W - labelW - 50) * k.count) / max;
    const g = svgEl('g', { class: 'bar-row' });
    const x = rtl ? W - labelW - len : labelW;
    g.append(
      svgEl('text', { x: rtl ? W - 4 : 4, y: y + row * 0.68, class: 'bar-label', 'text-anchor': 'start', direction: rtl ? 'rtl' : 'ltr' }, k.text),
      svgEl('rect', { x, y: y + 4, width: Math.max(1, len), height: row - 8, rx: 3, class: 'bar-rect' }),
      svgEl('text', { x: rtl ? x - 6 : x + len + 6, y: y + row * 0.68, class: 'bar-value', 'text-anchor': rtl ? 'end' : 'start' }, format(k.count)),
    );
    g.append(svgEl('title', {}, `${k.text}: ${format(k.count)}`));
    svg.append(g);
  });
  return svg;
}

/**
 * A word cloud: the biggest words in the middle, the others placed along a spiral where their
 * (estimated) boxes overlap nothing placed before.
 */
export function wordCloud(keywords, { label, weight = (k) => k.count }) {
  const W = 600;
  const H = 340;
  const svg = frame(W, H, label);
  const list = [...keywords].filter((k) => weight(k) > 0).sort((a, b) => weight(b) - weight(a)).slice(0, 40);
  const max = Math.max(...list.map(weight), 1);
  const min = Math.min(...list.map(weight), max);
  const placed = [];
  // The box that stopped the last try: the next point of the spiral mostly overlaps it too, so it
  // is checked first (the same places as checking in order, in a fraction of the time).
  let blocker = null;
  const overlaps = (a, p) => a.x < p.x + p.w && p.x < a.x + a.w && a.y < p.y + p.h && p.y < a.y + a.h;
  list.forEach((k, i) => {
    const r = max === min ? 1 : (weight(k) - min) / (max - min);
    const size = Math.round(14 + 30 * Math.sqrt(r));
    const w = size * 0.52 * [...k.text].length + 6;
    const h = size * 1.25;
    for (let step = 0; step < 1500; step++) {
      const a = step * 0.35;
      const d = step * 0.9;
      const cx = W / 2 + d * Math.cos(a) * 1.6;
      const cy = H / 2 + d * Math.sin(a);
      const box = { x: cx - w / 2, y: cy - h / 2, w, h };
      if (box.x < 2 || box.y < 2 || box.x + w > W - 2 || box.y + h > H - 2) continue;
      if (blocker && overlaps(box, blocker)) continue;
      blocker = placed.find((p) => overlaps(box, p)) ?? null;
      if (blocker) continue;
      placed.push(box);
      const text = svgEl(
        'text',
        { x: cx, y: cy + size * 0.35, 'font-size': size, 'text-anchor': 'middle', direction: 'rtl', class: `cloud-word c${i % 5}` },
        k.text,
      );
      text.dataset.key = String(k.key);
      svg.append(text);
      break;
    }
  });
  return svg;
}
