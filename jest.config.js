// Two tiers: unit specs beside the code (no database) and integration/e2e suites under test/
// that run against one real PostgreSQL per run, with a fresh database per test file.
const tsJest = ['ts-jest', { useESM: true }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

export default {
  // An e2e file boots the app on a fresh database (migrations, grants, seeds): seconds on a busy
  // 2-core machine (over 30 s at load ≈ 17 with several suites at once), beyond Jest's default 5 s
  // for a hook. Not a speed assertion; a hang still fails.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
