/** ts-jest in ESM mode: the package is "type": "module" because @actions/core 3 is ESM-only. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
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
};
