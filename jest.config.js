/**
 * Tests run against a real Neo4j 5.26: test/setup/globalSetup.ts starts a throw-away local one
 * (free port, temporary folder) unless NEO4J_URI is set. Suites share that database, so they run
 * in band (`--runInBand` is forced through maxWorkers: 1); each test owns the data it writes.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
    // jose (JWT verification, src/auth) ships only as an ES module, which jest cannot require on
    // Node 20; it is compiled to CommonJS like our own code. Node itself loads it natively.
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  globalSetup: '<rootDir>/test/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
  setupFiles: ['reflect-metadata'],
  maxWorkers: 1,
  testTimeout: 60000,
  verbose: false,
};
