// The tags resource (SEMANTICS.md §13 "Tags"): tags by resource ARN, removed with their resource.
import type { ResourceDefinition } from '../../resource';
import { dropTags, TAGS } from './resource-tags';
import { addTags, listTags, removeTags } from './tag-operations';

export const tagsResource: ResourceDefinition = {
  name: 'tags',
  collections: [TAGS],
  operations: {
    cloudtrail: {
      AddTags: { run: addTags },
      RemoveTags: { run: removeTags },
      ListTags: { run: listTags },
    },
  },
  attach: (state) => {
    state.onRemoved((arn) => {
      dropTags(state, arn);
    });
  },
};
