export default {
  displayName: 'node',
  preset: '../../jest.preset.js',
  // Federation tests start real nodes against real PostgreSQL and NATS.
  testTimeout: 120_000,
  maxWorkers: 2,
};
