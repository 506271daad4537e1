// The Lake query that finds what a channel delivered to one of its destination stores.
import { sqlString } from '@/lib/lake-sql';
import { eventDataStoreIdOf } from '@/lib/paths';

/**
 * The events a channel ingested into a store (an ActivityAuditLog store: `eventData.*` as sent,
 * `metadata.channelArn` naming the channel that delivered each one), newest first.
 */
export function channelEventsQuery(storeArn: string, channelArn: string): string {
  return [
    'SELECT eventData.eventName, eventData.eventTime, eventData.userIdentity.principalId, eventData.eventSource, metadata.channelArn',
    `FROM ${eventDataStoreIdOf(storeArn)}`,
    `WHERE metadata.channelArn = ${sqlString(channelArn)}`,
    'ORDER BY eventTime DESC',
  ].join('\n');
}
