const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTET = new Int8Array(128).fill(-1);
for (let index = 0; index < BASE64URL.length; index += 1) SEXTET[BASE64URL.charCodeAt(index)] = index;

/**
 * 48 bits of a fingerprint (base64url of a SHA-256): its first 8 characters, 6 bits each, as a
 * number that fits a double exactly. Decoded by hand: a Buffer per item cost more than the rest of
 * a lookup. Two fingerprints with different keys differ; equal keys must be confirmed in full.
 */
export function shortKey(print: string): number {
  let key = 0;
  for (let index = 0; index < 8; index += 1) {
    const code = print.charCodeAt(index);
    const bits = code < 128 ? SEXTET[code]! : -1;
    // Not base64url (never from fingerprint()): any fixed bits do, the full compare decides.
    key = key * 64 + (bits < 0 ? 0 : bits);
  }
  return key;
}

const EMPTY = 0;
const FIRST_SLOTS = 1 << 12;

/**
 * A map from short keys to positive numbers, for millions of fingerprints: an open-addressing table
 * in one Float64Array of (key, value) pairs, at most half full — 32 bytes an entry at worst, no
 * object per entry and no garbage (a Map of numbers costs several times that, a Set of fingerprint
 * strings ten times). Key and value side by side: a probe of a large table is one cache miss.
 */
export class ShortKeyTable {
  #table = new Float64Array(2 * FIRST_SLOTS);
  #size = 0;

  /** The value stored for `key`, or 0 when there is none. */
  get(key: number): number {
    return this.#table[this.#find(this.#table, key) + 1]!;
  }

  /** Stores `value` (> 0) for `key` unless the key has one already; returns the value the key has now. */
  add(key: number, value: number): number {
    const at = this.#find(this.#table, key);
    const held = this.#table[at + 1]!;
    if (held !== EMPTY) return held;
    this.#table[at] = key;
    this.#table[at + 1] = value;
    this.#size += 1;
    if (this.#size * 4 > this.#table.length) this.#grow();
    return value;
  }

  /** Where `key` is in `table`, or the free slot where it belongs (linear probing; never full). */
  #find(table: Float64Array, key: number): number {
    const mask = table.length / 2 - 1;
    // Keys are bits of a SHA-256, already uniform: any of their bits make a good slot. Bits 16–47,
    // by a division (`%` on a double is a call to fmod, several times slower).
    let slot = Math.floor(key / 65536) & mask;
    while (table[2 * slot + 1] !== EMPTY && table[2 * slot] !== key) slot = (slot + 1) & mask;
    return 2 * slot;
  }

  #grow(): void {
    const old = this.#table;
    const table = new Float64Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === EMPTY) continue;
      const to = this.#find(table, old[at]!);
      table[to] = old[at]!;
      table[to + 1] = old[at + 1]!;
    }
    this.#table = table;
  }
}
