import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
// With an extension, as Vite's config loader asks of local imports (`.js` resolves to the .ts file).
import { duckDbUdfPatch } from './mocks/emulator/lake-engine/vite-plugin.js';

/**
 * The console's .ts tests that call the test emulator: they need the console's setup file, which
 * starts it. Every other .ts test of the console is plain logic and runs in Node (`console-logic`).
 */
const CONSOLE_TS_TESTS_WITH_EMULATOR = [
  'src/api/principals.test.ts',
  'src/features/event-history/event-history-lake-query.test.ts',
];

/** Largest chunk of the console's build, minified, in kB (1,000 bytes), as Vite counts it. */
const CHUNK_SIZE_LIMIT_KB = 500;

/**
 * Fails the build when a chunk of the console is larger than `limitKb`: Rollup and Vite only warn
 * (chunkSizeWarningLimit), and a warning in a build log goes unread. The embedded emulator's worker
 * is built apart (`worker.plugins`) and is not checked: the Lake engine it loads is that large.
 */
function failOnLargeChunks(limitKb: number): Plugin {
  return {
    name: 'fail-on-large-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      const tooLarge = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk' && output.code.length / 1000 > limitKb
          ? [`${output.fileName} (${(output.code.length / 1000).toFixed(0)} kB)`]
          : [],
      );
      if (tooLarge.length > 0)
        this.error(
          `Chunks larger than ${String(limitKb)} kB: ${tooLarge.join(', ')}. Load the code a page does not need at ` +
            'once with a dynamic import(), or split the chunk.',
        );
    },
  };
}

export default defineConfig({
  plugins: [react(), duckDbUdfPatch(), failOnLargeChunks(CHUNK_SIZE_LIMIT_KB)],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // The Lake engine's browser bindings, missing from @duckdb/duckdb-wasm's exports map.
      '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs': fileURLToPath(
        new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
      ),
    },
  },
  // Served as is, so that duckDbUdfPatch transforms it (pre-bundled dependencies skip plugins).
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  // The manifest maps each chunk to its sources: scripts/first-screen-assets.ts reads it to tell the
  // console's chunks from the embedded emulator's.
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: CHUNK_SIZE_LIMIT_KB,
    manifest: true,
    rolldownOptions: {
      output: {
        // Rolldown puts every module two pages share into one common chunk, named after one of
        // them (once "csv", 1.29 MB, when every page was in the first load). The libraries every
        // page needs get chunks of their own, so the common chunk stays under the limit and they
        // stay cached when the console's code changes.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'react-router', test: /[\\/]node_modules[\\/]react-router[\\/]/ },
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  // The embedded emulator's worker is a module worker (mocks/embedded-emulator.worker.ts); the
  // Lake engine is loaded inside it, so the worker bundle needs the duckdb-wasm patch too.
  worker: { format: 'es', plugins: () => [duckDbUdfPatch()] },
  test: {
    // One test file per core: the default leaves a core idle, and on 2 cores the suite then takes
    // half as long again (measured: 268 s against 399 s).
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        test: {
          name: 'emulator',
          environment: 'node',
          include: ['mocks/**/*.test.ts'],
          setupFiles: ['mocks/test-setup.ts'],
          // The files of a worker share its modules: the test emulator (mocks/node.ts), seeded once,
          // and its open Lake engine, instead of every file paying for both again (about 3 s each).
          // Each file still starts from a reset world: the setup file resets it after a test that
          // used it, and before a file whose predecessor's afterAll did.
          isolate: false,
          // The first Lake query of a worker opens DuckDB and loads the seeded store: 3–5 s on an
          // idle machine, over 25 s measured on a busy one, in a test or a beforeAll.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          benchmark: { include: ['mocks/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'console',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx', ...CONSOLE_TS_TESTS_WITH_EMULATOR],
          setupFiles: ['src/testing/setup.ts'],
          // The files of a worker share its modules: Cloudscape, the console and the test emulator
          // are loaded once per worker instead of once per file. No test file mocks a module, and
          // each starts from a clean page and a reset emulator: the setup file cleans up after every test.
          isolate: false,
          testTimeout: 20_000,
          benchmark: { include: ['src/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          // The console's logic (SQL analysis, log validation, diffs…) needs neither a page nor the
          // emulator: in Node without the setup file, its 17 files take 5.6 s in all, where a jsdom
          // page and the setup cost each file some 2 s more.
          name: 'console-logic',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...CONSOLE_TS_TESTS_WITH_EMULATOR],
          isolate: false,
        },
      },
    ],
  },
});
