// The Lake queries resource (SEMANTICS.md §10): SQL over event data stores on the Lake engine
// (StartQuery and the operations that follow a query), sample queries and generated queries.
import type { ResourceDefinition } from '../../resource';
import { generateQuery, QUERY_ALIASES, type StoredQueryAlias } from './generate-query';
import { isExpired, QUERIES, type StoredQuery } from './query';
import { seededQueries } from './seeded-queries';
import { cancelQuery, describeQuery, getQueryResults, listQueries, startQuery } from './query-operations';
import { searchSampleQueries } from './sample-queries';

export const queriesResource: ResourceDefinition = {
  name: 'queries',
  collections: [QUERY_ALIASES, QUERIES],
  operations: {
    cloudtrail: {
      StartQuery: { run: startQuery },
      DescribeQuery: { run: describeQuery },
      GetQueryResults: { run: getQueryResults },
      ListQueries: { run: listQueries },
      CancelQuery: { run: cancelQuery },
      SearchSampleQueries: { run: searchSampleQueries },
      GenerateQuery: { run: generateQuery },
    },
  },
  attach: (state) => {
    // A purged store's queries go with it (§8.3).
    state.onRemoved((arn) => {
      for (const saved of [...state.table<StoredQueryAlias>(QUERY_ALIASES).values()])
        if (saved.eventDataStoreArn === arn) state.remove(QUERY_ALIASES, saved.alias);
      for (const query of [...state.table<StoredQuery>(QUERIES).values()])
        if (query.storeArns.includes(arn)) state.remove(QUERIES, query.queryId);
    });
    // Queries and their results are kept 7 days (§10.4).
    state.onRetention((now) => {
      for (const query of [...state.table<StoredQuery>(QUERIES).values()])
        if (isExpired(query, now)) state.remove(QUERIES, query.queryId);
    });
  },
  install: (state) => {
    // The seeded past's successful StartQuery calls are real queries (seeded-queries.ts); one
    // already read and saved by an earlier run is kept as saved.
    const queries = state.table<StoredQuery>(QUERIES);
    for (const query of seededQueries(state))
      if (!queries.has(query.queryId)) state.loadEntity({ collection: QUERIES, key: query.queryId, value: query });
  },
};
