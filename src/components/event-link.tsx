import type { Event } from '@aws-sdk/client-cloudtrail';
import Link from '@cloudscape-design/components/link';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';

/**
 * A link to an event's page, reading `text` (default: the event's name, else its ID); plain text
 * when the event has no ID to link to.
 */
export function EventLink({ event, text }: { event: Event; text?: string }) {
  const follow = useFollow();
  const label = text ?? event.EventName ?? event.EventId ?? '-';
  return event.EventId ? (
    <Link href={paths.eventDetail(event.EventId)} onFollow={follow}>
      {label}
    </Link>
  ) : (
    label
  );
}
