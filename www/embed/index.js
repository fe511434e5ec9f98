// The `kashif` package: the JS API and the <kashif-highlight> element (registered on import in a
// browser; importing in Node only exposes the API).
export { Kashif } from "./kashif-api.js";
export { KashifHighlight, defineKashifHighlight } from "./kashif-element.js";
