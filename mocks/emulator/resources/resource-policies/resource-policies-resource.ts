// The resource policies resource (SEMANTICS.md §12.4): policies by resource ARN, removed with
// their resource.
import type { ResourceDefinition } from '../../resource';
import {
  deleteResourcePolicy,
  dropResourcePolicy,
  getResourcePolicy,
  putResourcePolicy,
  RESOURCE_POLICIES,
} from './resource-policies';

export const resourcePoliciesResource: ResourceDefinition = {
  name: 'resource-policies',
  collections: [RESOURCE_POLICIES],
  operations: {
    cloudtrail: {
      PutResourcePolicy: { run: putResourcePolicy },
      GetResourcePolicy: { run: getResourcePolicy },
      DeleteResourcePolicy: { run: deleteResourcePolicy },
    },
  },
  attach: (state) => {
    state.onRemoved((arn) => {
      dropResourcePolicy(state, arn);
    });
  },
};
