import Box from '@cloudscape-design/components/box';

/** Pretty-printed JSON of untrusted text: rendered as text, never as HTML. Invalid JSON shows as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A block of JSON, monospaced and scrollable. */
export function JsonView({ json, label, maxHeight = 480 }: { json: string; label: string; maxHeight?: number }) {
  return (
    <Box variant="pre" fontSize="body-s">
      <div
        role="region"
        aria-label={label}
        // The region scrolls, so keyboard users must be able to reach it (axe: scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a focusable scroll container is the accessible pattern.
        tabIndex={0}
        // inline-size containment: long lines scroll here instead of widening the page (which
        // would make the app layout close its navigation to make room).
        style={{ maxHeight, overflow: 'auto', whiteSpace: 'pre', margin: 0, contain: 'inline-size' }}
      >
        {prettyJson(json)}
      </div>
    </Box>
  );
}
