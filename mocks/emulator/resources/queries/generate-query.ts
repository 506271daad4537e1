// GenerateQuery (SEMANTICS.md §10.4): a query from a plain-language prompt. The emulator has no
// language model: it picks, deterministically, the built-in sample (sample-queries.ts) whose words
// best cover the prompt, among those written for the store's kind, and names the store in it. The
// query is saved under a new alias that StartQuery and DescribeQuery accept (§10.1, §10.4).
import type { GenerateQueryRequest, GenerateQueryResponse } from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import { GenerateResponseException, InactiveEventDataStoreException } from '../../errors';
import { eventDataStoreStatus, resolveEventDataStore } from '../event-data-stores/event-data-store';
import { rankSampleQueries } from './sample-queries';

/** The entity collection of generated queries, keyed by alias. */
export const QUERY_ALIASES = 'queryAliases';

/** A generated query, as saved for StartQuery and DescribeQuery to find by alias; times in epoch ms. */
export interface StoredQueryAlias {
  readonly alias: string;
  readonly account: string;
  readonly region: string;
  readonly prompt: string;
  readonly queryStatement: string;
  readonly eventDataStoreArn: string;
  readonly createdAt: number;
}

/** At least this share of the prompt's words must appear in a sample for it to be chosen. */
const MIN_RELEVANCE = 0.5;

/** Generates a query for one store from a prompt; no sample covers it: GenerateResponseException. */
export function generateQuery(input: GenerateQueryRequest, context: RequestContext): GenerateQueryResponse {
  const store = resolveEventDataStore(context, input.EventDataStores?.[0] ?? '');
  if (eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
    throw new InactiveEventDataStoreException(`The event data store '${store.arn}' is pending deletion.`);
  const prompt = input.Prompt ?? '';
  // Samples over eventData are written for stores of events from outside AWS, the others for
  // CloudTrail events.
  const outsideAws = store.kind === 'ActivityAuditLog';
  const best = rankSampleQueries(prompt).find(
    (sample) => (sample.SQL ?? '').includes('eventData.') === outsideAws && (sample.Relevance ?? 0) >= MIN_RELEVANCE,
  );
  if (!best)
    throw new GenerateResponseException(
      `No query could be generated for the prompt '${prompt.slice(0, 100)}'. Ask about errors, sign-ins, deletions, users, buckets, roles, keys or regions.`,
    );
  const queryStatement = (best.SQL ?? '').replaceAll('$EDS_ID', store.id);
  const alias = `generated-${context.newResourceId()}`;
  const saved: StoredQueryAlias = {
    alias,
    account: context.account,
    region: context.region,
    prompt,
    queryStatement,
    eventDataStoreArn: store.arn,
    createdAt: context.now,
  };
  context.state.put(QUERY_ALIASES, alias, saved);
  return { QueryStatement: queryStatement, QueryAlias: alias, EventDataStoreOwnerAccountId: store.account };
}
