// Seeded randomness (SEMANTICS.md §14): mulberry32, with each sub-stream seeded by
// FNV-1a of `<seed>:<stream>`, so adding draws to one stream never shifts another.

/** FNV-1a over the UTF-16 code units of a string, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A deterministic random source whose state can be saved and restored. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[item, weight], ...]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A lower-case version-4 UUID. */
  uuid(): string;
  /** Characters drawn from an alphabet. */
  chars(length: number, alphabet: string): string;
  /** The 32-bit state; saving it lets a restarted emulator continue the sequence. */
  state: number;
}

const HEX = '0123456789abcdef';
const HEX_CODES = Array.from(HEX, (char) => char.charCodeAt(0));
/** The character codes of the uuid() being drawn: hyphens and the version digit stay put. */
const UUID_CODES = Array.from('xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx', (char) => char.charCodeAt(0));

/**
 * mulberry32. A class rather than closures: the seeded history builds one generator per record it
 * regenerates, so construction must be cheap.
 */
class Mulberry32 implements Random {
  private current: number;

  constructor(initialState: number) {
    this.current = initialState >>> 0;
  }

  get state(): number {
    return this.current;
  }

  set state(value: number) {
    this.current = value >>> 0;
  }

  next(): number {
    this.current = (this.current + 0x6d2b79f5) >>> 0;
    let t = this.current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    const last = items.at(-1);
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  uuid(): string {
    // chars(32, HEX) and then HEX.charAt(8 + int(4)), written out over the same draws of next():
    // an id is drawn for every record ingested. floor(next() * 16) is a draw's top 4 bits and
    // floor(next() * 4) its top 2 (next() is the 32-bit draw over 2^32, exact in a double).
    let current = this.current;
    let position = 0;
    for (let index = 0; index < 33; index++) {
      current = (current + 0x6d2b79f5) >>> 0;
      let t = current;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const draw = (t ^ (t >>> 14)) >>> 0;
      // Hex digits 12 and 16 are drawn but replaced: by the version (4) and by the variant, drawn last.
      if (index === 32) UUID_CODES[19] = HEX_CODES[8 + (draw >>> 30)] as number;
      else if (index !== 12 && index !== 16) UUID_CODES[position] = HEX_CODES[draw >>> 28] as number;
      position += index === 7 || index === 11 || index === 15 || index === 19 ? 2 : 1;
    }
    this.current = current;
    // One flat string, not a rope of 36 pieces that every record would keep.
    return String.fromCharCode(...UUID_CODES);
  }

  chars(length: number, alphabet: string): string {
    let out = '';
    for (let index = 0; index < length; index++) out += alphabet.charAt(this.int(alphabet.length));
    return out;
  }
}

/** A mulberry32 generator starting from a 32-bit state. */
export function mulberry32(initialState: number): Random {
  return new Mulberry32(initialState);
}

/** The sub-stream `stream` of seed `seed`. */
export function randomStream(seed: number, stream: string): Random {
  return mulberry32(fnv1a(`${String(seed)}:${stream}`));
}

export const DEFAULT_SEED = 20250101;
