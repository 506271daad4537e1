import Link from '@cloudscape-design/components/link';
import { useFollow } from '@/hooks/use-follow';
import { LOOKUP_ATTRIBUTE_VALUE } from '@/lib/cloudtrail-limits';
import type { UrlAttributeFilter } from '@/lib/event-history-url';
import { paths } from '@/lib/paths';

/**
 * A value that opens Event history filtered by itself. A value CloudTrail could not look up (empty or
 * over the attribute's length) stays plain text.
 */
export function HistoryLink({ filter }: { filter: UrlAttributeFilter }) {
  const follow = useFollow();
  if (filter.value === '') return '-';
  if (filter.value.length > LOOKUP_ATTRIBUTE_VALUE.max) return filter.value;
  return (
    <Link href={paths.eventHistory({ filters: [filter] })} onFollow={follow}>
      {filter.value}
    </Link>
  );
}
