// Translating Lake SQL to DuckDB SQL (SEMANTICS.md §10.1-§10.3, §10.5): store resolution, result
// keys, default order, functions, the clock, eventTime bounds and EventsMatched per branch.
import { describe, expect, test } from 'vitest';
import {
  EventDataStoreARNInvalidException,
  EventDataStoreNotFoundException,
  InactiveEventDataStoreException,
  InvalidQueryStatementException,
} from '../../../errors';
import { translateLakeQuery, type StoreKind, type TranslatedQuery } from './translate';

const STORE = '0b1d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const OTHER = '5b0d3c7e-9f21-4a86-b4d2-7e1c0a9f6d38';
const ACTIVITY = '7c2e4f10-1a2b-4c3d-8e9f-a0b1c2d3e4f5';
const PENDING = '9d8c7b6a-5f4e-4d3c-9b2a-1f0e9d8c7b6a';
const ARN = `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${STORE}`;
const NOW = Date.UTC(2025, 4, 14, 9, 26, 41, 123);
const CLOCK = "TIMESTAMP '2025-05-14 09:26:41.123'";

const TABLES: Record<string, { table: string; kind: StoreKind }> = {
  [STORE]: { table: 'eds_store', kind: 'cloudtrail' },
  [OTHER]: { table: 'eds_other', kind: 'cloudtrail' },
  [ACTIVITY]: { table: 'eds_activity', kind: 'activity' },
};

/** A stand-in for the store resolution of StartQuery, with the model's errors. */
function resolveStore(reference: string): { table: string; kind: StoreKind } {
  const id = reference.startsWith('arn:') ? reference.slice(reference.lastIndexOf('/') + 1) : reference;
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new EventDataStoreARNInvalidException(`Invalid ARN or ID: ${reference}`);
  if (id === PENDING) throw new InactiveEventDataStoreException(`The event data store ${id} is pending deletion.`);
  const store = TABLES[id];
  if (!store) throw new EventDataStoreNotFoundException(`The event data store ${id} was not found.`);
  return store;
}

function translate(statement: string): TranslatedQuery {
  return translateLakeQuery(statement, { resolveStore, now: NOW });
}

/** The SQL of a statement that must translate without a failure. */
function sql(statement: string): string {
  const translated = translate(statement);
  expect(translated.failure).toBeUndefined();
  return translated.sql;
}

function failure(statement: string): string | undefined {
  return translate(statement).failure;
}

describe('store references', () => {
  test('an unquoted ID, a quoted ID and an ARN, quoted or not, name the same table', () => {
    for (const reference of [STORE, `"${STORE}"`, ARN, `"${ARN}"`])
      expect(sql(`SELECT eventName FROM ${reference}`)).toContain(`FROM "eds_store" AS `);
  });

  test('keeps the alias, and names an unaliased store by its reference', () => {
    expect(sql(`SELECT e.eventName FROM ${STORE} AS e`)).toContain(`FROM "eds_store" AS "e"`);
    expect(sql(`SELECT e.eventName FROM ${STORE} e`)).toContain(`FROM "eds_store" AS "e"`);
    // Trino qualifies columns by the table name; here the name is the reference as written.
    expect(sql(`SELECT "${STORE}".eventName FROM ${STORE}`)).toContain(
      `SELECT "${STORE}"."eventName" AS "eventName" FROM "eds_store" AS "${STORE}"`,
    );
  });

  test("passes the resolver's errors through", () => {
    expect(() => translate('SELECT eventName FROM not_a_store')).toThrow(EventDataStoreARNInvalidException);
    expect(() => translate('SELECT eventName FROM 11111111-2222-4333-8444-555555555555')).toThrow(
      EventDataStoreNotFoundException,
    );
    expect(() => translate(`SELECT eventName FROM ${PENDING}`)).toThrow(InactiveEventDataStoreException);
  });

  test('resolves stores wherever they are read, once per reference', () => {
    const seen: string[] = [];
    translateLakeQuery(
      `WITH w AS (SELECT eventId FROM ${STORE}) SELECT a.eventId FROM w a JOIN ${OTHER} b ON a.eventId = b.eventId ` +
        `WHERE b.eventName IN (SELECT eventName FROM ${STORE}) UNION SELECT eventId FROM ${OTHER}`,
      {
        now: NOW,
        resolveStore: (reference) => {
          seen.push(reference);
          return resolveStore(reference);
        },
      },
    );
    expect(seen).toEqual([STORE, OTHER]);
  });

  test('a WITH query is not a store', () => {
    const translated = translate(`WITH recent AS (SELECT eventName FROM ${STORE}) SELECT eventName FROM recent`);
    expect(translated.sql).toContain('FROM "recent"');
    expect(translated.scans.map((scan) => scan.table)).toEqual(['eds_store']);
  });

  test('a query that reads no store is refused', () => {
    for (const statement of ['SELECT 1', 'SELECT now()', 'WITH w AS (SELECT 1 AS a) SELECT a FROM w', 'VALUES 1, 2'])
      expect(() => translate(statement)).toThrow(InvalidQueryStatementException);
    expect(() => translate('SELECT 1')).toThrow('line 1:1: A query must read at least one event data store');
  });

  test('only stores may be tables: table functions and files are refused', () => {
    for (const statement of [
      "SELECT * FROM TABLE(read_csv('/etc/passwd'))",
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM '/etc/passwd'",
      "SELECT * FROM read_parquet('x.parquet')",
    ])
      expect(() => translate(statement)).toThrow(InvalidQueryStatementException);
  });

  test('functions that read files, load extensions or look outside the engine are refused', () => {
    for (const call of ["read_csv('x')", "read_json_auto('x')", "glob('*')", "getenv('HOME')", "load_extension('x')"])
      expect(() => translate(`SELECT ${call} FROM ${STORE}`)).toThrow(
        /^line 1:8: Function '\w+' is not allowed: a query reads only event data stores$/,
      );
  });
});

describe('result keys (§10.3)', () => {
  test('an alias as written, with or without AS, quoted for DuckDB', () => {
    expect(sql(`SELECT eventName AS Name, eventSource source, userIdentity.arn AS "user" FROM ${STORE}`)).toContain(
      'SELECT "eventName" AS "Name", "eventSource" AS "source", "userIdentity"."arn" AS "user" FROM',
    );
  });

  test('a column reference gives its last identifier as written', () => {
    expect(
      sql(`SELECT eventName, userIdentity.sessionContext.sessionIssuer.arn, "eventSource", (awsRegion) FROM ${STORE}`),
    ).toContain(
      'SELECT "eventName" AS "eventName", "userIdentity"."sessionContext"."sessionIssuer"."arn" AS "arn", ' +
        '"eventSource" AS "eventSource", ("awsRegion") AS "awsRegion" FROM',
    );
  });

  test("a field of an expression's value gives the field's name", () => {
    expect(sql(`SELECT element_at(resources, 1).arn FROM ${STORE}`)).toContain(
      `SELECT (trino_element_at("resources", 1))."arn" AS "arn" FROM`,
    );
  });

  test('other expressions are _col<i>, by zero-based position', () => {
    expect(
      sql(`SELECT eventName, count(*), max(eventTime) AS latest, 1 + 1 FROM ${STORE} GROUP BY eventName`),
    ).toContain(
      'SELECT "eventName" AS "eventName", count(*) AS "_col1", max("eventTime") AS "latest", (1 + 1) AS "_col3" FROM',
    );
  });

  test('* and t.* stay as they are: the tables already have the lower-case schema names', () => {
    expect(sql(`SELECT * FROM ${STORE}`)).toMatch(/^SELECT \* FROM "eds_store"/);
    expect(sql(`SELECT e.*, 1 FROM ${STORE} e`)).toMatch(/^SELECT "e"\.\*, 1 AS "_col1" FROM/);
  });

  test('DuckDB reserved words are quoted wherever they appear', () => {
    expect(
      sql(`SELECT key, value FROM (SELECT eventName AS key, eventSource AS value FROM ${STORE}) AS user`),
    ).toContain(
      'SELECT "key" AS "key", "value" AS "value" FROM (SELECT "eventName" AS "key", "eventSource" AS "value" FROM',
    );
  });
});

describe('order (§10.3)', () => {
  test('a plain select over one store: newest first, then eventID, then every column', () => {
    expect(sql(`SELECT eventName, eventTime FROM ${STORE} e WHERE readOnly`)).toMatch(
      / ORDER BY "e"\."eventtime" DESC NULLS LAST, "e"\."eventid" DESC NULLS LAST, 1, 2$/,
    );
    expect(sql(`SELECT * FROM ${STORE} LIMIT 10`)).toMatch(
      new RegExp(`ORDER BY "${STORE}"\\."eventtime" DESC NULLS LAST, "${STORE}"\\."eventid" DESC NULLS LAST LIMIT 10$`),
    );
  });

  test('the same over a store and its unnested resources', () => {
    expect(sql(`SELECT r.arn FROM ${STORE} e CROSS JOIN UNNEST(resources) AS r`)).toMatch(
      /ORDER BY "e"\."eventtime" DESC NULLS LAST, "e"\."eventid" DESC NULLS LAST, 1$/,
    );
  });

  test('aggregates, DISTINCT, joins and set operations: by every output column', () => {
    for (const statement of [
      `SELECT eventName, count(*) FROM ${STORE} GROUP BY eventName`,
      `SELECT count(*) FROM ${STORE}`,
      `SELECT DISTINCT eventName FROM ${STORE}`,
      `SELECT a.eventName FROM ${STORE} a JOIN ${OTHER} b ON a.eventId = b.eventId`,
      `SELECT eventName FROM ${STORE} UNION SELECT eventName FROM ${OTHER}`,
    ])
      expect(sql(statement)).toMatch(/ ORDER BY ALL$/);
  });

  test("keeps the caller's order, NULLs last unless told, and breaks ties by every column", () => {
    expect(sql(`SELECT eventName, count(*) AS n FROM ${STORE} GROUP BY 1 ORDER BY n DESC LIMIT 5`)).toMatch(
      / ORDER BY "n" DESC NULLS LAST, 1, 2 LIMIT 5$/,
    );
    expect(sql(`SELECT eventName FROM ${STORE} ORDER BY eventTime ASC NULLS FIRST`)).toMatch(
      / ORDER BY "eventTime" ASC NULLS FIRST, 1$/,
    );
  });

  test('with * in the select list, ties are broken by eventID', () => {
    expect(sql(`SELECT * FROM ${STORE} e ORDER BY eventName`)).toMatch(
      / ORDER BY "eventName" ASC NULLS LAST, "e"\."eventid"$/,
    );
  });

  test('a sub-query with LIMIT and no ORDER BY gets a deterministic order', () => {
    expect(sql(`SELECT eventName FROM (SELECT eventName FROM ${STORE} LIMIT 3) s`)).toContain(
      'FROM (SELECT "eventName" AS "eventName" FROM "eds_store" AS ' + `"${STORE}" ORDER BY ALL LIMIT 3) AS "s"`,
    );
  });
});

describe('functions (§10.5)', () => {
  const RENAMED: Record<string, string> = {
    element_at: "element_at(requestParameters, 'bucketName')",
    cardinality: 'cardinality(resources)',
    date_add: "date_add('day', -7, eventTime)",
    date_diff: "date_diff('day', eventTime, now())",
    date_format: "date_format(eventTime, '%Y-%m-%d')",
    day_of_week: 'day_of_week(eventTime)',
    dow: 'dow(eventTime)',
    day_of_month: 'day_of_month(eventTime)',
    day_of_year: 'day_of_year(eventTime)',
    doy: 'doy(eventTime)',
    week_of_year: 'week_of_year(eventTime)',
    week: 'week(eventTime)',
    year_of_week: 'year_of_week(eventTime)',
    yow: 'yow(eventTime)',
    millisecond: 'millisecond(eventTime)',
    approx_distinct: 'approx_distinct(eventName)',
    regexp_like: "regexp_like(eventName, '^Get')",
    from_iso8601_timestamp: "from_iso8601_timestamp('2025-01-01T00:00:00Z')",
    array_distinct: 'array_distinct(map_keys(requestParameters))',
    array_max: 'array_max(map_keys(requestParameters))',
    array_min: 'array_min(map_keys(requestParameters))',
    slice: 'slice(resources, 1, 2)',
    json_extract_scalar: "json_extract_scalar(eventJson, '$.eventName')",
    json_extract: "json_extract(eventJson, '$.userIdentity')",
    json_parse: 'json_parse(eventJson)',
    json_format: 'json_format(json_parse(eventJson))',
    json_array_length: "json_array_length(json_extract(eventJson, '$.resources'))",
    json_array_get: "json_array_get(json_extract(eventJson, '$.resources'), 0)",
    json_array_contains: "json_array_contains(json_extract(eventJson, '$.x'), 'a')",
    is_json_scalar: "is_json_scalar(json_extract(eventJson, '$.x'))",
  };

  test.each(Object.entries(RENAMED))('%s becomes trino_%s', (name, call) => {
    expect(sql(`SELECT ${call} FROM ${STORE}`)).toContain(`trino_${name}(`);
  });

  test('function names are case-insensitive', () => {
    expect(sql(`SELECT ELEMENT_AT(requestParameters, 'k'), Lower(eventName) FROM ${STORE}`)).toContain(
      `SELECT trino_element_at("requestParameters", 'k') AS "_col0", lower("eventName") AS "_col1"`,
    );
  });

  test('an unknown function ends the query FAILED, Trino style', () => {
    expect(failure(`SELECT eventName, url_extract_host(eventName) FROM ${STORE}`)).toBe(
      "line 1:19: Function 'url_extract_host' not registered",
    );
  });

  test('a wrong number of arguments ends the query FAILED', () => {
    expect(failure(`SELECT lower(eventName, 1) FROM ${STORE}`)).toBe(
      'line 1:8: Unexpected parameters (varchar, integer) for function lower',
    );
  });

  test('concat is NULL when any argument is, as in Trino', () => {
    expect(sql(`SELECT concat(eventSource, ':', eventName) FROM ${STORE}`)).toContain(
      `SELECT (("eventSource") || (':') || ("eventName")) AS "_col0"`,
    );
  });

  test('greatest and least are NULL when any argument is, as in Trino', () => {
    expect(sql(`SELECT greatest(eventTime, TIMESTAMP '2025-01-01 00:00:00') FROM ${STORE}`)).toContain(
      `(CASE WHEN ("eventTime") IS NULL OR (TIMESTAMP '2025-01-01 00:00:00') IS NULL THEN NULL ` +
        `ELSE greatest("eventTime", TIMESTAMP '2025-01-01 00:00:00') END)`,
    );
    expect(sql(`SELECT least(1, 2, 3) FROM ${STORE}`)).toContain(
      '(CASE WHEN (1) IS NULL OR (2) IS NULL OR (3) IS NULL THEN NULL ELSE least(1, 2, 3) END)',
    );
  });

  test('if takes two or three arguments', () => {
    expect(sql(`SELECT if(readOnly, 'read'), if(readOnly, 'read', 'write') FROM ${STORE}`)).toContain(
      `SELECT (CASE WHEN "readOnly" THEN 'read' END) AS "_col0", (CASE WHEN "readOnly" THEN 'read' ELSE 'write' END) AS "_col1"`,
    );
  });

  test('Trino forms without a DuckDB twin are rewritten', () => {
    expect(
      sql(
        `SELECT extract(dow FROM eventTime), substring(eventName FROM 2 FOR 3), trim(LEADING 'x' FROM eventName), ` +
          `position('a' IN eventName), replace(eventSource, '.amazonaws.com'), date(eventTime) FROM ${STORE}`,
      ),
    ).toContain(
      `SELECT trino_day_of_week("eventTime") AS "_col0", substr("eventName", 2, 3) AS "_col1", ` +
        `ltrim("eventName", 'x') AS "_col2", strpos("eventName", 'a') AS "_col3", ` +
        `replace("eventSource", '.amazonaws.com', '') AS "_col4", CAST("eventTime" AS DATE) AS "_col5"`,
    );
  });

  test('regexp_replace replaces every match, date_parse reads MySQL formats', () => {
    expect(
      sql(
        `SELECT regexp_replace(eventName, '(Get)(.*)', '$2$1'), date_parse('2025-05-01 10:00', '%Y-%m-%d %H:%i') FROM ${STORE}`,
      ),
    ).toContain(
      `SELECT regexp_replace("eventName", '(Get)(.*)', '\\2\\1', 'g') AS "_col0", strptime('2025-05-01 10:00', '%Y-%m-%d %H:%M') AS "_col1"`,
    );
  });

  test('lambdas see their parameters, typed by the array they walk', () => {
    expect(
      sql(`SELECT transform(filter(resources, r -> r.type = 'AWS::S3::Bucket'), r -> r.arn) FROM ${STORE}`),
    ).toContain(
      `list_transform(list_filter("resources", ("r" -> ("r"."type" = 'AWS::S3::Bucket'))), ("r" -> "r"."arn"))`,
    );
  });
});

describe('the clock and time literals', () => {
  test('current_timestamp, now(), localtimestamp and current_date are the emulator clock', () => {
    expect(sql(`SELECT current_timestamp, now(), localtimestamp, current_date FROM ${STORE}`)).toContain(
      `SELECT ${CLOCK} AS "_col0", ${CLOCK} AS "_col1", ${CLOCK} AS "_col2", DATE '2025-05-14' AS "_col3"`,
    );
  });

  test('a string compared with a timestamp becomes a timestamp literal (T and Z allowed)', () => {
    expect(
      sql(
        `SELECT eventName FROM ${STORE} WHERE eventTime > '2025-05-01' AND eventTime < '2025-05-02T10:00:00Z' ` +
          `AND eventTime <> '2025-05-01 10:00:00.5'`,
      ),
    ).toContain(
      `WHERE ((("eventTime" > TIMESTAMP '2025-05-01 00:00:00') AND ("eventTime" < TIMESTAMP '2025-05-02 10:00:00')) ` +
        `AND ("eventTime" <> TIMESTAMP '2025-05-01 10:00:00.5'))`,
    );
  });

  test('a string that is no timestamp ends the query FAILED', () => {
    expect(failure(`SELECT eventName FROM ${STORE} WHERE eventTime >= '\${date_filter}'`)).toBe(
      'line 1:76: Value cannot be cast to timestamp: ${date_filter}',
    );
  });

  test('TIMESTAMP literals and intervals', () => {
    expect(
      sql(`SELECT eventName FROM ${STORE} WHERE eventTime > TIMESTAMP '2025-05-01T00:00:00Z' - INTERVAL '7' DAY`),
    ).toContain(`WHERE ("eventTime" > (TIMESTAMP '2025-05-01 00:00:00' - INTERVAL '7' DAY))`);
  });
});

describe('strict typing (§10.5)', () => {
  test('a boolean compared with a string fails as in Trino', () => {
    expect(failure(`SELECT eventName FROM ${STORE} WHERE readOnly = 'false'`)).toBe(
      'line 1:75: Cannot apply operator: boolean = varchar(5)',
    );
    expect(failure(`SELECT eventName FROM ${STORE} WHERE readOnly = false`)).toBeUndefined();
  });

  test('a string compared with a boolean fails too', () => {
    expect(failure(`SELECT eventName FROM ${STORE} WHERE sessionCredentialFromConsole = true`)).toBe(
      'line 1:95: Cannot apply operator: varchar = boolean',
    );
  });

  test('a WHERE that is no boolean fails', () => {
    expect(failure(`SELECT eventName FROM ${STORE} WHERE eventName`)).toBe(
      'line 1:66: WHERE clause must evaluate to a boolean: actual type varchar',
    );
  });

  test('unknown and ambiguous columns fail with Trino words', () => {
    expect(failure(`SELECT nosuch FROM ${STORE}`)).toBe("line 1:8: Column 'nosuch' cannot be resolved");
    expect(failure(`SELECT eventName FROM ${STORE} a, ${OTHER} b`)).toBe("line 1:8: Column 'eventName' is ambiguous");
    expect(failure(`SELECT eventData.eventName FROM ${ACTIVITY}`)).toBeUndefined();
  });
});

describe('eventTime bounds (§10.2)', () => {
  test('top-level AND-ed comparisons with constants bound the scan', () => {
    expect(
      translate(
        `SELECT eventName FROM ${STORE} WHERE eventTime >= '2025-05-01' AND eventName = 'x' AND eventTime < now()`,
      ).scans,
    ).toEqual([
      {
        table: 'eds_store',
        lower: { sql: "CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP)", inclusive: true },
        upper: { sql: `CAST(${CLOCK} AS TIMESTAMP)`, inclusive: false },
      },
    ]);
  });

  test('BETWEEN and = bound both sides, inclusively', () => {
    expect(
      translate(`SELECT eventName FROM ${STORE} WHERE eventTime BETWEEN '2025-05-01' AND '2025-05-02'`).scans,
    ).toEqual([
      {
        table: 'eds_store',
        lower: { sql: "CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP)", inclusive: true },
        upper: { sql: "CAST(TIMESTAMP '2025-05-02 00:00:00' AS TIMESTAMP)", inclusive: true },
      },
    ]);
    expect(
      translate(`SELECT eventName FROM ${STORE} WHERE eventTime = TIMESTAMP '2025-05-01 00:00:00'`).scans[0],
    ).toEqual({
      table: 'eds_store',
      lower: { sql: "CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP)", inclusive: true },
      upper: { sql: "CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP)", inclusive: true },
    });
  });

  test('a constant on the left bounds the other side', () => {
    expect(translate(`SELECT eventName FROM ${STORE} WHERE '2025-05-01' < eventTime`).scans[0]?.lower).toEqual({
      sql: "CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP)",
      inclusive: false,
    });
  });

  test('date_add, interval arithmetic and the clock are constants', () => {
    expect(
      translate(
        `SELECT eventName FROM ${STORE} WHERE eventTime > date_add('day', -7, now()) AND eventTime <= current_timestamp - INTERVAL '1' HOUR`,
      ).scans[0],
    ).toEqual({
      table: 'eds_store',
      lower: { sql: `CAST(trino_date_add('day', (-7), ${CLOCK}) AS TIMESTAMP)`, inclusive: false },
      upper: { sql: `CAST((${CLOCK} - INTERVAL '1' HOUR) AS TIMESTAMP)`, inclusive: true },
    });
  });

  test('several bounds on one side: the tightest', () => {
    expect(
      translate(`SELECT eventName FROM ${STORE} WHERE eventTime > '2025-05-01' AND eventTime > '2025-05-03'`).scans[0]
        ?.lower,
    ).toEqual({
      sql: "greatest(CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP), CAST(TIMESTAMP '2025-05-03 00:00:00' AS TIMESTAMP))",
      inclusive: false,
    });
  });

  test('a top-level OR leaves the range open; a column is no constant', () => {
    expect(translate(`SELECT eventName FROM ${STORE} WHERE eventTime > '2025-05-01' OR eventName = 'x'`).scans).toEqual(
      [{ table: 'eds_store' }],
    );
    expect(translate(`SELECT eventName FROM ${STORE} e WHERE e.eventTime > e.eventTime`).scans).toEqual([
      { table: 'eds_store' },
    ]);
    expect(translate(`SELECT eventName FROM ${STORE} WHERE NOT (eventTime > '2025-05-01')`).scans).toEqual([
      { table: 'eds_store' },
    ]);
  });

  test("two aliases bound their own stores' reads", () => {
    expect(
      translate(
        `SELECT a.eventName FROM ${STORE} a JOIN ${OTHER} b ON a.eventId = b.eventId ` +
          `WHERE a.eventTime > '2025-05-01' AND b.eventTime < '2025-05-02'`,
      ).scans,
    ).toEqual([
      { table: 'eds_store', lower: { sql: "CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP)", inclusive: false } },
      { table: 'eds_other', upper: { sql: "CAST(TIMESTAMP '2025-05-02 00:00:00' AS TIMESTAMP)", inclusive: false } },
    ]);
  });

  test('a store read twice gets the hull of its ranges, open if one read is', () => {
    expect(
      translate(
        `SELECT eventName FROM ${STORE} WHERE eventTime > '2025-05-01' AND eventTime < '2025-05-02' ` +
          `UNION ALL SELECT eventName FROM ${STORE} WHERE eventTime >= '2025-05-03'`,
      ).scans,
    ).toEqual([
      {
        table: 'eds_store',
        lower: {
          sql: "least(CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP), CAST(TIMESTAMP '2025-05-03 00:00:00' AS TIMESTAMP))",
          inclusive: true,
        },
      },
    ]);
  });

  test('bounds inside sub-queries and WITH queries count for their reads', () => {
    expect(
      translate(
        `WITH recent AS (SELECT * FROM ${STORE} WHERE eventTime > '2025-05-01') SELECT eventName FROM recent ` +
          `WHERE eventId IN (SELECT eventId FROM ${OTHER} WHERE eventTime < '2025-05-02')`,
      ).scans,
    ).toEqual([
      { table: 'eds_store', lower: { sql: "CAST(TIMESTAMP '2025-05-01 00:00:00' AS TIMESTAMP)", inclusive: false } },
      { table: 'eds_other', upper: { sql: "CAST(TIMESTAMP '2025-05-02 00:00:00' AS TIMESTAMP)", inclusive: false } },
    ]);
  });

  test('a query that will fail carries no bounds', () => {
    expect(translate(`SELECT eventName FROM ${STORE} WHERE eventTime > '2025-05-01' AND foo(1)`).scans).toEqual([
      { table: 'eds_store' },
    ]);
  });
});

describe('EventsMatched (§10.2)', () => {
  test('one count per branch, over its FROM and WHERE', () => {
    expect(
      translate(
        `SELECT eventName FROM ${STORE} WHERE readOnly GROUP BY eventName ` +
          `UNION SELECT eventName FROM ${OTHER} INTERSECT SELECT eventName FROM ${OTHER} WHERE errorCode IS NULL ` +
          `EXCEPT (SELECT eventName FROM ${STORE} LIMIT 1) ORDER BY 1`,
      ).matchedSql,
    ).toEqual([
      `SELECT count(*) FROM "eds_store" AS "${STORE}" WHERE "readOnly"`,
      `SELECT count(*) FROM "eds_other" AS "${OTHER}"`,
      `SELECT count(*) FROM "eds_other" AS "${OTHER}" WHERE ("errorCode" IS NULL)`,
      `SELECT count(*) FROM "eds_store" AS "${STORE}"`,
    ]);
  });

  test('a branch over a WITH query keeps the WITH clause', () => {
    expect(
      translate(`WITH w AS (SELECT eventName FROM ${STORE}) SELECT eventName FROM w WHERE eventName LIKE 'Get%'`)
        .matchedSql,
    ).toEqual([
      `WITH "w" AS (SELECT "eventName" AS "eventName" FROM "eds_store" AS "${STORE}") SELECT count(*) FROM "w" WHERE ("eventName" LIKE 'Get%')`,
    ]);
  });

  test('joins count the joined rows', () => {
    expect(
      translate(
        `SELECT a.eventName FROM ${STORE} a LEFT JOIN ${OTHER} b ON a.eventId = b.eventId WHERE b.eventId IS NULL`,
      ).matchedSql,
    ).toEqual([
      `SELECT count(*) FROM "eds_store" AS "a" LEFT JOIN "eds_other" AS "b" ON ("a"."eventId" = "b"."eventId") WHERE ("b"."eventId" IS NULL)`,
    ]);
  });
});

describe('set operations, joins, sub-queries', () => {
  test('UNION [ALL], INTERSECT and EXCEPT keep their meaning', () => {
    expect(
      sql(`SELECT eventId FROM ${STORE} UNION ALL SELECT eventId FROM ${OTHER} EXCEPT SELECT eventId FROM ${STORE}`),
    ).toMatch(/^SELECT .* UNION ALL SELECT .* EXCEPT SELECT .* ORDER BY ALL$/);
  });

  test('UNNEST expands rows into fields and maps into keys and values', () => {
    expect(sql(`SELECT r.arn FROM ${STORE} CROSS JOIN UNNEST(resources) AS r`)).toContain(
      'CROSS JOIN LATERAL (SELECT unnest("resources", recursive := true)) AS "r"',
    );
    expect(sql(`SELECT p.key, p.value FROM ${STORE} CROSS JOIN UNNEST(requestParameters) AS p (key, value)`)).toContain(
      'CROSS JOIN LATERAL (SELECT unnest(map_entries("requestParameters"), recursive := true)) AS "p"("key", "value")',
    );
  });

  test('CASE, CAST, TRY_CAST and IS DISTINCT FROM', () => {
    expect(
      sql(
        `SELECT CASE WHEN errorCode IS NULL THEN 'ok' ELSE errorCode END, CAST(eventTime AS varchar), ` +
          `TRY_CAST(element_at(requestParameters, 'n') AS bigint) FROM ${STORE} WHERE errorCode IS DISTINCT FROM 'x'`,
      ),
    ).toContain(
      `SELECT (CASE WHEN ("errorCode" IS NULL) THEN 'ok' ELSE "errorCode" END) AS "_col0", CAST("eventTime" AS VARCHAR) AS "_col1", ` +
        `TRY_CAST(trino_element_at("requestParameters", 'n') AS BIGINT) AS "_col2" FROM "eds_store" AS "${STORE}" ` +
        `WHERE ("errorCode" IS DISTINCT FROM 'x')`,
    );
  });

  test('a cast from JSON takes the scalar, as Trino does', () => {
    expect(sql(`SELECT CAST(json_extract(eventJson, '$.eventName') AS varchar) FROM ${STORE}`)).toContain(
      `CAST(trino_json_extract_scalar(trino_json_extract("eventJson", '$.eventName'), '$') AS VARCHAR)`,
    );
  });

  test('sub-queries in FROM, WHERE and the select list', () => {
    const translated = sql(
      `SELECT s.eventName, (SELECT count(*) FROM ${OTHER}) FROM (SELECT eventName FROM ${STORE}) s ` +
        `WHERE EXISTS (SELECT 1 FROM ${OTHER} o WHERE o.eventName = s.eventName)`,
    );
    expect(translated).toContain(`(SELECT count(*) AS "_col0" FROM "eds_other" AS "${OTHER}") AS "_col1"`);
    expect(translated).toContain(`FROM (SELECT "eventName" AS "eventName" FROM "eds_store" AS "${STORE}") AS "s"`);
    expect(translated).toContain(
      `WHERE (EXISTS (SELECT 1 AS "_col0" FROM "eds_other" AS "o" WHERE ("o"."eventName" = "s"."eventName")))`,
    );
  });
});
