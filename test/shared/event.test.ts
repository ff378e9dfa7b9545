import { describe, expect, it } from 'vitest';
import { BODY_MAX_BYTES, checkDraft, eventSchema, parseDataText } from '../../src/shared/event.ts';

const valid = { name: 'Refund issued', customer: '542335', data: '{"amount": 20}' };

describe('checkDraft', () => {
  it('accepts a valid draft and trims the name', () => {
    const result = checkDraft({ ...valid, name: '  Refund issued  ' });
    expect(result).toMatchObject({ ok: true, event: { name: 'Refund issued', customer: 542335, data: { amount: 20 } } });
  });

  it.each([
    ['', 'Enter an event name.'],
    ['   ', 'Enter an event name.'],
    ['x'.repeat(256), 'Keep the event name to 255 characters or fewer.'],
  ])('rejects the name %j', (name, message) => {
    expect(checkDraft({ ...valid, name })).toEqual({ ok: false, errors: { name: message } });
  });

  it('accepts a name of exactly 255 characters', () => {
    expect(checkDraft({ ...valid, name: 'x'.repeat(255) }).ok).toBe(true);
  });

  it.each([
    ['', 'Choose a customer: search by name or email, or type their id.'],
    ['abc', 'digits only'],
    ['12.5', 'digits only'],
    ['-3', 'digits only'],
    ['1e3', 'digits only'],
    ['0', 'greater than zero'],
    ['007', 'greater than zero'],
    ['9007199254740992', 'too large'],
    ['99999999999999999999', 'too large'],
  ])('rejects the customer %j', (customer, fragment) => {
    const result = checkDraft({ ...valid, customer });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.customer).toContain(fragment);
  });

  it('accepts the largest safe integer as customer id and trims spaces', () => {
    expect(checkDraft({ ...valid, customer: ' 9007199254740991 ' })).toMatchObject({ ok: true, event: { customer: 9007199254740991 } });
  });

  it.each([
    ['[]', 'not an array'],
    ['"text"', 'not a string'],
    ['42', 'not a number'],
    ['null', 'not null'],
    ['true', 'not a boolean'],
    ['', 'use {} for none'],
  ])('rejects data %j that is not an object', (data, fragment) => {
    const result = checkDraft({ ...valid, data });
    expect(!result.ok && result.errors.data).toContain(fragment);
  });

  it('says where broken JSON breaks', () => {
    const result = parseDataText('{\n  "a": 1,\n  "b" 2\n}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Data is not valid JSON: .*\(line 3, column \d+\)\.$/);
  });

  it('reports every invalid field at once', () => {
    const result = checkDraft({ name: '', customer: 'x', data: '[' });
    expect(result.ok).toBe(false);
    expect(Object.keys(!result.ok ? result.errors : {})).toEqual(['name', 'customer', 'data']);
  });

  it('refuses a body over 64 KiB and accepts one just under', () => {
    const overhead = JSON.stringify({ name: 'n', customer: 1, data: { v: '' } }).length;
    const fits = checkDraft({ name: 'n', customer: '1', data: JSON.stringify({ v: 'a'.repeat(BODY_MAX_BYTES - overhead) }) });
    expect(fits).toMatchObject({ ok: true, bytes: BODY_MAX_BYTES });
    const over = checkDraft({ name: 'n', customer: '1', data: JSON.stringify({ v: 'a'.repeat(BODY_MAX_BYTES - overhead + 1) }) });
    expect(!over.ok && over.errors.data).toContain('larger than 64 KiB');
  });

  it('counts bytes, not characters, for the size limit', () => {
    const result = checkDraft({ name: 'n', customer: '1', data: JSON.stringify({ v: 'é'.repeat(BODY_MAX_BYTES / 2) }) });
    // Fewer characters than the limit, but twice as many UTF-8 bytes.
    expect(JSON.stringify({ name: 'n', customer: 1, data: { v: 'é'.repeat(BODY_MAX_BYTES / 2) } }).length).toBeLessThan(BODY_MAX_BYTES);
    expect(result.ok).toBe(false);
  });
});

describe('eventSchema (what main accepts from the renderer)', () => {
  it.each([
    [{ name: 'a', customer: '1', data: {} }],
    [{ name: 'a', customer: 1.5, data: {} }],
    [{ name: 'a', customer: -1, data: {} }],
    [{ name: 'a', customer: 1, data: [] }],
    [{ name: 'a', customer: 1, data: null }],
    [{ name: ' ', customer: 1, data: {} }],
    [{ customer: 1, data: {} }],
  ])('rejects %j', (input) => {
    expect(eventSchema.safeParse(input).success).toBe(false);
  });
});

describe('nesting', () => {
  it('data nested deeper than 64 levels is refused with a line, in the composer and in main, whatever the depth', () => {
    const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    expect(checkDraft({ ...valid, data: deep(63) }).ok).toBe(true);
    expect(checkDraft({ ...valid, data: deep(65) })).toEqual({ ok: false, errors: { data: 'The data is nested too deeply (max 64 levels).' } });
    // 5,000 levels: a recursive check would overflow; this one says so in a line.
    expect(eventSchema.safeParse({ name: 'x', customer: 1, data: JSON.parse(deep(5000)) }).success).toBe(false);
  });
});
