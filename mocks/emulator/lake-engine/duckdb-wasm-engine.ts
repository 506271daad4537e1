// The LakeEngine over duckdb-wasm's blocking bindings, shared by the Node and browser adapters:
// they differ only in how the bundle is loaded. Blocking bindings, not the async worker API,
// because only they can register JavaScript scalar UDFs (the Trino JSON functions need them).
import type * as Arrow from 'apache-arrow';
import type {
  DuckDBBindings,
  DuckDBBundles,
  DuckDBConnection,
  DuckDBRuntime,
  Logger,
} from '@duckdb/duckdb-wasm/blocking';
import type { LakeColumn, LakeEngine, LakeEngineResult, StringUdf } from './engine';

/** What an adapter takes from its duckdb-wasm bundle. */
export interface DuckDbWasmModule {
  createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
  VoidLogger: new () => Logger;
}

type ArrowModule = typeof Arrow;

/**
 * The bindings number UDFs from 1 per database, but the runtime that dispatches UDF calls keeps
 * one map by number for the whole JavaScript realm: a second database would overwrite the
 * first one's functions. Numbers are therefore handed out from that shared map.
 */
interface UdfNumbering {
  _nextUDFId: number;
}

function sqlError(error: unknown): Error {
  // duckdb-wasm throws Error(DuckDB's message); keep the message and drop the rest.
  return new Error(error instanceof Error ? error.message : String(error));
}

/** Opens an in-memory database on the blocking bindings of `duckdb`. */
export async function openDuckDbWasm(
  duckdb: DuckDbWasmModule,
  runtime: DuckDBRuntime,
  bundles: DuckDBBundles,
  arrow: ArrowModule,
  name: string,
): Promise<LakeEngine> {
  const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), runtime);
  await bindings.instantiate(() => undefined);
  bindings.open({ path: ':memory:' });
  const connection = bindings.connect();
  const engine = new DuckDbWasmEngine(name, bindings, connection, runtime, arrow);
  // Set before anything else runs: with autoload on, a json or icu function would try to fetch
  // the extension, and offline that call never returns.
  await engine.exec('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
  return engine;
}

class DuckDbWasmEngine implements LakeEngine {
  readonly version: string;
  private readonly udfIds: number[] = [];
  private closed = false;

  constructor(
    readonly name: string,
    private readonly bindings: DuckDBBindings,
    private readonly connection: DuckDBConnection,
    private readonly runtime: DuckDBRuntime,
    private readonly arrow: ArrowModule,
  ) {
    this.version = bindings.getVersion();
  }

  private open(): DuckDBConnection {
    if (this.closed) throw new Error('The Lake engine is closed.');
    return this.connection;
  }

  exec(sql: string): Promise<void> {
    try {
      this.open().query(sql);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(sqlError(error));
    }
  }

  query(sql: string): Promise<LakeEngineResult> {
    let table: Arrow.Table;
    try {
      table = this.open().query(sql);
    } catch (error) {
      return Promise.reject(sqlError(error));
    }
    const columns = table.schema.fields.map((field) => field.name);
    const rows: (string | null)[][] = Array.from(
      { length: table.numRows },
      () => new Array<string | null>(columns.length),
    );
    columns.forEach((_, index) => {
      const vector = table.getChildAt(index);
      if (!vector) return;
      let row = 0;
      for (const value of vector) {
        const cells = rows[row++];
        if (cells) cells[index] = value === null || value === undefined ? null : textOf(value);
      }
    });
    return Promise.resolve({ columns, rows });
  }

  // duckdb-wasm's UDFs take any number of arguments of any type, so the count is not needed.
  registerStringUdf(name: string, _argCount: number, fn: StringUdf): Promise<void> {
    try {
      const udfs = this.runtime._udfFunctions as Map<number, unknown> | undefined;
      const id = Math.max(0, ...(udfs?.keys() ?? [])) + 1;
      (this.bindings as unknown as UdfNumbering)._nextUDFId = id;
      this.open().createScalarFunction(name, new this.arrow.Utf8(), (...args: unknown[]) => {
        try {
          return fn(...args.map((arg) => (arg === null || arg === undefined ? null : textOf(arg))));
        } catch (error) {
          // The glue reports `String(thrown)`: throw the bare message, not "Error: message".
          throw new UdfFailure(error instanceof Error ? error.message : String(error));
        }
      });
      this.udfIds.push(id);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(sqlError(error));
    }
  }

  createTableFromColumns(table: string, columns: readonly LakeColumn[]): Promise<void> {
    try {
      const connection = this.open();
      const vectors: Record<string, Arrow.Vector> = {};
      for (const column of columns) vectors[column.name] = this.arrow.makeVector(arrowData(this.arrow, column));
      const ipc = this.arrow.tableToIPC(new this.arrow.Table(vectors), 'stream');
      connection.insertArrowFromIPCStream(ipc, { name: table, create: true });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(sqlError(error));
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const udfs = this.runtime._udfFunctions as Map<number, unknown> | undefined;
    for (const id of this.udfIds) udfs?.delete(id);
    try {
      this.connection.close();
      this.bindings.reset();
    } catch {
      // Closing frees memory only; a failure here leaves nothing to clean up.
    }
    return Promise.resolve();
  }
}

/** An error whose text is its message alone, without the "Error: " of Error's own toString. */
class UdfFailure extends Error {
  override toString(): string {
    return this.message;
  }
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner));
}

const encoder = new TextEncoder();

/** Arrow strings of `values`: UTF-8 bytes back to back, offsets and a validity bitmap. */
function utf8Data(arrow: ArrowModule, values: readonly (string | null)[]): Arrow.Data<Arrow.Utf8> {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  const validity = new Uint8Array((length + 7) >> 3);
  let capacity = 1024;
  for (const value of values) capacity += value === null ? 0 : value.length + (value.length >> 3);
  let bytes = new Uint8Array(capacity);
  let used = 0;
  let nullCount = 0;
  for (let index = 0; index < length; index++) {
    const value = values[index] ?? null;
    if (value === null) nullCount++;
    else {
      validity[index >> 3] = (validity[index >> 3] ?? 0) | (1 << (index & 7));
      // Encode in place; on the rare non-ASCII overflow, grow and encode again.
      for (;;) {
        const { read, written } = encoder.encodeInto(value, bytes.subarray(used));
        if (read === value.length) {
          used += written;
          break;
        }
        const grown = new Uint8Array(Math.max(bytes.length * 2, used + value.length * 3));
        grown.set(bytes.subarray(0, used));
        bytes = grown;
      }
    }
    offsets[index + 1] = used;
  }
  return arrow.makeData({
    type: new arrow.Utf8(),
    length,
    nullCount,
    nullBitmap: nullCount > 0 ? validity : null,
    valueOffsets: offsets,
    data: bytes.subarray(0, used),
  });
}

function validityOf(values: readonly unknown[]): { bitmap: Uint8Array | null; nullCount: number } {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((value, index) => {
    if (value === null || value === undefined) nullCount++;
    else bitmap[index >> 3] = (bitmap[index >> 3] ?? 0) | (1 << (index & 7));
  });
  return { bitmap: nullCount > 0 ? bitmap : null, nullCount };
}

function arrowData(arrow: ArrowModule, column: LakeColumn): Arrow.Data {
  switch (column.type) {
    case 'varchar':
      return utf8Data(arrow, column.values);
    case 'double': {
      const { bitmap, nullCount } = validityOf(column.values);
      const data = Float64Array.from(column.values, (value) => value ?? 0);
      return arrow.makeData({ type: new arrow.Float64(), length: data.length, nullCount, nullBitmap: bitmap, data });
    }
    case 'boolean': {
      const { bitmap, nullCount } = validityOf(column.values);
      const data = new Uint8Array((column.values.length + 7) >> 3);
      column.values.forEach((value, index) => {
        if (value === true) data[index >> 3] = (data[index >> 3] ?? 0) | (1 << (index & 7));
      });
      return arrow.makeData({
        type: new arrow.Bool(),
        length: column.values.length,
        nullCount,
        nullBitmap: bitmap,
        data,
      });
    }
    case 'varchar[]': {
      const { bitmap, nullCount } = validityOf(column.values);
      const offsets = new Int32Array(column.values.length + 1);
      const items: (string | null)[] = [];
      column.values.forEach((list, index) => {
        if (list) for (const item of list) items.push(item);
        offsets[index + 1] = items.length;
      });
      const child = utf8Data(arrow, items);
      return arrow.makeData({
        type: new arrow.List(new arrow.Field('item', new arrow.Utf8(), true)),
        length: column.values.length,
        nullCount,
        nullBitmap: bitmap,
        valueOffsets: offsets,
        child,
      });
    }
  }
}
