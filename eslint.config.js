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
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

// Import cycles, type-only imports included (which import plugins' no-cycle rules skip): the
// project's import graph is read once per lint run, and each file reports a cycle through itself.
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const graph = new Map();
function resolveImport(from, specifier) {
  const base = specifier.startsWith('@/')
    ? resolve(import.meta.dirname, 'src', specifier.slice(2))
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : undefined;
  if (base === undefined) return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`])
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  return undefined;
}
function importsOf(file) {
  let targets = graph.get(file);
  if (targets === undefined) {
    targets = [];
    graph.set(file, targets);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2]);
      if (target !== undefined) targets.push(target);
    }
  }
  return targets;
}
function cycleThrough(start) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, path] = stack.pop();
    for (const next of importsOf(file)) {
      if (next === start) return [...path, start];
      if (!seen.has(next)) {
        seen.add(next);
        stack.push([next, [...path, next]]);
      }
    }
  }
  return undefined;
}
const importCycles = {
  meta: { type: 'problem', schema: [], messages: { cycle: 'Import cycle: {{cycle}}' } },
  create(context) {
    return {
      Program(node) {
        const cycle = cycleThrough(resolve(context.filename));
        if (cycle)
          context.report({
            node,
            messageId: 'cycle',
            data: { cycle: cycle.map((file) => relative(import.meta.dirname, file)).join(' -> ') },
          });
      },
    };
  },
};

// Shared by the console's import rules (ESLint replaces, not merges, a rule's options).
const CLOUDSCAPE_BY_PATH = { name: '@cloudscape-design/components', message: 'Import Cloudscape components by path.' };
const CLOUDSCAPE_STATUS_INDICATOR = {
  name: '@cloudscape-design/components/status-indicator',
  importNames: ['default'],
  message: "Use StatusIndicator from '@/components/status-indicator': Cloudscape's breaks its text mid-word.",
};
const NO_MOCKS_IN_SRC = {
  group: ['**/mocks/**', '../mocks/*', '../../mocks/*'],
  message: 'src/ and mocks/ never import each other (main.tsx and tests excepted).',
};

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
    // No import cycles anywhere, type-only imports included.
    files: ['src/**/*.{ts,tsx}', 'mocks/**/*.ts', 'e2e/**/*.ts'],
    plugins: { local: { rules: { 'import-cycles': importCycles } } },
    rules: { 'local/import-cycles': 'error' },
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
          paths: [CLOUDSCAPE_BY_PATH, CLOUDSCAPE_STATUS_INDICATOR],
          patterns: [NO_MOCKS_IN_SRC],
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
    // Console features never import each other, the app shell, or anything by a parent path;
    // shared code comes through '@/' (api, components, hooks, lib).
    files: ['src/features/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [CLOUDSCAPE_BY_PATH, CLOUDSCAPE_STATUS_INDICATOR],
          patterns: [
            { group: ['@/features/**', '@/app/**'], message: 'A feature never imports another feature or the app.' },
            { group: ['../**'], message: 'Import shared code through @/; features stay flat.' },
            NO_MOCKS_IN_SRC,
          ],
        },
      ],
    },
  },
  {
    // Shared console code never reaches up into features or the app shell.
    files: ['src/{api,components,hooks,lib}/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [CLOUDSCAPE_BY_PATH, CLOUDSCAPE_STATUS_INDICATOR],
          patterns: [
            { group: ['@/features/**', '@/app/**'], message: 'Shared code never imports features or the app.' },
            NO_MOCKS_IN_SRC,
          ],
        },
      ],
    },
  },
  {
    // mocks/ reaches into src/ only for the shared limits and the dashboard widgets' placeholders.
    files: ['mocks/**/*.ts'],
    ignores: ['mocks/emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/src/(?!lib/(?:cloudtrail-limits|resource-name|widget-placeholders)$)',
              message:
                'mocks/ may import only src/lib/cloudtrail-limits, src/lib/resource-name and src/lib/widget-placeholders.',
            },
          ],
        },
      ],
    },
  },
  {
    // The emulator core is framework-free.
    files: ['mocks/emulator/**/*.ts'],
    ignores: [
      'mocks/emulator/storage/file.ts',
      'mocks/emulator/storage/indexeddb.ts',
      'mocks/emulator/lake-engine/duckdb-wasm-node.ts',
      'mocks/**/*.test.ts',
      'mocks/**/*.bench.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['msw', 'msw/*', 'react', 'react-dom', 'node:*'], message: 'mocks/emulator/ is pure TypeScript.' },
            {
              regex: '/src/(?!lib/(?:cloudtrail-limits|resource-name|widget-placeholders)$)',
              message:
                'mocks/ may import only src/lib/cloudtrail-limits, src/lib/resource-name and src/lib/widget-placeholders.',
            },
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
    // The core (the files directly under mocks/emulator/, storage/ and model/) knows no resource:
    // resources declare themselves and only the composition root wires them in.
    files: ['mocks/emulator/*.ts', 'mocks/emulator/storage/storage.ts', 'mocks/emulator/storage/memory.ts'],
    ignores: ['mocks/emulator/create-emulator.ts', 'mocks/**/*.test.ts', 'mocks/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['msw', 'msw/*', 'react', 'react-dom', 'node:*'], message: 'mocks/emulator/ is pure TypeScript.' },
            { group: ['./resources/**', '../resources/**'], message: 'The core imports no resource (README.md).' },
            {
              regex: '/src/(?!lib/(?:cloudtrail-limits|resource-name|widget-placeholders)$)',
              message:
                'mocks/ may import only src/lib/cloudtrail-limits, src/lib/resource-name and src/lib/widget-placeholders.',
            },
          ],
        },
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
