import Button from '@cloudscape-design/components/button';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { describeError } from '@/api/errors';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import type { UrlAttributeFilter } from '@/lib/event-history-url';
import { paths } from '@/lib/paths';
import type { TimeRange } from '@/lib/time-range';
import { eventHistoryLakeQuery, fitsQueryStatement, lakeStoreForEventHistory } from './event-history-lake-query';

export interface OpenInLakeButtonProps {
  filters: readonly UrlAttributeFilter[];
  range: TimeRange | undefined;
}

/** Opens the Lake query editor on Event history's filters and time range, over a store that holds these events. */
export function OpenInLakeButton({ filters, range }: OpenInLakeButtonProps) {
  const { connection, backend } = useConnection();
  const navigate = useNavigate();
  const stores = useQuery(eventDataStoreQueries.list(connection));
  const store = stores.data ? lakeStoreForEventHistory(stores.data) : undefined;
  // A relative range ends now: the statement is written again at the click.
  const statement = (now: Date) =>
    store ? eventHistoryLakeQuery({ store, region: connection.region, filters, range, now }) : undefined;
  const draft = statement(new Date());

  let reason: string | undefined;
  if (stores.isPending) reason = 'Looking for an event data store that holds these events.';
  else if (stores.isError)
    reason = `The event data stores could not be read: ${describeError(stores.error, { backend }).message}`;
  else if (draft === undefined)
    reason = `No enabled event data store of management events in ${connection.region}. Create one in Lake to query these events with SQL.`;
  else if (!fitsQueryStatement(draft))
    reason = 'These filters make a query longer than CloudTrail accepts (10,000 characters).';

  return (
    <Button
      iconName="search"
      disabled={reason !== undefined}
      {...(reason === undefined ? {} : { disabledReason: reason })}
      onClick={() => {
        const sql = statement(new Date());
        if (sql !== undefined) void navigate(paths.lakeQuery({ sql }));
      }}
    >
      Open in Lake
    </Button>
  );
}
