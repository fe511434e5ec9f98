// The entity list: mentions grouped (by the tagger's group/canonical field or the key) under
// their type, with counts; each entry is a button that steps through its mentions.
import { ENTITY_TYPES, el, numberFormat, textEl, typeClass, typeName } from './render.js';
import { t } from './i18n.js';

const PER_TYPE = 100;

/** Mentions per type: Map type → count. */
export function typeCounts(entities) {
  const counts = new Map();
  for (const g of entities?.groups ?? []) counts.set(g.type, (counts.get(g.type) ?? 0) + g.count);
  return counts;
}

/** The grouped list; `showAll`: the types whose whole list is shown. */
export function entityList(entities, showAll = new Set()) {
  const frag = document.createDocumentFragment();
  const groups = entities?.groups ?? [];
  if (!groups.length) {
    frag.append(el('p', 'empty', t('noEntities')));
    return frag;
  }
  const byType = new Map();
  groups.forEach((g, i) => {
    if (!byType.has(g.type)) byType.set(g.type, []);
    byType.get(g.type).push(i);
  });
  const order = ENTITY_TYPES.map((x) => x.type).filter((x) => byType.has(x));
  for (const type of byType.keys()) if (!order.includes(type)) order.push(type);
  const counts = typeCounts(entities);
  for (const type of order) {
    const ids = byType.get(type).sort((a, b) => groups[b].count - groups[a].count);
    const section = el('section', `ent-group ${typeClass(type)}`);
    section.dataset.type = type;
    const h = el('h3');
    h.append(el('span', 'swatch'), el('span', null, `${typeName(type)} `), el('span', 'legend-code', type), el('span', 'ent-group-count', numberFormat.format(counts.get(type) ?? 0)));
    const ul = el('ul', 'ent-items');
    const shown = showAll.has(type) ? ids : ids.slice(0, PER_TYPE);
    for (const i of shown) {
      const g = groups[i];
      const li = el('li');
      const b = el('button', 'ent-item');
      b.type = 'button';
      b.dataset.g = String(i);
      b.append(textEl('span', 'ent-item-text', g.text), el('span', 'ent-item-count', numberFormat.format(g.count)));
      li.append(b);
      ul.append(li);
    }
    section.append(h, ul);
    if (shown.length < ids.length) {
      const more = el('button', 'ent-more secondary', t('more', numberFormat.format(ids.length - shown.length)));
      more.type = 'button';
      more.dataset.type = type;
      section.append(more);
    }
    frag.append(section);
  }
  return frag;
}

/** The mention indices of group `g`, in text order. */
export function mentionsOf(entities, g) {
  const out = [];
  for (let i = 0; i < entities.group.length; i++) if (entities.group[i] === g) out.push(i);
  return out.sort((a, b) => entities.starts[a] - entities.starts[b]);
}
