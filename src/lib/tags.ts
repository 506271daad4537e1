// Tags as the forms edit them, checked against the model's TagKey/TagValue and the 50-tag limit.
import type { Tag } from '@aws-sdk/client-cloudtrail';
import { z } from 'zod';
import { MAX_TAGS, TAG_KEY, TAG_VALUE } from './cloudtrail-limits';
import { errorsOf } from './form-errors';

export interface TagDraft {
  key: string;
  value: string;
}

const tag = z.object({
  key: z
    .string()
    .min(TAG_KEY.min, 'Enter a key.')
    .max(TAG_KEY.max, `A key has at most ${String(TAG_KEY.max)} characters.`)
    .refine((key) => !key.toLowerCase().startsWith(TAG_KEY.reservedPrefix), {
      message: `Keys starting with "${TAG_KEY.reservedPrefix}" are reserved for AWS.`,
    }),
  value: z.string().max(TAG_VALUE.max, `A value has at most ${String(TAG_VALUE.max)} characters.`),
});

/** A resource's tags: model shapes TagKey and TagValue, at most 50, no key twice. `resource` names it ("A channel"). */
export function tagsSchema(resource: string) {
  return z
    .array(tag)
    .max(MAX_TAGS, `${resource} has at most ${String(MAX_TAGS)} tags.`)
    .superRefine((tags, context) => {
      const keys = new Set<string>();
      tags.forEach((entry, index) => {
        if (keys.has(entry.key))
          context.addIssue({ code: 'custom', path: [index, 'key'], message: 'This key is already used.' });
        keys.add(entry.key);
      });
    });
}

/** Errors of a tag list edited on its own, by the paths of a form's `tags` field ("tags.0.key"). */
export function tagErrors(tags: readonly TagDraft[], resource: string): Record<string, string> {
  return errorsOf(tagsSchema(resource).safeParse(tags), ['tags']);
}

/** Tags for the API: an empty value is sent as no Value (model shape TagValue has at least 1 character). */
export function toTags(drafts: readonly TagDraft[]): Tag[] {
  return drafts.map((draft) => (draft.value === '' ? { Key: draft.key } : { Key: draft.key, Value: draft.value }));
}
