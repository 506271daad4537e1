import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQueries } from '@tanstack/react-query';
import { eventDataStoreQueries, type EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { formatBytes } from '@/lib/format-bytes';
import { formatEventTime } from '@/lib/format-time';
import { eventDataStoreIdOf } from '@/lib/paths';
import { formatCost, scanCost } from '@/lib/scan-cost';
import type { StoreScan } from './query-log';
import { hasEventTimeBound, selectsEverything, tableReferences } from './sql-analysis';

/** How big a store is, and how we know: the emulator measures it; on AWS only a past full scan does. */
type StoreSize = { bytes: number; source: string } | undefined;

export interface QueryEstimateProps {
  sql: string;
  stores: readonly EventDataStoreDetails[];
  scans: Readonly<Record<string, StoreScan>>;
  pricePerGb: number;
}

/**
 * Before a run: the most the query can scan and cost, from the sizes of the stores it names, and
 * warnings for scans of whole stores and SELECT *. Nothing is guessed: a store of unknown size says so.
 */
export function QueryEstimate({ sql, stores, scans, pricePerGb }: QueryEstimateProps) {
  const { connection } = useConnection();
  const ids = [...new Set(tableReferences(sql).map((reference) => eventDataStoreIdOf(reference.store)))];
  const named = ids.flatMap((id) => {
    const store = stores.find((candidate) => eventDataStoreIdOf(candidate.EventDataStoreArn ?? '') === id);
    return store?.EventDataStoreArn ? [{ id, arn: store.EventDataStoreArn, name: store.Name ?? id }] : [];
  });
  const usages = useQueries({
    queries: named.map((store) => eventDataStoreQueries.usage(connection, store.arn)),
  });
  if (sql.trim() === '') return null;

  const bounded = hasEventTimeBound(sql);
  const sizes = named.map((store, index): StoreSize => {
    const usage = usages[index]?.data;
    if (usage?.available) return { bytes: usage.Bytes, source: `${store.name} holds it now` };
    const scan = scans[store.id];
    return scan
      ? {
          bytes: scan.bytes,
          source: `a full scan of ${store.name} measured it at ${formatEventTime(new Date(scan.at))}`,
        }
      : undefined;
  });
  const unknown = named.filter((_store, index) => sizes[index] === undefined);
  const known = sizes.filter((size) => size !== undefined);
  const total = known.reduce((sum, size) => sum + size.bytes, 0);

  let estimate = null;
  if (named.length === 0)
    estimate = <Box variant="small">Name an event data store after FROM to see what the query may scan.</Box>;
  else if (unknown.length === 0) {
    const amount = `${formatBytes(total)}, ${formatCost(scanCost(total, pricePerGb))} at ${formatCost(pricePerGb)} per GB`;
    estimate = (
      <StatusIndicator type="info">
        {bounded
          ? `Scans at most ${amount}; the eventTime bound in WHERE lets it read less (${known.map((size) => size.source).join('; ')}).`
          : `Scans about ${amount} (${known.map((size) => size.source).join('; ')}).`}
      </StatusIndicator>
    );
  } else
    estimate = (
      <StatusIndicator type="info">
        {`No estimate: the size of ${unknown.map((store) => store.name).join(', ')} is not known. CloudTrail does not report a store's size; a query without an eventTime bound measures it.`}
      </StatusIndicator>
    );

  return (
    <section aria-label="Estimate">
      <SpaceBetween size="xxs">
        {estimate}
        {named.length > 0 && !bounded ? (
          <StatusIndicator type="warning">
            No eventTime bound in WHERE: the query scans every event of the stores it reads.
          </StatusIndicator>
        ) : null}
        {selectsEverything(sql) ? (
          <StatusIndicator type="warning">
            SELECT * returns every column, the whole record in eventJson too: name the columns you need for smaller
            results.
          </StatusIndicator>
        ) : null}
      </SpaceBetween>
    </section>
  );
}
