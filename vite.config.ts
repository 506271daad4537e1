import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// With an extension, as Vite's config loader asks of local imports (`.js` resolves to the .ts file).
import { duckDbUdfPatch } from './mocks/emulator/lake-engine/vite-plugin.js';

export default defineConfig({
  plugins: [react(), duckDbUdfPatch()],
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
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
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
          // The first Lake query of a file opens DuckDB (1–3 s, more on a busy machine).
          testTimeout: 30_000,
          benchmark: { include: ['mocks/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'console',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/testing/setup.ts'],
          testTimeout: 20_000,
          benchmark: { include: ['src/**/*.bench.ts'] },
        },
      },
    ],
  },
});
