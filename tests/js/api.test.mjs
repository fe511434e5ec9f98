// The JS API against the built package (./kashif build): same result as the CLI, clear errors,
// recovery after a panic. Run by `./kashif test` as `node --test tests/js/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const wasmPath = `${root}www/pkg/kashif_bg.wasm`;
const cli = `${root}target/release/kashif`;
const seedPath = `${root}www/samples/seed-article-ar.txt`;

for (const p of [wasmPath, cli]) {
  if (!existsSync(p)) throw new Error(`${p} is missing: run ./kashif build and cargo build --release first (./kashif test does both)`);
}

const { Kashif } = await import(`${root}www/kashif-api.js`);
const kashif = await Kashif.load({ wasm: readFileSync(wasmPath) });

test("version matches the crate", () => {
  const cargo = readFileSync(`${root}Cargo.toml`, "utf8").match(/^version = "(.*)"/m)[1];
  assert.equal(kashif.version(), cargo);
});

test("golden: JS analyze equals the CLI's --format json on the seed article", () => {
  const seed = readFileSync(seedPath, "utf8");
  const js = kashif.analyze(seed);
  const fromCli = JSON.parse(execFileSync(cli, ["analyze", seedPath, "--format", "json"], { maxBuffer: 1 << 28 }).toString());
  assert.deepStrictEqual(JSON.parse(JSON.stringify(js)), fromCli);
  assert.ok(js.tokens.length > 500);
});

test("offsets are UTF-16: text.slice(start, end) is each span", () => {
  const text = "😀 وروسيا 👩‍👩‍👧 كوريا الشمالية";
  const r = kashif.analyze(text);
  for (const t of r.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  for (const e of r.entities) assert.equal(text.slice(e.start, e.end), e.text);
  assert.deepEqual(r.entities.filter((e) => e.type === "LOC").map((e) => e.text), ["روسيا", "كوريا الشمالية"]);
});

test("bad arguments throw a clear Error", () => {
  assert.throws(() => kashif.analyze(42), (e) => e instanceof Error && /text must be a string, got number/.test(e.message));
  assert.throws(() => kashif.analyze("نص", "x"), /options must be an object, got string/);
  assert.throws(() => kashif.analyze("نص", [1]), /options must be an object, got an array/);
  assert.throws(() => kashif.analyze("نص", { top: 3 }), /bad options: .*unknown field `top`/);
  assert.throws(() => kashif.analyze("نص", { top_n: "x" }), /bad options: field `top_n`: invalid type: string "x", expected usize/);
  // The engine is still fine after argument errors.
  assert.equal(kashif.analyze("روسيا").entities[0].text, "روسيا");
});

test("options are applied", () => {
  const r = kashif.analyze("روسيا روسيا روسيا موسكو موسكو بكين", { top_n: 2, entities: false });
  assert.equal(r.keywords.length, 2);
  assert.equal(r.entities.length, 0);
});

test("after a panic the next call still works", async () => {
  const before = kashif.analyze("وروسيا");
  assert.throws(() => kashif._panicForTests(), /internal error/);
  await kashif.ready();
  const after = kashif.analyze("وروسيا");
  assert.deepStrictEqual(after, before);
  assert.equal(after.entities.find((e) => e.type === "LOC").text, "روسيا");
});

test("tokensCompact agrees with analyze", () => {
  const text = readFileSync(seedPath, "utf8") + " 😀 60% ﻻ";
  const full = kashif.analyze(text, { keywords: false, entities: false });
  const c = kashif.tokensCompact(text);
  assert.ok(c.starts instanceof Uint32Array && c.kinds instanceof Uint8Array);
  assert.equal(c.starts.length, full.tokens.length);
  full.tokens.forEach((t, i) => {
    assert.equal(c.starts[i], t.start);
    assert.equal(c.ends[i], t.end);
    assert.equal(c.kinds_table[c.kinds[i]], t.kind);
  });
  assert.deepEqual([...c.segment_starts], full.tokens.flatMap((t) => t.segments.map((s) => s.start)));
  assert.throws(() => kashif.tokensCompact(null), /text must be a string, got null/);
});

test("memory stays bounded over 1,000 analyses of the seed article", () => {
  const seed = readFileSync(seedPath, "utf8");
  for (let i = 0; i < 100; i++) kashif.analyze(seed);
  const warm = kashif.memoryBytes();
  for (let i = 0; i < 900; i++) kashif.analyze(seed);
  const after = kashif.memoryBytes();
  assert.equal(after, warm, `memory grew from ${warm} to ${after} bytes`);
});

test("hostile input from JS gives valid results", () => {
  const cases = [
    "",
    " \n\t ",
    "\u064E\u0651".repeat(500),
    "ـ".repeat(1000),
    "😀".repeat(100000),
    "\u0000\u0001\u0007روسيا\u001b",
    "روسيا\uD800موسكو\uDC00 \uDBFF", // lone surrogates
    "\u202Eروسيا\u202C \u2066موسكو\u2069 \u200F",
    "کوریا ۀ ھ ی ک ڤ پ چ ژ گ",
    "ک".repeat(1 << 20),
  ];
  for (const text of cases) {
    const r = kashif.analyze(text);
    let prev = 0;
    for (const t of r.tokens) {
      assert.ok(prev <= t.start && t.start < t.end && t.end <= text.length, `token ${t.start}..${t.end}`);
      assert.equal(text.slice(prev, t.start).trim(), "");
      // Lone surrogates reach Rust as U+FFFD: one code unit for one, so offsets still line up.
      assert.equal(t.text.length, t.end - t.start);
      prev = t.end;
    }
    for (const e of r.entities) assert.equal(text.slice(e.start, e.end), e.text);
  }
  const r = kashif.analyze("روسيا\uD800موسكو");
  assert.deepEqual(r.tokens.map((t) => [t.start, t.end]), [[0, 5], [5, 6], [6, 11]]);
});

test("the JSON path and the object path give the same result", () => {
  const seed = readFileSync(seedPath, "utf8");
  assert.deepStrictEqual(kashif.analyze(seed), kashif.analyzeObjects(seed));
  assert.throws(() => kashif.analyzeObjects(1), /text must be a string/);
});

/** `text` pushed into a stream in the pieces `cuts` (UTF-16 offsets) make, the tokens of every push put back in front of finish's. */
function streamed(text, cuts, options) {
  const s = kashif.stream(options);
  const tokens = [];
  let prev = 0;
  for (const c of [...cuts, text.length]) {
    tokens.push(...s.push(text.slice(prev, c)).tokens);
    prev = c;
  }
  const result = s.finish();
  result.tokens = [...tokens, ...result.tokens];
  return result;
}

test("stream: any cutting gives analyze of the whole text", () => {
  const seed = readFileSync(seedPath, "utf8");
  const text = `${seed}\n😀 قال «المتحدث إن روسيا.\nوأضاف بوتين».\n${seed.replaceAll("روسيا", "الصين")}\nآخر 😀`;
  const whole = JSON.stringify(kashif.analyze(text));
  for (const n of [7, 100, 1000, 5000]) {
    const cuts = [];
    for (let at = n; at < text.length; at += n) cuts.push(at);
    assert.equal(JSON.stringify(streamed(text, cuts)), whole, `pieces of ${n} code units`);
  }
  const options = { tokens: false, top_n: 5, ranking: "frequency" };
  assert.equal(JSON.stringify(streamed(text, [10, 11, 3000, 3001, 9000], options)), JSON.stringify(kashif.analyze(text, options)));
});

test("stream: surrogate pairs cut in half, lone halves", () => {
  const text = "😀 روسيا.\n𝐀𝐁 موسكو 👩‍👩‍👧.\nكوريا 😀";
  const whole = JSON.stringify(kashif.analyze(text));
  // every cut, each one alone, including inside every surrogate pair
  for (let c = 0; c <= text.length; c++) assert.equal(JSON.stringify(streamed(text, [c])), whole, `cut at ${c}`);
  const every = Array.from({ length: text.length }, (_, i) => i);
  assert.equal(JSON.stringify(streamed(text, every)), whole, "one code unit a piece");
  // lone halves: reach Rust as U+FFFD, as in analyze
  for (const odd of ["روسيا\uD800", "\uD800\uD800\uDC00 موسكو", "\uDC00روسيا \uDBFF"]) {
    const want = JSON.stringify(kashif.analyze(odd));
    for (let c = 0; c <= odd.length; c++) assert.equal(JSON.stringify(streamed(odd, [c, c])), want, `${JSON.stringify(odd)} cut at ${c}`);
  }
});

test("stream: errors say what to do", () => {
  assert.throws(() => kashif.stream({ top: 3 }), /stream\(options\): bad options: .*unknown field `top`/);
  assert.throws(() => kashif.stream("x"), /stream\(options\): options must be an object, got string/);
  const s = kashif.stream();
  assert.throws(() => s.push(42), /piece must be a string, got number/);
  s.push("روسيا");
  assert.equal(s.finish().entities[0].text, "روسيا");
  assert.throws(() => s.push("x"), /finished; start a new one/);
  assert.throws(() => s.finish(), /finished; start a new one/);
  const dropped = kashif.stream();
  dropped.push("موسكو");
  dropped.free();
  assert.throws(() => dropped.finish(), /finished/);
});

test("stream: a stream begun before an internal failure is lost; a new one works", async () => {
  const before = kashif.stream();
  before.push("روسيا.\n");
  assert.throws(() => kashif._panicForTests(), /internal error/);
  await kashif.ready();
  assert.throws(() => before.push("موسكو"), /lost \(the engine restarted/);
  before.free(); // nothing to free in the instance that trapped
  const after = kashif.stream();
  after.push("روسيا.\n");
  after.push("موسكو");
  assert.equal(JSON.stringify(after.finish().entities), JSON.stringify(kashif.analyze("روسيا.\nموسكو").entities));
});

test("corpus: the JS corpus gives the CLI's result, and its trends and contexts", () => {
  const docs = [
    { id: "a", title: "لقاء", text: "التقى الرئيس فلاديمير بوتين الرئيس رجب طيب أردوغان في موسكو. وبحث الرئيسان الأزمة السورية." },
    { text: "قال بوتين إن روسيا تدعم الحوار. وزار أردوغان أنقرة بعد اللقاء." },
    { text: "ارتفعت أسعار النفط في الأسواق العالمية. وقالت أوبك إن إنتاج النفط سيرتفع مع أسعار النفط." },
  ];
  const c = kashif.corpus();
  docs.forEach((d, i) => assert.equal(c.add(d), i));
  assert.equal(c.length, 3);
  const input = docs.map((d) => JSON.stringify(d)).join("\n");
  const fromCli = JSON.parse(execFileSync(cli, ["corpus", "-", "--format", "json", "--trend", "النفط", "--kwic", "النفط"], { input }).toString());
  const js = c.result();
  for (const k of ["version", "totals", "documents", "keywords", "names", "pairs"]) assert.deepStrictEqual(js[k], fromCli[k], k);
  assert.deepStrictEqual(c.trend("النفط"), fromCli.trends[0]);
  assert.deepStrictEqual(c.kwic("النفط", 40, 100), fromCli.contexts[0].contexts);
  assert.equal(c.trend("لا-يوجد"), null);
  assert.equal(c.text(2), docs[2].text);
  assert.equal(c.text(3), undefined);
  assert.throws(() => c.add("نص"), /doc must be an object/);
  assert.throws(() => c.add({ id: "x" }), /text/);
  assert.throws(() => kashif.corpus({ contexts: 1 }), /corpus\(options\)/);
  c.free();
});
