import type { Analysis } from "./analysis.js";

/**
 * `<kashif-highlight types="PER LOC" top="5">نص عربي…</kashif-highlight>`: the text (its
 * textContent, or the `text` property) with its entities highlighted and its top keywords listed,
 * inside a shadow root. Fires `kashif-ready` (detail: Analysis) and `kashif-error` (detail: Error).
 */
export declare class KashifHighlight extends HTMLElement {
  /**
   * A promise of the engine to use (anything with `analyze(text, options)` returning the analysis
   * or a promise of it); set before first use. By default the engine runs in a worker
   * (kashif-element-worker.js), or on the page where no worker can start.
   */
  static engine: Promise<{ analyze(text: string, options?: object): Analysis | Promise<Analysis> }> | null;
  static readonly observedAttributes: string[];
  /** The analysed text; setting it overrides the element's content. */
  text: string;
  /** Entity types to highlight (the `types` attribute); null = all. */
  types: string[] | null;
  /** How many keywords to list (the `top` attribute; default 10, 0 hides the list). */
  top: number;
  /** The last analysis, or null. */
  readonly result: Analysis | null;
  /** Analyses again now; resolves with the analysis. */
  refresh(): Promise<Analysis | null>;
}

/** Registers the element under `name` (default `kashif-highlight`); done once on import. */
export declare function defineKashifHighlight(name?: string): void;

declare global {
  interface HTMLElementTagNameMap {
    "kashif-highlight": KashifHighlight;
  }
  interface HTMLElementEventMap {
    "kashif-ready": CustomEvent<Analysis>;
    "kashif-error": CustomEvent<Error>;
  }
}
