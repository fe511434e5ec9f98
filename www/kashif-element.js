// <kashif-highlight>: a custom element that shows Arabic text with its named entities highlighted
// (one colour per type) and a summary of its top keywords.
//
//   <script type="module" src="kashif-element.js"></script>
//   <kashif-highlight types="PER LOC" top="5">قال بوتين إن روسيا ...</kashif-highlight>
//
// The text is the element's textContent, or the `text` property once set. Attributes: `types`
// (entity types to highlight, space separated; all when absent) and `top` (how many keywords;
// default 10, 0 hides the summary). Changing either, the text or the light-DOM content re-renders.
// When an analysis is done the element fires `kashif-ready` (detail: the analysis, the same object
// as the CLI's JSON); on failure `kashif-error` (detail: the Error). Both bubble and are composed.
//
// Everything is drawn inside a shadow root whose styles neither leak out nor inherit from the page
// (`:host { all: initial }`). User text only ever becomes Text nodes, never HTML.
//
// The engine is loaded once, on first use, in a worker (kashif-element-worker.js, next to this
// file), so that loading it and analysing never block the page; where workers are missing or the
// worker cannot start, with `Kashif.load()` on the page itself (the wasm next to kashif-api.js).
// Set `KashifHighlight.engine` to a promise of a loaded engine (anything with `analyze(text,
// options)`, returning the analysis or a promise of it) before the first element connects to
// load it differently.
import { Kashif } from "./kashif-api.js";

const TAG = "kashif-highlight";
const DEFAULT_TOP = 10;

/** Arabic label and colours (background, edge) per entity type. */
const TYPES = {
  PER: ["شخص", "#dbeafe", "#1d4ed8"],
  LOC: ["مكان", "#d1fae5", "#047857"],
  ORG: ["منظمة", "#fde2e4", "#be123c"],
  MISC: ["أخرى", "#ede9fe", "#6d28d9"],
  DATE: ["تاريخ", "#fef3c7", "#b45309"],
  NUMBER: ["عدد", "#e0f2fe", "#0369a1"],
  MONEY: ["مال", "#dcfce7", "#15803d"],
  PERCENT: ["نسبة", "#fae8ff", "#a21caf"],
  QUANTITY: ["كمية", "#ffedd5", "#c2410c"],
};
const OTHER = ["كيان", "#e5e7eb", "#4b5563"];

const CSS = `
:host {
  all: initial;
  display: block;
  box-sizing: border-box;
  direction: rtl;
  unicode-bidi: isolate;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif;
  font-size: 17px;
  line-height: 1.9;
  color: #1f2328;
  background: #ffffff;
  border: 1px solid #d9d4c9;
  border-radius: 8px;
  padding: 12px 16px;
  text-align: start;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
mark {
  color: inherit;
  font: inherit;
  border-radius: 3px;
  padding: 0; /* no inline padding: it would break the joining of a letter attached to the mark (بروسيا) */
  border-bottom: 2px solid var(--edge);
  background: var(--bg);
}
${Object.entries(TYPES)
  .map(([t, [, bg, edge]]) => `.t-${t} { --bg: ${bg}; --edge: ${edge}; }`)
  .join("\n")}
.t-other { --bg: ${OTHER[1]}; --edge: ${OTHER[2]}; }
.summary { margin-top: 10px; padding-top: 8px; border-top: 1px solid #e7e2d8; font-size: 14px; }
.summary[hidden], .legend[hidden] { display: none; }
.title { font-weight: 700; margin: 0 0 4px; }
ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
li { background: #f3f1ec; border-radius: 999px; padding: 0 10px; }
.count { color: #5b6068; margin-inline-start: 6px; font-variant-numeric: tabular-nums; }
.legend { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 8px; padding: 0; list-style: none; font-size: 13px; }
.legend li { background: var(--bg); border-bottom: 2px solid var(--edge); border-radius: 4px; padding: 0 6px; }
.status { color: #5b6068; font-size: 13px; margin: 0 0 6px; }
.status:empty { display: none; }
.error { color: #b91c1c; }
`;

let sheet = null;
function styleFor(root) {
  // A constructable stylesheet (allowed under a strict CSP without 'unsafe-inline'); a <style>
  // element made by script where adoptedStyleSheets is missing.
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function") {
    try {
      sheet ??= new CSSStyleSheet();
      if (!sheet.cssRules.length) sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // fall through
    }
  }
  const style = document.createElement("style");
  style.textContent = CSS;
  root.append(style);
}

let enginePromise = null;
function engine() {
  enginePromise ??= KashifHighlight.engine ?? Promise.resolve(workerEngine());
  return enginePromise;
}

/**
 * An engine whose `analyze` runs in the element's worker and returns a promise. If the worker
 * cannot start (no Worker, a bundler that did not copy the worker file, a policy that forbids it),
 * its requests, and all later ones, go to `Kashif.load()` on the page instead.
 */
function workerEngine() {
  let local = null; // the fallback engine on the page, once the worker has failed
  const onPage = () => (local ??= Kashif.load());
  let worker = null;
  try {
    if (typeof Worker === "function") {
      worker = new Worker(new URL("./kashif-element-worker.js", import.meta.url), { type: "module" });
    }
  } catch {
    worker = null;
  }
  if (!worker) return onPage();
  const pending = new Map();
  let next = 0;
  let answered = false;
  worker.onmessage = ({ data }) => {
    answered = true;
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    if ("error" in data) p.reject(new Error(data.error));
    else p.resolve(data.result);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    if (answered) {
      // The worker answered before, so it works: this request failed (the worker reports the
      // engine's own errors as answers; this is anything else).
      const err = new Error(`Kashif: the analysis worker failed (${event.message || "unknown error"})`);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      return;
    }
    // It never started: everything goes to the page's thread from now on.
    worker.terminate();
    worker = null;
    for (const p of pending.values()) p.retry();
    pending.clear();
  };
  const analyze = (text, options) => {
    if (!worker) return onPage().then((k) => k.analyze(text, options));
    return new Promise((resolve, reject) => {
      const id = ++next;
      const retry = () => onPage().then((k) => k.analyze(text, options)).then(resolve, reject);
      pending.set(id, { resolve, reject, retry });
      worker.postMessage({ id, text, options });
    });
  };
  return { analyze };
}

/** Entities with sane integer spans inside the text, sorted, without overlaps (the first, longest wins). */
function spans(entities, length, allowed) {
  const ok = (entities ?? []).filter(
    (e) =>
      e &&
      Number.isInteger(e.start) &&
      Number.isInteger(e.end) &&
      e.start >= 0 &&
      e.end > e.start &&
      e.end <= length &&
      (!allowed || allowed.has(String(e.type))),
  );
  ok.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let last = 0;
  for (const e of ok) {
    if (e.start < last) continue;
    out.push(e);
    last = e.end;
  }
  return out;
}

function el(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const Base = globalThis.HTMLElement ?? class {};

export class KashifHighlight extends Base {
  /** A promise of the engine to use instead of `Kashif.load()` (set before first use). */
  static engine = null;

  static get observedAttributes() {
    return ["types", "top"];
  }

  #root;
  #text = null; // set through the `text` property; null = use textContent
  #observer = null;
  #scheduled = false;
  #run = 0;
  #result = null;
  #status;
  #body;
  #legend;
  #summary;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    styleFor(this.#root);
    this.#status = el("p", "status");
    this.#status.setAttribute("role", "status");
    this.#legend = el("ul", "legend");
    this.#legend.hidden = true;
    this.#body = el("div", "text");
    this.#body.lang = "ar";
    this.#summary = el("section", "summary");
    this.#summary.hidden = true;
    this.#root.append(this.#status, this.#legend, this.#body, this.#summary);
  }

  /** The analysed text. Setting it overrides the element's content. */
  get text() {
    return this.#text ?? this.textContent ?? "";
  }
  set text(value) {
    this.#text = value == null ? null : String(value);
    this.#schedule();
  }

  /** Entity types to highlight, or null for all. */
  get types() {
    const raw = this.getAttribute("types");
    if (raw == null || !raw.trim()) return null;
    return raw.trim().split(/[\s,]+/).map((t) => t.toUpperCase());
  }
  set types(value) {
    if (value == null) this.removeAttribute("types");
    else this.setAttribute("types", Array.isArray(value) ? value.join(" ") : String(value));
  }

  /** How many keywords to list. */
  get top() {
    const n = Number.parseInt(this.getAttribute("top") ?? "", 10);
    return Number.isFinite(n) && n >= 0 ? Math.min(n, 1000) : DEFAULT_TOP;
  }
  set top(value) {
    this.setAttribute("top", String(value));
  }

  /** The last analysis (or null). */
  get result() {
    return this.#result;
  }

  connectedCallback() {
    this.#observer ??= new MutationObserver(() => {
      if (this.#text === null) this.#schedule();
    });
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue) this.#schedule();
  }

  /** Re-analyses now; resolves with the analysis (also sent as `kashif-ready`). */
  async refresh() {
    const run = ++this.#run;
    const text = this.text;
    const top = this.top;
    const types = this.types;
    this.#status.textContent = "جارٍ التحليل…";
    this.#status.classList.remove("error");
    let result;
    try {
      const k = await engine();
      result = await k.analyze(text, { top_n: Math.max(top, 1) });
    } catch (err) {
      if (run !== this.#run) return null;
      this.#status.textContent = `تعذّر التحليل: ${err?.message ?? err}`;
      this.#status.classList.add("error");
      this.dispatchEvent(new CustomEvent("kashif-error", { detail: err, bubbles: true, composed: true }));
      return null;
    }
    if (run !== this.#run) return null; // a newer run superseded this one
    this.#result = result;
    this.#draw(text, result, types, top);
    this.#status.textContent = "";
    this.dispatchEvent(new CustomEvent("kashif-ready", { detail: result, bubbles: true, composed: true }));
    return result;
  }

  #schedule() {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.refresh();
    });
  }

  #draw(text, result, types, top) {
    const allowed = types ? new Set(types) : null;
    const ents = spans(result.entities, text.length, allowed);

    const frag = document.createDocumentFragment();
    let at = 0;
    const seen = new Map();
    for (const e of ents) {
      if (e.start > at) frag.append(text.slice(at, e.start));
      const type = String(e.type);
      const [label] = TYPES[type] ?? OTHER;
      const mark = el("mark", `ent t-${TYPES[type] ? type : "other"}`, text.slice(e.start, e.end));
      mark.dataset.type = type;
      mark.title = `${label} (${type})`;
      frag.append(mark);
      seen.set(type, (seen.get(type) ?? 0) + 1);
      at = e.end;
    }
    if (at < text.length) frag.append(text.slice(at));
    this.#body.replaceChildren(frag);

    this.#legend.replaceChildren(
      ...[...seen].map(([type, n]) => {
        const [label] = TYPES[type] ?? OTHER;
        const li = el("li", `t-${TYPES[type] ? type : "other"}`, `${label}: ${n}`);
        li.dataset.type = type;
        return li;
      }),
    );
    this.#legend.hidden = seen.size === 0;

    const keywords = top > 0 ? (result.keywords ?? []).slice(0, top) : [];
    const list = el("ol");
    for (const k of keywords) {
      const li = el("li", "keyword");
      li.append(el("span", "kw", String(k.text)), el("span", "count", String(k.count)));
      list.append(li);
    }
    this.#summary.replaceChildren(el("p", "title", "الكلمات المفتاحية"), list);
    this.#summary.hidden = keywords.length === 0;
  }
}

/** Registers the element (once) under `name` (default kashif-highlight). */
export function defineKashifHighlight(name = TAG) {
  if (typeof customElements !== "undefined" && !customElements.get(name)) {
    customElements.define(name, name === TAG ? KashifHighlight : class extends KashifHighlight {});
  }
}

defineKashifHighlight();
