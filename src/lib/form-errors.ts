import type { z } from 'zod';

/** Issues of a zod result by dotted path ("tags.0.key"); the first issue of a path wins. */
export function errorsOf(result: z.ZodSafeParseResult<unknown>, prefix: string[] = []): Record<string, string> {
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}
