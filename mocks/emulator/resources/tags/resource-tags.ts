// Tags of CloudTrail resources (event data stores, channels), saved by resource ARN so that they
// survive a restart and go away with their resource (SEMANTICS.md §8.3, §13 "Tags").
import type { Tag } from '@aws-sdk/client-cloudtrail';
import { InvalidTagParameterException } from '../../errors';
import type { EmulatorState } from '../../state';

/** The entity collection of tags, keyed by the resource's ARN. */
export const TAGS = 'tags';

/** Tags a resource may carry (SEMANTICS.md §15). */
export const MAX_TAGS_PER_RESOURCE = 50;

/** A resource's tags in the order they were first added; empty when it has none. */
export function tagsOf(state: EmulatorState, resourceArn: string): readonly Tag[] {
  return state.table<Tag[]>(TAGS).get(resourceArn) ?? [];
}

/** Replaces a resource's tags; an empty list forgets them. */
export function setTags(state: EmulatorState, resourceArn: string, tags: readonly Tag[]): void {
  if (tags.length === 0) dropTags(state, resourceArn);
  else
    state.put(
      TAGS,
      resourceArn,
      tags.map((tag) => ({ ...tag })),
    );
}

/** Forgets a resource's tags, for a purged or deleted resource. */
export function dropTags(state: EmulatorState, resourceArn: string): void {
  if (state.table(TAGS).has(resourceArn)) state.remove(TAGS, resourceArn);
}

/**
 * Checks a request's tags beyond the model's lengths: no key twice and no `aws:` prefix, which AWS
 * reserves for its own tags; throws InvalidTagParameterException.
 */
export function checkTagParameters(tags: readonly Tag[]): void {
  const keys = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key ?? '';
    if (keys.has(key)) throw new InvalidTagParameterException(`The tag key '${key}' is given more than once.`);
    keys.add(key);
    if (key.toLowerCase().startsWith('aws:'))
      throw new InvalidTagParameterException(`The tag key '${key}' uses the reserved prefix 'aws:'.`);
  }
}
