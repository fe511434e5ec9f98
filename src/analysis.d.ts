// The engine's result and options (Rust: src/analysis.rs), and what a stream's push returns. The
// web page's worker reshapes this result for drawing; its messages and that shape are declared
// in www/worker.d.ts. The class `KashifStream` (src/wasm.rs) is declared by wasm-bindgen in the
// glue's kashif.d.ts, next to these declarations; the JS API wraps it as `AnalysisStream`
// (www/embed/kashif.d.ts).

/** One token of the text. Offsets are UTF-16 code units, end exclusive: text.slice(start, end). */
export interface Token {
  start: number;
  end: number;
  /** The original text of the token. */
  text: string;
  kind: "arabic" | "latin" | "mixed" | "number" | "punct" | "symbol" | "emoji" | "url" | "email" | "hashtag" | "mention";
  /** Display normalization (diacritics, tatweel, alef forms, Persian letters... per options.normalize). */
  norm: string;
  /** Matching key: every normalization rule applied. */
  key: string;
  /** Grouping key of the base word (clitics and article removed). */
  stem: string;
  /** The token's syntactic words (clitics split off); they tile the token exactly. */
  segments: Segment[];
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  key: string;
  role: "proclitic" | "base" | "enclitic";
}

export interface Span {
  start: number;
  end: number;
}

export interface Variant {
  text: string;
  count: number;
}

export interface Keyword {
  /** The form to show. */
  text: string;
  /** The grouping key. */
  key: string;
  kind: "word" | "phrase";
  count: number;
  /** count / words in the text */
  share: number;
  /** Ranking score, higher first: the blend, `keyness` or `count`, per `Options.ranking`. */
  score: number;
  /** Log-likelihood G² against general Arabic (wordfreq); negative when rarer here. */
  keyness: number;
  variants: Variant[];
  occurrences: Span[];
  /** The parts of the blended score; only with `Options.explain`. */
  explain?: Explain;
  [extra: string]: unknown;
}

/** What a keyword's blended score is made of: the facts, and each one's weighted part. */
export interface Explain {
  /** The sentence where it first appears (0 = the first). */
  first_sentence: number;
  /** How many sentences it appears in, of `of_sentences`. */
  sentences: number;
  of_sentences: number;
  /** How many of its occurrences are inside a found name. */
  in_names: number;
  /** Zipf frequency in general Arabic (log10 per billion words; 2 when unlisted). */
  zipf: number;
  /** The weighted parts; their sum is the blended score. */
  parts: { count: number; position: number; spread: number; name: number; rarity: number; phrase: number; [extra: string]: number };
  [extra: string]: unknown;
}

export interface Entity {
  start: number;
  end: number;
  text: string;
  type: "PER" | "LOC" | "ORG" | "MISC" | "DATE" | "MONEY" | "PERCENT" | "QUANTITY" | "NUMBER";
  key: string;
  /** `model` (the tagger), `gazetteer` (place list) or `rule` (dates, amounts and the currency of an amount of money, MISC; organisations a head noun announces). */
  source: "model" | "gazetteer" | "rule";
  [extra: string]: unknown;
}

/** One distinct name and all its mentions (variants, clitic forms, a person's short mentions). */
export interface EntityGroup {
  /** The name to show: its fullest form, as the name is written alone («الأمم المتحدة» for a group whose mentions are all «للأمم المتحدة»); `variants` keep the texts as found. */
  text: string;
  key: string;
  type: Entity["type"];
  count: number;
  variants: Variant[];
  /** Indices into `entities`, in text order. */
  mentions: number[];
}

export interface Stats {
  characters: number;
  words: number;
  sentences: number;
  unique_words: number;
  /** Characters in the word tokens: `word_characters / words` is the average word length. */
  word_characters: number;
  /** Letters in the word tokens, of any script (marks and digits are not letters). */
  letters: number;
  /** Arabic-script letters among `letters`. */
  arabic_letters: number;
}

export interface Analysis {
  version: string;
  tokens: Token[];
  sentences: Span[];
  keywords: Keyword[];
  entities: Entity[];
  entity_groups: EntityGroup[];
  stats: Stats;
}

export interface NormOptions {
  diacritics?: boolean;
  tatweel?: boolean;
  alef?: boolean;
  alef_maqsura?: boolean;
  teh_marbuta?: boolean;
  hamza_seats?: boolean;
  persian?: boolean;
  presentation_forms?: boolean;
  digits?: boolean;
  invisible?: boolean;
  lowercase?: boolean;
}

/** Every field is optional; unknown fields are an error. */
export interface Options {
  /** How many keywords (0 = all). Default 50. */
  top_n?: number;
  /** Minimum count of a keyword. Default 1 (phrases need 2 in any case). */
  min_count?: number;
  /**
   * Order keywords by the blend (default: where a keyword first appears, its count and spread,
   * names, rarity in general Arabic), by keyness against general Arabic, or by raw count.
   */
  ranking?: "blend" | "keyness" | "frequency";
  /** Longest multi-word keyword, in words (2–4; 0 or 1 = single words only). Default 4. */
  max_ngram?: number;
  stopwords_add?: string[];
  stopwords_remove?: string[];
  /** Rules for each token's `norm`. */
  normalize?: NormOptions;
  /** Return the token list (default true); off for long texts when only keywords and entities are needed. */
  tokens?: boolean;
  /** Find entities (default true). */
  entities?: boolean;
  /** Rank keywords (default true). */
  keywords?: boolean;
  /** Give each keyword the parts of its score, `Keyword.explain` (default false). */
  explain?: boolean;
  [extra: string]: unknown;
}

/** tokensCompact(text): tokens as typed arrays, UTF-16 offsets. Token i is starts[i]..ends[i], kind kinds_table[kinds[i]];
 * its segment_counts[i] segments start at consecutive entries of segment_starts. */
export interface CompactTokens {
  starts: Uint32Array;
  ends: Uint32Array;
  kinds: Uint8Array;
  segment_counts: Uint32Array;
  segment_starts: Uint32Array;
  kinds_table: Token["kind"][];
}

/**
 * What `push(piece)` of a stream (`KashifStream`, or `kashif.stream()` of the JS API) returns: the
 * tokens of the text that push could analyze, in order, with offsets into the whole text (none
 * with `tokens: false`, and often none: the stream holds text back until a line break after a
 * sentence's end). `finish()` returns the `Analysis` of the whole text, its `tokens` being those
 * no push returned.
 */
export interface PieceResult {
  tokens: Token[];
}
