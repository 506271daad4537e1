// Trails (SEMANTICS.md §17): the resource's declaration.
import type { ResourceDefinition } from '../../resource';

export const trailsResource: ResourceDefinition = {
  name: 'trails',
};
