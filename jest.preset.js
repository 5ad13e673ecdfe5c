const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

/**
 * Shared Jest settings: TypeScript transpiled by SWC (types are checked once, by
 * `tsc -p tsconfig.typecheck.json` in `npm test`), with the decorator metadata Nest and
 * TypeORM read; workspace aliases from tsconfig.base.json.
 */
module.exports = {
  testEnvironment: 'node',
  // Tests talk to real PostgreSQL and NATS on a two-core machine shared with other test
  // processes (npm test runs the federation tests beside these): Jest's 5 s default was
  // exceeded by a busy machine, not by a fault. A test that hangs still fails, after 30 s.
  testTimeout: 30_000,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/?(*.)+(spec|e2e-spec|module-spec).ts'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/../../' }),
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        sourceMaps: 'inline',
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
};
