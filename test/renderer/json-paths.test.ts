import { describe, expect, it } from 'vitest';
import { jsonPaths, rangeOf } from '../../src/renderer/src/features/composer/json-paths.ts';

describe('where a plan violation is in the composer text', () => {
  const text = '{\n  "amount": "20",\n  "items": [ { "sku": 1 }, 2 ],\n  "two words": { "x\\"y": null }\n}';
  const paths = jsonPaths(text);
  const at = (path: string) => {
    const range = rangeOf(paths, path);
    return range ? text.slice(range.start, range.end) : null;
  };

  it('finds keys by the path main names them with', () => {
    expect(at('data.amount')).toBe('"amount"');
    expect(at('data.items[0].sku')).toBe('"sku"');
    expect(at('data.items[1]')).toBe('2');
    expect(at('data["two words"]["x\\"y"]')).toBe('"x\\"y"');
  });

  it('marks the nearest parent for a key that is missing', () => {
    expect(at('data.method')).toBe('{');
    expect(at('data.items[0].price')).toBe('{ "sku": 1 }');
    expect(at('name')).toBeNull();
  });

  it('gives what it read of a text that is not JSON, without throwing', () => {
    expect(() => jsonPaths('{"a": ')).not.toThrow();
    expect(jsonPaths('{"a": 1, "b": ').get('data.a')).toEqual({ start: 1, end: 4 });
  });
});
