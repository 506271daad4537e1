// The Lake SQL engine as the emulator sees it: one in-memory DuckDB database behind a small
// adapter, so the Lake layer (resources/queries/lake/) never imports an engine. Every method is
// asynchronous so that an engine with an asynchronous API can stand behind it; the duckdb-wasm
// adapters answer synchronously inside the promise.

/** A column handed to the engine in bulk: its values, one per row. */
export type LakeColumn =
  | { readonly name: string; readonly type: 'varchar'; readonly values: readonly (string | null)[] }
  | { readonly name: string; readonly type: 'double'; readonly values: readonly (number | null)[] }
  | { readonly name: string; readonly type: 'boolean'; readonly values: readonly (boolean | null)[] }
  | {
      readonly name: string;
      readonly type: 'varchar[]';
      readonly values: readonly (readonly (string | null)[] | null)[];
    };

/** Rows of a query whose columns are all VARCHAR. */
export interface LakeEngineResult {
  readonly columns: string[];
  readonly rows: (string | null)[][];
}

/** A scalar function over strings: NULL in, NULL out is up to the function. */
export type StringUdf = (...args: (string | null)[]) => string | null;

export interface LakeEngine {
  /** Which engine, e.g. `duckdb-wasm`. */
  readonly name: string;
  /** The DuckDB version, e.g. `v1.4.3`. */
  readonly version: string;
  /** Runs statements that return nothing of interest (DDL, SET, INSERT, DELETE). */
  exec(sql: string): Promise<void>;
  /**
   * Runs a query. Callers cast every column to VARCHAR in SQL, so that no engine's own value
   * types (BigInt, epoch numbers, Arrow vectors) reach JavaScript and every engine returns the
   * same text; a value of another type comes back as JavaScript's text of it.
   */
  query(sql: string): Promise<LakeEngineResult>;
  /**
   * Registers `fn` as the scalar SQL function `name` with `argCount` VARCHAR arguments and a
   * VARCHAR result. Call it with VARCHAR arguments only (cast in SQL): duckdb-wasm rejects an
   * untyped NULL argument. An exception thrown by `fn` fails the query with its message.
   */
  registerStringUdf(name: string, argCount: number, fn: StringUdf): Promise<void>;
  /** Creates `table` (which must not exist) holding these columns, all of the same length. */
  createTableFromColumns(table: string, columns: readonly LakeColumn[]): Promise<void>;
  /** Frees the database; the engine cannot be used afterwards. */
  close(): Promise<void>;
}
