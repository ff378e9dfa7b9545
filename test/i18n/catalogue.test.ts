import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/shared/i18n/locale.ts';
import { checkCatalogues, findUnusedKeys, messageArguments } from '../../scripts/i18n/catalogue-check.ts';

const MESSAGES = new URL('../../src/renderer/src/i18n/messages/', import.meta.url);
const read = (locale: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`${locale}.json`, MESSAGES), 'utf8')) as Record<string, unknown>;

describe("the app's catalogues", () => {
  it('are one JSON file per supported language', () => {
    expect(readdirSync(MESSAGES).toSorted()).toEqual(LOCALES.map((locale) => `${locale}.json`).toSorted());
  });

  it('have the same keys, valid ICU messages, the same arguments and every plural form in each language', () => {
    expect(checkCatalogues('en', read('en'), { pl: read('pl'), uk: read('uk') })).toEqual([]);
  });

  it('translate every message (no English message left in pl or uk)', () => {
    const en = read('en');
    for (const locale of ['pl', 'uk']) {
      const catalogue = read(locale);
      const untranslated = Object.keys(en).filter((key) => catalogue[key] === en[key]);
      expect(untranslated, locale).toEqual([]);
    }
  });
});

describe('checkCatalogues', () => {
  const en = { 'a.count': '{count, plural, one {# entry} other {# entries}}', 'a.name': 'Hello {name}' };

  it('reports a missing key, an extra key and an empty message', () => {
    expect(checkCatalogues('en', en, { pl: { 'a.count': '{count, plural, one {# wpis} few {# wpisy} many {# wpisów} other {# wpisu}}', 'a.extra': 'x' } })).toEqual([
      'pl: "a.name" is missing',
      'pl: "a.extra" is not in the en catalogue',
    ]);
    expect(checkCatalogues('en', { a: 'A' }, { pl: { a: ' ' } })).toEqual(['pl: "a" is empty']);
  });

  it('reports a message that does not parse', () => {
    const problems = checkCatalogues('en', en, { pl: { 'a.count': '{count, plural, one {# wpis} few {# wpisy} many {# wpisów} other {# wpisu}}', 'a.name': 'Cześć {name' } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^pl: "a.name" is not valid ICU MessageFormat/);
    expect(checkCatalogues('en', { a: '{n, plural, one {x}}' }, {})[0]).toMatch(/not valid ICU/);
  });

  it('reports different arguments', () => {
    expect(checkCatalogues('en', en, { uk: { 'a.count': '{count, plural, one {# запис} few {# записи} many {# записів} other {# запису}}', 'a.name': 'Привіт {imie}' } })).toEqual([
      'uk: "a.name" has arguments imie:argument; en has name:argument',
    ]);
    expect(checkCatalogues('en', { a: 'At {when, time}' }, { pl: { a: 'O {when}' } })).toEqual(['pl: "a" has arguments when:argument; en has when:time']);
  });

  it("reports a plural without a form for one of the language's categories, or with one it does not have", () => {
    expect(checkCatalogues('en', en, { pl: { ...en, 'a.name': 'Cześć {name}', 'a.count': '{count, plural, one {# wpis} other {# wpisów}}' } })).toEqual([
      'pl: "a.count": plural {count} has no form for few, many',
    ]);
    expect(checkCatalogues('en', { a: '{n, plural, one {#} few {#} other {#}}' }, {})).toEqual(['en: "a": plural {n} has few, which en does not use']);
  });

  it('lists a message’s arguments with their kinds', () => {
    expect(Object.fromEntries(messageArguments('{who} sent {count, plural, one {# event} other {# events}} at {at, time, short} <b>{kind, select, a {A} other {B}}</b>'))).toEqual({
      who: 'argument',
      count: 'plural',
      at: 'time',
      '<b>': 'tag',
      kind: 'select',
    });
  });
});

describe('findUnusedKeys', () => {
  it('finds the keys no source mentions as a quoted string', () => {
    const sources = ["t('nav.compose')", 'intl.formatMessage({ id: "nav.history" })', 'const key = `nav.jobs`;', 'nav.library without quotes'];
    expect(findUnusedKeys(['nav.compose', 'nav.history', 'nav.jobs', 'nav.library', 'nav.settings'], sources)).toEqual(['nav.library', 'nav.settings']);
  });
});
