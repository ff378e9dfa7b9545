import { describe, expect, it } from 'vitest';
import { LOCALE_NAMES, LOCALES, localeForSystem, parseLocale, resolveLocale } from '../../src/shared/i18n/locale.ts';

describe('resolveLocale', () => {
  it.each([
    ['pl', 'pl'],
    ['pl-PL', 'pl'],
    ['PL-pl', 'pl'],
    ['pl_PL.UTF-8', 'pl'],
    ['pl_PL@euro', 'pl'],
    ['uk', 'uk'],
    ['uk-UA', 'uk'],
    ['uk_UA.UTF-8', 'uk'],
    ['ua', 'uk'],
    ['ua-UA', 'uk'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    // Russian as spoken in Ukraine is still Russian: not translated, so English.
    ['ru-UA', 'en'],
    ['', 'en'],
    ['C', 'en'],
    ['POSIX', 'en'],
    ['  pl-PL  ', 'pl'],
  ])('maps the system locale %j to %s', (system, expected) => {
    expect(resolveLocale(system)).toBe(expected);
    expect(localeForSystem(system)).toBe(expected);
  });

  it('falls back to English when the system gives no locale', () => {
    expect(resolveLocale(undefined)).toBe('en');
    expect(resolveLocale(null)).toBe('en');
  });

  it('lets EVENT_DESK_LANG override the system', () => {
    expect(resolveLocale('en-US', 'pl')).toBe('pl');
    expect(resolveLocale('pl-PL', 'uk')).toBe('uk');
    expect(resolveLocale('uk-UA', 'en')).toBe('en');
    expect(resolveLocale('en-US', ' UK ')).toBe('uk');
  });

  it('ignores an override that names no supported language, so the system still decides', () => {
    expect(resolveLocale('pl-PL', 'de')).toBe('pl');
    expect(resolveLocale('uk-UA', 'pl-PL')).toBe('uk');
    expect(resolveLocale('uk-UA', '')).toBe('uk');
    expect(resolveLocale('pl-PL', undefined)).toBe('pl');
    expect(resolveLocale('pl-PL', 'x'.repeat(10_000))).toBe('pl');
  });

  it('does not scan unbounded text from outside', () => {
    expect(resolveLocale(`pl-${'x'.repeat(10_000)}`)).toBe('en');
    expect(parseLocale('p'.repeat(100))).toBeUndefined();
  });

  it('names each language in that language', () => {
    expect(LOCALES).toEqual(['en', 'pl', 'uk']);
    expect(LOCALE_NAMES).toEqual({ en: 'English', pl: 'Polski', uk: 'Українська' });
  });
});
