// Two kinds of tests, named by suffix: *.unit.spec.ts (pure, fast, no servers) and
// *.int.spec.ts (real PostgreSQL and a real Temporal server, started once per run by
// test/global-setup.ts and stopped by test/global-teardown.ts).
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = { '^.+\\.[tj]s$': ['@swc/jest', { ...swcConfig, swcrc: false }] };
const common = {
  transform,
  // the ICU message libraries (the console's catalogue test, the customer notices) are published as ES modules only
  transformIgnorePatterns: ['/node_modules/(?!@formatjs/|intl-messageformat/)'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/test', '<rootDir>/scripts'],
};
module.exports = {
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/int-timeouts.ts'],
    },
  ],
};
