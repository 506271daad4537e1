import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildRecord } from '../../../../factories';
import { sha256Base64 } from '../../../hash';
import { principalForAccessKey, SSO_ACCESS_KEY } from '../../../identities';
import { openDuckDbWasmNode } from '../../../lake-engine/duckdb-wasm-node';
import { serializeRecord, type ActivityAuditLogRecord, type JsonObject } from '../../../records';
import { LakeDatabase, type LakeRows } from './lake-database';
import { executeAppendSql, LAKE_SCHEMAS } from './schema';

let database: LakeDatabase;

beforeAll(async () => {
  database = await LakeDatabase.open(await openDuckDbWasmNode());
});

afterAll(async () => {
  await database.close();
});

/** The one row of a result as {column: text}. */
function only(result: LakeRows): Record<string, string | undefined> {
  expect(result.rows).toHaveLength(1);
  return Object.fromEntries(result.columns.map((column, index) => [column, result.rows[0]?.[index]]));
}

const at = Date.UTC(2025, 4, 14, 9, 26, 41);

/** A record with a value in every kind of column: structs, maps, arrays, booleans, timestamps. */
const cloudTrailRecord = buildRecord({
  at,
  userIdentity: principalForAccessKey(SSO_ACCESS_KEY).identity(at, { console: true }),
  eventSource: 's3.amazonaws.com',
  eventName: 'CreateBucket',
  errorCode: 'AccessDenied',
  requestParameters: {
    bucketName: 'acme-raw',
    CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' },
    count: 3,
    ratio: 0.25,
    versioned: false,
    tags: ['a', { b: null }],
    missing: null,
  },
  responseElements: null,
  additionalEventData: {},
  readOnly: false,
  resources: [
    { accountId: '123456789012', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::acme-raw' },
    { type: 'AWS::S3::Object', ARNPrefix: 'arn:aws:s3:::acme-raw/' },
  ],
  apiVersion: '2006-03-01',
  vpcEndpointId: 'vpce-0a1b2c3d',
  addendum: { reason: 'DELIVERY_DELAY', updatedFields: null, originalEventID: 'e-1' },
  sessionCredentialFromConsole: 'true',
  tlsDetails: {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: 's3.amazonaws.com',
  },
});
const cloudTrailJson = serializeRecord(cloudTrailRecord);

const activityRecord: ActivityAuditLogRecord = {
  eventVersion: '1.0',
  eventCategory: 'ActivityAuditLog',
  eventType: 'ActivityLog',
  eventID: 'a1b2c3d4-0000-4000-8000-000000000001',
  eventTime: '2025-05-14T10:00:00Z',
  awsRegion: 'us-east-1',
  recipientAccountId: '123456789012',
  metadata: {
    ingestionTime: '2025-05-14T10:00:05Z',
    channelARN: 'arn:aws:cloudtrail:us-east-1:123456789012:channel/01234567-89ab-cdef-0123-456789abcdef',
  },
  eventData: {
    version: '1.0',
    userIdentity: { type: 'User', principalId: 'alice', details: { email: 'alice@example.com', level: 3 } },
    userAgent: 'my-app/1.0',
    eventSource: 'my.app',
    eventName: 'Login',
    eventTime: '2025-05-14T10:00:00.123Z',
    UID: 'u-1',
    requestParameters: { remember: true },
    responseElements: null,
    sourceIPAddress: '203.0.113.9',
    recipientAccountId: '123456789012',
  },
};

test('every §11 column of a CloudTrail record, formatted as §10.3 text', async () => {
  await database.createTable('ct_format', 'cloudtrail');
  await database.appendRecords('ct_format', 'cloudtrail', [cloudTrailJson]);
  const result = await database.run('SELECT * FROM ct_format');
  expect(result.columns).toEqual(LAKE_SCHEMAS.cloudtrail.map((field) => field.name));
  const role = 'AWSReservedSSO_AdministratorAccess_3f2a1b6c9d8e7f01';
  expect(only(result)).toEqual({
    eventversion: '1.11',
    useridentity:
      '{type=AssumedRole, principalid=AROAEMU0SSOADMINROLE1:maria.garcia@example.com, ' +
      `arn=arn:aws:sts::123456789012:assumed-role/${role}/maria.garcia@example.com, accountid=123456789012, ` +
      'accesskeyid=ASIAEMU0SSOSESSION03, username=null, sessioncontext={attributes={creationdate=2025-05-14 09:00:00.000, ' +
      'mfaauthenticated=false}, sessionissuer={type=Role, principalid=AROAEMU0SSOADMINROLE1, ' +
      `arn=arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/${role}, accountid=123456789012, ` +
      `username=${role}}, webidfederationdata=null, sourceidentity=null, ec2roledelivery=null, ec2issuedinvpc=null}, ` +
      'onbehalfof=null, inscopeof=null, invokedby=null, identityprovider=null}',
    eventtime: '2025-05-14 09:26:41.000',
    eventsource: 's3.amazonaws.com',
    eventname: 'CreateBucket',
    awsregion: 'us-east-1',
    sourceipaddress: '198.51.100.7',
    useragent: 'aws-cli/2.17.4',
    errorcode: 'AccessDenied',
    errormessage: '',
    // Nested objects and arrays are compact JSON text, numbers and booleans JSON text, JSON null NULL.
    requestparameters:
      '{bucketName=acme-raw, CreateBucketConfiguration={"LocationConstraint":"eu-central-1"}, count=3, ' +
      'ratio=0.25, versioned=false, tags=["a",{"b":null}], missing=null}',
    responseelements: '',
    additionaleventdata: '{}',
    requestid: cloudTrailRecord.requestID,
    eventid: cloudTrailRecord.eventID,
    readonly: 'false',
    resources:
      '[{accountid=123456789012, type=AWS::S3::Bucket, arn=arn:aws:s3:::acme-raw, arnprefix=null}, ' +
      '{accountid=null, type=AWS::S3::Object, arn=null, arnprefix=arn:aws:s3:::acme-raw/}]',
    eventtype: 'AwsApiCall',
    apiversion: '2006-03-01',
    managementevent: 'true',
    recipientaccountid: '123456789012',
    sharedeventid: '',
    annotation: '',
    vpcendpointid: 'vpce-0a1b2c3d',
    vpcendpointaccountid: '',
    serviceeventdetails: '',
    addendum: '{reason=DELIVERY_DELAY, updatedFields=null, originalEventID=e-1}',
    edgedevicedetails: '',
    insightdetails: '',
    eventcategory: 'Management',
    tlsdetails: '{tlsversion=TLSv1.3, ciphersuite=TLS_AES_128_GCM_SHA256, clientprovidedhostheader=s3.amazonaws.com}',
    sessioncredentialfromconsole: 'true',
    eventjson: cloudTrailJson,
    eventjsonchecksum: sha256Base64(cloudTrailJson),
  });
});

test('columns of a CloudTrail table keep their SQL types for queries', async () => {
  const result = await database.run(`
    SELECT useridentity.sessioncontext.attributes.creationdate < eventtime AS before,
           trino_element_at(requestparameters, 'count') AS count, resources[1].arn AS arn, len(resources) AS n,
           readonly = false AS writes, eventtime + INTERVAL 1 DAY AS later,
           json_extract_scalar_missing IS NULL AS absent
    FROM ct_format, (SELECT NULL AS json_extract_scalar_missing)`);
  expect(only(result)).toEqual({
    before: 'true',
    count: '3',
    arn: 'arn:aws:s3:::acme-raw',
    n: '2',
    writes: 'true',
    later: '2025-05-15 09:26:41.000',
    absent: 'true',
  });
});

test('every §11 column of an ActivityAuditLog record', async () => {
  await database.createTable('aal_format', 'activity');
  await database.appendRecords('aal_format', 'activity', [serializeRecord(activityRecord)]);
  const result = await database.run('SELECT * FROM aal_format');
  expect(only(result)).toEqual({
    eventversion: '1.0',
    eventcategory: 'ActivityAuditLog',
    eventtype: 'ActivityLog',
    eventid: 'a1b2c3d4-0000-4000-8000-000000000001',
    awsregion: 'us-east-1',
    recipientaccountid: '123456789012',
    eventtime: '2025-05-14 10:00:00.000',
    addendum: '',
    metadata:
      '{ingestiontime=2025-05-14T10:00:05Z, channelarn=arn:aws:cloudtrail:us-east-1:123456789012:channel/01234567-89ab-cdef-0123-456789abcdef}',
    eventdata:
      '{version=1.0, useridentity={type=User, principalid=alice, details={email=alice@example.com, level=3}}, ' +
      'useragent=my-app/1.0, eventsource=my.app, eventname=Login, eventtime=2025-05-14T10:00:00.123Z, uid=u-1, ' +
      'requestparameters={remember=true}, responseelements=null, errorcode=null, errormessage=null, ' +
      'sourceipaddress=203.0.113.9, recipientaccountid=123456789012, additionaleventdata=null}',
  });
  const queried = await database.run(`
    SELECT eventData.eventSource AS source, trino_element_at(eventData.userIdentity.details, 'email') AS email
    FROM aal_format`);
  expect(only(queried)).toEqual({ source: 'my.app', email: 'alice@example.com' });
});

test('a record of another shape loads, NULL where a value does not fit its column', async () => {
  await database.createTable('ct_odd', 'cloudtrail');
  const odd = JSON.stringify({
    EVENTVERSION: 1.1,
    userIdentity: 'not an object',
    eventTime: 'yesterday',
    eventSource: { nested: true },
    requestParameters: ['not', 'an', 'object'],
    readOnly: 'true',
    managementEvent: 1,
    resources: [{ ARN: 'arn:x' }, 'junk'],
    tlsDetails: { tlsVersion: 'TLSv1.2', unknownMember: 'ignored' },
  });
  await database.appendRecords('ct_odd', 'cloudtrail', [odd]);
  const result = await database.run(`
    SELECT eventversion, useridentity, eventtime, eventsource, requestparameters, readonly, managementevent,
           resources, tlsdetails, eventjson FROM ct_odd`);
  expect(only(result)).toEqual({
    eventversion: '1.1',
    useridentity: '',
    eventtime: '',
    eventsource: '{"nested":true}',
    requestparameters: '',
    readonly: 'true',
    managementevent: '',
    resources:
      '[{accountid=null, type=null, arn=arn:x, arnprefix=null}, {accountid=null, type=null, arn=null, arnprefix=null}]',
    tlsdetails: '{tlsversion=TLSv1.2, ciphersuite=null, clientprovidedhostheader=null}',
    eventjson: odd,
  });
  await database.dropTable('ct_odd');
});

test('Config stores add the configuration item and its JSON to the envelope; Insights stores the insight’s own two', async () => {
  const envelope = [
    'eventversion',
    'eventcategory',
    'eventtype',
    'eventid',
    'awsregion',
    'recipientaccountid',
    'eventtime',
  ];
  const expected = {
    config: [...envelope, 'eventdata', 'eventjson'],
    insights: [...envelope, 'sharedeventid', 'insightdetails'],
  };
  for (const kind of ['config', 'insights'] as const) {
    await database.createTable(`${kind}_store`, kind);
    const result = await database.run(`SELECT * FROM ${kind}_store`);
    expect(result).toEqual({ columns: expected[kind], rows: [] });
    await database.dropTable(`${kind}_store`);
  }
});

test('values of every other type as §10.3 text', async () => {
  const result = await database.run(`
    SELECT 5 / 2 AS division, 7.0 / 2 AS decimal, 1.50 AS scale, 2.5::DOUBLE AS double, 1e20 AS big,
           0.0001::DOUBLE AS small, 'NaN'::DOUBLE AS nan, 12345678901234::BIGINT AS bigint, true AS yes,
           DATE '2025-01-02' AS day, TIMESTAMP '2025-01-02 03:04:05.678901' AS time,
           [1, NULL, 3] AS list, [] AS empty, map(['k', 'l'], [[1], NULL]) AS map, map() AS nomap,
           {'f': NULL, 'g': [TIMESTAMP '2025-01-01']} AS struct, [{'x': 1}, NULL] AS structs,
           list_zip([1], ['a']) AS unnamed, [1, 2]::INTEGER[2] AS fixed, NULL AS nothing, '' AS blank,
           ['it''s', 'a, b'] AS strings`);
  expect(only(result)).toEqual({
    division: '2',
    decimal: '3.5',
    scale: '1.50',
    double: '2.5',
    big: '1.0E20',
    small: '1.0E-4',
    nan: 'NaN',
    bigint: '12345678901234',
    yes: 'true',
    day: '2025-01-02',
    time: '2025-01-02 03:04:05.678',
    list: '[1, null, 3]',
    empty: '[]',
    map: '{k=[1], l=null}',
    nomap: '{}',
    struct: '{f=null, g=[2025-01-01 00:00:00.000]}',
    structs: '[{x=1}, null]',
    unnamed: '[{field0=1, field1=a}]',
    fixed: '[1, 2]',
    nothing: '',
    blank: '',
    strings: "[it's, a, b]",
  });
});

test('rows come back in the order of the statement, duplicate names included', async () => {
  const result = await database.run(
    "SELECT i AS n, 'x' || i AS n FROM range(5) t(i) ORDER BY i DESC -- a trailing comment",
  );
  expect(result).toEqual({
    columns: ['n', 'n'],
    rows: [
      ['4', 'x4'],
      ['3', 'x3'],
      ['2', 'x2'],
      ['1', 'x1'],
      ['0', 'x0'],
    ],
  });
});

test('scalar returns the first value as text, null for NULL or no row', async () => {
  expect(await database.scalar("SELECT epoch_ms(CAST(('2025-05-14T09:26:41Z') AS TIMESTAMP))")).toBe('1747214801000');
  expect(await database.scalar('SELECT count(*) FROM ct_format')).toBe('1');
  expect(await database.scalar("SELECT TIMESTAMP '2025-05-14 09:26:41' - INTERVAL '7' DAY")).toBe(
    '2025-05-07 09:26:41.000',
  );
  expect(await database.scalar('SELECT NULL')).toBeNull();
  expect(await database.scalar('SELECT 1 WHERE false')).toBeNull();
});

test('engine errors are plain Errors with DuckDB’s message and no SQL excerpt', async () => {
  const failure = await database.run('SELECT nope FROM ct_format').catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(Error);
  expect((failure as Error).message).toMatch(/^Binder Error: Referenced column "nope" not found in FROM clause!/);
  expect((failure as Error).message).not.toMatch(/LINE|lake_q__/);
  await expect(database.run('SELECT FROM WHERE')).rejects.toThrow(/^Parser Error: syntax error at or near "WHERE"$/);
  await expect(database.run('SELECT trino_element_at([1, 2], 0)')).rejects.toThrow(
    'Invalid Input Error: SQL array indices start at 1',
  );
});

test('appends in one batch, deletes before a time, drops', async () => {
  await database.createTable('ct_life', 'cloudtrail');
  const records = [0, 1, 2, 3].map((hour) =>
    serializeRecord(buildRecord({ at: Date.UTC(2025, 0, 1, hour), eventName: `Call${String(hour)}` })),
  );
  await database.appendRecords('ct_life', 'cloudtrail', records.slice(0, 3));
  await database.appendRecords('ct_life', 'cloudtrail', records.slice(3));
  await database.appendRecords('ct_life', 'cloudtrail', []);
  const names = async () =>
    (await database.run('SELECT eventname FROM ct_life ORDER BY eventtime')).rows.map(([name]) => name);
  expect(await names()).toEqual(['Call0', 'Call1', 'Call2', 'Call3']);

  // A batch with a record that is not JSON adds nothing.
  await expect(database.appendRecords('ct_life', 'cloudtrail', [records[0] ?? '', '{"eventName":'])).rejects.toThrow(
    /JSON/,
  );
  expect(await names()).toEqual(['Call0', 'Call1', 'Call2', 'Call3']);

  await database.deleteBefore('ct_life', Date.UTC(2025, 0, 1, 2));
  expect(await names()).toEqual(['Call2', 'Call3']);

  await database.dropTable('ct_life');
  await expect(database.run('SELECT * FROM ct_life')).rejects.toThrow(
    /^Catalog Error: Table with name ct_life does not exist!/,
  );
  await database.dropTable('ct_life');
});

test('a few records written into the INSERT load exactly as through the staging table', async () => {
  const tricky = (eventName: string, requestParameters: JsonObject) =>
    serializeRecord(buildRecord({ at: Date.UTC(2025, 0, 1), eventName, requestParameters }));
  const records = [
    cloudTrailJson,
    serializeRecord(buildRecord({ at: Date.UTC(2025, 0, 1, 1, 2, 3, 456), eventName: 'Plain' })),
    tricky("it's ''quoted''", { path: 'C:\\dir\\n', dollars: '$$x$$', comment: '-- no /* nor */', lines: 'a\nb\tc' }),
    tricky('Unicode', { text: 'é 日本 🎉', empty: '', list: ['', null, 'x'], number: 1e21, float: 0.1, big: 2 ** 60 }),
    tricky('Nested', { deep: { a: [1, { b: "'" }] }, yes: true, no: false, none: null }),
    JSON.stringify({ eventTime: '2025-01-01T00:00:00+02:00', readOnly: 'false', resources: [], userIdentity: {} }),
    JSON.stringify({ eventVersion: 1.1, eventTime: 'not a time', resources: [{ ARN: null }, 3] }),
    // A NUL and a lone surrogate cannot be SQL literals: those records take the staging path.
    tricky('Nul', { text: 'a\u0000b' }),
    tricky('Surrogate', { text: 'a\ud800b', pair: '\ud83c\udf89' }),
  ];
  expect(executeAppendSql('append', 'cloudtrail', records.slice(0, 7))).toBeDefined();
  expect(executeAppendSql('append', 'cloudtrail', records.slice(7, 8))).toBeUndefined();
  expect(executeAppendSql('append', 'cloudtrail', records.slice(8))).toBeUndefined();
  // More records than a literal INSERT takes: one staging batch. One at a time: literal INSERTs.
  const staged = [...records, ...records];
  await database.createTable('ct_staged', 'cloudtrail');
  await database.createTable('ct_literal', 'cloudtrail');
  await database.appendRecords('ct_staged', 'cloudtrail', staged);
  for (const json of staged) await database.appendRecords('ct_literal', 'cloudtrail', [json]);
  await database.appendRecords('ct_literal', 'cloudtrail', []);
  const all = (table: string) => database.run(`SELECT * FROM ${table}`);
  const literal = await all('ct_literal');
  expect(literal.rows).toHaveLength(staged.length);
  expect(literal).toEqual(await all('ct_staged'));
  const difference = (a: string, b: string) =>
    database.scalar(`SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`);
  expect(await difference('ct_literal', 'ct_staged')).toBe('0');
  expect(await difference('ct_staged', 'ct_literal')).toBe('0');
  // Several records in one literal INSERT, in their order.
  await database.createTable('ct_literals', 'cloudtrail');
  await database.appendRecords('ct_literals', 'cloudtrail', records.slice(0, 7));
  expect(await database.run('SELECT * FROM ct_literals')).toEqual({
    columns: literal.columns,
    rows: literal.rows.slice(0, 7),
  });
  // A record that is not JSON fails the literal INSERT too, and adds nothing.
  await expect(database.appendRecords('ct_literals', 'cloudtrail', [cloudTrailJson, '{'])).rejects.toThrow(/JSON/);
  expect(await database.number('SELECT count(*) FROM ct_literals')).toBe(7);
  // The INSERT is prepared once per table; a table dropped and made anew (a store's reload) gets
  // its own, so appends land in the new table.
  await database.dropTable('ct_literals');
  await database.createTable('ct_literals', 'cloudtrail');
  await database.appendRecords('ct_literals', 'cloudtrail', records.slice(1, 3));
  expect(await database.run('SELECT * FROM ct_literals')).toEqual({
    columns: literal.columns,
    rows: literal.rows.slice(1, 3),
  });
  for (const table of ['ct_staged', 'ct_literal', 'ct_literals']) await database.dropTable(table);
});

test('loadTable creates and fills a table; a failed load leaves no table', async () => {
  const records = [0, 1, 2].map((hour) => serializeRecord(buildRecord({ at: Date.UTC(2025, 0, 1, hour) })));
  function* generated(): Generator<string> {
    yield* records;
  }
  await database.loadTable('ct_load', 'cloudtrail', generated());
  expect(await database.number('SELECT count(*) FROM ct_load')).toBe(3);
  await database.dropTable('ct_load');
  await database.loadTable('ct_load', 'cloudtrail', []);
  expect(await database.number('SELECT count(*) FROM ct_load')).toBe(0);
  await database.dropTable('ct_load');
  await expect(database.loadTable('ct_load', 'cloudtrail', [...records, '{"eventName":'])).rejects.toThrow(/JSON/);
  await expect(database.run('SELECT * FROM ct_load')).rejects.toThrow(/^Catalog Error: Table with name ct_load/);
});

test('number reads a count or an epoch without formatting; null for NULL or no row', async () => {
  expect(await database.number("SELECT epoch_ms(CAST(('2025-05-14T09:26:41Z') AS TIMESTAMP))")).toBe(1747214801000);
  expect(await database.number('SELECT 3;')).toBe(3);
  expect(await database.number('SELECT NULL')).toBeNull();
  expect(await database.number('SELECT 1 WHERE false')).toBeNull();
  await expect(database.number('SELECT count(*) FROM nowhere')).rejects.toThrow(
    /^Catalog Error: Table with name nowhere/,
  );
});

test('a statement run again answers with the columns of the table as it is now', async () => {
  await database.createTable('kind_change', 'cloudtrail');
  const statement = 'SELECT * FROM kind_change';
  const first = await database.run(statement);
  expect(first.columns).toContain('useridentity');
  // The same text again, after the caller changed the names it was given.
  first.columns.push('extra');
  expect((await database.run(statement)).columns).toEqual(first.columns.slice(0, -1));
  // Dropped and created again as another kind: the same text now has other columns.
  await database.dropTable('kind_change');
  await database.createTable('kind_change', 'activity');
  const again = await database.run(statement);
  expect(again.columns).toContain('eventdata');
  expect(again.columns).not.toContain('useridentity');
  await database.dropTable('kind_change');
});
