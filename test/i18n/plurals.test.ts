import { createIntl, createIntlCache } from 'react-intl';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/shared/i18n/locale.ts';
import { catalogues, type MessageKey } from '../../src/renderer/src/i18n/catalogue.ts';
import { compileCatalogue } from '../../scripts/i18n/compiled-messages-plugin.ts';

const cache = createIntlCache();

/** The message as the app formats it: from the JSON's strings, and from the build's precompiled AST. */
function format(locale: Locale, key: MessageKey, values: Record<string, string | number>): string {
  const fromText = createIntl({ locale, messages: catalogues[locale], onError: (error) => { throw error; } }, cache).formatMessage({ id: key }, values);
  const compiled = compileCatalogue(catalogues[locale] as Record<string, string>) as Record<MessageKey, never>;
  const fromAst = createIntl({ locale, messages: compiled, onError: (error) => { throw error; } }, cache).formatMessage({ id: key }, values);
  expect(fromAst).toBe(fromText);
  return fromText;
}

const COUNTS = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 112] as const;

describe('Polish plurals (one / few / many)', () => {
  const expected: Record<(typeof COUNTS)[number], string> = {
    0: '0 wpisów',
    1: '1 wpis',
    2: '2 wpisy',
    4: '4 wpisy',
    5: '5 wpisów',
    11: '11 wpisów',
    12: '12 wpisów',
    14: '14 wpisów',
    21: '21 wpisów',
    22: '22 wpisy',
    25: '25 wpisów',
    101: '101 wpisów',
    112: '112 wpisów',
  };
  it.each(COUNTS)('%i entries', (count) => {
    expect(format('pl', 'history.entryCount', { count })).toBe(expected[count]);
  });

  it('agrees the verb with the number in the outbox', () => {
    expect(format('pl', 'outbox.waiting', { count: 0 })).toBe('Nic nie czeka na wysłanie');
    expect(format('pl', 'outbox.waiting', { count: 1 })).toBe('1 zdarzenie czeka na wysłanie');
    expect(format('pl', 'outbox.waiting', { count: 3 })).toBe('3 zdarzenia czekają na wysłanie');
    expect(format('pl', 'outbox.waiting', { count: 5 })).toBe('5 zdarzeń czeka na wysłanie');
    expect(format('pl', 'outbox.waiting', { count: 22 })).toBe('22 zdarzenia czekają na wysłanie');
    expect(format('pl', 'outbox.waiting', { count: 112 })).toBe('112 zdarzeń czeka na wysłanie');
  });

  it('uses the genitive singular for fractions', () => {
    expect(format('pl', 'history.entryCount', { count: 1.5 })).toBe('1,5 wpisu');
  });
});

describe('Ukrainian plurals (one / few / many)', () => {
  const expected: Record<(typeof COUNTS)[number], string> = {
    0: '0 записів',
    1: '1 запис',
    2: '2 записи',
    4: '4 записи',
    5: '5 записів',
    11: '11 записів',
    12: '12 записів',
    14: '14 записів',
    21: '21 запис',
    22: '22 записи',
    25: '25 записів',
    101: '101 запис',
    112: '112 записів',
  };
  it.each(COUNTS)('%i entries', (count) => {
    expect(format('uk', 'history.entryCount', { count })).toBe(expected[count]);
  });

  it('agrees the verb with the number in the outbox', () => {
    expect(format('uk', 'outbox.waiting', { count: 0 })).toBe('Немає подій, що чекають надсилання');
    expect(format('uk', 'outbox.waiting', { count: 1 })).toBe('1 подія чекає надсилання');
    expect(format('uk', 'outbox.waiting', { count: 21 })).toBe('21 подія чекає надсилання');
    expect(format('uk', 'outbox.waiting', { count: 3 })).toBe('3 події чекають надсилання');
    expect(format('uk', 'outbox.waiting', { count: 11 })).toBe('11 подій чекають надсилання');
  });

  it('uses the genitive singular for fractions', () => {
    expect(format('uk', 'history.entryCount', { count: 1.5 })).toBe('1,5 запису');
  });
});

describe('English', () => {
  it.each([
    [0, '0 entries'],
    [1, '1 entry'],
    [2, '2 entries'],
    [21, '21 entries'],
  ])('%i entries', (count, text) => {
    expect(format('en', 'history.entryCount', { count })).toBe(text);
  });

  it('formats numbers for the locale inside a plural', () => {
    expect(format('en', 'history.entryCount', { count: 1200 })).toBe('1,200 entries');
    // Polish and Ukrainian group thousands with a (narrow) no-break space.
    expect(format('pl', 'history.entryCount', { count: 12_000 })).toMatch(/^12\s000 wpisów$/u);
    expect(format('uk', 'history.entryCount', { count: 12_000 })).toMatch(/^12\s000 записів$/u);
  });
});

describe('select', () => {
  it('words the production account in each language', () => {
    expect(format('en', 'nav.switchAccount', { kind: 'production', name: 'Acme' })).toBe('Account: Acme (production). Switch account');
    expect(format('pl', 'nav.switchAccount', { kind: 'production', name: 'Acme' })).toBe('Konto: Acme (produkcyjne). Przełącz konto');
    expect(format('uk', 'nav.switchAccount', { kind: 'test', name: 'Acme' })).toBe('Обліковий запис: Acme. Змінити обліковий запис');
  });
});
