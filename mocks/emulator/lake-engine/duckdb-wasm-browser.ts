// The Lake engine in the browser, for the worker that runs the embedded emulator: the same
// duckdb-wasm blocking bindings as in Node (so the same answers), patched at build time by
// vite-plugin.ts. Everything heavy is imported dynamically, on the first Lake query: the
// bindings and apache-arrow (about 1.4 MB) and the wasm (34 MB, 7.6 MB gzipped) never weigh on
// the first screen or on the emulator's start.
import type { LakeEngine } from './engine';
import { openDuckDbWasm } from './duckdb-wasm-engine';

/** Opens an in-memory DuckDB (duckdb-wasm, exception-handling build) for the Lake layer. */
export async function openDuckDbWasmBrowser(): Promise<LakeEngine> {
  const [duckdb, arrow, wasm] = await Promise.all([
    // Not in the package's exports map: vite.config.ts aliases this path to the file.
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs'),
    import('apache-arrow'),
    import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
  ]);
  // Only the exception-handling build is shipped; every browser the console supports has it.
  if (!(await duckdb.getPlatformFeatures()).wasmExceptions)
    throw new Error('Lake queries need a browser with WebAssembly exception handling.');
  const bundle = { mainModule: wasm.default, mainWorker: '' };
  return openDuckDbWasm(duckdb, duckdb.BROWSER_RUNTIME, { mvp: bundle, eh: bundle }, arrow, 'duckdb-wasm');
}
