// The Lake engine on native DuckDB through @duckdb/node-api (a dev dependency): for comparing the
// duckdb-wasm engine with native DuckDB, and for large local datasets. It is DuckDB 1.5.6 while
// duckdb-wasm is 1.4.3, so answers may differ where the versions do (e.g. 1.5.6 reads
// `INTERVAL '7'` as 7 seconds, 1.4.3 rejects it); duckdb-node-api.test.ts compares the two.
import {
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBScalarFunction,
  DuckDBTypeId,
  DuckDBVector,
  LIST,
  listValue,
  VARCHAR,
  version,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import type { LakeColumn, LakeEngine, LakeEngineResult, StringUdf } from './engine';

/**
 * As on duckdb-wasm: extensions are never installed or autoloaded (offline, an autoload never
 * returns). json, icu and parquet are linked into this build and cannot be unloaded; the Lake
 * layer never calls them.
 */
const SETTINGS: Record<string, string> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
};
/** With icu loaded, TIMESTAMPTZ follows TimeZone: UTC, the only zone duckdb-wasm (no icu) knows. */
const TIME_ZONE = "SET TimeZone='UTC'";

function sqlError(error: unknown): Error {
  return new Error(error instanceof Error ? error.message : String(error));
}

/** Opens an in-memory native DuckDB for the Lake layer. */
export async function openDuckDbNodeApi(): Promise<LakeEngine> {
  const instance = await DuckDBInstance.create(':memory:', SETTINGS);
  try {
    const connection = await instance.connect();
    await connection.run(TIME_ZONE);
    return new DuckDbNodeApiEngine(instance, connection);
  } catch (error) {
    instance.closeSync();
    throw sqlError(error);
  }
}

const COLUMN_TYPES: Record<LakeColumn['type'], DuckDBType> = {
  varchar: VARCHAR,
  double: DOUBLE,
  boolean: BOOLEAN,
  'varchar[]': LIST(VARCHAR),
};

class DuckDbNodeApiEngine implements LakeEngine {
  readonly name = 'duckdb-node-api';
  readonly version = version();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  private open(): DuckDBConnection {
    if (this.closed) throw new Error('The Lake engine is closed.');
    return this.connection;
  }

  async exec(sql: string): Promise<void> {
    try {
      // Without parameters, run() hands the whole text to DuckDB, which runs every statement.
      await this.open().run(sql);
    } catch (error) {
      throw sqlError(error);
    }
  }

  async query(sql: string): Promise<LakeEngineResult> {
    try {
      const result = await this.open().run(sql);
      const columns = result.columnNames();
      const varchar = result.columnTypes().map((type) => type.typeId === DuckDBTypeId.VARCHAR);
      const rows: (string | null)[][] = [];
      for (let index = 0; index < result.chunkCount; index++) {
        const chunk = result.getChunk(index);
        const vectors = columns.map((_, column) => chunk.getColumnVector(column));
        for (let row = 0; row < chunk.rowCount; row++)
          rows.push(vectors.map((vector, column) => cellText(vector, row, varchar[column] === true)));
      }
      return { columns, rows };
    } catch (error) {
      throw sqlError(error);
    }
  }

  // NULL arguments reach `fn` (special handling), as they do on duckdb-wasm.
  registerStringUdf(name: string, argCount: number, fn: StringUdf): Promise<void> {
    try {
      this.open().registerScalarFunction(
        DuckDBScalarFunction.create({
          name,
          returnType: VARCHAR,
          parameterTypes: Array.from({ length: argCount }, () => VARCHAR),
          specialHandling: true,
          mainFunction: (info, input, output) => {
            const vectors = Array.from({ length: argCount }, (_, column) => input.getColumnVector(column));
            try {
              for (let row = 0; row < input.rowCount; row++)
                output.setItem(row, fn(...vectors.map((vector) => vector.getItem(row) as string | null)));
              output.flush();
            } catch (error) {
              // DuckDB fails the query with "Invalid Input Error: " and this message.
              info.setError(error instanceof Error ? error.message : String(error));
            }
          },
        }),
      );
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(sqlError(error));
    }
  }

  async createTableFromColumns(table: string, columns: readonly LakeColumn[]): Promise<void> {
    const connection = this.open();
    const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const definitions = columns.map((column) => `${quoted(column.name)} ${COLUMN_TYPES[column.type].toString()}`);
    try {
      await connection.run(`CREATE TABLE ${quoted(table)} (${definitions.join(', ')})`);
      const appender = await connection.createAppender(table);
      try {
        appendColumns(appender, columns);
      } finally {
        // Flushes what was appended; the caller's transaction decides whether it stays.
        appender.closeSync();
      }
    } catch (error) {
      throw sqlError(error);
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    try {
      this.connection.closeSync();
      this.instance.closeSync();
    } catch {
      // Closing frees memory only; a failure here leaves nothing to clean up.
    }
    return Promise.resolve();
  }
}

/**
 * A cell as text. A value of another type than VARCHAR: JavaScript's text of numbers and booleans,
 * DuckDB's of the rest (its value classes write themselves as DuckDB does).
 */
function cellText(vector: DuckDBVector, row: number, varchar: boolean): string | null {
  const value = vector.getItem(row);
  if (value === null) return null;
  return varchar ? (value as string) : String(value);
}

/** Appends the columns in data chunks of DuckDB's vector size: one native call per value. */
function appendColumns(appender: DuckDBAppender, columns: readonly LakeColumn[]): void {
  const length = columns[0]?.values.length ?? 0;
  const types = columns.map((column) => COLUMN_TYPES[column.type]);
  const size = DuckDBVector.standardSize();
  for (let start = 0; start < length; start += size) {
    const count = Math.min(size, length - start);
    const chunk = DuckDBDataChunk.create(types, count);
    columns.forEach((column, index) => {
      const vector = chunk.getColumnVector(index);
      if (column.type === 'varchar[]')
        for (let row = 0; row < count; row++) {
          const list = column.values[start + row];
          vector.setItem(row, list ? listValue(list) : null);
        }
      else for (let row = 0; row < count; row++) vector.setItem(row, column.values[start + row] ?? null);
      vector.flush();
    });
    appender.appendDataChunk(chunk);
  }
}
