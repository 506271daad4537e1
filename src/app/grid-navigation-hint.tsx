import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import { useEffect, useState } from 'react';

const SEEN_KEY = 'cloudtrail-console.grid-navigation-hint-seen';
const GRID = '[role="grid"], [role="treegrid"]';
const MOVES = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

function seen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === 'true';
  } catch {
    return false;
  }
}

/**
 * Tables whose rows expand (Event history) are grids: Tab enters them once and the arrow keys move
 * between cells, which nobody guesses. The first time focus enters such a table, this says so
 * beside it, until the user has moved with those keys (then it is never shown again) or has left
 * the table.
 */
export function GridNavigationHint() {
  // The focused grid's accessible name (empty when it has none), or null when no hint is due.
  const [table, setTable] = useState<string | null>(null);

  // A subscription to the document's focus and keys, not a fetch: the effect only wires listeners.
  useEffect(() => {
    const gridOf = (target: EventTarget | null) => (target instanceof Element ? target.closest(GRID) : null);
    const onFocusIn = (event: FocusEvent) => {
      const grid = gridOf(event.target);
      setTable(grid !== null && !seen() ? (grid.getAttribute('aria-label') ?? '') : null);
    };
    // Focus that leaves for nowhere (the table was removed, the window lost focus) sends no focusin.
    const onFocusOut = (event: FocusEvent) => {
      if (gridOf(event.relatedTarget) === null) setTable(null);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.target instanceof Element) || event.target.closest(GRID) === null) return;
      if (event.key === 'Escape' || MOVES.has(event.key)) {
        if (MOVES.has(event.key)) localStorage.setItem(SEEN_KEY, 'true');
        setTable(null);
      }
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  if (table === null) return null;
  return (
    <div
      role="note"
      aria-label="Keyboard navigation in tables"
      style={{
        position: 'fixed',
        insetBlockEnd: 16,
        insetInlineStart: '50%',
        transform: 'translateX(-50%)',
        zIndex: 1003,
      }}
    >
      <Container>
        <Box fontSize="body-s">
          {`${table === '' ? 'This table' : `The ${table} table`}: arrow keys move between cells, Home and End go to a row's first and last cell, Enter opens a link or expands a row, Tab leaves the table.`}
        </Box>
      </Container>
    </div>
  );
}
