// Applies the VARCHAR UDF fix (udf-patch.ts) to duckdb-wasm's browser blocking bundle when Vite
// serves or builds it. Register it for the app and for worker bundles (Vite's `worker.plugins`):
// the bundle is only ever imported from the embedded emulator's worker.
import type { Plugin } from 'vite';
// `.js`: vite.config.ts loads this file, and Vite's config loader wants extensions on local imports.
import { patchDuckDbUdfGlue } from './udf-patch.js';

const BUNDLE = /[\\/]@duckdb[\\/]duckdb-wasm[\\/]dist[\\/]duckdb-browser-blocking\.mjs(?:\?.*)?$/;

export function duckDbUdfPatch(): Plugin {
  return {
    name: 'lake-duckdb-wasm-udf-patch',
    enforce: 'pre',
    transform(code, id) {
      if (!BUNDLE.test(id)) return null;
      return { code: patchDuckDbUdfGlue(code), map: null };
    },
    // The Emscripten glue in that bundle calls eval; nothing we can change, so not worth a warning.
    onLog(_level, log) {
      if (log.code === 'EVAL' && log.id !== undefined && BUNDLE.test(log.id)) return false;
      return undefined;
    },
  };
}
