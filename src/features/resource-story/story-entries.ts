// The story's rows: events in time order, and for each successful change the field-level
// difference of its requestParameters from the previous successful call of the same name (the
// previous bucket policy, the previous rule change), so "what changed" reads at a glance.
import type { Event } from '@aws-sdk/client-cloudtrail';
import { diffJson, type FieldChange } from '@/lib/json-diff';
import { recordOf } from '@/lib/principal-chain';

export interface StoryEntry {
  event: Event;
  /** For a successful change: what differs from the previous one of its name. */
  change?: {
    /** The previous change of the same event name, absent for the first one read. */
    previous?: Event;
    fields: FieldChange[];
  };
}

function failed(event: Event): boolean {
  const record = recordOf(event);
  return typeof record['errorCode'] === 'string' || typeof record['errorMessage'] === 'string';
}

function timeOf(event: Event): number {
  return event.EventTime?.getTime() ?? 0;
}

/** Events once each, oldest first, with the differences between consecutive changes of the same name. */
export function storyEntries(events: readonly Event[]): StoryEntry[] {
  const byId = new Map<string, Event>();
  for (const event of events) byId.set(event.EventId ?? `${String(timeOf(event))}:${String(byId.size)}`, event);
  const ordered = [...byId.values()].sort(
    (a, b) => timeOf(a) - timeOf(b) || (a.EventId ?? '').localeCompare(b.EventId ?? ''),
  );
  const lastOfName = new Map<string, Event>();
  return ordered.map((event) => {
    if (event.ReadOnly !== 'false' || failed(event)) return { event };
    const name = event.EventName ?? '';
    const previous = lastOfName.get(name);
    lastOfName.set(name, event);
    if (previous === undefined) return { event, change: { fields: [] } };
    const fields = diffJson(
      recordOf(previous)['requestParameters'] ?? null,
      recordOf(event)['requestParameters'] ?? null,
    );
    return { event, change: { previous, fields } };
  });
}
