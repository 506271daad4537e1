// LookupEvents (SEMANTICS.md §7): one attribute, exact and case-sensitive; the 90-day window of
// Management records of the caller's account in the called region; newest first; signed tokens
// bound to the first call's filters and to the records that existed then.
import type { LookupEventsRequest, LookupEventsResponse } from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import { InvalidLookupAttributesException, InvalidNextTokenException, InvalidTimeRangeException } from '../../errors';
import { historyOf, type LookupAttributeKey } from './history';
import { fingerprint, tokenSigner } from '../../next-token';
import { projectEvent } from '../../records';
import { LOOKUP_ATTRIBUTE_VALUE, LOOKUP_EVENTS_MAX_RESULTS } from '../../../../src/lib/cloudtrail-limits';

/** Order in which LookupEvents reports constraint failures (SEMANTICS.md §7, checks 2–5). */
export const LOOKUP_EVENTS_MEMBER_ORDER = ['MaxResults', 'EventCategory', 'LookupAttributes', 'StartTime', 'EndTime'];

const INSIGHT_KEYS: readonly string[] = ['EventId', 'EventName', 'EventSource'];

/** The documented weighting: `_`, space, `,` and newline count as two characters. */
function weightedLength(value: string): number {
  let length = 0;
  for (const char of value) length += char === '_' || char === ' ' || char === ',' || char === '\n' ? 2 : 1;
  return length;
}

interface LookupToken {
  a: string;
  r: string;
  f: string;
  /** Window start, epoch seconds. */
  s: number;
  /** asOf: the last ingestion sequence the walk may see. */
  q: number;
  /** Cursor: time and eventID of the last event returned. */
  t: number;
  i: string;
}

function isLookupToken(value: unknown): value is LookupToken {
  if (typeof value !== 'object' || value === null) return false;
  const token = value as Record<string, unknown>;
  return (
    typeof token.a === 'string' &&
    typeof token.r === 'string' &&
    typeof token.f === 'string' &&
    typeof token.s === 'number' &&
    typeof token.q === 'number' &&
    typeof token.t === 'number' &&
    typeof token.i === 'string'
  );
}

function checkAttributes(input: LookupEventsRequest): { key: LookupAttributeKey; value: string } | undefined {
  const attributes = input.LookupAttributes ?? [];
  if (attributes.length > 1)
    throw new InvalidLookupAttributesException(
      'You cannot perform a lookup on more than one attribute: only one attribute is supported.',
    );
  const [attribute] = attributes;
  if (!attribute) return undefined;
  const key = attribute.AttributeKey as LookupAttributeKey;
  const value = attribute.AttributeValue ?? '';
  if (weightedLength(value) > LOOKUP_ATTRIBUTE_VALUE.maxWeightedLength)
    throw new InvalidLookupAttributesException(
      `The value of ${key} is too long: at most ${String(LOOKUP_ATTRIBUTE_VALUE.maxWeightedLength)} characters, counting '_', ' ', ',' and newline as two.`,
    );
  if (input.EventCategory === 'insight' && !INSIGHT_KEYS.includes(key))
    throw new InvalidLookupAttributesException(
      `${key} is not supported for Insights events; use EventId, EventName or EventSource.`,
    );
  if (key === 'ReadOnly' && value !== 'true' && value !== 'false')
    throw new InvalidLookupAttributesException(`ReadOnly must be 'true' or 'false', not '${value}'.`);
  return { key, value };
}

/** Looks up the caller's Management events in the called region, newest first. */
export function lookupEvents(input: LookupEventsRequest, context: RequestContext): LookupEventsResponse {
  const { state } = context;
  const limit = input.MaxResults ?? LOOKUP_EVENTS_MAX_RESULTS.max;
  const attribute = checkAttributes(input);
  if (input.StartTime && input.EndTime && input.StartTime > input.EndTime)
    throw new InvalidTimeRangeException('StartTime must be before or equal to EndTime.');

  const signer = tokenSigner(state.config.seed);
  const filters = fingerprint({
    LookupAttributes: input.LookupAttributes,
    StartTime: input.StartTime?.getTime(),
    EndTime: input.EndTime?.getTime(),
    EventCategory: input.EventCategory,
  });
  let token: LookupToken | undefined;
  if (input.NextToken !== undefined) {
    const payload = signer.verify(input.NextToken);
    if (
      !isLookupToken(payload) ||
      payload.a !== context.account ||
      payload.r !== context.region ||
      payload.f !== filters
    )
      throw new InvalidNextTokenException('The NextToken is invalid or does not match the parameters of the request.');
    token = payload;
  }

  // The emulator records no Insights events, so an insight lookup is always empty.
  if (input.EventCategory === 'insight') return { Events: [] };

  const now = context.now;
  const windowStart = state.historyStart(now);
  const start =
    token?.s ?? Math.max(windowStart, input.StartTime ? Math.ceil(input.StartTime.getTime() / 1000) : windowStart);
  const end = Math.min(Math.floor(now / 1000), input.EndTime ? Math.floor(input.EndTime.getTime() / 1000) : Infinity);
  const asOf = token?.q ?? state.sequence;
  if (start > end) return { Events: [] };

  const items = historyOf(state, context.account, context.region).page({
    attribute,
    start: Math.max(start, windowStart),
    end,
    asOf,
    after: token ? { time: token.t, eventId: token.i } : undefined,
    limit: limit + 1,
  });
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return {
    Events: page.map((item) => projectEvent(item.entry, state.jsonOf(item.entry))),
    ...(items.length > limit && last
      ? {
          NextToken: signer.sign({
            a: context.account,
            r: context.region,
            f: filters,
            s: start,
            q: asOf,
            t: last.entry.time,
            i: last.entry.eventId,
          } satisfies LookupToken),
        }
      : {}),
  };
}
