// Resolves the workspace aliases (@liandong/*) to the compiled files under dist/, using
// the same table as TypeScript (tsconfig.base.json), so nothing is listed twice.
// Load it with `node -r ./deploy/runtime/paths.js dist/apps/<app>/src/main.js`.
const Module = require('node:module');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    alias,
    path.join(root, 'dist', target.replace(/\.ts$/, '.js')),
  ]),
);

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const target = aliases.get(request);
  return resolve.call(this, target ?? request, ...rest);
};
