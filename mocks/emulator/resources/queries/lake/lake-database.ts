// The Lake database: one table per event data store on a LakeEngine, loaded from serialized
// records, queried with the translator's DuckDB SQL and answered as §10.3 text. Engine-neutral:
// everything here is SQL over the LakeEngine interface.
import type { LakeEngine } from '../../../lake-engine/engine';
import { formatColumnSql } from './result-format';
import {
  createTableSql,
  executeAppendSql,
  insertFromStagingSql,
  prepareAppendSql,
  quoteIdentifier,
  stagingColumns,
  type Checksum,
  type StoreKind,
} from './schema';
import { registerTrinoFunctions } from './trino-functions';

/** A query's result: column names (the final result keys) and rows of text, NULL as "". */
export interface LakeRows {
  readonly columns: string[];
  readonly rows: string[][];
}

// Extensions are never fetched (offline, an autoload never returns), and 5/2 is 2 as in Trino.
const SETTINGS = [
  'SET autoinstall_known_extensions=false',
  'SET autoload_known_extensions=false',
  'SET integer_division=true',
];

/** Records per staging batch: bounds the Arrow buffer and the wasm heap a load needs at once. */
const BATCH = 10_000;

/**
 * Up to this many records, an append writes them into a prepared INSERT (schema.ts
 * prepareAppendSql): about 9 ms for 3 records, against 15 unprepared and 25 through a staging
 * table, but each record adds about 0.6 ms (duckdb-wasm in Node).
 */
const LITERAL_BATCH = 16;

/**
 * DuckDB appends where in the SQL it failed ("LINE 1: …" and a caret); that SQL is the
 * translator's and this layer's, never the user's, so only the message itself is kept.
 */
function engineError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(/\n+LINE \d+:[\s\S]*$/, '').trimEnd());
}

async function attempt<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw engineError(error);
  }
}

export interface LakeDatabaseOptions {
  /**
   * base64(SHA-256) for eventjsonchecksum, byte for byte what hash.ts's sha256Base64 returns
   * (the default); an entry point may lend a faster native one.
   */
  readonly sha256Base64?: Checksum;
}

/** Statements whose DESCRIBE is remembered (see `described`). */
const DESCRIBED_STATEMENTS = 64;

export class LakeDatabase {
  private stagingTables = 0;
  private preparedStatements = 0;
  /** Each table's prepared append (see appendStatement), by table name. */
  private readonly appendStatements = new Map<string, string>();
  /**
   * DESCRIBE of recent statements: column names and DuckDB types. A statement's types depend only
   * on its text and on the tables' schemas, which a store's kind fixes; tables are created and
   * dropped only here, and each time the map is emptied. A repeated statement (a dashboard's
   * refresh, a query run again) then costs one engine call less.
   */
  private readonly descriptions = new Map<string, { columns: string[]; types: string[] }>();

  private constructor(
    readonly engine: LakeEngine,
    private readonly checksum: Checksum | undefined,
  ) {}

  /** Prepares an engine: settings, then the Trino functions (trino-functions.ts). */
  static async open(engine: LakeEngine, options: LakeDatabaseOptions = {}): Promise<LakeDatabase> {
    await engine.exec(SETTINGS.join('; '));
    await registerTrinoFunctions(engine);
    return new LakeDatabase(engine, options.sha256Base64);
  }

  /** Creates the empty table of a store of this kind (§11). */
  async createTable(table: string, kind: StoreKind): Promise<void> {
    this.descriptions.clear();
    await this.forgetAppendStatement(table);
    return attempt(() => this.engine.exec(createTableSql(table, kind)));
  }

  /** The prepared append of a table (schema.ts prepareAppendSql), prepared on its first use. */
  private async appendStatement(table: string, kind: StoreKind): Promise<string> {
    let statement = this.appendStatements.get(table);
    if (statement === undefined) {
      statement = `lake_append_${String(++this.preparedStatements)}__`;
      await this.engine.exec(prepareAppendSql(statement, table, kind));
      this.appendStatements.set(table, statement);
    }
    return statement;
  }

  /** Drops a table's prepared append: it names the table, which is about to go or be made anew. */
  private async forgetAppendStatement(table: string): Promise<void> {
    const statement = this.appendStatements.get(table);
    if (statement === undefined) return;
    this.appendStatements.delete(table);
    await this.engine.exec(`DEALLOCATE ${statement}`).catch(() => undefined);
  }

  /** Appends serialized records (§5) to a store's table, all or none. */
  async appendRecords(table: string, kind: StoreKind, jsons: readonly string[]): Promise<void> {
    if (jsons.length === 0) return;
    await attempt(async () => {
      // A handful of records (the calls the last query made) cost less written into one INSERT,
      // prepared once per table.
      if (jsons.length <= LITERAL_BATCH) {
        const statement = await this.appendStatement(table, kind);
        const execute = executeAppendSql(statement, kind, jsons, this.checksum);
        if (execute !== undefined) return this.engine.exec(execute);
      }
      // One INSERT is atomic on its own; several batches need a transaction to be all or none.
      const transaction = jsons.length > BATCH;
      if (transaction) await this.engine.exec('BEGIN TRANSACTION');
      try {
        for (let start = 0; start < jsons.length; start += BATCH) {
          const staging = `lake_staging_${String(++this.stagingTables)}__`;
          const drop = `DROP TABLE IF EXISTS ${quoteIdentifier(staging)}`;
          try {
            await this.engine.createTableFromColumns(
              staging,
              stagingColumns(kind, jsons.slice(start, start + BATCH), this.checksum),
            );
            await this.engine.exec(insertFromStagingSql(table, kind, staging));
          } catch (error) {
            // In a transaction, ROLLBACK removes the staging table.
            if (!transaction) await this.engine.exec(drop).catch(() => undefined);
            throw error;
          }
          await this.engine.exec(drop);
        }
        if (transaction) await this.engine.exec('COMMIT');
      } catch (error) {
        if (transaction) await this.engine.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Creates a store's table and loads serialized records (§5) into it, committing batch by batch:
   * within one transaction duckdb-wasm holds what it appends until COMMIT (some 7.5 MB per 1000
   * records), so a big store would run out of memory. The records are read as the load goes, so a
   * generator need not hold them all. A failed load drops the table: none is left half loaded.
   */
  async loadTable(table: string, kind: StoreKind, jsons: Iterable<string>): Promise<void> {
    await this.createTable(table, kind);
    try {
      let batch: string[] = [];
      for (const json of jsons) {
        batch.push(json);
        if (batch.length < BATCH) continue;
        await this.appendRecords(table, kind, batch);
        batch = [];
      }
      await this.appendRecords(table, kind, batch);
    } catch (error) {
      await this.dropTable(table).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Copies a table's rows into a new table `copy`, each numbered by its place in the table. Only
   * for a table that was loaded and never had a row deleted: its rowids are then the order its
   * rows were appended in, which `restoreRows` puts back.
   */
  copyRows(table: string, copy: string): Promise<void> {
    return attempt(() =>
      this.engine.exec(
        `CREATE TABLE ${quoteIdentifier(copy)} AS SELECT rowid AS lake_place__, * FROM ${quoteIdentifier(table)}`,
      ),
    );
  }

  /**
   * Creates a store's table holding the first `count` rows of a `copyRows` copy, in their order:
   * the table loading their records again would make, without serializing them again. A failed
   * restore drops the table.
   */
  async restoreRows(table: string, kind: StoreKind, copy: string, count: number): Promise<void> {
    await this.createTable(table, kind);
    try {
      await attempt(() =>
        this.engine.exec(
          `INSERT INTO ${quoteIdentifier(table)} SELECT * EXCLUDE (lake_place__) FROM ${quoteIdentifier(copy)} ` +
            `WHERE lake_place__ < ${String(Math.trunc(count))} ORDER BY lake_place__`,
        ),
      );
    } catch (error) {
      await this.dropTable(table).catch(() => undefined);
      throw error;
    }
  }

  /** Deletes the records whose eventTime is before `epochMs` (retention). */
  deleteBefore(table: string, epochMs: number): Promise<void> {
    const micros = `${String(Math.trunc(epochMs))}::BIGINT * 1000`;
    return attempt(() =>
      this.engine.exec(`DELETE FROM ${quoteIdentifier(table)} WHERE eventtime < make_timestamp(${micros})`),
    );
  }

  /** Creates or replaces a view of a table's records up to eventTime `epochMs` (a past snapshot). */
  createSnapshotView(view: string, table: string, epochMs: number): Promise<void> {
    const micros = `${String(Math.trunc(epochMs))}::BIGINT * 1000`;
    return attempt(() =>
      this.engine.exec(
        `CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(view)} AS SELECT * FROM ${quoteIdentifier(table)} WHERE eventtime <= make_timestamp(${micros})`,
      ),
    );
  }

  /** Drops a store's table, if it exists. */
  async dropTable(table: string): Promise<void> {
    this.descriptions.clear();
    await this.forgetAppendStatement(table);
    return attempt(() => this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`));
  }

  /** Column names and DuckDB types of a statement's result (DESCRIBE), remembered per text. */
  private async described(statement: string): Promise<{ columns: string[]; types: string[] }> {
    const known = this.descriptions.get(statement);
    if (known) return known;
    const described = await this.engine.query(`DESCRIBE ${statement}`);
    const description = {
      columns: described.rows.map(([name]) => name ?? ''),
      types: described.rows.map(([, type]) => type ?? 'VARCHAR'),
    };
    if (this.descriptions.size >= DESCRIBED_STATEMENTS) {
      const oldest = this.descriptions.keys().next();
      if (!oldest.done) this.descriptions.delete(oldest.value);
    }
    this.descriptions.set(statement, description);
    return description;
  }

  /** The statement wrapped so that every column comes back as its text; and its column names. */
  private async formatted(sql: string): Promise<{ columns: string[]; sql: string }> {
    const statement = sql.trim().replace(/;\s*$/, '');
    const { columns, types } = await this.described(statement);
    const names = columns.map((_, index) => `c${String(index)}`);
    const select = names.map((name, index) => `${formatColumnSql(name, types[index] ?? 'VARCHAR')} AS ${name}`);
    // The newline ends any line comment the statement finishes with.
    // A copy: callers own the names they are given, and the remembered ones must not change.
    return {
      columns: [...columns],
      sql: `SELECT ${select.join(', ')} FROM (${statement}\n) AS lake_q__(${names.join(', ')})`,
    };
  }

  /**
   * Runs a SELECT (the translator's DuckDB SQL, whose column names are the result keys) and
   * returns every value as §10.3 text, in the statement's row order; a NULL is "".
   */
  run(sql: string): Promise<LakeRows> {
    return attempt(async () => {
      const { columns, sql: wrapped } = await this.formatted(sql);
      const result = await this.engine.query(wrapped);
      return { columns, rows: result.rows.map((row) => row.map((value) => value ?? '')) };
    });
  }

  /** The first column of the first row as §10.3 text; null for NULL or no row. */
  scalar(sql: string): Promise<string | null> {
    return attempt(async () => {
      const { sql: wrapped } = await this.formatted(sql);
      const result = await this.engine.query(`${wrapped} LIMIT 1`);
      return result.rows[0]?.[0] ?? null;
    });
  }

  /**
   * The first column of the first row of a query whose value is a number (a count, epoch
   * milliseconds), as a JavaScript number; null for NULL or no row. Cheaper than `scalar`: no
   * DESCRIBE, since a number's text needs no formatting to be read back.
   */
  number(sql: string): Promise<number | null> {
    return attempt(async () => {
      const statement = sql.trim().replace(/;\s*$/, '');
      const result = await this.engine.query(
        `SELECT CAST(lake_n__ AS VARCHAR) FROM (${statement}\n) AS lake_q__(lake_n__) LIMIT 1`,
      );
      const text = result.rows[0]?.[0];
      return text === null || text === undefined ? null : Number(text);
    });
  }

  /** Closes the engine. */
  close(): Promise<void> {
    return this.engine.close();
  }
}
