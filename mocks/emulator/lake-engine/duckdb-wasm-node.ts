// The Lake engine in Node (`npm run emulator`, Vitest): the same duckdb-wasm blocking bindings
// as the browser, so both give identical answers by construction. The CommonJS bundle is read,
// patched for the VARCHAR UDF bug (udf-patch.ts) and compiled here instead of being required,
// once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { compileFunction } from 'node:vm';
import type * as Arrow from 'apache-arrow';
import type { DuckDBRuntime } from '@duckdb/duckdb-wasm/blocking';
import type { LakeEngine } from './engine';
import { openDuckDbWasm, type DuckDbWasmModule } from './duckdb-wasm-engine';
import { patchDuckDbUdfGlue } from './udf-patch';

const nodeRequire = createRequire(import.meta.url);

/** Where the bundle and its wasm files are. */
export const DUCKDB_NODE_BUNDLE = nodeRequire.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const EH_WASM = nodeRequire.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
const MVP_WASM = nodeRequire.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm');

interface NodeBundle extends DuckDbWasmModule {
  NODE_RUNTIME: DuckDBRuntime;
  arrow: typeof Arrow;
}

let loaded: NodeBundle | undefined;

function loadBundle(): NodeBundle {
  if (loaded) return loaded;
  const code = patchDuckDbUdfGlue(readFileSync(DUCKDB_NODE_BUNDLE, 'utf8'));
  // The CommonJS wrapper's parameters, as Node's own loader passes them.
  const run = compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], {
    filename: DUCKDB_NODE_BUNDLE,
  }) as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const bundleRequire = createRequire(DUCKDB_NODE_BUNDLE);
  const bundleModule = { exports: {} as Record<string, unknown> };
  run(bundleModule.exports, bundleRequire, bundleModule, DUCKDB_NODE_BUNDLE, dirname(DUCKDB_NODE_BUNDLE));
  // The bundle's own apache-arrow instance: tables it is given must come from the same one.
  const arrow = bundleRequire('apache-arrow') as typeof Arrow;
  loaded = { ...(bundleModule.exports as unknown as Omit<NodeBundle, 'arrow'>), arrow };
  return loaded;
}

/** Opens an in-memory DuckDB (duckdb-wasm, exception-handling build) for the Lake layer. */
export function openDuckDbWasmNode(): Promise<LakeEngine> {
  const bundle = loadBundle();
  return openDuckDbWasm(
    bundle,
    bundle.NODE_RUNTIME,
    { mvp: { mainModule: MVP_WASM, mainWorker: '' }, eh: { mainModule: EH_WASM, mainWorker: '' } },
    bundle.arrow,
    'duckdb-wasm',
  );
}
