// Field-level differences between two JSON values, for comparing the requestParameters of two
// changes to one resource (a bucket policy's statements, a security group's rules). Arrays of
// objects that name themselves (a policy statement's Sid) are matched by that name, other arrays
// as sets of values, so reordering is not reported as change.

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  /** Where: `bucketPolicy.Statement[Sid=AllowPublicRead].Action`, `ipPermissions.items[]`. */
  path: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
}

/** Members that identify an element of an array of objects, in order of preference. */
const IDENTITY_KEYS = ['Sid', 'sid', 'Id', 'id', 'groupId', 'ruleId', 'Key', 'key', 'Name', 'name'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so equal values read alike whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  return value === undefined ? 'null' : JSON.stringify(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The member every element of an array of objects has, distinct, as a string: the array's identity. */
function identityKeyOf(...arrays: unknown[][]): string | undefined {
  const items = arrays.flat();
  if (items.length === 0 || !items.every(isObject)) return undefined;
  return IDENTITY_KEYS.find((key) => {
    const values = arrays.map((array) => array.map((item) => (item as Json)[key]));
    return values.every(
      (list) => list.every((value) => typeof value === 'string' && value !== '') && new Set(list).size === list.length,
    );
  });
}

function diffArrays(before: unknown[], after: unknown[], path: string, out: FieldChange[]): void {
  const key = identityKeyOf(before, after);
  if (key !== undefined) {
    const named = (items: unknown[]) => new Map(items.map((item) => [String((item as Json)[key]), item]));
    const was = named(before);
    const now = named(after);
    for (const [name, item] of was) {
      const at = `${path}[${key}=${name}]`;
      if (now.has(name)) diffInto(item, now.get(name), at, out);
      else out.push({ path: at, kind: 'removed', before: item });
    }
    for (const [name, item] of now)
      if (!was.has(name)) out.push({ path: `${path}[${key}=${name}]`, kind: 'added', after: item });
    return;
  }
  // Same length and objects: compare element by element (a list of rules edited in place).
  if (before.length === after.length && before.every(isObject) && after.every(isObject)) {
    before.forEach((item, index) => {
      diffInto(item, after[index], `${path}[${String(index)}]`, out);
    });
    return;
  }
  const was = new Set(before.map(canonicalJson));
  const now = new Set(after.map(canonicalJson));
  for (const item of before)
    if (!now.has(canonicalJson(item))) out.push({ path: `${path}[]`, kind: 'removed', before: item });
  for (const item of after)
    if (!was.has(canonicalJson(item))) out.push({ path: `${path}[]`, kind: 'added', after: item });
}

function diffInto(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (canonicalJson(before) === canonicalJson(after)) return;
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const at = join(path, key);
      if (!(key in after)) out.push({ path: at, kind: 'removed', before: before[key] });
      else if (!(key in before)) out.push({ path: at, kind: 'added', after: after[key] });
      else diffInto(before[key], after[key], at, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(before, after, path, out);
    return;
  }
  // A one-element array replacing a scalar (IAM allows both) compares by value.
  out.push({ path, kind: 'changed', before, after });
}

/** Every field that differs between two JSON values, depth first, keys in alphabetical order. */
export function diffJson(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diffInto(before, after, '', out);
  return out;
}

/** A change's value as short text for display. */
export function formatJsonValue(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
