import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from '../../src/main/replay/fingerprint.ts';

// History stores fingerprints made by the first implementation: the faster one must give the very
// same text and digest for anything, not only for JSON (holes, boxed values, Dates, __proto__ keys…).
function referenceCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .toSorted()
      .map((key) => `${JSON.stringify(key)}:${referenceCanonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function referenceFingerprint(event: { name: string; customer: number; data: unknown }): string {
  return createHash('sha256').update(`${event.name}\u0000${event.customer}\u0000${referenceCanonicalJson(event.data)}`).digest('base64url').slice(0, 32);
}

const anything = fc.anything({ withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true });

describe('fingerprints', () => {
  it('canonical JSON is the first implementation\'s text for any value', () => {
    fc.assert(
      fc.property(anything, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('a fingerprint is the first implementation\'s, with or without the data\'s JSON given', () => {
    const name = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(name, fc.integer({ min: 1 }), fc.jsonValue(), (eventName, customer, data) => {
        const event = { name: eventName, customer, data };
        expect(fingerprint(event)).toBe(referenceFingerprint(event));
        expect(fingerprint(event, JSON.stringify(data))).toBe(referenceFingerprint(event));
      }),
      { numRuns: 2000 },
    );
  });

  it('the cases a sorted copy cannot hold go key by key', () => {
    const cases: unknown[] = [
      { b: 1, a: 2, 10: 'x', 9: 'y' },
      JSON.parse('{"__proto__": {"b": 1, "a": 2}, "z": 0}'),
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      { when: new Date(0), text: new String('ab'), list: new Set([1]) },
      { f: () => 1, u: undefined, s: Symbol('s') },
      Object.assign(Object.create(null), { b: [{ d: 1, c: 2 }], a: null }),
    ];
    for (const value of cases) expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
  });
});
