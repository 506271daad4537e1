// Tags of event data stores and channels: ListTags, AddTags, RemoveTags.
import { AddTagsCommand, ListTagsCommand, RemoveTagsCommand, type Tag } from '@aws-sdk/client-cloudtrail';
import { queryOptions } from '@tanstack/react-query';
import { clientFor } from './cloudtrail-client';
import { backendIdOf, type BackendId, type Connection } from './connection';
import { useCloudTrailMutation } from './use-cloudtrail-mutation';

/** ListTags for one resource. */
export async function listTags(connection: Connection, resourceArn: string, signal?: AbortSignal): Promise<Tag[]> {
  const output = await clientFor(connection).send(new ListTagsCommand({ ResourceIdList: [resourceArn] }), {
    abortSignal: signal,
  });
  return output.ResourceTagList?.[0]?.TagsList ?? [];
}

/** AddTags: adds tags, replacing the values of keys the resource already has. */
export async function addTags(connection: Connection, resourceArn: string, tags: Tag[]): Promise<void> {
  await clientFor(connection).send(new AddTagsCommand({ ResourceId: resourceArn, TagsList: tags }));
}

/** RemoveTags, by key. */
export async function removeTags(connection: Connection, resourceArn: string, keys: string[]): Promise<void> {
  await clientFor(connection).send(
    new RemoveTagsCommand({ ResourceId: resourceArn, TagsList: keys.map((key) => ({ Key: key })) }),
  );
}

export const tagQueries = {
  all: (backend: BackendId) => ['cloudtrail', backend, 'tags'] as const,
  /** A resource's tags, by ARN. */
  list: (connection: Connection, resourceArn: string) =>
    queryOptions({
      queryKey: [...tagQueries.all(backendIdOf(connection)), resourceArn],
      queryFn: ({ signal }) => listTags(connection, resourceArn, signal),
    }),
};

/** What the tag editor asks for: the tags a resource had and the ones it should have. */
export interface TagChange {
  resourceArn: string;
  previous: readonly Tag[];
  next: readonly Tag[];
}

/** Tag calls that turn `previous` into `next`: RemoveTags for dropped keys, AddTags for new or changed ones. */
export function tagCallsFor({ previous, next }: Pick<TagChange, 'previous' | 'next'>): {
  remove: string[];
  add: Tag[];
} {
  const nextKeys = new Set(next.map((tag) => tag.Key));
  const remove = previous.flatMap((tag) => (tag.Key !== undefined && !nextKeys.has(tag.Key) ? [tag.Key] : []));
  const add = next.filter((tag) => {
    const before = previous.find((old) => old.Key === tag.Key);
    return !before || (before.Value ?? '') !== (tag.Value ?? '');
  });
  return { remove, add: add.map((tag) => ({ ...tag })) };
}

async function updateTags(connection: Connection, change: TagChange): Promise<void> {
  const { remove, add } = tagCallsFor(change);
  if (remove.length > 0) await removeTags(connection, change.resourceArn, remove);
  if (add.length > 0) await addTags(connection, change.resourceArn, add);
}

/** Replaces a resource's tags with RemoveTags and AddTags (only the calls that are needed). */
export function useUpdateTags() {
  return useCloudTrailMutation(updateTags, tagQueries.all);
}
