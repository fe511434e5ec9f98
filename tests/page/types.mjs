// Checking the messages a page exchanges with its workers against their TypeScript declarations
// (www/worker.d.ts, www/corpus/corpus-worker.d.ts): RECORD copies every message, both ways, in
// the page; `typeCheck` compiles the copies as typed constants with the TypeScript compiler.
// Used by worker.mjs and corpus.mjs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Longest array kept of a recorded message (the type check looks at every element kept). */
const KEEP = 300;

/**
 * Page-side: `plain(value)` turns a message into JSON-able data, typed arrays, Files and Blobs
 * marked (so that the type check sees them as such), arrays cut to KEEP elements. Runs in the
 * page.
 */
const PLAIN = `(() => {
  const KEEP = ${KEEP};
  const plain = (v) => {
    if (ArrayBuffer.isView(v)) return { $$typed: v.constructor.name, values: Array.from(v.subarray(0, KEEP)) };
    if (v instanceof File) return { $$file: v.name };
    if (v instanceof Blob) return { $$blob: v.size };
    if (Array.isArray(v)) return v.slice(0, KEEP).map(plain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  return plain;
})()`;

/**
 * An init script: records, in the page, what each of its workers is sent (`in`) and posts back
 * (`out`), as data, by the worker script's file name: `window.__workerLogs['worker.js']`.
 * `window.__Worker` is the unrecorded constructor, for a test's own workers; `window.__plain`
 * the copier.
 */
export const RECORD = `(() => {
  const plain = (window.__plain = ${PLAIN});
  const logs = (window.__workerLogs = {});
  const Base = (window.__Worker = window.Worker);
  window.Worker = class extends Base {
    constructor(url, ...rest) {
      super(url, ...rest);
      const name = new URL(String(url), location.href).pathname.split('/').pop();
      const log = (logs[name] ??= { in: [], out: [] });
      this.__log = log;
      // Added before the page's own handler: a copy before the page changes anything in it.
      this.addEventListener('message', (e) => log.out.push(plain(e.data)));
    }
    postMessage(msg, ...rest) {
      this.__log.in.push(plain(msg));
      return super.postMessage(msg, ...rest);
    }
  };
})()`;

/** TypeScript source for a recorded value. */
function toTs(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Number.isFinite(v) ? (v < 0 ? `(${v})` : String(v)) : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(toTs).join(', ')}]`;
  if ('$$typed' in v) return `new ${v.$$typed}([${v.values.join(', ')}])`;
  if ('$$file' in v) return `new File([], ${JSON.stringify(v.$$file)})`;
  if ('$$blob' in v) return 'new Blob([])';
  return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${toTs(x)}`).join(', ')} }`;
}

/**
 * Type-checks `samples` ([type name, value, note]) with the TypeScript compiler (strict; object
 * literals: no missing, mistyped or undeclared field). `imports` ([alias, absolute module path
 * without extension]) are imported as `import type * as ALIAS`; `union` names the type whose
 * `type` values are returned as `declared`. `controls` are deliberately wrong samples that must
 * be rejected (proof that the check checks). Returns the compiler's messages and `declared`.
 */
export async function typeCheck({ imports, samples, controls, union }) {
  let ts;
  try {
    ts = (await import('typescript')).default;
  } catch (err) {
    throw new Error(`cannot load the TypeScript compiler (run npm ci): ${err.message}`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kashif-worker-types-'));
  try {
    const file = path.join(dir, 'messages.ts');
    const lines = imports.map(([alias, from]) => `import type * as ${alias} from ${JSON.stringify(from)};`);
    samples.forEach(([type, value, note], i) => lines.push(`// ${note}`, `export const sample${i}: ${type} = ${toTs(value)};`));
    controls.forEach(([type, value, note], i) => lines.push(`// control: ${note}`, '// @ts-expect-error', `export const control${i}: ${type} = ${toTs(value)};`));
    lines.push(`export type DeclaredTypes = ${union}["type"];`);
    writeFileSync(file, lines.join('\n') + '\n');
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      // esnext.disposable: wasm-bindgen's declarations give its classes [Symbol.dispose]
      lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
      types: [],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
      const line = where ? d.file.text.split('\n')[where.line - 1]?.replace(/^\/\/ /, '') : '';
      return `${where ? `${path.basename(d.file.fileName)} line ${where.line + 1} (${line})` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    const alias = source.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === 'DeclaredTypes');
    const declared = checker.getTypeAtLocation(alias.name);
    return { errors, declared: (declared.isUnion() ? declared.types : [declared]).map((t) => t.value) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
