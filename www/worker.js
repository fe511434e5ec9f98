// Kashif's analysis worker (a module worker): runs the wasm engine off the main thread.
//
// Its messages, both ways, are declared in worker.d.ts (tests/page/worker.mjs checks the real ones
// against it):
//   in:  {type:'analyze', id, text, options} · {type:'tokens', id, from, count} · {type:'json', id}
//   out: {type:'ready', version} · {type:'progress', id, done, total} · {type:'result', id, result}
//        {type:'tokens', id, total, from, tokens} · {type:'json', id, blob} · {type:'error', id, message, fatal}
//
// The analysis is the engine's: a text is analyzed by one `analyze` call, or, past CHUNK_AT
// characters, by `analyzeLong`. `pageResult` only reshapes an analysis for drawing. The page never
// receives the token list in one piece (millions of objects would freeze it while they are
// copied): it asks for the rows it shows. Entities and keyword occurrences travel as typed arrays.
import { Kashif } from './kashif-api.js';

const CHUNK_AT = 400_000; // characters
const CHUNK = 250_000;
const WORD = new Set(['arabic', 'latin', 'mixed', 'number']);

let kashif = null;
/**
 * The last successful analysis: { text, options, chunked, analysis, pieces: [{start, end, tokens}],
 * cache }. `analysis` holds its token list only when the text was analyzed whole; the tokens of a
 * long text are re-made piece by piece when the page asks for them (`cache`: the last piece's).
 */
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

// ---------------------------------------------------------------------------------------------
// Analysis: the engine's result, whole or long

/** A text analyzed by one engine call, its token list kept for the token pages and the export. */
function analyzeWhole(text, options) {
  const analysis = kashif.analyze(text, { ...options, tokens: true });
  let wordChars = 0;
  for (const t of analysis.tokens) if (WORD.has(t.kind)) wordChars += t.end - t.start;
  return { analysis, pieces: [{ start: 0, end: text.length, tokens: analysis.tokens.length }], wordChars };
}

/**
 * A text too long for one engine call (its token objects alone would not fit): analyzed piece by
 * piece. Returns { analysis: an `Analysis` without its token list, pieces: [{start, end, tokens}]
 * (for the token pages), wordChars (UTF-16 units in word tokens) }. `onProgress(done, total)`
 * after each piece, in characters.
 *
 * The three lines marked STOPGAP become the Rust stream (`Stream`: push pieces, finish → the
 * result of one analyze over the whole text) once it is bound to wasm, and stopgapMerge goes.
 */
export function analyzeLong(text, options, onProgress) {
  const pieces = chunkText(text);
  let wordChars = 0;
  const merge = stopgapMerge(options); // STOPGAP → kashif.stream({ ...options, tokens: false })
  for (const p of pieces) {
    const piece = text.slice(p.start, p.end);
    // The compact tokens (typed arrays, no object per token): the token pages' counts, word lengths.
    const compact = kashif.tokensCompact(piece);
    merge.push(piece, p.start, compact); // STOPGAP → stream.push(piece)
    p.tokens = compact.starts.length;
    const wordKind = compact.kinds_table.map((k) => WORD.has(k));
    for (let i = 0; i < p.tokens; i++) if (wordKind[compact.kinds[i]]) wordChars += compact.ends[i] - compact.starts[i];
    onProgress(p.end, text.length);
  }
  const analysis = merge.finish(); // STOPGAP → stream.finish()
  return { analysis, pieces, wordChars };
}

/**
 * STOPGAP (see analyzeLong): merges the analyses of consecutive pieces into one `Analysis` without
 * tokens. It is NOT the analysis of the whole text, and it is to be deleted with the Rust stream:
 * - keyness is the sum of the pieces' log-likelihoods (G² does not add: the ranking is approximate,
 *   as the page says), and keywords below a piece's top list are missed;
 * - distinct words are counted by written form (the engine counts matching keys);
 * - entity groups are joined across pieces by type and key (no short-name linking across pieces).
 * No analysis is added here: counts, spans and groups are the engine's, shifted by the piece's start.
 */
function stopgapMerge(options) {
  const topN = options.top_n ?? 50;
  const byCount = options.ranking === 'frequency';
  const kw = new Map();
  const entities = [];
  const groups = [];
  const groupIdx = new Map();
  const sentences = [];
  const stats = { characters: 0, words: 0, sentences: 0, unique_words: 0 };
  const unique = new Set();
  let version = '';
  // Per piece, more keywords than shown, so that the merged ranking is close to a whole-text one.
  const pieceOptions = { ...options, top_n: Math.max(200, topN * 4), tokens: false };
  return {
    /** Analyzes `piece` (at `offset` in the text; `compact`: its compact tokens) and adds it. */
    push(piece, offset, compact) {
      const r = kashif.analyze(piece, pieceOptions);
      version = r.version;
      stats.characters += r.stats.characters;
      stats.words += r.stats.words;
      stats.sentences += r.stats.sentences;
      const wordKind = compact.kinds_table.map((k) => WORD.has(k));
      for (let i = 0; i < compact.starts.length; i++) {
        if (wordKind[compact.kinds[i]]) unique.add(piece.slice(compact.starts[i], compact.ends[i]));
      }
      for (const s of r.sentences) sentences.push({ start: s.start + offset, end: s.end + offset });
      const base = entities.length;
      for (const e of r.entities) entities.push({ ...e, start: e.start + offset, end: e.end + offset });
      for (const eg of r.entity_groups) {
        const gkey = `${eg.type}\u0000${eg.key}`;
        let g = groupIdx.get(gkey);
        if (g === undefined) {
          g = { text: eg.text, key: eg.key, type: eg.type, count: 0, variants: new Map(), mentions: [] };
          groupIdx.set(gkey, g);
          groups.push(g);
        }
        g.count += eg.count;
        for (const v of eg.variants) g.variants.set(v.text, (g.variants.get(v.text) ?? 0) + v.count);
        for (const m of eg.mentions) g.mentions.push(base + m);
      }
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
    },
    finish() {
      stats.unique_words = unique.size;
      let list = [...kw.values()];
      list.sort((a, b) => (byCount ? b.count - a.count || b.keyness - a.keyness : b.keyness - a.keyness || b.count - a.count));
      if (topN > 0) list = list.slice(0, topN);
      const variants = (m) => [...m].map(([text, count]) => ({ text, count })).sort((x, y) => y.count - x.count);
      const keywords = list.map((a) => {
        const occurrences = [];
        for (let i = 0; i < a.occ.length; i += 2) occurrences.push({ start: a.occ[i], end: a.occ[i + 1] });
        return {
          text: a.text,
          key: a.key,
          kind: a.kind,
          count: a.count,
          share: stats.words ? a.count / stats.words : 0,
          score: byCount ? a.count : a.keyness,
          keyness: a.keyness,
          variants: variants(a.variants),
          occurrences,
        };
      });
      const entity_groups = groups.map((g) => ({ ...g, variants: variants(g.variants) }));
      return { version, tokens: [], sentences, keywords, entities, entity_groups, stats };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The page's result (declared in worker.d.ts as PageResult): an analysis reshaped for drawing

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

/** Interleaved start, end offsets of `spans`. */
function spanPairs(spans) {
  const out = new Uint32Array(spans.length * 2);
  spans.forEach((s, i) => {
    out[2 * i] = s.start;
    out[2 * i + 1] = s.end;
  });
  return out;
}

/**
 * Mentions in text order (longest first at one start), each with its entity group; `draw` lists
 * the ones that can be drawn: no overlap with an earlier one.
 */
function pageEntities(entities, entityGroups) {
  const groupOf = new Uint32Array(entities.length);
  entityGroups.forEach((g, gi) => g.mentions.forEach((m) => (groupOf[m] = gi)));
  const order = Array.from(entities, (_, i) => i).sort((a, b) => entities[a].start - entities[b].start || entities[b].end - entities[a].end);
  const draw = [];
  let cursor = 0;
  order.forEach((i, k) => {
    const e = entities[i];
    if (e.start >= cursor && e.end > e.start) {
      draw.push(k);
      cursor = e.end;
    }
  });
  return {
    starts: Uint32Array.from(order, (i) => entities[i].start),
    ends: Uint32Array.from(order, (i) => entities[i].end),
    group: Uint32Array.from(order, (i) => groupOf[i]),
    draw: Uint32Array.from(draw),
    groups: entityGroups.map((g) => ({ type: g.type, key: g.key, text: g.text, count: g.count })),
  };
}

/** The engine's statistics and the figures the page adds for display (worker.d.ts: PageStats). */
function pageStats(stats, text, wordChars) {
  return {
    characters: stats.characters,
    words: stats.words,
    sentences: stats.sentences,
    unique_words: stats.unique_words,
    avg_word_length: stats.words ? wordChars / stats.words : 0,
    reading_minutes: stats.words / 200,
    arabic_share: arabicShare(text),
  };
}

function pageResult(text, chunked, { analysis, pieces, wordChars }) {
  return {
    version: analysis.version,
    chunked,
    keywords: analysis.keywords.map((k) => ({
      text: k.text,
      key: k.key,
      kind: k.kind,
      count: k.count,
      share: k.share,
      keyness: k.keyness,
      score: k.score,
      variants: k.variants,
      occ: spanPairs(k.occurrences),
    })),
    entities: pageEntities(analysis.entities, analysis.entity_groups),
    tokenCount: pieces.reduce((n, p) => n + p.tokens, 0),
    stats: pageStats(analysis.stats, text, wordChars),
  };
}

function transferList(result) {
  const list = [result.entities.starts.buffer, result.entities.ends.buffer, result.entities.group.buffer, result.entities.draw.buffer];
  for (const k of result.keywords) list.push(k.occ.buffer);
  return list;
}

// ---------------------------------------------------------------------------------------------
// Requests

function analyze(id, text, options) {
  const chunked = text.length > CHUNK_AT;
  let last = 0;
  const progress = (done, total) => {
    if (Date.now() - last < 100) return;
    last = Date.now();
    postMessage({ type: 'progress', id, done, total });
  };
  const run = chunked ? analyzeLong(text, options, progress) : analyzeWhole(text, options);
  state = { text, options, chunked, analysis: run.analysis, pieces: run.pieces, cache: null };
  const result = pageResult(text, chunked, run);
  postMessage({ type: 'result', id, result }, transferList(result));
}

function analyzed() {
  if (!state) throw new Error('the analysis worker holds no analysis (it was restarted): analyze the text again');
  return state;
}

/** The tokens of piece `i` of a long text (re-made on demand: they are not kept). */
function pieceTokens(i) {
  if (state.cache?.index === i) return state.cache.tokens;
  const p = state.pieces[i];
  const { tokens } = kashif.analyze(state.text.slice(p.start, p.end), { ...state.options, tokens: true, keywords: false, entities: false });
  state.cache = { index: i, tokens };
  return tokens;
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
  const { chunked, analysis, pieces } = analyzed();
  const out = [];
  let base = 0;
  let pos = from;
  pieces.forEach((p, i) => {
    if (out.length < count && pos < base + p.tokens) {
      const list = chunked ? pieceTokens(i) : analysis.tokens;
      for (let j = pos - base; j < p.tokens && out.length < count; j++) out.push(shifted(list[j], p.start));
      pos = base + p.tokens;
    }
    base += p.tokens;
  });
  postMessage({ type: 'tokens', id, from, total: base, tokens: out });
}

function json(id) {
  const { chunked, analysis, pieces, text, options } = analyzed();
  let blob;
  if (chunked) {
    // The tokens of a long text are not kept; the export holds each piece's analysis.
    const parts = ['{"version":', JSON.stringify(analysis.version), ',"chunked":true,"tokens_omitted":true,"chunks":['];
    pieces.forEach((p, i) => {
      const r = kashif.analyze(text.slice(p.start, p.end), { ...options, tokens: false });
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
    blob = new Blob(parts, { type: 'application/json' });
  } else {
    blob = new Blob([JSON.stringify(analysis, null, 1)], { type: 'application/json' });
  }
  postMessage({ type: 'json', id, blob });
}

onmessage = async (event) => {
  const msg = event.data;
  await loading;
  if (!kashif) return;
  try {
    if (msg.type === 'analyze') analyze(msg.id, String(msg.text), msg.options ?? {});
    else if (msg.type === 'tokens') tokens(msg.id, msg.from, msg.count);
    else if (msg.type === 'json') json(msg.id);
    else throw new Error(`unknown request type ${JSON.stringify(msg.type)}: expected analyze, tokens or json`);
  } catch (err) {
    postMessage({ type: 'error', id: msg.id, message: String(err?.message ?? err), fatal: false });
  }
};
