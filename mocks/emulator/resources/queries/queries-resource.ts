// The Lake queries resource (SEMANTICS.md §10). It serves SearchSampleQueries; the operations that
// run SQL (StartQuery and the rest) come with the Lake engine and answer
// UnsupportedOperationException until then.
import type { ResourceDefinition } from '../../resource';
import { searchSampleQueries } from './sample-queries';

export const queriesResource: ResourceDefinition = {
  name: 'queries',
  operations: {
    cloudtrail: {
      SearchSampleQueries: { run: searchSampleQueries },
    },
  },
};
