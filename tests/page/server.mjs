// The page tests use the project's one static server (tools/serve.mjs).
export { startServer } from '../../tools/serve.mjs';
