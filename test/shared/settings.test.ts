import { describe, expect, it } from 'vitest';
import { apiKeySchema, baseUrlSchema } from '../../src/shared/settings.ts';

describe('baseUrlSchema', () => {
  it.each([
    ['https://api.helpcrunch.com/v1', 'https://api.helpcrunch.com/v1'],
    ['https://api.helpcrunch.com/v1/', 'https://api.helpcrunch.com/v1'],
    ['http://127.0.0.1:4010/v1', 'http://127.0.0.1:4010/v1'],
    ['http://localhost:4010/v1', 'http://localhost:4010/v1'],
    ['http://[::1]:4010/v1', 'http://[::1]:4010/v1'],
  ])('accepts %s', (input, expected) => {
    expect(baseUrlSchema.parse(input)).toBe(expected);
  });

  it.each([
    ['', 'Enter the API base URL.'],
    ['api.helpcrunch.com', 'Enter a full URL'],
    ['http://api.helpcrunch.com/v1', 'Use https://'],
    ['http://192.168.1.5/v1', 'Use https://'],
    ['ftp://127.0.0.1/v1', 'Use https://'],
    ['https://user:pw@api.helpcrunch.com/v1', 'credentials'],
    ['https://api.helpcrunch.com/v1?x=1', 'query'],
  ])('rejects %j', (input, fragment) => {
    const result = baseUrlSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(fragment);
  });
});

describe('apiKeySchema', () => {
  it('accepts a bare key and trims the edges', () => {
    expect(apiKeySchema.parse('  abcdefghijklmnop1234  ')).toBe('abcdefghijklmnop1234');
  });

  it.each([
    ['', 'Paste the API key'],
    ['Bearer abcdefghijklmnop1234', 'without the word "Bearer"'],
    ['"abcdefghijklmnop1234"', 'without quotes or brackets'],
    ['api-key="abcdefghijklmnop"', 'without quotes or brackets'],
    ['abcdefgh ijklmnop1234', 'spaces'],
    ['short', 'too short'],
    ['abcdefgh\u0000ijklmnop1234', 'position 9 (U+0000)'],
    ['abcdefghijklmnop\u200b1234', 'position 17 (U+200B)'],
    // A Cyrillic "а" that looks like a Latin "a".
    ['\u0430bcdefghijklmnop1234', 'position 1 ("а", U+0430)'],
    ['abcdefghijklmnop1234\u00e9', 'position 21 ("é", U+00E9)'],
    ['k'.repeat(4097), 'too long'],
  ])('rejects %j', (input, fragment) => {
    expect(apiKeySchema.safeParse(input).error?.issues[0]?.message).toContain(fragment);
  });
});
