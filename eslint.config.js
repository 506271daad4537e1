import js from '@eslint/js';
import tanstackQuery from '@tanstack/eslint-plugin-query';
import vitest from '@vitest/eslint-plugin';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import testingLibrary from 'eslint-plugin-testing-library';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const focusedOrSkipped = [
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(only|skip)$/][callee.object.name=/^(test|it|describe)$/]",
    message: 'Never commit focused or skipped tests.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      '*.tmp.mjs',
      'node_modules',
      'public/mockServiceWorker.js',
      'test-results',
      'playwright-report',
      '.emulator-data',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: false }],
      'no-restricted-syntax': ['error', ...focusedOrSkipped],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': tanstackQuery },
    extends: [jsxA11y.flatConfigs.recommended],
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...tanstackQuery.configs.recommended.rules,
      '@tanstack/query/prefer-query-options': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@cloudscape-design/components', message: 'Import Cloudscape components by path.' }],
          patterns: [
            {
              group: ['**/mocks/**', '../mocks/*', '../../mocks/*'],
              message: 'src/ and mocks/ never import each other (main.tsx and tests excepted).',
            },
          ],
        },
      ],
    },
  },
  {
    // Only src/api/ builds or calls the SDK: elsewhere, SDK imports are types only.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/api/**', 'src/main.tsx', 'src/**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@aws-sdk/client-cloudtrail', allowTypeImports: true, message: 'Call the SDK through src/api/.' },
          ],
          patterns: [
            {
              group: ['**/mocks/**', '../mocks/*', '../../mocks/*'],
              message: 'src/ and mocks/ never import each other.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main.tsx', 'src/**/*.test.{ts,tsx}', 'src/testing/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The emulator core is framework-free.
    files: ['mocks/emulator/**/*.ts'],
    ignores: [
      'mocks/emulator/storage/file.ts',
      'mocks/emulator/storage/indexeddb.ts',
      'mocks/**/*.test.ts',
      'mocks/**/*.bench.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['msw', 'msw/*', 'react', 'react-dom', 'node:*'], message: 'mocks/emulator/ is pure TypeScript.' },
            { regex: '/src/(?!lib/cloudtrail-limits$)', message: 'mocks/ may import only src/lib/cloudtrail-limits.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'indexedDB', 'localStorage', 'fetch'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG.' },
        { object: 'crypto', property: 'randomUUID', message: 'Use the seeded PRNG.' },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}'],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      'vitest/no-focused-tests': 'error',
      'vitest/no-disabled-tests': 'error',
    },
  },
  {
    files: ['src/**/*.test.tsx'],
    ...testingLibrary.configs['flat/react'],
  },
  {
    files: ['e2e/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-focused-test': 'error',
      'playwright/no-skipped-test': 'error',
    },
  },
  prettier,
);
