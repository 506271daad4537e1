import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { ADMIN_ACCESS_KEY } from '../mocks/emulator/identities';
import { HIGHLIGHTS_WIDGETS, MANAGED_DASHBOARDS } from '../mocks/emulator/resources/dashboards/managed-dashboards';
import { substitutePlaceholders } from '../src/lib/widget-placeholders';
import type { LakeEngineInput, LakeEngineRun } from './lake-engines-node';
import { expect, MANAGEMENT_EVENTS_ID, test } from './fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Not the default seed, so that this world is one no other test looks at. */
const SEED = 424_242;
const INTEGRATIONS_AUDIT = 'e8b4d0a6-2c9f-4e17-b3a5-7f1d9c3e6b80';
/** GetQueryResults returns at most 1,000 rows a page; the last statement needs several. */
const PAGE_ROWS = 1000;

/** `'YYYY-MM-DD HH:MM:SS'`, UTC. */
function literal(epochMs: number): string {
  return `'${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')}'`;
}

/**
 * Statements over both seeded stores. Each branch ends at the anchor, so the records of calls made
 * after it (this test's own, the console's) count in neither engine; every ORDER BY is total, so
 * both must return the same rows in the same order.
 */
function statements(anchor: number): string[] {
  const [M, I] = [MANAGEMENT_EVENTS_ID, INTEGRATIONS_AUDIT];
  const end = literal(anchor);
  const week = literal(anchor - 7 * DAY);
  const twoDays = literal(anchor - 2 * DAY);
  const lastWeek = `eventTime > ${week} AND eventTime <= ${end}`;
  return [
    // GROUP BY, LIMIT
    `SELECT eventSource, eventName, count(*) AS calls FROM ${M} WHERE eventTime <= ${end} GROUP BY eventSource, eventName ORDER BY calls DESC, eventSource, eventName LIMIT 25`,
    // filters, booleans, NULL tests and CloudTrail's default order
    `SELECT eventID, eventTime, eventName, sourceIPAddress, readOnly FROM ${M} WHERE ${lastWeek} AND eventSource = 's3.amazonaws.com' AND readOnly = false AND errorCode IS NULL`,
    // element_at on maps and arrays (negative: from the end), fields of array elements
    `SELECT eventID, element_at(requestParameters, 'bucketName') AS bucket, element_at(resources, 1).arn AS firstArn, element_at(resources, -1).type AS lastType, cardinality(resources) AS resourceCount FROM ${M} WHERE ${lastWeek} AND cardinality(resources) > 0 ORDER BY eventID LIMIT 200`,
    // JSON functions over the record as delivered
    `SELECT eventID, json_extract_scalar(eventJson, '$.userIdentity.arn') AS arn, json_extract(eventJson, '$.resources[0]') AS firstResource, json_array_length(json_extract(eventJson, '$.resources')) AS resources, json_extract_scalar(eventJson, '$.requestParameters.bucketName') AS bucket FROM ${M} WHERE eventTime > ${twoDays} AND eventTime <= ${end} ORDER BY eventTime DESC, eventID LIMIT 300`,
    // date functions
    `SELECT date_trunc('day', eventTime) AS day, date_format(min(eventTime), '%Y-%m-%d %H:%i:%s') AS first, day_of_week(min(eventTime)) AS weekday, date_diff('hour', min(eventTime), max(eventTime)) AS hours, to_iso8601(date_add('hour', 1, max(eventTime))) AS later, count(*) AS events FROM ${M} WHERE eventTime <= ${end} GROUP BY date_trunc('day', eventTime) ORDER BY day`,
    // struct fields, NULL groups
    `SELECT userIdentity.type, userIdentity.sessionContext.sessionIssuer.userName AS issuer, userIdentity.sessionContext.attributes.mfaAuthenticated AS mfa, tlsDetails.tlsVersion AS tls, count(*) AS n FROM ${M} WHERE eventTime <= ${end} GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1, 2, 3, 4`,
    // UNION ALL of the two stores, aggregated
    `SELECT name, origin, count(*) AS n FROM (SELECT eventName AS name, 'aws' AS origin FROM ${M} WHERE ${lastWeek} UNION ALL SELECT eventData.eventName, 'outside' FROM ${I} WHERE ${lastWeek}) GROUP BY name, origin ORDER BY origin, n DESC, name`,
    // UNION (distinct)
    `SELECT sourceIPAddress AS ip FROM ${M} WHERE eventTime <= ${end} UNION SELECT eventData.sourceIPAddress FROM ${I} WHERE eventTime <= ${end} ORDER BY ip`,
    // JOIN of the two stores
    `SELECT m.sourceIPAddress AS ip, count(DISTINCT m.eventID) AS awsEvents, count(DISTINCT i.eventID) AS outsideEvents FROM ${M} m JOIN ${I} i ON m.sourceIPAddress = i.eventData.sourceIPAddress WHERE m.eventTime <= ${end} AND i.eventTime <= ${end} GROUP BY m.sourceIPAddress ORDER BY ip`,
    // NULLs: coalesce, nullif, count of a column, NULLS FIRST
    `SELECT errorCode, coalesce(errorCode, 'none') AS code, nullif(readOnly, false) AS readOnlyOrNull, count(*) AS n, count(errorMessage) AS withMessage FROM ${M} WHERE eventTime <= ${end} GROUP BY errorCode, nullif(readOnly, false) ORDER BY errorCode NULLS FIRST, 3 NULLS FIRST`,
    // booleans in aggregates
    `SELECT eventSource, bool_and(managementEvent) AS management, bool_or(readOnly) AS anyRead, count_if(readOnly) AS reads, count_if(NOT readOnly) AS writes FROM ${M} WHERE eventTime <= ${end} GROUP BY eventSource ORDER BY eventSource`,
    // timestamps as values, epoch seconds as a double
    `SELECT min(eventTime) AS oldest, max(eventTime) AS newest, max(userIdentity.sessionContext.attributes.creationDate) AS lastSession, to_unixtime(max(eventTime)) AS epoch FROM ${M} WHERE eventTime <= ${end}`,
    // ORDER BY and LIMIT
    `SELECT eventID, eventTime, eventName, userAgent FROM ${M} WHERE eventTime <= ${end} ORDER BY eventTime DESC, eventID LIMIT 37`,
    // events from outside AWS: structs and maps in eventData, metadata
    `SELECT metadata.channelArn, eventData.userIdentity.type AS who, element_at(eventData.userIdentity.details, 'email') AS email, element_at(eventData.requestParameters, 'currency') AS currency, count(*) AS n, max(eventData.eventTime) AS latest FROM ${I} WHERE eventTime <= ${end} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    // a window function
    `SELECT eventSource, eventName, eventID, rank FROM (SELECT eventSource, eventName, eventID, row_number() OVER (PARTITION BY eventSource ORDER BY eventTime DESC, eventID) AS rank FROM ${M} WHERE ${lastWeek}) WHERE rank <= 3 ORDER BY eventSource, rank`,
    // strings, regular expressions, map keys, a rounded average
    `SELECT lower(split_part(userAgent, '/', 1)) AS agent, regexp_extract(userAgent, '^[^/ ]+/([0-9.]+)', 1) AS version, array_join(array_sort(map_keys(requestParameters)), ',') AS parameters, count(*) AS n, round(avg(length(eventName)), 3) AS nameLength FROM ${M} WHERE eventTime <= ${end} AND userAgent LIKE 'aws-cli/%' GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2, 3`,
    // every event: several GetQueryResults pages
    `SELECT eventID, eventTime, eventName, awsRegion FROM ${M} WHERE eventTime <= ${end}`,
  ];
}

/** CloudTrail runs at most 10 queries at once in an account (§15); the browser keeps under it. */
const CONCURRENT_QUERIES = 8;

/**
 * Runs the statements through the page's fetch, which the embedded emulator answers, a few at once:
 * start, wait, every page. Then, if asked, creates a store and runs more statements over it (its ID
 * in place of the marker). One call into the page for the whole batch; runs in statement order.
 */
function runAllInBrowser(
  page: Page,
  statements: string[],
  afterStore?: LakeEngineInput['afterStore'],
): Promise<LakeEngineRun[]> {
  return page.evaluate(
    async ({ statements, afterStore, accessKeyId, concurrency }) => {
      const call = async (operation: string, body: object): Promise<Record<string, unknown>> => {
        const response = await fetch('https://cloudtrail.us-east-1.amazonaws.com/', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-amz-json-1.1',
            'X-Amz-Target': `CloudTrail_20131101.${operation}`,
            // Signatures are never checked; the credential scope names the caller.
            Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/us-east-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=x`,
          },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${operation} answered ${String(response.status)}: ${text}`);
        return JSON.parse(text) as Record<string, unknown>;
      };
      const runOne = async (statement: string) => {
        const { QueryId } = (await call('StartQuery', { QueryStatement: statement })) as { QueryId: string };
        let described: {
          QueryStatus?: string;
          ErrorMessage?: string;
          QueryStatistics?: { EventsScanned?: number; BytesScanned?: number; EventsMatched?: number };
        };
        do {
          await new Promise((resolve) => setTimeout(resolve, 200));
          described = await call('DescribeQuery', { QueryId });
        } while (described.QueryStatus === 'QUEUED' || described.QueryStatus === 'RUNNING');
        const run = {
          status: described.QueryStatus ?? '',
          ...(described.ErrorMessage === undefined ? {} : { error: described.ErrorMessage }),
          eventsScanned: described.QueryStatistics?.EventsScanned,
          bytesScanned: described.QueryStatistics?.BytesScanned,
          eventsMatched: described.QueryStatistics?.EventsMatched,
          totalResultsCount: undefined as number | undefined,
          rows: [] as Record<string, string>[][],
        };
        if (run.status === 'FINISHED') {
          let token: string | undefined;
          do {
            const page = (await call('GetQueryResults', {
              QueryId,
              ...(token === undefined ? {} : { NextToken: token }),
            })) as {
              QueryResultRows?: Record<string, string>[][];
              QueryStatistics?: { TotalResultsCount?: number };
              NextToken?: string;
            };
            run.totalResultsCount ??= page.QueryStatistics?.TotalResultsCount;
            run.rows.push(...(page.QueryResultRows ?? []));
            token = page.NextToken;
          } while (token !== undefined);
        }
        return run;
      };
      const runAll = async (list: string[]) => {
        const runs: Awaited<ReturnType<typeof runOne>>[] = [];
        let next = 0;
        const worker = async () => {
          while (next < list.length) {
            const at = next++;
            runs[at] = await runOne(list[at] ?? '');
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
        return runs;
      };
      const runs = await runAll(statements);
      if (afterStore) {
        const { EventDataStoreArn } = (await call('CreateEventDataStore', afterStore.create)) as {
          EventDataStoreArn: string;
        };
        const id = EventDataStoreArn.slice(EventDataStoreArn.lastIndexOf('/') + 1);
        runs.push(
          ...(await runAll(afterStore.statements.map((statement) => statement.replaceAll(afterStore.marker, id)))),
        );
      }
      return runs;
    },
    { statements, afterStore, accessKeyId: ADMIN_ACCESS_KEY, concurrency: CONCURRENT_QUERIES },
  );
}

/** Stands in a widget statement for the ID of the Insights store each world creates. */
const INSIGHTS_STORE_MARKER = '__INSIGHTS_STORE__';

/**
 * Every managed dashboard's widget statements (the emulator's own definitions, the Highlights'
 * included), placeholders filled as a refresh fills them: the week before the anchor by the hour,
 * over the seeded store of management events, or the Insights store for the Insights dashboard.
 */
function widgetStatements(anchor: number): { title: string; statement: string }[] {
  const values = (store: string): Record<string, string> => ({
    $EventDataStoreId$: store,
    $StartTime$: new Date(anchor - 7 * DAY).toISOString(),
    $EndTime$: new Date(anchor).toISOString(),
    $Period$: 'hour',
  });
  const dashboards = [
    ...MANAGED_DASHBOARDS.map((dashboard) => ({
      name: dashboard.name,
      store: dashboard.storeKind === 'insights' ? INSIGHTS_STORE_MARKER : MANAGEMENT_EVENTS_ID,
      widgets: dashboard.widgets,
    })),
    { name: 'AWSCloudTrail-Highlights', store: MANAGEMENT_EVENTS_ID, widgets: HIGHLIGHTS_WIDGETS },
  ];
  return dashboards.flatMap(({ name, store, widgets }) =>
    widgets.map((widget) => ({
      title: `${name}: ${widget.ViewProperties.Title ?? ''}`,
      statement: substitutePlaceholders(
        widget.QueryStatement,
        (widget.QueryParameters ?? []).map((parameter) => values(store)[parameter] ?? parameter),
      ),
    })),
  );
}

const execFileAsync = promisify(execFile);

/** Runs the statements on the emulator in Node (e2e/lake-engines-node.ts), in a world built like the browser's. */
async function runInNode(input: LakeEngineInput, inputPath: string): Promise<LakeEngineRun[]> {
  await writeFile(inputPath, JSON.stringify(input));
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'e2e/lake-engines-node.ts', inputPath], {
    cwd: new URL('..', import.meta.url).pathname,
    maxBuffer: 256 * 1024 * 1024,
    // Ends the process, should it hang, before the test's own time is up.
    timeout: 200_000,
  });
  return JSON.parse(stdout) as LakeEngineRun[];
}

test('the browser’s Lake engine and Node’s give the same rows and statistics, managed widgets’ queries included', async ({
  page,
  openConsole,
}, testInfo) => {
  // Two emulators load the seeded world and run every statement; the browser's first opens DuckDB.
  test.setTimeout(480_000);
  const now = Date.now();
  // A whole hour just past: the seeded stores' retention keeps all of it, in both worlds.
  const anchor = Math.floor(now / HOUR) * HOUR - HOUR;
  const list = statements(anchor);
  const widgets = widgetStatements(anchor);
  const afterStore: LakeEngineInput['afterStore'] = {
    create: {
      Name: 'lake-engines-insights',
      AdvancedEventSelectors: [{ Name: 'Insights', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Insight'] }] }],
    },
    marker: INSIGHTS_STORE_MARKER,
    statements: widgets.map((widget) => widget.statement),
  };

  await openConsole('/settings');
  const resetAt = await page.evaluate(
    async ({ seed, anchor }) => {
      await window.cloudtrailEmulator?.configure({ simulator: false, throttle: false });
      await window.cloudtrailEmulator?.reset({ seed, anchor });
      return Date.now();
    },
    { seed: SEED, anchor },
  );
  // Node's world is built while the browser runs the statements.
  const inNode = runInNode(
    { seed: SEED, anchor, now: resetAt, statements: list, afterStore },
    testInfo.outputPath('node-input.json'),
  );
  const inBrowser = await runAllInBrowser(page, list, afterStore);
  const fromNode = await inNode;

  expect(fromNode).toHaveLength(list.length + widgets.length);
  for (const [index, statement] of list.entries()) {
    const browser = inBrowser[index];
    const node = fromNode[index];
    expect(browser?.status, `${statement}\n${browser?.error ?? ''}`).toBe('FINISHED');
    expect(browser?.rows.length, statement).toBeGreaterThan(0);
    expect(browser?.rows.length, statement).toBe(browser?.totalResultsCount);
    expect(browser?.eventsScanned, statement).toBeGreaterThan(0);
    expect(node, statement).toEqual(browser);
  }
  // The last statement read several pages.
  expect(inBrowser[list.length - 1]?.rows.length).toBeGreaterThan(2 * PAGE_ROWS);

  // Every managed widget's query: the same status and rows on both engines.
  for (const [index, { title, statement }] of widgets.entries()) {
    const browser = inBrowser[list.length + index];
    const node = fromNode[list.length + index];
    expect(browser?.status, `${title}\n${statement}\n${browser?.error ?? ''}`).toBe('FINISHED');
    expect(node?.status, `${title}\n${node?.error ?? ''}`).toBe('FINISHED');
    expect(node?.rows, `${title}\n${statement}`).toEqual(browser?.rows);
  }
  // The seeded activity fills the Overview's widgets.
  const overview = widgets.flatMap((widget, index) =>
    widget.title.startsWith('AWSCloudTrail-Overview:') ? [inBrowser[list.length + index]?.rows.length ?? 0] : [],
  );
  expect(overview).toHaveLength(6);
  for (const rows of overview) expect(rows).toBeGreaterThan(0);
});
