// The `?` placeholders of a dashboard widget's query (mocks/emulator/SEMANTICS.md §18.3) and the
// parameter tokens that fill them: one reading for the emulator, which substitutes them at refresh,
// and for the console, which fills them for previews and "Save as new dashboard".

/** The parameter tokens a widget may use; `$EventDataStoreId$` only in managed dashboards. */
export const START_TIME = '$StartTime$';
export const END_TIME = '$EndTime$';
export const PERIOD = '$Period$';
export const EVENT_DATA_STORE_ID = '$EventDataStoreId$';

/** One placeholder: where it is in the statement, and whether it is the literal `'?'`. */
export interface Placeholder {
  /** Index of its first character (the quote, for a quoted one). */
  readonly start: number;
  /** Index after its last character. */
  readonly end: number;
  readonly quoted: boolean;
}

/** The end of a run delimited by `quote`, where a doubled quote stands for one; the text's length if unclosed. */
function closingQuote(text: string, from: number, quote: string): number {
  let index = from;
  while (index < text.length) {
    if (text[index] === quote) {
      if (text[index + 1] === quote) index += 2;
      else return index;
    } else index++;
  }
  return text.length;
}

/**
 * The placeholders of a statement in order of appearance: every string literal whose whole content
 * is `?`, and every `?` outside literals, quoted identifiers and comments.
 */
export function findPlaceholders(statement: string): Placeholder[] {
  const found: Placeholder[] = [];
  let index = 0;
  while (index < statement.length) {
    const char = statement[index];
    if (char === "'") {
      const close = closingQuote(statement, index + 1, "'");
      if (statement.slice(index + 1, close) === '?') found.push({ start: index, end: close + 1, quoted: true });
      index = close + 1;
    } else if (char === '"') {
      index = closingQuote(statement, index + 1, '"') + 1;
    } else if (char === '-' && statement[index + 1] === '-') {
      const newline = statement.indexOf('\n', index);
      index = newline === -1 ? statement.length : newline + 1;
    } else if (char === '/' && statement[index + 1] === '*') {
      const close = statement.indexOf('*/', index + 2);
      index = close === -1 ? statement.length : close + 2;
    } else {
      if (char === '?') found.push({ start: index, end: index + 1, quoted: false });
      index++;
    }
  }
  return found;
}

/**
 * Fills placeholders by position, textually: `fill(index)` gives the text of one, or undefined to
 * keep it; `'?'` becomes `'<text>'` and `?` becomes `<text>`.
 */
export function fillPlaceholders(statement: string, fill: (index: number) => string | undefined): string {
  let text = '';
  let from = 0;
  findPlaceholders(statement).forEach((placeholder, index) => {
    const value = fill(index);
    if (value === undefined) return;
    text += statement.slice(from, placeholder.start) + (placeholder.quoted ? `'${value}'` : value);
    from = placeholder.end;
  });
  return text + statement.slice(from);
}

/** Replaces every placeholder with the value at its position (none left: empty text). */
export function substitutePlaceholders(statement: string, values: readonly string[]): string {
  return fillPlaceholders(statement, (index) => values[index] ?? '');
}
