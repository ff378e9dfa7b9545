import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer } from '../../src/renderer/src/hooks/debouncer.ts';
import { planSearch } from '../../src/renderer/src/features/customers/plan-search.ts';

/** What the picker would send while someone types `text` at `perSecond` characters per second. */
function requestsWhileTyping(text: string, perSecond: number, debounceMs = 250): string[] {
  const sent: string[] = [];
  const debouncer = createDebouncer<string>(debounceMs, (value) => {
    const plan = planSearch(value);
    if (plan.kind === 'search') sent.push(plan.query);
  });
  for (let i = 1; i <= text.length; i += 1) {
    debouncer.push(text.slice(0, i));
    vi.advanceTimersByTime(1000 / perSecond);
  }
  vi.advanceTimersByTime(1000);
  return sent;
}

describe('type-ahead budget', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('typing ada.lovelace@example.com at 8 characters per second costs at most 3 searches', () => {
    const sent = requestsWhileTyping('ada.lovelace@example.com', 8);
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(sent.at(-1)).toBe('ada.lovelace@example.com');
  });

  it('a pause while typing sends what was there, then the final text', () => {
    const sent: string[] = [];
    const debouncer = createDebouncer<string>(250, (value) => sent.push(value));
    debouncer.push('ad');
    vi.advanceTimersByTime(100);
    debouncer.push('ada');
    vi.advanceTimersByTime(300);
    debouncer.push('ada l');
    vi.advanceTimersByTime(249);
    expect(sent).toEqual(['ada']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['ada', 'ada l']);
  });

  it('flush settles at once and cancels the pending one', () => {
    const sent: string[] = [];
    const debouncer = createDebouncer<string>(250, (value) => sent.push(value));
    debouncer.push('gra');
    debouncer.flush('grace');
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['grace']);
  });
});

describe('planSearch', () => {
  it.each([
    ['', 'idle'],
    ['   ', 'idle'],
    ['a', 'too_short'],
    ['7', 'search'],
    ['ad', 'search'],
    ['  ada  ', 'search'],
    ['x'.repeat(201), 'too_long'],
  ])('%j -> %s', (text, kind) => {
    expect(planSearch(text).kind).toBe(kind);
  });

  it('trims what it sends', () => {
    expect(planSearch('  ada  ')).toEqual({ kind: 'search', query: 'ada' });
  });
});
