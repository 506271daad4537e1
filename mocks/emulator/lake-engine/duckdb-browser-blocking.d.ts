// Types of duckdb-wasm's browser blocking bundle, which its package ships without an entry in
// the exports map (vite.config.ts aliases the path). The package's Node blocking types describe
// the same bindings.
declare module '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs' {
  import type {
    DuckDBBindings,
    DuckDBBundles,
    DuckDBRuntime,
    Logger,
    PlatformFeatures,
  } from '@duckdb/duckdb-wasm/blocking';

  export const BROWSER_RUNTIME: DuckDBRuntime;
  export class VoidLogger implements Logger {
    log(): void;
  }
  export function createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
  export function getPlatformFeatures(): Promise<PlatformFeatures>;
}
