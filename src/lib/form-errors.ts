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

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), textarea, select, button:not([disabled]), [tabindex]';

/** True when an element belongs to a FormField that shows an error (Cloudscape names the error `<field id>-error`). */
function describedByError(element: Element): boolean {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.some((id) => id.endsWith('-error') && element.ownerDocument.getElementById(id) !== null);
}

/**
 * Moves focus to the first control, in page order, whose field shows an error, and scrolls it into
 * view. Cloudscape marks such controls `aria-invalid`; controls without it (radio groups, toggles)
 * are found through the error their field describes them with. Returns false when no field shows
 * an error (the caller may then focus the form's own error).
 */
export function focusFirstInvalidField(root: ParentNode = document): boolean {
  const candidates = root.querySelectorAll<HTMLElement>('[aria-invalid="true"], [aria-describedby]');
  const field = Array.from(candidates).find(
    (element) => element.getAttribute('aria-invalid') === 'true' || describedByError(element),
  );
  if (!field) return false;
  const target = field.matches(FOCUSABLE) ? field : (field.querySelector<HTMLElement>(FOCUSABLE) ?? field);
  target.focus();
  // jsdom has no layout; browsers scroll the focused control into view on focus() already.
  if (typeof target.scrollIntoView === 'function') target.scrollIntoView({ block: 'center' });
  return true;
}

/** A name already used in the region, or undefined. `what` names the resource ("An event data store"). */
export function duplicateNameError(
  name: string,
  existing: ReadonlySet<string> | undefined,
  { what, region }: { what: string; region: string },
): string | undefined {
  return existing?.has(name) === true ? `${what} named ${name} already exists in ${region}.` : undefined;
}
