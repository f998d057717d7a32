/**
 * Three tiers, one jest run (`npm test` runs every project; `--selectProjects` picks tiers):
 * - unit: pure code, no Neo4j, no build. test/unit/, tests beside src/, and the few older suites
 *   that need neither.
 * - integration: everything else under test/ that reads and writes the run's Neo4j through src/.
 * - e2e: what needs dist/ (the built server and explorer), a browser, the example clients, other
 *   processes or a Neo4j of its own to stop and break.
 * New suites under test/ land in integration unless listed below.
 *
 * integration and e2e name the same globalSetup, which starts one throw-away Neo4j 5.26 (free
 * port, temporary folder) unless NEO4J_URI is set. Jest runs each distinct globalSetup and
 * globalTeardown once per run, and only for projects that have a test in it, so a unit-only run
 * never starts a JVM and a full run starts one. The DB suites share that database, so everything
 * runs in band (maxWorkers: 1); each test owns the data it writes.
 */
/** Test files as regexes on their path from the repository root. */
const root = __dirname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const paths = (...patterns) => patterns.map((pattern) => `^${root}/${pattern}$`);
const UNIT = paths(
  'test/unit/.+\\.test\\.ts',
  'src/.+\\.test\\.ts',
  'test/schema\\.test\\.ts',
  'test/api/schema-docs\\.test\\.ts',
  'test/curation/auth\\.test\\.ts',
  'test/export/formats\\.test\\.ts',
  'test/observability/labels\\.test\\.ts',
);
const E2E = paths(
  'test/(e2e|browser|examples)/.+\\.test\\.ts',
  // Runs dist/main.js once, to see the process exit on a bad NEO4J_URI.
  'test/config\\.test\\.ts',
  // Start, stop and break Neo4j instances of their own.
  'test/hardening/faults\\.test\\.ts',
  'test/export/roundtrip\\.test\\.ts',
  // Starts from an empty database and rewrites curated entities, so it has a Neo4j of its own.
  'test/ingest/pipeline\\.test\\.ts',
  // Checks the export with python3 and networkx.
  'test/export/http\\.test\\.ts',
  // Reads GraphiQL's page from dist/graphiql.
  'test/api/landing\\.test\\.ts',
);

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
    // jose (JWT verification, src/auth) ships only as an ES module, which jest cannot require on
    // Node 20; it is compiled to CommonJS like our own code. Node itself loads it natively.
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['reflect-metadata'],
};
const neo4j = {
  globalSetup: '<rootDir>/test/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 1,
  testTimeout: 60000,
  verbose: false,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test', '<rootDir>/src'],
      testRegex: UNIT,
    },
    {
      ...shared,
      ...neo4j,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testRegex: paths('test/.+\\.test\\.ts'),
      testPathIgnorePatterns: ['/node_modules/', ...UNIT, ...E2E],
    },
    {
      ...shared,
      ...neo4j,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testRegex: E2E,
    },
  ],
};
