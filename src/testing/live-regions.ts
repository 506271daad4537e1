/**
 * Elements that only repeat text for screen readers: the announcers Cloudscape appends to <body>
 * (`aria-live`, filled about a second after the text appears, later still on a busy machine) and
 * hidden live regions such as the copy of a Form's error. Give it as `ignore` to a text query for
 * text that has no role or name of its own (a Form's error, a copy confirmation), so the query
 * finds the one copy the user sees.
 */
export const LIVE_REGION_COPIES = 'script, style, [hidden], [hidden] *, body > [aria-live]';
