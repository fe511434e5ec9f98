// Kashif's service worker: after one visit the page, its modules, the wasm and the samples come
// from a versioned cache, so the analyzer loads and works with the network off.
//
// The version is the `v` query of this script's URL: sw-register.js registers `sw.js?v=<hash>`
// with the hash that `./kashif build` writes into pkg/precache.json (with the list of files to
// precache). A new build gives a new hash, hence a new cache; old caches are deleted on activation.
// Responses are served cache-first; same-origin files that were not precached are cached when first
// fetched. pkg/precache.json alone is network-first, so that a new build is noticed when online.

const VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
const PREFIX = "kashif-";
const CACHE = `${PREFIX}${VERSION}`;
const MANIFEST = "pkg/precache.json";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch(MANIFEST, { cache: "reload" });
      if (!response.ok) throw new Error(`sw: cannot fetch ${MANIFEST} (${response.status})`);
      const { files } = await response.clone().json();
      await cache.addAll(files.map((f) => new Request(f, { cache: "reload" })));
      await cache.put(MANIFEST, response);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (path === MANIFEST) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // Query strings do not select content here (kashif-api.js imports `pkg/kashif.js?instance=N`).
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (err) {
    if (request.mode === "navigate") {
      const page = (await cache.match("./")) ?? (await cache.match("index.html"));
      if (page) return page;
    }
    throw err;
  }
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { cache: "no-store" });
    if (response.ok) return response;
  } catch {
    // offline: fall back to the cached copy
  }
  return (await cache.match(request, { ignoreSearch: true })) ?? Response.error();
}
