// What the SQL editor knows about CloudTrail Lake (mocks/emulator/SEMANTICS.md §10.5, §11): the
// columns of each kind of store, with their nested fields, and the Trino functions Lake accepts.
// Identifiers are case-insensitive in Lake; names are spelled as CloudTrail records spell them.
import type { EventDataStoreKind } from '@/lib/event-data-store-kind';

export interface SchemaField {
  name: string;
  type: string;
  /** Fields of a struct, reachable with a dot (`userIdentity.sessionContext.sessionIssuer.arn`). */
  fields?: readonly SchemaField[];
}

function field(name: string, type = 'string'): SchemaField {
  return { name, type };
}

function struct(name: string, fields: readonly SchemaField[]): SchemaField {
  return { name, type: 'struct', fields };
}

const MAP = 'map<string,string>';

const USER_IDENTITY = struct('userIdentity', [
  field('type'),
  field('principalId'),
  field('arn'),
  field('accountId'),
  field('accessKeyId'),
  field('userName'),
  struct('sessionContext', [
    struct('attributes', [field('creationDate', 'timestamp'), field('mfaAuthenticated')]),
    struct('sessionIssuer', [field('type'), field('principalId'), field('arn'), field('accountId'), field('userName')]),
    struct('webIdFederationData', [field('federatedProvider'), field('attributes', MAP)]),
    field('sourceIdentity'),
    field('ec2RoleDelivery'),
    field('ec2IssuedInVPC'),
  ]),
  struct('onBehalfOf', [field('userId'), field('identityStoreArn')]),
  struct('inScopeOf', [field('sourceArn'), field('sourceAccount'), field('issuerType'), field('credentialsIssuedTo')]),
  field('invokedBy'),
  field('identityProvider'),
]);

/** Columns of stores of CloudTrail events (management, data, network activity). */
const CLOUDTRAIL_EVENT_COLUMNS: readonly SchemaField[] = [
  field('eventVersion'),
  USER_IDENTITY,
  field('eventTime', 'timestamp'),
  field('eventSource'),
  field('eventName'),
  field('awsRegion'),
  field('sourceIPAddress'),
  field('userAgent'),
  field('errorCode'),
  field('errorMessage'),
  field('requestParameters', MAP),
  field('responseElements', MAP),
  field('additionalEventData', MAP),
  field('requestID'),
  field('eventID'),
  field('readOnly', 'boolean'),
  field('resources', 'array<struct<accountId, type, arn, arnPrefix>>'),
  field('eventType'),
  field('apiVersion'),
  field('managementEvent', 'boolean'),
  field('recipientAccountId'),
  field('sharedEventID'),
  field('annotation'),
  field('vpcEndpointId'),
  field('vpcEndpointAccountId'),
  field('serviceEventDetails', MAP),
  field('addendum', MAP),
  field('edgeDeviceDetails', MAP),
  field('insightDetails', MAP),
  field('eventCategory'),
  struct('tlsDetails', [field('tlsVersion'), field('cipherSuite'), field('clientProvidedHostHeader')]),
  field('sessionCredentialFromConsole'),
  field('eventJson'),
  field('eventJsonChecksum'),
];

/** The columns every store has. */
const ENVELOPE_COLUMNS: readonly SchemaField[] = [
  field('eventVersion'),
  field('eventCategory'),
  field('eventType'),
  field('eventID'),
  field('eventTime', 'timestamp'),
  field('awsRegion'),
  field('recipientAccountId'),
];

/** Columns of stores of events from outside AWS (integrations). */
const ACTIVITY_AUDIT_LOG_COLUMNS: readonly SchemaField[] = [
  ...ENVELOPE_COLUMNS,
  struct('addendum', [field('reason'), field('updatedFields'), field('originalUID'), field('originalEventID')]),
  struct('metadata', [field('ingestionTime'), field('channelARN')]),
  struct('eventData', [
    field('version'),
    struct('userIdentity', [field('type'), field('principalId'), field('details', MAP)]),
    field('userAgent'),
    field('eventSource'),
    field('eventName'),
    field('eventTime'),
    field('UID'),
    field('requestParameters', MAP),
    field('responseElements', MAP),
    field('errorCode'),
    field('errorMessage'),
    field('sourceIPAddress'),
    field('recipientAccountId'),
    field('additionalEventData', MAP),
  ]),
];

/** The columns of a store of this kind; Insights and Config stores have only the envelope. */
export function columnsOf(kind: EventDataStoreKind): readonly SchemaField[] {
  switch (kind) {
    case 'CloudTrailEvents':
      return CLOUDTRAIL_EVENT_COLUMNS;
    case 'ActivityAuditLog':
      return ACTIVITY_AUDIT_LOG_COLUMNS;
    case 'Insights':
    case 'ConfigurationItems':
      return ENVELOPE_COLUMNS;
  }
}

/** The fields under a dotted path of columns (`userIdentity.sessionContext`), case-insensitively. */
export function fieldsAt(columns: readonly SchemaField[], path: readonly string[]): readonly SchemaField[] | undefined {
  let level: readonly SchemaField[] | undefined = columns;
  for (const name of path) {
    const lower = name.toLowerCase();
    level = level.find((candidate) => candidate.name.toLowerCase() === lower)?.fields;
    if (level === undefined) return undefined;
  }
  return level;
}

export interface SqlFunction {
  name: string;
  signature: string;
}

function fn(name: string, signature: string): SqlFunction {
  return { name, signature };
}

/** Functions Lake accepts (mocks/emulator/SEMANTICS.md §10.5), with a short signature. */
export const LAKE_FUNCTIONS: readonly SqlFunction[] = [
  fn('count', 'count(*) | count(DISTINCT x)'),
  fn('sum', 'sum(x)'),
  fn('min', 'min(x)'),
  fn('max', 'max(x)'),
  fn('avg', 'avg(x)'),
  fn('count_if', 'count_if(condition)'),
  fn('element_at', 'element_at(map, key) | element_at(array, index)'),
  fn('cardinality', 'cardinality(map or array)'),
  fn('map_keys', 'map_keys(map)'),
  fn('map_values', 'map_values(map)'),
  fn('contains', 'contains(array, value)'),
  fn('array_distinct', 'array_distinct(array)'),
  fn('array_max', 'array_max(array)'),
  fn('array_min', 'array_min(array)'),
  fn('slice', 'slice(array, start, length)'),
  fn('json_parse', 'json_parse(string)'),
  fn('json_format', 'json_format(json)'),
  fn('json_extract', "json_extract(json, '$.path')"),
  fn('json_extract_scalar', "json_extract_scalar(json, '$.path')"),
  fn('json_array_contains', 'json_array_contains(json, value)'),
  fn('json_array_get', 'json_array_get(json, index)'),
  fn('json_array_length', 'json_array_length(json)'),
  fn('is_json_scalar', 'is_json_scalar(json)'),
  fn('current_timestamp', 'current_timestamp'),
  fn('now', 'now()'),
  fn('date', 'date(timestamp)'),
  fn('date_add', "date_add('day', -7, now())"),
  fn('date_diff', "date_diff('hour', start, end)"),
  fn('date_trunc', "date_trunc('day', timestamp)"),
  fn('date_format', "date_format(timestamp, '%Y-%m-%d')"),
  fn('from_iso8601_timestamp', 'from_iso8601_timestamp(string)'),
  fn('year', 'year(timestamp)'),
  fn('quarter', 'quarter(timestamp)'),
  fn('month', 'month(timestamp)'),
  fn('week', 'week(timestamp)'),
  fn('week_of_year', 'week_of_year(timestamp)'),
  fn('day', 'day(timestamp)'),
  fn('day_of_month', 'day_of_month(timestamp)'),
  fn('day_of_week', 'day_of_week(timestamp)'),
  fn('dow', 'dow(timestamp)'),
  fn('day_of_year', 'day_of_year(timestamp)'),
  fn('doy', 'doy(timestamp)'),
  fn('hour', 'hour(timestamp)'),
  fn('minute', 'minute(timestamp)'),
  fn('second', 'second(timestamp)'),
  fn('millisecond', 'millisecond(timestamp)'),
  fn('year_of_week', 'year_of_week(timestamp)'),
  fn('yow', 'yow(timestamp)'),
  fn('lower', 'lower(string)'),
  fn('upper', 'upper(string)'),
  fn('length', 'length(string)'),
  fn('substr', 'substr(string, start, length)'),
  fn('concat', 'concat(a, b, ...)'),
  fn('split_part', 'split_part(string, delimiter, index)'),
  fn('regexp_like', 'regexp_like(string, pattern)'),
  fn('coalesce', 'coalesce(a, b, ...)'),
  fn('if', 'if(condition, then, else)'),
  fn('greatest', 'greatest(a, b, ...)'),
  fn('least', 'least(a, b, ...)'),
  fn('try_cast', 'try_cast(x AS type)'),
];

/** Keywords of the SELECT dialect (§10.5), for highlighting and completion. */
export const LAKE_KEYWORDS =
  'select distinct all from where group by having order asc desc nulls first last limit as on join inner left ' +
  'right full outer cross union intersect except with and or not in between like is null true false case when ' +
  'then else end cast try_cast interval exists escape using';

/** Types Lake can cast to. */
export const LAKE_TYPES = 'varchar integer bigint double boolean timestamp date decimal real smallint tinyint json';
