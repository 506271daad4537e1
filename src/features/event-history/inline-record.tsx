import { useLayoutEffect, useRef, useState } from 'react';
import { JsonView, prettyJson } from '@/components/json-view';

const LINE_HEIGHT = 18;
const MAX_LINES = 24;
const INSET = 16;

/**
 * The record of an expanded row. Cloudscape tables have no full-width detail rows, so the record
 * is laid over the whole visible row (sized to the table's scroll container) while a spacer of the
 * same height keeps the row open beneath it.
 */
export function InlineRecord({ json, eventId }: { json: string; eventId: string }) {
  const spacer = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | undefined>(undefined);
  // The width of the table's visible area lives in the DOM, outside React: measure and follow it.
  useLayoutEffect(() => {
    const container = spacer.current?.closest('table')?.parentElement;
    if (!container) return;
    const measure = () => {
      setWidth(Math.max(200, container.clientWidth - 2 * INSET));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    return () => {
      observer.disconnect();
    };
  }, []);
  const lines = prettyJson(json).split('\n').length;
  const height = Math.min(lines, MAX_LINES) * LINE_HEIGHT + 24;
  return (
    <div ref={spacer} style={{ height }}>
      <div style={{ position: 'absolute', left: INSET, width, height }}>
        <JsonView json={json} label={`Record of event ${eventId}`} maxHeight={height} />
      </div>
    </div>
  );
}
