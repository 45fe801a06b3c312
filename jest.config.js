/** ts-jest in ESM mode: the package is "type": "module" because @actions/core 3 is ESM-only. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // a `./x.js` import names the TypeScript source x.ts, even where a launcher x.mjs sits beside it
  // (cli/governance-actions.mjs)
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'node'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/shared/**/*.test.ts'],
  testTimeout: 60000,
  // jest's default on 2 cores is one worker; the suites mostly wait on sandboxes and child processes
  maxWorkers: 2,
  // scenarios played at once per worker (scenario-suite.ts): two hide one another's waits; more
  // only add worker threads, each loading and warming up the actions anew (measured: 5 at once
  // cost 174 CPU-s for the shards, 2 cost 138 and finished sooner)
  maxConcurrency: 2,
};
