// The token table, one page at a time: rows are fetched from the worker (which holds the tokens),
// so a text of millions of tokens never has more than PAGE rows in the document.
import { el, numberFormat, textEl } from './render.js';
import { t } from './i18n.js';

export const PAGE = 100;

export class TokensView {
  constructor({ body, range, prev, next, fetch }) {
    Object.assign(this, { body, range, prev, next, fetch });
    this.from = 0;
    this.total = 0;
    this.gen = 0;
    prev.addEventListener('click', () => this.show(this.from - PAGE));
    next.addEventListener('click', () => this.show(this.from + PAGE));
  }

  reset(total) {
    this.total = total;
    return this.show(0);
  }

  async show(from) {
    from = Math.max(0, Math.min(from, Math.max(0, this.total - 1)));
    const gen = ++this.gen;
    let page;
    try {
      page = this.total ? await this.fetch(from, PAGE) : { tokens: [], total: 0 };
    } catch (err) {
      // The worker lost its analysis (cancelled, restarted): say so in place of the rows.
      if (gen !== this.gen) return;
      this.body.replaceChildren();
      this.range.textContent = err.message;
      this.prev.disabled = this.next.disabled = true;
      return;
    }
    if (gen !== this.gen) return;
    const { tokens, total } = page;
    this.from = from;
    this.total = total;
    const frag = document.createDocumentFragment();
    tokens.forEach((tok, i) => {
      const tr = el('tr');
      const segs = textEl('td', 'tk-segs');
      for (const s of tok.segments ?? []) {
        const span = el('span', `seg seg-${s.role}`, s.text);
        span.title = `${s.role}: ${s.key}`;
        segs.append(span);
      }
      tr.append(
        el('td', 'tk-i', numberFormat.format(from + i + 1)),
        textEl('td', 'tk-text', tok.text),
        el('td', 'tk-kind', tok.kind),
        textEl('td', 'tk-norm', tok.norm),
        segs,
      );
      frag.append(tr);
    });
    this.body.replaceChildren(frag);
    const last = from + tokens.length;
    this.range.textContent = t('tokensRange', numberFormat.format(tokens.length ? from + 1 : 0), numberFormat.format(last), numberFormat.format(total));
    this.prev.disabled = from === 0;
    this.next.disabled = last >= total;
  }
}
