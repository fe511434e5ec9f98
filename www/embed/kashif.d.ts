// Types of the `kashif` package. The result types come from the engine's own declarations
// (src/analysis.d.ts, copied as analysis.d.ts by the build).
import type { Analysis, Options } from "./analysis.js";
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
  /** True while a fresh instance is being created after an internal failure. */
  readonly recovering: boolean;
  /** Resolves once the engine is usable again after an internal failure. */
  ready(): Promise<void>;
}
