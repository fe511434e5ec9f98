// The example page's own script: loads the component and reports what it found.
import "../kashif-element.js";

const widget = document.getElementById("widget");
widget.addEventListener("kashif-ready", (event) => {
  const counts = {};
  for (const e of event.detail.entities) counts[e.type] = (counts[e.type] ?? 0) + 1;
  document.getElementById("summary").textContent =
    Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(", ") || "no entities";
  document.body.dataset.ready = "true";
});
widget.addEventListener("kashif-error", (event) => {
  document.getElementById("summary").textContent = `error: ${event.detail?.message ?? event.detail}`;
  document.body.dataset.ready = "error";
});
