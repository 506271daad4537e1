import Link from '@cloudscape-design/components/link';
import { useQuery } from '@tanstack/react-query';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { storeIdOf } from './describe-channel';

/** A link to a destination store's page, named once the store is read; its ID until then. */
export function StoreLink({ arn }: { arn: string }) {
  const { connection } = useConnection();
  const follow = useFollow();
  const query = useQuery(eventDataStoreQueries.detail(connection, arn));
  const name = query.data?.Name ?? storeIdOf(arn);
  return (
    <Link href={paths.eventDataStoreDetail(arn)} onFollow={follow}>
      {query.isError ? `${storeIdOf(arn)} (not readable)` : name}
    </Link>
  );
}
