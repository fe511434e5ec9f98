// Packaging step of `./kashif build` (after wasm-bindgen and wasm-opt filled www/pkg/):
//
//  1. www/pkg/precache.json: the files the service worker (www/sw.js) precaches, and a version
//     hash of their contents (a new build = a new cache).
//  2. dist/embed/: the npm package `kashif` (ES modules + wasm + TypeScript declarations), made of
//     the template in www/embed/ and copies of www/kashif-api.js, www/kashif-element.js (and its
//     worker, www/kashif-element-worker.js),
//     www/pkg/kashif.js, www/pkg/kashif_bg.wasm, src/analysis.d.ts and data/LICENSES/.
//     `cd dist/embed && npm pack` gives the tarball.
//
// Usage: node tools/build-embed.mjs
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WWW = path.join(ROOT, "www");
const OUT = path.join(ROOT, "dist", "embed");

function die(message) {
  console.error(`build-embed: ${message}`);
  process.exit(1);
}

for (const f of ["pkg/kashif.js", "pkg/kashif_bg.wasm", "kashif-api.js", "kashif-element.js", "kashif-element-worker.js"]) {
  if (!existsSync(path.join(WWW, f))) die(`www/${f} is missing (run ./kashif build)`);
}
const version = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)?.[1];
if (!version) die("cannot read the version from Cargo.toml");

// --- 1. the service worker's precache list ---------------------------------------------------------

// Only what the page (index.html) needs; not the bench, the embed example, the element's worker or
// the service worker itself.
const SKIP = new Set(["sw.js", "bench.html", "bench.js", "example-embed.html", "kashif-element-worker.js"]);
const files = [];
for (const name of readdirSync(WWW).sort()) {
  const full = path.join(WWW, name);
  if (statSync(full).isDirectory() || SKIP.has(name) || name.startsWith(".")) continue;
  if (/\.(html|js|mjs|css|webmanifest|json)$/.test(name)) files.push(name);
}
const walk = (dir, keep) =>
  existsSync(path.join(WWW, dir))
    ? readdirSync(path.join(WWW, dir), { recursive: true })
        .map((f) => path.posix.join(dir, String(f).split(path.sep).join("/")))
        .filter((f) => statSync(path.join(WWW, f)).isFile() && keep.test(f))
        .sort()
    : [];
files.push(...walk("corpus", /\.(js|css)$/), ...walk("samples", /\.txt$/), ...walk("icons", /\.(svg|png)$/), ...walk("fonts", /\.(woff2?|ttf|otf)$/));
files.push("pkg/kashif.js", "pkg/kashif_bg.wasm");
const hash = createHash("sha256");
for (const f of files) {
  hash.update(f + "\0");
  hash.update(readFileSync(path.join(WWW, f)));
}
hash.update(readFileSync(path.join(WWW, "sw.js")));
const cacheVersion = `${version}-${hash.digest("hex").slice(0, 12)}`;
// "./" is the page itself as navigated to (index.html is also listed).
writeFileSync(
  path.join(WWW, "pkg", "precache.json"),
  JSON.stringify({ version: cacheVersion, files: ["./", ...files] }, null, 1) + "\n",
);
console.error(`build-embed: www/pkg/precache.json: ${files.length + 1} files, version ${cacheVersion}`);

// --- 2. the npm package ------------------------------------------------------------------------------

const template = JSON.parse(readFileSync(path.join(WWW, "embed", "package.json"), "utf8"));
if (template.version !== version) {
  die(`www/embed/package.json has version ${template.version} but Cargo.toml has ${version}; make them equal`);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.join(OUT, "pkg"), { recursive: true });
const copy = (from, to) => cpSync(path.join(ROOT, from), path.join(OUT, to), { recursive: true });
for (const f of ["package.json", "index.js", "kashif.d.ts", "kashif-element.d.ts", "README.md"]) copy(`www/embed/${f}`, f);
copy("www/kashif-api.js", "kashif-api.js");
copy("www/kashif-element.js", "kashif-element.js");
copy("www/kashif-element-worker.js", "kashif-element-worker.js");
copy("www/pkg/kashif.js", "pkg/kashif.js");
copy("www/pkg/kashif_bg.wasm", "pkg/kashif_bg.wasm");
// The result types and the corpus's, in one declarations file (the glue has them both too).
writeFileSync(path.join(OUT, "analysis.d.ts"), readFileSync(path.join(ROOT, "src/analysis.d.ts"), "utf8") + "\n" + readFileSync(path.join(ROOT, "src/corpus.d.ts"), "utf8"));
copy("data/LICENSES", "LICENSES");
writeFileSync(path.join(OUT, "LICENSES", "kashif.LICENSE"), "Kashif is licensed under the MIT license (see Cargo.toml).\n");
// The wasm embeds the lexicon, the model and the lists, some under CC BY-SA: their attribution
// travels with the package, not only with the repository.
writeFileSync(
  path.join(OUT, "NOTICE.md"),
  "<!-- Copied from the Kashif repository's data/NOTICE.md by tools/build-embed.mjs. The data it describes is " +
    "embedded in pkg/kashif_bg.wasm; paths such as sources/ refer to the repository's data/ folder, and the " +
    "license texts are in LICENSES/ here. -->\n\n" +
    readFileSync(path.join(ROOT, "data", "NOTICE.md"), "utf8"),
);

// Every file the package lists must exist.
for (const f of template.files) {
  if (!existsSync(path.join(OUT, f))) die(`dist/embed/${f} is listed in package.json "files" but was not produced`);
}
const size = readdirSync(OUT, { recursive: true })
  .map((f) => path.join(OUT, String(f)))
  .filter((f) => statSync(f).isFile())
  .reduce((n, f) => n + statSync(f).size, 0);
console.error(`build-embed: dist/embed/ (package kashif@${version}): ${size} bytes`);
