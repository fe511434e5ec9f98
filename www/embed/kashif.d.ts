// Types of the `kashif` package. The result types come from the engine's own declarations
// (src/analysis.d.ts, copied as analysis.d.ts by the build).
import type { Analysis, CompactTokens, Context, CorpusDocument, CorpusLimits, CorpusOptions, CorpusResult, Options, PieceResult, Trend } from "./analysis.js";
export type * from "./analysis.js";
export { KashifHighlight, defineKashifHighlight } from "./kashif-element.js";

export interface LoadOptions {
  /**
   * The wasm module: bytes, a URL (string or URL), a fetch Response or a compiled
   * WebAssembly.Module. Default: `new URL("./pkg/kashif_bg.wasm", import.meta.url)`, i.e. the
   * file shipped next to the module (bundlers that follow that pattern copy it).
   */
  wasm?: BufferSource | string | URL | Response | WebAssembly.Module;
}

export declare class Kashif {
  /** Compiles and instantiates the engine. */
  static load(options?: LoadOptions): Promise<Kashif>;
  /** The analyzer's version (the same as the package's). */
  version(): string;
  /**
   * Analyzes `text`; the same object as the CLI's `--format json`. Offsets are UTF-16 code units,
   * so `text.slice(start, end)` is the span. Throws an Error for bad arguments or unknown option
   * fields; after an internal failure it throws and restarts the engine for the next call.
   */
  analyze(text: string, options?: Options): Analysis;
  /** The same result as `analyze`, built object by object by the bindings (slower; for comparison). */
  analyzeObjects(text: string, options?: Options): Analysis;
  /**
   * The tokens as typed arrays, no object per token (the fast path for long texts). Throws an
   * Error when `text` is not a string.
   */
  tokensCompact(text: string): CompactTokens;
  /**
   * A long text in pieces, with the result of one `analyze` over the whole text: push the pieces
   * in order (cut anywhere, even inside a surrogate pair), then finish. Throws like `analyze` for
   * bad options.
   */
  stream(options?: Options): AnalysisStream;
  /**
   * A corpus of many documents: add them one by one, read the views at any time (docs/corpus.md).
   * Throws like `analyze` for bad options.
   */
  corpus(options?: CorpusOptions): Corpus;
  /** The engine's linear memory in bytes (it grows as needed and never shrinks). */
  memoryBytes(): number;
  /** True while a fresh instance is being created after an internal failure. */
  readonly recovering: boolean;
  /** Resolves once the engine is usable again after an internal failure. */
  ready(): Promise<void>;
}

/** A text analyzed piece by piece (`Kashif.stream`). */
export interface AnalysisStream {
  /**
   * Adds the next piece. Returns the tokens of the text analyzed so far that no earlier push
   * returned (offsets into the whole text; often none: text is held back until a line break after
   * a sentence's end).
   */
  push(piece: string): PieceResult;
  /**
   * The analysis of the whole text, the same as `analyze(whole, options)` except that its
   * `tokens` are only those no push returned. The stream is then used up (later calls throw).
   */
  finish(): Analysis;
  /** Drops the stream without finishing it (frees its memory in the engine). */
  free(): void;
}

/** Many documents read together (`Kashif.corpus`). */
export interface Corpus {
  /** Analyzes and adds a document; returns its index. Throws when `doc.text` is not a string. */
  add(doc: CorpusDocument): number;
  /** Documents added so far. */
  readonly length: number;
  /** Per-document summaries, corpus keywords, names and co-occurring pairs of the documents so far. */
  result(limits?: CorpusLimits): CorpusResult;
  /** A keyword's or a name's frequency per document, in corpus order; null when nothing matches. */
  trend(query: string): Trend | null;
  /** A keyword's contexts across the documents (`width` characters each side, at most `limit`). */
  kwic(query: string, width?: number, limit?: number): Context[];
  /** A document's text (undefined when out of range, or with `contexts: false`). */
  text(index: number): string | undefined;
  /** Frees the corpus in the engine. */
  free(): void;
}
