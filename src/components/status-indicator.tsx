// eslint-disable-next-line no-restricted-imports -- the one place that renders Cloudscape's own
import CloudscapeStatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';

export type { StatusIndicatorProps };

/** Inherited by the text, over the `word-break: break-all` Cloudscape's indicator sets around it. */
const BETWEEN_WORDS = { wordBreak: 'normal', overflowWrap: 'break-word' } as const;

/**
 * Cloudscape's StatusIndicator, with its text wrapped between words. Cloudscape's breaks a wrapping
 * text at any letter ("the query s|cans every event" on a phone, "InvalidChecksu|m" in a list
 * column); here a word is split only when it is wider than the whole line.
 */
export function StatusIndicator({ children, ...props }: StatusIndicatorProps) {
  return (
    <CloudscapeStatusIndicator {...props}>
      <span style={BETWEEN_WORDS}>{children}</span>
    </CloudscapeStatusIndicator>
  );
}
