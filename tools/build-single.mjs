// Builds dist/kashif.html: Kashif in one file that works when opened from file:// (no server).
// Run by `./kashif build` after www/pkg/ is built; usage: node tools/build-single.mjs
//
// Why it is built this way:
//  - Browsers refuse module scripts and fetch() from file:// pages, so everything is in ONE classic
//    <script>: the wasm-bindgen glue (www/pkg/kashif.js) with its `export`s removed, wrapped in a
//    factory so that a fresh copy (hence a fresh instance) can be made after a wasm trap; the
//    <kashif-highlight> element (www/kashif-element.js) with its import/exports removed; the wasm
//    as base64, compiled with WebAssembly.compile and instantiated with the glue's initSync.
//  - The page keeps a Content-Security-Policy: the inline script and the inline <style> are
//    allowed by their SHA-256 hashes (computed here), plus 'wasm-unsafe-eval' for the wasm;
//    everything else is 'none'. So even this file cannot load or run anything else; the element's
//    own styles are a constructable stylesheet, which CSP does not block.
//  - User text only ever becomes Text nodes (textContent / the element's text property).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "dist", "kashif.html");

function die(message) {
  console.error(`build-single: ${message}`);
  process.exit(1);
}

const read = (f) => {
  const full = path.join(ROOT, f);
  if (!existsSync(full)) die(`${f} is missing (run ./kashif build)`);
  return readFileSync(full);
};

// --- the wasm-bindgen glue as a factory --------------------------------------------------------------

let glue = read("www/pkg/kashif.js").toString("utf8");
const exported = [...glue.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]);
glue = glue.replace(/^export (function|class) /gm, "$1 ");
glue = glue.replace(/^export \{ initSync, __wbg_init as default \};\s*$/m, "");
// Only in the default-path branch of the async init, which is never used here.
glue = glue.replaceAll("import.meta.url", "document.baseURI");
if (/^\s*(export|import)\b/m.test(glue) || /import\.meta/.test(glue)) {
  die("www/pkg/kashif.js has import/export forms this script does not know; update tools/build-single.mjs");
}
for (const name of ["analyze", "version"]) {
  if (!exported.includes(name)) die(`the glue does not export ${name}()`);
}
const glueFactory = `function kashifGlue() {\n${glue}\nreturn { initSync, ${exported.join(", ")} };\n}`;

// --- the custom element without its module syntax ----------------------------------------------------

let element = read("www/kashif-element.js").toString("utf8");
const importLine = /^import \{ Kashif \} from "\.\/kashif-api\.js";\s*$/m;
if (!importLine.test(element)) die("www/kashif-element.js: expected its single import of ./kashif-api.js");
element = element.replace(importLine, "").replace(/^(\/\/.*\n)+/, ""); // and its header comment
element = element.replace(/^export (class|function) /gm, "$1 ");
// The element's worker is never started here (the page sets KashifHighlight.engine to the inline
// engine before any element connects); its URL only needs to parse in a classic script.
element = element.replaceAll("import.meta.url", "document.baseURI");
if (/^\s*(export|import)\b/m.test(element) || /import\.meta/.test(element)) {
  die("www/kashif-element.js has import/export forms this script does not know; update tools/build-single.mjs");
}

// --- the page's script ---------------------------------------------------------------------------------

const wasm = read("www/pkg/kashif_bg.wasm");
const seed = read("www/samples/seed-article-ar.txt").toString("utf8");

/** The page's own code (runs in the browser; stringified into the file). */
function page() {
  const $ = (id) => document.getElementById(id);
  const status = $("status");
  const setStatus = (text, isError) => {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  };

  // The engine: one compiled module; a fresh glue copy + instance after a trap.
  let module = null;
  let current = null;
  const fresh = () => {
    const g = kashifGlue(); // eslint-disable-line no-undef
    g.initSync({ module });
    return g;
  };
  const engine = {
    analyze(text, options) {
      try {
        return current.analyze(text, options);
      } catch (err) {
        if (err instanceof WebAssembly.RuntimeError) {
          current = fresh();
          throw new Error(`Kashif: internal error (${err.message}); the engine was restarted, please retry`);
        }
        throw err;
      }
    },
    version: () => current.version(),
  };
  const ready = (async () => {
    const b64 = WASM_BASE64; // eslint-disable-line no-undef
    const raw = atob(b64);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    module = await WebAssembly.compile(bytes);
    current = fresh();
    return engine;
  })();
  KashifHighlight.engine = ready; // eslint-disable-line no-undef

  const input = $("input");
  const view = $("view");
  const button = $("analyze");
  input.value = SEED; // eslint-disable-line no-undef

  view.addEventListener("kashif-ready", (event) => {
    const r = event.detail;
    for (const [key, value] of Object.entries({ ...r.stats, entities: r.entities.length })) {
      const dd = document.querySelector(`dd[data-stat="${key}"]`);
      if (dd) dd.textContent = new Intl.NumberFormat("ar").format(value);
    }
    const ms = performance.now() - started;
    setStatus(`كاشف ${engine.version()} — حُلِّل النص في ${ms.toFixed(0)} مللي ثانية.`);
    document.body.dataset.state = "ready";
    document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
  });
  view.addEventListener("kashif-error", (event) => {
    setStatus(`تعذّر التحليل: ${event.detail?.message ?? event.detail}`, true);
    document.body.dataset.state = "error";
  });

  let started = performance.now();
  const analyze = () => {
    started = performance.now();
    document.body.dataset.state = "busy";
    view.text = input.value;
  };
  button.addEventListener("click", analyze);
  $("clear").addEventListener("click", () => {
    input.value = "";
    analyze();
    input.focus();
  });
  $("sample").addEventListener("click", () => {
    input.value = SEED; // eslint-disable-line no-undef
    analyze();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) analyze();
  });
  ready.then(
    () => {
      button.disabled = false;
      analyze();
    },
    (err) => {
      setStatus(`تعذّر تحميل محرّك WebAssembly: ${err?.message ?? err}`, true);
      document.body.dataset.state = "error";
    },
  );
}

// `</script` would end the element early: `<\/script` means the same in JS strings, regexes and comments.
const script = [
  '"use strict";',
  `const WASM_BASE64 = "${wasm.toString("base64")}";`,
  `const SEED = ${JSON.stringify(seed).replaceAll("<", "\\u003c")};`,
  glueFactory,
  element,
  `(${page.toString()})();`,
]
  .join("\n")
  .replace(/<\/(script)/gi, "<\\/$1");
try {
  new vm.Script(script, { filename: "kashif.html#script" });
} catch (err) {
  die(`the generated script does not parse: ${err.message}`);
}
if (/<\/script|<!--/i.test(script)) die("the generated script contains </script or <!--");

const css = `
:root { color-scheme: light; }
body { margin: 0; background: #f6f4ef; color: #1f2328;
  font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Geeza Pro", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif; }
header, main, footer { max-width: 960px; margin: 0 auto; padding: 12px 20px; }
h1 { margin: 8px 0 0; color: #0b6e4f; }
header p { margin: 4px 0; color: #5b6068; }
label { display: block; font-weight: 700; margin: 8px 0 4px; }
textarea { width: 100%; box-sizing: border-box; min-height: 180px; font: inherit; font-size: 16px; line-height: 1.7;
  padding: 8px 10px; border: 1px solid #d9d4c9; border-radius: 8px; background: #fff; color: inherit; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
button { font: inherit; padding: 6px 16px; border-radius: 6px; border: 1px solid #0b6e4f; background: #0b6e4f; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0b6e4f; }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.status { color: #5b6068; min-height: 1.5em; }
.status.error { color: #b91c1c; font-weight: 700; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 8px; margin: 12px 0; }
.stats div { background: #fff; border: 1px solid #d9d4c9; border-radius: 8px; padding: 6px 10px; }
.stats dt { color: #5b6068; font-size: 13px; }
.stats dd { margin: 0; font-size: 20px; font-weight: 700; }
footer { color: #5b6068; font-size: 13px; }
`;

const sha = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(css)}`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const html = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>كاشف — محلّل النصوص العربية (ملف واحد)</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body data-state="loading">
<header>
<h1>كاشف</h1>
<p>محلّل النصوص العربية في ملف واحد: يعمل دون خادم ودون اتصال بالشبكة.</p>
</header>
<main>
<label for="input">النص</label>
<textarea id="input" dir="rtl" lang="ar" spellcheck="false"></textarea>
<div class="controls">
<button id="analyze" type="button" disabled>حلّل</button>
<button id="clear" type="button" class="secondary">امسح النص</button>
<button id="sample" type="button" class="secondary">النص التجريبي</button>
</div>
<p id="status" class="status" role="status" aria-live="polite">جارٍ تحميل المحرّك…</p>
<dl class="stats">
<div><dt>الأحرف</dt><dd data-stat="characters">—</dd></div>
<div><dt>الكلمات</dt><dd data-stat="words">—</dd></div>
<div><dt>الكلمات الفريدة</dt><dd data-stat="unique_words">—</dd></div>
<div><dt>الجمل</dt><dd data-stat="sentences">—</dd></div>
<div><dt>الكيانات</dt><dd data-stat="entities">—</dd></div>
</dl>
<kashif-highlight id="view" top="20"></kashif-highlight>
</main>
<footer><p>يعمل التحليل محليًّا عبر WebAssembly. <span dir="ltr">dist/kashif.html</span></p></footer>
<noscript><p>يحتاج كاشف إلى تفعيل JavaScript وWebAssembly.</p></noscript>
<script>${script}</script>
</body>
</html>
`;

mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
const size = statSync(OUT).size;
console.error(`build-single: dist/kashif.html: ${size} bytes (the ${wasm.length}-byte wasm inlined as base64)`);
