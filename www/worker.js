// Kashif's analysis worker (a module worker): runs the wasm engine off the main thread.
//
// Messages in:  {type:'analyze', id, text, options} · {type:'tokens', id, from, count} · {type:'json', id}
// Messages out: {type:'ready', version} · {type:'progress', id, done, total} · {type:'result', id, result}
//               {type:'tokens', id, total, from, tokens} · {type:'json', id, blob} · {type:'error', id, message, fatal}
//
// The page never receives the token list in one piece (millions of objects would freeze it while
// they are copied): it asks for the rows it shows. Entities and keyword occurrences travel as typed
// arrays. Texts over CHUNK_AT characters are analyzed paragraph by paragraph and merged.
import { Kashif } from './kashif-api.js';

const CHUNK_AT = 400_000; // characters
const CHUNK = 250_000;
const WORD = new Set(['arabic', 'latin', 'mixed', 'number']);

let kashif = null;
/** The last analysis: { text, chunks: [{start, end, result|null}], chunked } */
let state = null;

const loading = Kashif.load().then(
  (k) => {
    kashif = k;
    postMessage({ type: 'ready', version: String(k.version()) });
  },
  (err) => postMessage({ type: 'error', id: 0, message: String(err?.message ?? err), fatal: true }),
);

/** Splits `text` into pieces of about CHUNK characters, cut after a newline (or a space). */
export function chunkText(text, size = CHUNK) {
  const out = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      let cut = text.lastIndexOf('\n', end);
      if (cut <= start + size / 2) cut = text.lastIndexOf(' ', end);
      if (cut > start + size / 2) end = cut + 1;
      // Never split a UTF-16 surrogate pair.
      else if (/[\uD800-\uDBFF]/.test(text[end - 1])) end += 1;
    }
    out.push({ start, end });
    start = end;
  }
  return out;
}

/** Share of Arabic-script letters among all letters. */
function arabicShare(text) {
  let ar = 0;
  let all = 0;
  for (const m of text.matchAll(/\p{L}+/gu)) {
    all += m[0].length;
    const a = m[0].match(/\p{Script=Arabic}/gu);
    if (a) ar += a.length;
  }
  return all ? ar / all : 0;
}

/** Accumulates one analysis (of the text from `offset`) into the merged page result. */
function makeMerger(options) {
  const kw = new Map();
  const ent = { starts: [], ends: [], types: [], groups: [] };
  const typeIdx = new Map();
  const groupIdx = new Map();
  const unique = new Set();
  const m = { kw, ent, words: 0, sentences: 0, characters: 0, wordChars: 0, uniqueEngine: 0, tokens: 0 };
  // `r` comes without its token list (tokens: false); `c` is the piece's compact tokens (typed
  // arrays), which is all the statistics need and about ten times cheaper than token objects.
  m.add = (r, c, piece, chunked) => {
    m.words += r.stats.words;
    m.sentences += r.stats.sentences;
    m.characters += r.stats.characters;
    m.uniqueEngine = r.stats.unique_words;
    m.tokens += c.starts.length;
    const wordKind = c.kinds_table.map((k) => WORD.has(k));
    for (let i = 0; i < c.starts.length; i++) {
      if (!wordKind[c.kinds[i]]) continue;
      m.wordChars += c.ends[i] - c.starts[i];
      // Across pieces, distinct words are counted by their written form (the engine's count,
      // by matching key, is exact for a text analyzed in one piece).
      if (chunked) unique.add(piece.slice(c.starts[i], c.ends[i]));
    }
  };
  m.addNames = (r, offset) => {
    // The engine's entity groups (variants, clitic forms, a person's short mentions) when it
    // gives them; otherwise mentions are grouped by type and key.
    const groupOf = new Map();
    for (const eg of r.entity_groups ?? []) for (const m of eg.mentions ?? []) groupOf.set(m, eg);
    r.entities.forEach((e, i) => {
      if (!typeIdx.has(e.type)) typeIdx.set(e.type, typeIdx.size);
      const eg = groupOf.get(i);
      const key = String(eg?.key ?? e.key);
      const gkey = `${e.type}\u0000${key}`;
      let g = groupIdx.get(gkey);
      if (g === undefined) {
        g = ent.groups.length;
        groupIdx.set(gkey, g);
        ent.groups.push({ type: e.type, key, text: eg?.text ?? e.text, count: 0 });
      }
      ent.groups[g].count += 1;
      ent.starts.push(e.start + offset);
      ent.ends.push(e.end + offset);
      ent.types.push(g);
    });
    for (const k of r.keywords) {
      let a = kw.get(k.key);
      if (!a) {
        a = { text: k.text, key: k.key, kind: k.kind, count: 0, keyness: 0, variants: new Map(), occ: [] };
        kw.set(k.key, a);
      }
      a.count += k.count;
      a.keyness += k.keyness;
      for (const v of k.variants) a.variants.set(v.text, (a.variants.get(v.text) ?? 0) + v.count);
      for (const o of k.occurrences) a.occ.push(o.start + offset, o.end + offset);
    }
  };
  m.finish = (text, version, chunked) => {
    const topN = options.top_n ?? 50;
    let list = [...kw.values()];
    const byCount = options.ranking === 'frequency';
    list.sort((a, b) => (byCount ? b.count - a.count || b.keyness - a.keyness : b.keyness - a.keyness || b.count - a.count));
    if (topN > 0) list = list.slice(0, topN);
    const keywords = list.map((a) => ({
      text: a.text,
      key: a.key,
      kind: a.kind,
      count: a.count,
      share: m.words ? a.count / m.words : 0,
      keyness: a.keyness,
      score: byCount ? a.count : a.keyness,
      variants: [...a.variants].map(([text, count]) => ({ text, count })).sort((x, y) => y.count - x.count),
      occ: Uint32Array.from(a.occ),
    }));
    // Mentions in text order (longest first at one start); `draw` lists the ones that can be
    // drawn: no overlap with an earlier one.
    const order = Array.from(ent.starts, (_, i) => i).sort((a, b) => ent.starts[a] - ent.starts[b] || ent.ends[b] - ent.ends[a]);
    const draw = [];
    let cursor = 0;
    order.forEach((i, k) => {
      if (ent.starts[i] >= cursor && ent.ends[i] > ent.starts[i]) {
        draw.push(k);
        cursor = ent.ends[i];
      }
    });
    const entities = {
      starts: Uint32Array.from(order, (i) => ent.starts[i]),
      ends: Uint32Array.from(order, (i) => ent.ends[i]),
      group: Uint32Array.from(order, (i) => ent.types[i]),
      draw: Uint32Array.from(draw),
      groups: ent.groups,
    };
    return {
      version,
      chunked,
      keywords,
      entities,
      tokenCount: m.tokens,
      stats: {
        characters: m.characters,
        words: m.words,
        sentences: m.sentences,
        unique_words: chunked ? unique.size : m.uniqueEngine,
        avg_word_length: m.words ? m.wordChars / m.words : 0,
        reading_minutes: m.words / 200,
        arabic_share: arabicShare(text),
      },
    };
  };
  return m;
}

function transferList(result) {
  const list = [result.entities.starts.buffer, result.entities.ends.buffer, result.entities.group.buffer, result.entities.draw.buffer];
  for (const k of result.keywords) list.push(k.occ.buffer);
  return list;
}

function analyze(id, text, options) {
  const chunked = text.length > CHUNK_AT;
  const pieces = chunked ? chunkText(text) : [{ start: 0, end: text.length }];
  // Per piece, ask for more keywords than shown, so the merged ranking is close to a whole-text one.
  const pieceOptions = chunked ? { ...options, top_n: Math.max(200, (options.top_n ?? 50) * 4) } : options;
  const merger = makeMerger(options);
  state = { text, options, chunked, chunks: pieces, cache: null };
  let last = Date.now();
  pieces.forEach((p, i) => {
    const piece = chunked ? text.slice(p.start, p.end) : text;
    const r = kashif.analyze(piece, { ...pieceOptions, tokens: false });
    const c = kashif.tokensCompact(piece);
    merger.add(r, c, piece, chunked);
    merger.addNames(r, p.start);
    p.tokens = c.starts.length;
    if (chunked && Date.now() - last > 100) {
      last = Date.now();
      postMessage({ type: 'progress', id, done: p.end, total: text.length });
    }
  });
  const result = merger.finish(text, String(kashif.version()), chunked);
  postMessage({ type: 'result', id, result }, transferList(result));
}

/** The analysis of chunk `i` (re-run on demand for chunked texts: their tokens are not kept). */
function chunkResult(i) {
  if (state.cache?.index === i) return state.cache.result;
  const p = state.chunks[i];
  const result = kashif.analyze(state.text.slice(p.start, p.end), state.options);
  state.cache = { index: i, result };
  return result;
}

function shifted(t, off) {
  if (!off) return t;
  return {
    ...t,
    start: t.start + off,
    end: t.end + off,
    segments: t.segments.map((s) => ({ ...s, start: s.start + off, end: s.end + off })),
  };
}

function tokens(id, from, count) {
  const out = [];
  let base = 0;
  let pos = from;
  for (let i = 0; i < state.chunks.length && out.length < count; i++) {
    const p = state.chunks[i];
    if (pos < base + p.tokens) {
      const r = chunkResult(i);
      for (let j = pos - base; j < p.tokens && out.length < count; j++) out.push(shifted(r.tokens[j], p.start));
      pos = base + p.tokens;
    }
    base += p.tokens;
  }
  postMessage({ type: 'tokens', id, from, total: base, tokens: out });
}

function json(id) {
  let full;
  if (state.chunked) {
    // The tokens of a long text are not kept; the export holds everything else.
    const parts = ['{"version":', JSON.stringify(String(kashif.version())), ',"chunked":true,"tokens_omitted":true,"chunks":['];
    state.chunks.forEach((p, i) => {
      const r = kashif.analyze(state.text.slice(p.start, p.end), state.options);
      const shift = (s) => ({ ...s, start: s.start + p.start, end: s.end + p.start });
      parts.push(
        (i ? ',' : '') +
          JSON.stringify({
            start: p.start,
            end: p.end,
            stats: r.stats,
            sentences: r.sentences.map(shift),
            entities: r.entities.map(shift),
            keywords: r.keywords.map((k) => ({ ...k, occurrences: k.occurrences.map(shift) })),
          }),
      );
    });
    parts.push(']}');
    full = new Blob(parts, { type: 'application/json' });
  } else {
    full = new Blob([JSON.stringify(state.cache.result, null, 1)], { type: 'application/json' });
  }
  postMessage({ type: 'json', id, blob: full });
}

onmessage = async (event) => {
  const msg = event.data;
  await loading;
  if (!kashif) return;
  try {
    if (msg.type === 'analyze') analyze(msg.id, String(msg.text), msg.options ?? {});
    else if (msg.type === 'tokens' && state) tokens(msg.id, msg.from, msg.count);
    else if (msg.type === 'json' && state) json(msg.id);
  } catch (err) {
    postMessage({ type: 'error', id: msg.id, message: String(err?.message ?? err) });
  }
};
