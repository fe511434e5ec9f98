// The analysis worker of the <kashif-highlight> element (kashif-element.js): the engine is loaded
// and run here, off the embedding page's main thread, so that neither loading it (compiling the
// wasm, reading its lexicon and model on the first analysis) nor analysing a long text blocks the
// page. One message in, one out:
//   in:  { id, text, options }
//   out: { id, result }  (the analysis, the same object as the CLI's JSON)  or  { id, error }
import { Kashif } from "./kashif-api.js";

const engine = Kashif.load();
// Load failures are reported per request below; nothing is left unhandled meanwhile.
engine.catch(() => {});

self.onmessage = async ({ data: { id, text, options } }) => {
  try {
    const kashif = await engine;
    postMessage({ id, result: kashif.analyze(text, options) });
  } catch (err) {
    postMessage({ id, error: String(err?.message ?? err) });
  }
};
