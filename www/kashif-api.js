// Kashif's JavaScript API: loads the wasm module once and keeps it usable.
//
//   import { Kashif } from "./kashif-api.js";
//   const kashif = await Kashif.load();            // in a browser: fetches ./pkg/kashif_bg.wasm
//   const result = kashif.analyze(text, { top_n: 20 });
//   const s = kashif.stream({ tokens: false });    // a long text in pieces: the same result
//   for (const piece of pieces) s.push(piece);
//   const whole = s.finish();
//
// In Node, pass the module's bytes: `await Kashif.load({ wasm: fs.readFileSync(path) })`.
//
// If the Rust code ever panics, the wasm instance traps and must not be used again. `analyze`
// then throws (the caller learns that this call failed) and the wrapper instantiates a fresh
// copy of the module, so the next call works.

let instances = 0; // glue copies loaded so far in this realm
const GLUE = new URL("./pkg/kashif.js", import.meta.url).href;

export class Kashif {
  #module; // compiled WebAssembly.Module, reused for every fresh instance
  #glue; // the wasm-bindgen glue bound to the current instance
  #exports; // the instance's exports (memory)

  /** Compiles and instantiates the module. `wasm`: bytes, a URL, a Response or a WebAssembly.Module. */
  static async load({ wasm } = {}) {
    const k = new Kashif();
    let source = wasm ?? new URL("./pkg/kashif_bg.wasm", import.meta.url);
    if (source instanceof WebAssembly.Module) {
      k.#module = source;
    } else {
      if (source instanceof URL || typeof source === "string") source = await fetch(source);
      if (source instanceof Response) {
        if (!source.ok) throw new Error(`Kashif.load: cannot fetch the wasm module (${source.status} ${source.url})`);
        source = await source.arrayBuffer();
      }
      k.#module = await WebAssembly.compile(source);
    }
    await k.#instantiate();
    return k;
  }

  #generation = 0; // instances created so far by this Kashif (a stream belongs to one)

  async #instantiate() {
    // A fresh copy of the glue module gets a fresh instance (wasm-bindgen's init runs once per copy).
    // Every engine (each Kashif.load, each restart) gets its own copy, so instances never share.
    const url = instances === 0 ? GLUE : `${GLUE}?instance=${instances}`;
    instances += 1;
    const glue = await import(/* webpackIgnore: true */ /* @vite-ignore */ url); // a bundler copies the file (new URL above)
    this.#exports = await glue.default({ module_or_path: this.#module });
    this.#glue = glue;
    this.#generation += 1;
  }

  /** Size of the engine's linear memory in bytes (it grows as needed and never shrinks). */
  memoryBytes() {
    return this.#exports.memory.buffer.byteLength;
  }

  /** The analyzer's version. */
  version() {
    return this.#glue.version();
  }

  /**
   * Analyzes `text`. Returns the same object as the CLI's `--format json`. Throws an Error for bad
   * arguments; after an internal failure, throws and recovers for the next call.
   */
  analyze(text, options) {
    // The engine returns JSON text: one JSON.parse is much faster than building every object
    // through the bindings (see bench). `analyzeObjects` is the other path, kept for comparison.
    return JSON.parse(this.#call(() => this.#glue.analyzeJson(text, options)));
  }

  /** The same result, built object by object by the bindings (serde-wasm-bindgen). */
  analyzeObjects(text, options) {
    return this.#call(() => this.#glue.analyze(text, options));
  }

  /**
   * Tokens as typed arrays (starts, ends, kinds, segment_counts, segment_starts, kinds_table): the
   * fast path for long texts, with no object per token.
   */
  tokensCompact(text) {
    return this.#call(() => this.#glue.tokensCompact(text));
  }

  /**
   * A long text in pieces, with the result of one `analyze` over the whole text (counts, keyness,
   * entity groups and offsets of the whole): `const s = kashif.stream(options)`, then
   * `s.push(piece)` for each piece in order (cut anywhere), then `s.finish()`. `push` returns
   * `{ tokens }`, the tokens of the text it could analyze, offsets into the whole text; `finish`
   * returns the Analysis, whose `tokens` are those no push returned. The engine holds the pieces'
   * tokens only as long as a push returns them, so with `tokens: false` a text of any length
   * needs memory for about its own size plus the result. `free()` drops an unfinished stream.
   * After an internal failure the stream is lost (its calls throw): start a new one.
   */
  stream(options) {
    const inner = this.#call(() => new this.#glue.KashifStream(options));
    const generation = this.#generation;
    let open = true;
    const call = (what, f) => {
      if (!open || generation !== this.#generation) {
        throw new Error(`Kashif: stream.${what}: this stream is ${open ? 'lost (the engine restarted after an internal error)' : 'finished'}; start a new one`);
      }
      return this.#call(f);
    };
    const close = () => {
      // (an instance that trapped is dropped whole, with its streams: nothing to free in it)
      if (open && generation === this.#generation && !this.#pending) inner.free();
      open = false;
    };
    return {
      push: (piece) => JSON.parse(call('push', () => inner.pushJson(piece))),
      finish: () => {
        try {
          return JSON.parse(call('finish', () => inner.finishJson()));
        } finally {
          close();
        }
      },
      free: close,
    };
  }

  /**
   * A corpus: `add({text, id?, title?, date?})` each document (returns its index), then `result(limits)`,
   * `trend(query)`, `kwic(query, width, limit)`, `text(index)` at any time; `free()` when done.
   * Lost (its calls throw) if the engine restarts after an internal failure.
   */
  corpus(options) {
    const inner = this.#call(() => new this.#glue.KashifCorpus(options));
    const generation = this.#generation;
    const call = (f) => {
      if (generation !== this.#generation) throw new Error('Kashif: this corpus is lost (the engine restarted after an internal error); start a new one');
      return this.#call(f);
    };
    return {
      add: (doc) => call(() => inner.add(doc)),
      get length() { return call(() => inner.length); },
      result: (limits) => JSON.parse(call(() => inner.resultJson(limits))),
      trend: (query) => JSON.parse(call(() => inner.trendJson(query))),
      kwic: (query, width = 40, limit = 200) => JSON.parse(call(() => inner.kwicJson(query, width, limit))),
      text: (index) => call(() => inner.text(index)),
      free: () => generation === this.#generation && inner.free(),
    };
  }

  /** True while a fresh instance is being created after a failure. */
  get recovering() {
    return this.#pending !== null;
  }

  #pending = null;

  #call(f) {
    if (this.#pending) throw new Error("Kashif: the engine is restarting after an internal error; try again in a moment");
    try {
      return f();
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        this.#pending = this.#instantiate().finally(() => (this.#pending = null));
        throw new Error(`Kashif: internal error (${e.message}); the engine was restarted, please retry`, { cause: e });
      }
      throw e;
    }
  }

  /** Resolves once the engine is usable again after a failure. */
  async ready() {
    if (this.#pending) await this.#pending;
  }

  /** For tests only: makes the engine panic. */
  _panicForTests() {
    return this.#call(() => this.#glue.__panicForTests());
  }
}
