// Event history's view as a Lake query: the same lookup filters and time range over an event data
// store, so a search can go on in SQL (more columns, aggregates, more than 90 days).
import type { EventDataStoreDetails } from '@/api/event-data-stores';
import { QUERY_STATEMENT } from '@/lib/cloudtrail-limits';
import { categoriesOf, kindOf } from '@/lib/event-data-store-kind';
import type { UrlAttributeFilter } from '@/lib/event-history-url';
import { sqlString, sqlTimestamp } from '@/lib/lake-sql';
import { eventDataStoreIdOf } from '@/lib/paths';
import { resolveTimeRange, type TimeRange } from '@/lib/time-range';

const HISTORY_MILLISECONDS = 90 * 86_400_000;

const COLUMNS = 'eventTime, eventName, userIdentity.arn, eventSource, sourceIPAddress, errorCode';

/**
 * LookupEvents' user name, which depends on the kind of identity (an assumed role's session name,
 * a role's issuer, a service's name), written over the Lake columns it is derived from.
 */
const USER_NAME = `CASE userIdentity.type
    WHEN 'Root' THEN coalesce(userIdentity.userName, 'root')
    WHEN 'AssumedRole' THEN element_at(split(userIdentity.arn, '/'), -1)
    WHEN 'FederatedUser' THEN element_at(split(userIdentity.arn, '/'), -1)
    WHEN 'Role' THEN userIdentity.sessionContext.sessionIssuer.userName
    WHEN 'IdentityCenterUser' THEN coalesce(userIdentity.userName, userIdentity.onBehalfOf.userId)
    WHEN 'AWSService' THEN userIdentity.invokedBy
    ELSE userIdentity.userName
  END`;

/** A LIKE pattern for text ending in `suffix`, its wildcards taken literally (escape `\`). */
function endsWithPattern(suffix: string): string {
  return sqlString(`%${suffix.replace(/[\\%_]/g, (character) => `\\${character}`)}`);
}

/** The WHERE condition a lookup attribute stands for, matching what LookupEvents matches. */
function condition({ key, value }: UrlAttributeFilter): string {
  const text = sqlString(value);
  switch (key) {
    case 'EventId':
      return `eventID = ${text}`;
    case 'EventName':
      return `eventName = ${text}`;
    case 'EventSource':
      return `eventSource = ${text}`;
    case 'ReadOnly':
      // LookupEvents compares the text "true" or "false"; any other value matches nothing.
      return value === 'true' || value === 'false' ? `readOnly = ${value}` : `CAST(readOnly AS varchar) = ${text}`;
    case 'AccessKeyId':
      return `userIdentity.accessKeyId = ${text}`;
    case 'Username':
      return `${USER_NAME} = ${text}`;
    case 'ResourceType':
      return `any_match(resources, r -> r.type = ${text})`;
    case 'ResourceName': {
      // Lake keeps resources' ARNs; a resource's name is its ARN or the ARN's last part.
      const arn = 'coalesce(r.arn, r.arnPrefix)';
      const suffix = (separator: string) => `${arn} LIKE ${endsWithPattern(`${separator}${value}`)} ESCAPE '\\'`;
      return `any_match(resources, r -> ${arn} = ${text} OR ${suffix('/')} OR ${suffix(':')})`;
    }
  }
}

export interface EventHistoryLakeQueryInput {
  store: EventDataStoreDetails;
  region: string;
  filters: readonly UrlAttributeFilter[];
  range: TimeRange | undefined;
  now: Date;
}

/**
 * The Lake query for Event history's view: its columns, bounded to the time range as LookupEvents
 * reads it (whole seconds, the last 90 days when no range is set), in the console's Region, with
 * every lookup filter, newest first.
 */
export function eventHistoryLakeQuery({ store, region, filters, range, now }: EventHistoryLakeQueryInput): string {
  const span = resolveTimeRange(range, now);
  const start = Math.ceil((span.StartTime?.getTime() ?? now.getTime() - HISTORY_MILLISECONDS) / 1000);
  const end = Math.floor((span.EndTime?.getTime() ?? now.getTime()) / 1000);
  const conditions = [
    `eventTime >= ${sqlTimestamp(start)}`,
    `eventTime <= ${sqlTimestamp(end)}`,
    // A multi-Region store holds every Region's events; Event history shows one Region's.
    `awsRegion = ${sqlString(region)}`,
    // Event history holds management events; a store may take data or network activity events too.
    ...(categoriesOf(store.AdvancedEventSelectors).some((category) => category !== 'Management')
      ? ["eventCategory = 'Management'"]
      : []),
    ...filters.map(condition),
  ];
  return [
    `SELECT ${COLUMNS}`,
    `FROM ${eventDataStoreIdOf(store.EventDataStoreArn ?? '')}`,
    `WHERE ${conditions.join('\n  AND ')}`,
    'ORDER BY eventTime DESC',
  ].join('\n');
}

/** Whether a statement fits CloudTrail's limit (and the query page's `?sql=`). */
export function fitsQueryStatement(sql: string): boolean {
  return sql.length <= QUERY_STATEMENT.max;
}

/**
 * The store Event history's events can be queried in: the first enabled store of CloudTrail
 * events whose selectors take management events (a store of data events only would hold none).
 */
export function lakeStoreForEventHistory(stores: readonly EventDataStoreDetails[]): EventDataStoreDetails | undefined {
  return stores.find((store) => {
    if (store.Status !== 'ENABLED' || kindOf(store.AdvancedEventSelectors) !== 'CloudTrailEvents') return false;
    const categories = categoriesOf(store.AdvancedEventSelectors);
    return categories.length === 0 || categories.includes('Management');
  });
}
