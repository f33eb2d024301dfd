// Lint as a guardrail: type-aware rules against floating promises, and import rules that
// keep libs/domain pure and workflows/ deterministic (no framework, database, Temporal
// client/worker or Node built-ins). dependency-cruiser (.dependency-cruiser.cjs) checks
// the same boundaries over the whole import graph, transitively.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const frameworkImports = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'pg',
  'pg/*',
  'class-transformer',
  'class-validator',
  'reflect-metadata',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', 'bench-results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'libs/domain is pure: no Node built-ins (no I/O).' })),
          patterns: [
            { group: [...frameworkImports, '@temporalio/*'], message: 'libs/domain is pure: no framework, database or Temporal imports.' },
            { group: ['**/apps/**', '**/event-store/**', '**/workflows/**'], message: 'libs/domain depends on nothing of ours.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'libs/domain reads no environment.' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins.' })),
          patterns: [
            { group: frameworkImports, message: 'Workflow code runs in the Temporal sandbox: only @temporalio/workflow and libs/domain.' },
            { group: ['**/apps/**', '**/event-store/**', '**/config/**'], message: 'Workflow code imports only libs/domain.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/console/src/**/*.ts', 'apps/console/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/src/**', '**/worker/src/**', '**/libs/**', '**/workflows/**'],
              allowTypeImports: true,
              message: 'The console runs in the browser: it may share the API\'s types (import type), never its code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
