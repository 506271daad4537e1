// The Lake queries resource (SEMANTICS.md §10). It serves SearchSampleQueries and GenerateQuery;
// the operations that run SQL (StartQuery and the rest) come with the Lake engine and answer
// UnsupportedOperationException until then.
import type { ResourceDefinition } from '../../resource';
import { generateQuery, QUERY_ALIASES, type StoredQueryAlias } from './generate-query';
import { searchSampleQueries } from './sample-queries';

export const queriesResource: ResourceDefinition = {
  name: 'queries',
  collections: [QUERY_ALIASES],
  operations: {
    cloudtrail: {
      SearchSampleQueries: { run: searchSampleQueries },
      GenerateQuery: { run: generateQuery },
    },
  },
  attach: (state) => {
    // A purged store's queries go with it (§8.3).
    state.onRemoved((arn) => {
      for (const saved of [...state.table<StoredQueryAlias>(QUERY_ALIASES).values()])
        if (saved.eventDataStoreArn === arn) state.remove(QUERY_ALIASES, saved.alias);
    });
  },
};
