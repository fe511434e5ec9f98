// The corpus's options and results (Rust: src/corpus/). The class `KashifCorpus` (src/wasm.rs)
// is declared by wasm-bindgen next to these; the JS API wraps it as `Corpus` (kashif.corpus(),
// www/embed/kashif.d.ts). Offsets are UTF-16 code units, end exclusive.

/** How a corpus analyzes its documents and what it keeps. */
export interface CorpusOptions {
  /** The analysis options of each document (top_n and tokens are set by the corpus). */
  analysis?: Options;
  /** Keep the texts and keyword occurrences, for kwic() and text() (default true). */
  contexts?: boolean;
}

/** One document to add. */
export interface CorpusDocument {
  text: string;
  /** Default: the document's number, from 1. */
  id?: string;
  /** Default: the text's first words. */
  title?: string;
  date?: string;
}

/** How much of each view `result` returns (defaults in brackets). */
export interface CorpusLimits {
  /** Top keywords per document [10]. */
  keywords?: number;
  /** Distinctive keywords per document [10]. */
  distinctive?: number;
  /** Corpus keywords [100]. */
  corpus_keywords?: number;
  /** Names, most mentioned first [100]. */
  names?: number;
  /** Co-occurring pairs among those names, strongest first [300]. */
  pairs?: number;
}

export interface DocKeyword {
  text: string;
  key: string;
  count: number;
  /** G²: against general Arabic (keywords) or against the rest of the corpus (distinctive). */
  keyness: number;
}

export interface DocumentSummary {
  index: number;
  id: string;
  title: string;
  date: string | null;
  stats: Stats;
  /** Entity mentions (names only). */
  mentions: number;
  keywords: DocKeyword[];
  distinctive: DocKeyword[];
}

export interface CorpusKeyword {
  text: string;
  key: string;
  kind: "word" | "phrase";
  count: number;
  /** Documents it is a keyword of. */
  documents: number;
  /** Summed keyness against general Arabic (the list's order). */
  keyness: number;
}

export interface CorpusName {
  text: string;
  key: string;
  type: "PER" | "LOC" | "ORG" | "MISC";
  count: number;
  documents: number;
  /** The per-document keys joined into this name (its own first). */
  keys: string[];
  /** Mentions per document (documents without one left out). */
  mentions: { doc: number; count: number }[];
}

/** Two names seen together; `a` and `b` index `CorpusResult.names`. */
export interface Pair {
  a: number;
  b: number;
  sentences: number;
  documents: number;
  /** Signed G² of the sentence counts (positive: together more often than chance). */
  score: number;
  /** Pointwise mutual information (log2) of the sentence counts. */
  pmi: number;
}

export interface CorpusResult {
  version: string;
  totals: { documents: number; characters: number; words: number; sentences: number; terms: number; names: number };
  documents: DocumentSummary[];
  keywords: CorpusKeyword[];
  names: CorpusName[];
  pairs: Pair[];
}

/** A keyword's or a name's frequency in each document, in corpus order. */
export interface Trend {
  text: string;
  key: string;
  kind: "keyword" | "name";
  counts: number[];
  per_thousand: number[];
}

/** One occurrence of a keyword in a document, with the text around it. */
export interface Context {
  doc: number;
  start: number;
  end: number;
  left: string;
  match: string;
  right: string;
}
