// Registers the service worker (sw.js) that keeps the page usable offline. The cache version is
// the hash that `./kashif build` writes into pkg/precache.json; a new build installs a new worker
// whose cache replaces the old one (the page then updates on its next load).
// Does nothing where service workers are unavailable (file://, old browsers, blocked by policy).
if ("serviceWorker" in navigator && window.isSecureContext) {
  addEventListener("load", async () => {
    try {
      const response = await fetch("pkg/precache.json", { cache: "no-store" });
      if (!response.ok) return; // not built: nothing worth caching
      const { version } = await response.json();
      await navigator.serviceWorker.register(`sw.js?v=${encodeURIComponent(version)}`);
      document.documentElement.dataset.offline = "ready";
    } catch {
      // No service worker: the page still works online.
    }
  });
}
