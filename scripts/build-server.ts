import { buildServer } from './server-build.js';

/** `npm run server:build` (and `npm start`, before it runs the server): compiles src/ into dist/server. */
const started = Date.now();
const { files, bytes } = await buildServer();
console.log(
  `server built into dist/server (${files} files, ${(bytes / 1024).toFixed(0)} KB) in ${Date.now() - started} ms`,
);
