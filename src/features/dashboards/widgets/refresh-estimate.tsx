import { StatusIndicator } from '@/components/status-indicator';
import { useQueries } from '@tanstack/react-query';
import { eventDataStoreQueries, type EventDataStoreDetails } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { formatBytes } from '@/lib/format-bytes';
import { formatCost, scanCost } from '@/lib/scan-cost';

export interface RefreshEstimateProps {
  /** How many queries a refresh runs: one per widget. */
  queries: number;
  /** The stores the widgets read. */
  stores: readonly EventDataStoreDetails[];
  pricePerGb: number;
}

/**
 * Before a refresh: what its queries may scan and cost (§10.6, §18.14). Each widget's query reads at
 * most the whole of its stores; the time range lets it read less. Nothing is guessed: stores of
 * unknown size (AWS does not report one) say so.
 */
export function RefreshEstimate({ queries, stores, pricePerGb }: RefreshEstimateProps) {
  const { connection } = useConnection();
  const usages = useQueries({
    queries: stores.map((store) => eventDataStoreQueries.usage(connection, store.EventDataStoreArn ?? '')),
  });
  if (queries === 0) return null;
  if (stores.length === 0)
    return (
      <StatusIndicator type="info">No estimate: the widgets name no event data store of this Region.</StatusIndicator>
    );
  if (usages.some((usage) => usage.isPending))
    return <StatusIndicator type="loading">Estimating the refresh's scan</StatusIndicator>;
  const unknown = stores.filter((_store, index) => !usages[index]?.data?.available);
  if (unknown.length > 0)
    return (
      <StatusIndicator type="info">
        {`No estimate: the size of ${unknown.map((store) => store.Name ?? '').join(', ')} is not known. CloudTrail does not report a store's size.`}
      </StatusIndicator>
    );
  const bytes = usages.reduce((sum, usage) => sum + (usage.data?.available ? usage.data.Bytes : 0), 0);
  const total = bytes * queries;
  return (
    <StatusIndicator type="info">
      {`Refreshing runs ${String(queries)} ${queries === 1 ? 'query' : 'queries'} over ${stores.map((store) => store.Name ?? '').join(', ')} (${formatBytes(bytes)}): at most ${formatBytes(total)} scanned, ${formatCost(scanCost(total, pricePerGb))} at ${formatCost(pricePerGb)} per GB. The time range lets them read less.`}
    </StatusIndicator>
  );
}
