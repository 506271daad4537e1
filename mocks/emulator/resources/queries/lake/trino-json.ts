// Trino's JSON functions over JSON text, for the Lake engine's UDFs (duckdb-wasm has no json
// extension). Trino reads JSON with a streaming parser (Jackson) and stops once it has what it
// needs, so these do the same: a path is followed by skipping the members and elements it does
// not name, text after the value found is not read, and a number keeps the text it was written
// with (json_extract_scalar('{"a":1.0}', '$.a') is '1.0'). Values Trino re-serializes (json_extract,
// json_parse, json_array_get) are written as Jackson writes them: compact, floating-point numbers
// as Java's Double.toString, json_parse's object keys sorted.

class JsonSyntaxError extends Error {}

type JsonNode =
  | { readonly kind: 'object'; readonly members: readonly (readonly [string, JsonNode])[] }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string; readonly integer: boolean }
  | { readonly kind: 'true' | 'false' | 'null' };

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** A position in JSON text, read one token at a time. */
class Cursor {
  position = 0;
  constructor(readonly text: string) {}

  /** The next significant character code, skipping whitespace; NaN at the end. */
  peek(): number {
    const { text } = this;
    let code = text.charCodeAt(this.position);
    while (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) code = text.charCodeAt(++this.position);
    return code;
  }

  fail(): never {
    throw new JsonSyntaxError(`Unexpected character at ${String(this.position)}`);
  }

  expect(code: number): void {
    if (this.peek() !== code) this.fail();
    this.position++;
  }

  atEnd(): boolean {
    return Number.isNaN(this.peek());
  }

  readString(): string {
    this.expect(0x22);
    const { text } = this;
    const start = this.position;
    // Fast path: no escapes.
    for (let index = start; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        this.position = index + 1;
        return text.slice(start, index);
      }
      if (code === 0x5c || code < 0x20) break;
    }
    let out = '';
    let index = start;
    for (;;) {
      const code = text.charCodeAt(index);
      if (Number.isNaN(code) || code < 0x20) {
        this.position = index;
        this.fail();
      }
      if (code === 0x22) break;
      if (code !== 0x5c) {
        out += text.charAt(index);
        index++;
        continue;
      }
      const escape = text[index + 1];
      index += 2;
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = text.slice(index, index + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.position = index;
            this.fail();
          }
          out += String.fromCharCode(parseInt(hex, 16));
          index += 4;
          break;
        }
        default:
          this.position = index - 1;
          this.fail();
      }
    }
    this.position = index + 1;
    return out;
  }

  readNumber(): { text: string; integer: boolean } {
    this.peek();
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail();
    this.position += match[0].length;
    // Jackson reads `1.5x` or `01` as a malformed number, not as a number and more text.
    const next = this.text.charCodeAt(this.position);
    if ((next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a)) this.fail();
    return { text: match[0], integer: match[1] === undefined && match[2] === undefined };
  }

  readLiteral(word: 'true' | 'false' | 'null'): void {
    this.peek();
    if (!this.text.startsWith(word, this.position)) this.fail();
    this.position += word.length;
    const next = this.text.charCodeAt(this.position);
    if ((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || (next >= 0x30 && next <= 0x39)) this.fail();
  }

  /** Reads one value as a tree. */
  readNode(): JsonNode {
    switch (this.peek()) {
      case 0x7b: {
        this.position++;
        const members: (readonly [string, JsonNode])[] = [];
        if (this.peek() === 0x7d) {
          this.position++;
          return { kind: 'object', members };
        }
        for (;;) {
          const key = this.readString();
          this.expect(0x3a);
          members.push([key, this.readNode()]);
          const next = this.peek();
          this.position++;
          if (next === 0x7d) return { kind: 'object', members };
          if (next !== 0x2c) {
            this.position--;
            this.fail();
          }
        }
      }
      case 0x5b: {
        this.position++;
        const items: JsonNode[] = [];
        if (this.peek() === 0x5d) {
          this.position++;
          return { kind: 'array', items };
        }
        for (;;) {
          items.push(this.readNode());
          const next = this.peek();
          this.position++;
          if (next === 0x5d) return { kind: 'array', items };
          if (next !== 0x2c) {
            this.position--;
            this.fail();
          }
        }
      }
      case 0x22:
        return { kind: 'string', value: this.readString() };
      case 0x74:
        this.readLiteral('true');
        return { kind: 'true' };
      case 0x66:
        this.readLiteral('false');
        return { kind: 'false' };
      case 0x6e:
        this.readLiteral('null');
        return { kind: 'null' };
      default: {
        const { text, integer } = this.readNumber();
        return { kind: 'number', text, integer };
      }
    }
  }

  /** Skips one value, checking its syntax. */
  skipValue(): void {
    const code = this.peek();
    if (code === 0x7b || code === 0x5b) {
      const close = code === 0x7b ? 0x7d : 0x5d;
      this.position++;
      if (this.peek() === close) {
        this.position++;
        return;
      }
      for (;;) {
        if (close === 0x7d) {
          this.readString();
          this.expect(0x3a);
        }
        this.skipValue();
        const next = this.peek();
        this.position++;
        if (next === close) return;
        if (next !== 0x2c) {
          this.position--;
          this.fail();
        }
      }
    }
    if (code === 0x22) this.readString();
    else if (code === 0x74) this.readLiteral('true');
    else if (code === 0x66) this.readLiteral('false');
    else if (code === 0x6e) this.readLiteral('null');
    else this.readNumber();
  }
}

// ---------------------------------------------------------------------------------------------
// JSONPath as Trino tokenizes it: `$`, then `.key` (letters, digits, `_`, `:`), `[key]` (letters,
// digits, `_`) or `["key"]` (with `\"` and `\\` escapes) steps. A step of digits also reads arrays.

const DOT_STEP = /^[\p{L}\p{N}_:]+/u;
const BRACKET_STEP = /^[\p{L}\p{N}_]+/u;
const pathCache = new Map<string, readonly string[]>();

/** The steps of a JSONPath; throws Trino's error for one outside the supported subset. */
export function parseJsonPath(path: string): readonly string[] {
  const cached = pathCache.get(path);
  if (cached) return cached;
  const invalid = () => new Error(`Invalid JSON path: '${path}'`);
  if (!path.startsWith('$')) throw invalid();
  const steps: string[] = [];
  let index = 1;
  while (index < path.length) {
    const char = path[index];
    if (char === '.') {
      const match = DOT_STEP.exec(path.slice(index + 1));
      if (!match) throw invalid();
      steps.push(match[0]);
      index += 1 + match[0].length;
    } else if (char === '[' && path[index + 1] === '"') {
      let key = '';
      let at = index + 2;
      for (;;) {
        const inner = path[at];
        if (inner === undefined) throw invalid();
        if (inner === '"') break;
        if (inner === '\\') {
          const escaped = path[at + 1];
          if (escaped !== '"' && escaped !== '\\') throw invalid();
          key += escaped;
          at += 2;
        } else {
          key += inner;
          at++;
        }
      }
      if (path[at + 1] !== ']') throw invalid();
      steps.push(key);
      index = at + 2;
    } else if (char === '[') {
      const match = BRACKET_STEP.exec(path.slice(index + 1));
      if (!match || path[index + 1 + match[0].length] !== ']') throw invalid();
      steps.push(match[0]);
      index += 2 + match[0].length;
    } else throw invalid();
  }
  if (pathCache.size > 1000) pathCache.clear();
  pathCache.set(path, steps);
  return steps;
}

/**
 * Moves the cursor to the value the steps name. Each step selects an object member by name or an
 * array element by position (when the step is a number), as Trino's path extractor does.
 */
function follow(cursor: Cursor, steps: readonly string[]): boolean {
  if (cursor.atEnd()) return false;
  for (const step of steps) {
    const code = cursor.peek();
    if (code === 0x7b) {
      cursor.position++;
      if (cursor.peek() === 0x7d) return false;
      for (;;) {
        const key = cursor.readString();
        cursor.expect(0x3a);
        if (key === step) break;
        cursor.skipValue();
        const next = cursor.peek();
        cursor.position++;
        if (next === 0x7d) return false;
        if (next !== 0x2c) cursor.fail();
      }
    } else if (code === 0x5b) {
      const wanted = /^\d+$/.test(step) ? Number(step) : -1;
      cursor.position++;
      if (cursor.peek() === 0x5d) return false;
      for (let index = 0; ; index++) {
        if (index === wanted) break;
        cursor.skipValue();
        const next = cursor.peek();
        cursor.position++;
        if (next === 0x5d) return false;
        if (next !== 0x2c) cursor.fail();
      }
    } else return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Writing JSON as Jackson does

/** Java's Double.toString of a finite or infinite double, from its shortest decimal digits. */
export function javaDoubleText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
  return javaNumberText(value < 0, mantissa.replace('.', ''), Number(exponent));
}

/** `d.ddd × 10^exponent` written as Java writes a double: plain within [1e-3, 1e7), else `d.dE±n`. */
function javaNumberText(negative: boolean, digits: string, exponent: number): string {
  const sign = negative ? '-' : '';
  if (exponent >= -3 && exponent < 7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0] ?? '0'}.${digits.slice(1) || '0'}E${String(exponent)}`;
}

/**
 * A DOUBLE or REAL as DuckDB writes it (`1e+20`, `3.0`, `inf`) rewritten as Trino (Java) writes
 * it (`1.0E20`, `3.0`, `Infinity`), keeping DuckDB's shortest digits for the type.
 */
export function trinoDoubleText(duckdb: string): string {
  const lower = duckdb.toLowerCase();
  if (lower === 'nan' || lower === '-nan') return 'NaN';
  if (lower === 'inf' || lower === 'infinity') return 'Infinity';
  if (lower === '-inf' || lower === '-infinity') return '-Infinity';
  const match = /^(-?)(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(duckdb);
  if (!match) return duckdb;
  const [, minus = '', whole = '', fraction = '', power = '0'] = match;
  const all = whole + fraction;
  const first = all.search(/[1-9]/);
  if (first < 0) return minus ? '-0.0' : '0.0';
  const digits = all.slice(first).replace(/0+$/, '');
  const exponent = whole.length - first - 1 + Number(power);
  return javaNumberText(minus === '-', digits, exponent);
}

function writeString(value: string): string {
  let out = '"';
  let start = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c) continue;
    out += value.slice(start, index);
    start = index + 1;
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += '\\\\';
    else if (code === 0x0a) out += '\\n';
    else if (code === 0x0d) out += '\\r';
    else if (code === 0x09) out += '\\t';
    else if (code === 0x08) out += '\\b';
    else if (code === 0x0c) out += '\\f';
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}${value.slice(start)}"`;
}

function writeNumber(node: { text: string; integer: boolean }): string {
  return node.integer ? BigInt(node.text).toString() : javaDoubleText(Number(node.text));
}

/** How a tree is written: as read, as a Jackson tree (duplicate keys merged), or sorted. */
type Style = 'copy' | 'tree' | 'sorted';

function merged(members: readonly (readonly [string, JsonNode])[]): [string, JsonNode][] {
  // A later duplicate replaces the value and keeps the first one's place, as a LinkedHashMap does.
  const byKey = new Map<string, JsonNode>();
  for (const [key, value] of members) byKey.set(key, value);
  return [...byKey];
}

function write(node: JsonNode, style: Style): string {
  switch (node.kind) {
    case 'object': {
      let members = style === 'copy' ? node.members : merged(node.members);
      if (style === 'sorted') members = [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${members.map(([key, value]) => `${writeString(key)}:${write(value, style)}`).join(',')}}`;
    }
    case 'array':
      return `[${node.items.map((item) => write(item, style)).join(',')}]`;
    case 'string':
      return writeString(node.value);
    case 'number':
      return writeNumber(node);
    default:
      return node.kind;
  }
}

// ---------------------------------------------------------------------------------------------
// The functions. NULL in, NULL out (Trino's functions are null-on-null).

/** json_extract_scalar: the scalar at the path as text; NULL for objects, arrays, JSON null, a missing path or bad JSON. */
export function jsonExtractScalar(json: string | null, path: string | null): string | null {
  if (json === null || path === null) return null;
  const steps = parseJsonPath(path);
  const cursor = new Cursor(json);
  try {
    if (!follow(cursor, steps)) return null;
    const code = cursor.peek();
    if (code === 0x22) return cursor.readString();
    if (code === 0x74 || code === 0x66) {
      const word = code === 0x74 ? 'true' : 'false';
      cursor.readLiteral(word);
      return word;
    }
    if (code === 0x6e || code === 0x7b || code === 0x5b) return null;
    return cursor.readNumber().text;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return null;
    throw error;
  }
}

/** json_extract: the value at the path as JSON text; NULL for a missing path or bad JSON. */
export function jsonExtract(json: string | null, path: string | null): string | null {
  if (json === null || path === null) return null;
  const steps = parseJsonPath(path);
  const cursor = new Cursor(json);
  try {
    if (!follow(cursor, steps)) return null;
    return write(cursor.readNode(), 'copy');
  } catch (error) {
    if (error instanceof JsonSyntaxError) return null;
    throw error;
  }
}

/** json_parse: the canonical JSON text (sorted keys); fails on anything that is not one JSON value. */
export function jsonParse(text: string | null): string | null {
  if (text === null) return null;
  const cursor = new Cursor(text);
  try {
    const node = cursor.readNode();
    if (!cursor.atEnd()) cursor.fail();
    return write(node, 'sorted');
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new Error(`Cannot convert value to JSON: '${text}'`);
    throw error;
  }
}

/** json_array_length: elements of a JSON array; NULL when it is not an array or is malformed. */
export function jsonArrayLength(json: string | null): string | null {
  if (json === null) return null;
  const cursor = new Cursor(json);
  try {
    if (cursor.peek() !== 0x5b) return null;
    cursor.position++;
    if (cursor.peek() === 0x5d) return '0';
    for (let length = 1; ; length++) {
      cursor.skipValue();
      const next = cursor.peek();
      cursor.position++;
      if (next === 0x5d) return String(length);
      if (next !== 0x2c) cursor.fail();
    }
  } catch (error) {
    if (error instanceof JsonSyntaxError) return null;
    throw error;
  }
}

/**
 * Visits the elements of a JSON array in order until `visit` returns a result, as Trino streams
 * through one (text after the element it stops at is not read). `visit` must consume the element
 * it is at. undefined when the text is not an array or is malformed before the answer.
 */
function scanArray<T>(json: string, visit: (cursor: Cursor, index: number) => T | undefined): T | 'end' | undefined {
  const cursor = new Cursor(json);
  try {
    if (cursor.peek() !== 0x5b) return undefined;
    cursor.position++;
    if (cursor.peek() === 0x5d) return 'end';
    for (let index = 0; ; index++) {
      const result = visit(cursor, index);
      if (result !== undefined) return result;
      const next = cursor.peek();
      cursor.position++;
      if (next === 0x5d) return 'end';
      if (next !== 0x2c) cursor.fail();
    }
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
}

/** What json_array_get gives for an element: containers as JSON, scalars as their bare text. */
function elementText(item: JsonNode): string | null {
  switch (item.kind) {
    case 'object':
    case 'array':
      return write(item, 'tree');
    case 'string':
      return item.value;
    case 'number':
      return item.text;
    case 'null':
      return null;
    default:
      return item.kind;
  }
}

/**
 * json_array_get: the element at a zero-based index (negative counts from the end); NULL out of
 * range. As in Trino, a scalar element comes back as its bare text: `["a"]` at 0 is `a`.
 */
export function jsonArrayGet(json: string | null, index: string | null): string | null {
  if (json === null || index === null) return null;
  const wanted = Number(index);
  const kept: JsonNode[] = [];
  const found = scanArray(json, (cursor, position) => {
    if (position === wanted) return { item: cursor.readNode() };
    if (wanted < 0) kept.push(cursor.readNode());
    else cursor.skipValue();
    return undefined;
  });
  if (found === undefined) return null;
  if (found !== 'end') return elementText(found.item);
  const fromEnd = wanted < 0 ? kept[kept.length + wanted] : undefined;
  return fromEnd ? elementText(fromEnd) : null;
}

const INTEGER_TYPES = /^(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const REAL_TYPES = /^(?:DOUBLE|FLOAT|DECIMAL\(\d+,\d+\))$/;

/**
 * json_array_contains: whether a JSON array holds the value, compared as Trino compares it for
 * the value's SQL type (`type` is DuckDB's typeof): strings with strings, integers with integer
 * elements, doubles with any number, booleans with booleans. NULL when not an array.
 */
export function jsonArrayContains(json: string | null, value: string | null, type: string | null): string | null {
  if (json === null || value === null || type === null) return null;
  let matches: (item: JsonNode) => boolean;
  if (type === 'VARCHAR') matches = (item) => item.kind === 'string' && item.value === value;
  else if (type === 'BOOLEAN') matches = (item) => item.kind === value;
  else if (INTEGER_TYPES.test(type)) {
    const wanted = BigInt(value);
    matches = (item) => item.kind === 'number' && item.integer && BigInt(item.text) === wanted;
  } else if (REAL_TYPES.test(type)) {
    const wanted = Number(value);
    matches = (item) => item.kind === 'number' && Number(item.text) === wanted;
  } else throw new Error(`Unexpected parameters (json, ${type.toLowerCase()}) for function json_array_contains`);
  const found = scanArray(json, (cursor) => {
    const code = cursor.peek();
    if (code === 0x7b || code === 0x5b) {
      cursor.skipValue();
      return undefined;
    }
    return matches(cursor.readNode()) ? true : undefined;
  });
  if (found === undefined) return null;
  return found === true ? 'true' : 'false';
}

/** is_json_scalar: whether the JSON text is a scalar; fails on text that is not one JSON value. */
export function isJsonScalar(json: string | null): string | null {
  if (json === null) return null;
  const cursor = new Cursor(json);
  try {
    const code = cursor.peek();
    cursor.skipValue();
    if (!cursor.atEnd()) cursor.fail();
    return code === 0x7b || code === 0x5b ? 'false' : 'true';
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new Error(`Invalid JSON value: ${json}`);
    throw error;
  }
}
