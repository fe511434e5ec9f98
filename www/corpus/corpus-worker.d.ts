// The messages between the corpus mode (corpus-ui.js) and its worker (corpus-worker.js), both
// ways. tests/page/corpus.mjs type-checks real messages against these declarations with the
// TypeScript compiler. The result types are the engine's (src/corpus.d.ts and src/analysis.d.ts,
// as wasm-bindgen declares them in the built www/pkg/kashif.d.ts). Offsets are UTF-16 code
// units, end exclusive.
import type { Context, CorpusResult, Options, Trend } from "../pkg/kashif";

// --- page → worker ---------------------------------------------------------------------------

/** Which columns of a table file hold the text and the title (indices; -1: none). */
export interface Columns {
  text: number;
  title: number;
}

/**
 * Read `files` and the `pasted` documents (separated by lines of ---) into a new corpus, which
 * replaces the last one; answered by `progress` messages, then `result` or `error`.
 */
export interface OpenRequest {
  type: "open";
  id: number;
  files: File[];
  pasted: string | null;
  /** Chosen columns by table file name; a table file without an entry has its columns guessed. */
  columns?: Record<string, Columns>;
  /** The analysis options of every document. */
  options?: Options;
}

/** A keyword's or a name's counts across the documents; answered by `trend` or `error`. */
export interface TrendRequest {
  type: "trend";
  id: number;
  query: string;
}

/** A keyword's occurrences with the text around them; answered by `kwic` or `error`. */
export interface KwicRequest {
  type: "kwic";
  id: number;
  query: string;
}

/** Document `index`'s text (to open in the single-text view); answered by `text` or `error`. */
export interface TextRequest {
  type: "text";
  id: number;
  index: number;
}

export type CorpusWorkerRequest = OpenRequest | TrendRequest | KwicRequest | TextRequest;

// --- worker → page ---------------------------------------------------------------------------

/** The engine is loaded. */
export interface ReadyMessage {
  type: "ready";
}

/** How many documents of request `id` are in the corpus so far. */
export interface ProgressMessage {
  type: "progress";
  id: number;
  done: number;
  total: number;
}

/** A document that was not added: its file, its line (1-based; 0: the whole file), and why. */
export interface Skipped {
  file: string;
  line: number;
  error: string;
}

/** A table file's header and the columns that were read. */
export interface Table {
  file: string;
  header: string[];
  columns: Columns;
}

/** The corpus of an `open` request. */
export interface ResultMessage {
  type: "result";
  id: number;
  result: CorpusResult;
  skipped: Skipped[];
  tables: Table[];
}

export interface TrendMessage {
  type: "trend";
  id: number;
  trend: Trend | null;
}

export interface KwicMessage {
  type: "kwic";
  id: number;
  contexts: Context[];
}

/** The document's text ("" when there is no such document). */
export interface TextMessage {
  type: "text";
  id: number;
  text: string;
}

/** Request `id` failed (no corpus yet, a bad query, an unknown request, a file that cannot be read). */
export interface ErrorMessage {
  type: "error";
  id: number;
  message: string;
}

export type CorpusWorkerMessage = ReadyMessage | ProgressMessage | ResultMessage | TrendMessage | KwicMessage | TextMessage | ErrorMessage;
