// Kashif's analysis worker (a module worker): runs the wasm engine off the main thread.
//
// Its messages, both ways, are declared in worker.d.ts (tests/page/worker.mjs checks the real ones
// against it):
//   in:  {type:'analyze', id, text, options} · {type:'tokens', id, from, count} · {type:'json', id}
//   out: {type:'ready', version} · {type:'progress', id, done, total} · {type:'result', id, result}
//        {type:'tokens', id, total, from, tokens} · {type:'json', id, blob} · {type:'error', id, message, fatal}
//
// The analysis is the engine's: a text is analyzed by one `analyze` call, or, past CHUNK_AT
// characters, by the engine's stream over pieces (`analyzeLong`), with the same result. The worker
// adds no analysis of its own: `pageResult` only reshapes the engine's result for drawing (and
// turns the engine's counts into display figures: average word length, reading time, share of
// Arabic letters). The page never
// receives the token list in one piece (millions of objects would freeze it while they are
// copied): it asks for the rows it shows. Entities and keyword occurrences travel as typed arrays.
import { Kashif } from './kashif-api.js';

const CHUNK_AT = 400_000; // characters
const CHUNK = 250_000;
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
  return { analysis, pieces: [{ start: 0, end: text.length, tokens: analysis.tokens.length }] };
}

/**
 * A text too long for one engine call (its token objects alone would not fit): pushed piece by
 * piece through the engine's stream (`kashif.stream`), which gives the result of one `analyze`
 * over the whole text. Returns { analysis: that `Analysis`, without its token list, pieces:
 * [{start, end, tokens}] (for the token pages) }.
 * `onProgress(done, total)` after each piece, in characters.
 */
export function analyzeLong(text, options, onProgress) {
  const pieces = chunkText(text);
  const stream = kashif.stream({ ...options, tokens: false });
  try {
    for (const p of pieces) {
      const piece = text.slice(p.start, p.end);
      stream.push(piece);
      // The compact tokens (typed arrays, no object per token): the token pages' counts.
      p.tokens = kashif.tokensCompact(piece).starts.length;
      onProgress(p.end, text.length);
    }
    return { analysis: stream.finish(), pieces };
  } finally {
    stream.free(); // (nothing left to free once finished)
  }
}

// ---------------------------------------------------------------------------------------------
// The page's result (declared in worker.d.ts as PageResult): an analysis reshaped for drawing

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

/** The engine's statistics and the display figures made of its counts (worker.d.ts: PageStats). */
function pageStats(stats) {
  return {
    ...stats,
    avg_word_length: stats.words ? stats.letters / stats.words : 0,
    reading_minutes: stats.words / 200,
    arabic_share: stats.letters ? stats.arabic_letters / stats.letters : 0,
  };
}

function pageResult(chunked, { analysis, pieces }) {
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
      explain: k.explain,
      occ: spanPairs(k.occurrences),
    })),
    entities: pageEntities(analysis.entities, analysis.entity_groups),
    tokenCount: pieces.reduce((n, p) => n + p.tokens, 0),
    stats: pageStats(analysis.stats),
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
  const result = pageResult(chunked, run);
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
  const { chunked, analysis } = analyzed();
  // A long text's tokens are not kept (millions of objects): its export is the whole analysis
  // without them, and says so (worker.d.ts: LongTextExport).
  const out = chunked ? { version: analysis.version, tokens_omitted: true, ...analysis } : analysis;
  const blob = new Blob([JSON.stringify(out, null, 1)], { type: 'application/json' });
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
