// The messages between the page (app.js) and its analysis worker (worker.js), both ways, and the
// result shape the page draws. tests/page/worker.mjs type-checks real messages against these
// declarations with the TypeScript compiler. Offsets are UTF-16 code units, end exclusive.
import type { Analysis, Entity, Explain, Keyword, Options, Stats, Token, Variant } from "../src/analysis";

// --- page → worker ---------------------------------------------------------------------------

/** Analyze `text`; answered by `progress` messages (long texts only), then `result` or `error`. */
export interface AnalyzeRequest {
  type: "analyze";
  id: number;
  text: string;
  options: Options;
}

/** Tokens `from` .. `from + count` of the last analysis; answered by `tokens` or `error`. */
export interface TokensRequest {
  type: "tokens";
  id: number;
  from: number;
  count: number;
}

/** The last analysis as JSON (a file to download); answered by `json` or `error`. */
export interface JsonRequest {
  type: "json";
  id: number;
}

export type WorkerRequest = AnalyzeRequest | TokensRequest | JsonRequest;

// --- worker → page ---------------------------------------------------------------------------

/** The engine is loaded. */
export interface ReadyMessage {
  type: "ready";
  version: string;
}

/** How far the analysis of a long text is, in characters. */
export interface ProgressMessage {
  type: "progress";
  id: number;
  done: number;
  total: number;
}

export interface ResultMessage {
  type: "result";
  id: number;
  result: PageResult;
}

/** A page of the token list; `total` is the number of tokens in the text. */
export interface TokensMessage {
  type: "tokens";
  id: number;
  from: number;
  total: number;
  tokens: Token[];
}

/**
 * The last analysis as a JSON file: an `Analysis` (the engine's result, as `kashif --format json`
 * gives it) for a text analyzed in one call, a `LongTextExport` (the same without the tokens) for
 * a long text.
 */
export interface JsonMessage {
  type: "json";
  id: number;
  blob: Blob;
}

/**
 * A request failed (`fatal: false`; the worker goes on), or the engine could not be loaded
 * (`fatal: true`, `id` 0: the worker is unusable).
 */
export interface ErrorMessage {
  type: "error";
  id: number;
  message: string;
  fatal: boolean;
}

export type WorkerMessage = ReadyMessage | ProgressMessage | ResultMessage | TokensMessage | JsonMessage | ErrorMessage;

// --- the result the page draws ----------------------------------------------------------------

/**
 * An `Analysis` reshaped for drawing: no token list (the page asks for pages of it), entities and
 * keyword occurrences as typed arrays (transferred, not copied).
 */
export interface PageResult {
  version: string;
  /**
   * A long text (over 400,000 characters), pushed through the engine's stream in pieces: the
   * result is the whole text's, but its tokens are made again a page at a time and its JSON export
   * leaves them out.
   */
  chunked: boolean;
  keywords: PageKeyword[];
  entities: PageEntities;
  /** Tokens in the text (the token pages' total). */
  tokenCount: number;
  stats: PageStats;
}

/** A `Keyword` with its occurrences as interleaved offsets: start0, end0, start1, end1, ... */
export interface PageKeyword {
  text: string;
  key: string;
  kind: Keyword["kind"];
  count: number;
  share: number;
  keyness: number;
  score: number;
  variants: Variant[];
  /** The parts of the blended score (the page asks for them: `Options.explain`). */
  explain?: Explain;
  occ: Uint32Array;
}

/**
 * Entity mentions in text order (longest first at one start): mention i is starts[i]..ends[i],
 * of the distinct name groups[group[i]]. `draw`: the indices of the mentions that can be drawn
 * (no overlap with an earlier one).
 */
export interface PageEntities {
  starts: Uint32Array;
  ends: Uint32Array;
  group: Uint32Array;
  draw: Uint32Array;
  groups: PageEntityGroup[];
}

/** An `EntityGroup` without its variants and mention list. */
export interface PageEntityGroup {
  type: Entity["type"];
  key: string;
  text: string;
  count: number;
}

/** The engine's statistics and the display figures the worker makes of its counts. */
export interface PageStats extends Stats {
  /** `letters / words`: letters per word token (marks, tatweel and digits are not letters), as the page's label says. */
  avg_word_length: number;
  /** Words / 200. */
  reading_minutes: number;
  /** `arabic_letters / letters`: Arabic-script letters among the words' letters, 0–1. */
  arabic_share: number;
}

/**
 * The JSON export of a long text: the engine's whole `Analysis` (the same as `analyze` of the whole
 * text with `tokens: false`), its token list left out, which `tokens_omitted` says.
 */
export interface LongTextExport extends Analysis {
  tokens_omitted: true;
  tokens: [];
}
