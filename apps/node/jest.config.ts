export default {
  displayName: 'node',
  preset: '../../jest.preset.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  // Federation tests start real nodes against real PostgreSQL and NATS.
  testTimeout: 120_000,
  maxWorkers: 1,
};
