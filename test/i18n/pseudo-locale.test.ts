import { parse } from '@formatjs/icu-messageformat-parser';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import en from '../../src/renderer/src/i18n/messages/en.json';
import { checkCatalogues, messageArguments } from '../../scripts/i18n/catalogue-check.ts';
import { pseudoCatalogue, pseudoLocalize, pseudoText } from '../../scripts/i18n/pseudo-locale.ts';

describe('pseudoLocalize', () => {
  it('accents letters, keeps spaces and punctuation, and brackets the message', () => {
    expect(pseudoText('Send event')).toBe('Šééñðð ééṽééñţ');
    expect(pseudoLocalize('Close')).toBe('[Çļööšéé]');
    expect(pseudoText('API key status; opens Settings')).toMatch(/^ÅÅ.*; .*$/u);
    expect(pseudoText('12 ms — 3')).toBe('12 ɱšš — 3');
  });

  it('makes a message about 40% longer', () => {
    for (const message of ['Nothing is waiting to be sent', 'Compose', 'API key status; opens Settings', 'Recent sends']) {
      const ratio = pseudoLocalize(message).length / message.length;
      expect(ratio, message).toBeGreaterThanOrEqual(1.35);
      expect(ratio, message).toBeLessThanOrEqual(1.75);
    }
  });

  it('leaves arguments, plural and select keys and tags alone', () => {
    const message = '{kind, select, production {Account: {name} (production)} other {Account: {name}}} — {count, plural, one {# <b>entry</b>} other {# entries}}';
    const pseudo = pseudoLocalize(message);
    expect(messageArguments(pseudo)).toEqual(messageArguments(message));
    expect(pseudo).toContain('{name}');
    expect(pseudo).toContain('<b>');
    const intl = createIntl({ locale: 'en', messages: { ...en, 'nav.switchAccount': pseudo } });
    const text = intl.formatMessage({ id: 'nav.switchAccount' }, { kind: 'production', name: 'Acme', count: 2, b: (chunks: string[]) => chunks.join('') });
    expect(text).toBe('[ÅÅççööûûñţ: Acme (þŕööðûûçţîîööñ) — 2 ééñţŕîîééš]');
  });

  it('turns the whole English catalogue into one that passes the same checks', () => {
    const pseudo = pseudoCatalogue(en);
    expect(Object.keys(pseudo)).toEqual(Object.keys(en));
    expect(checkCatalogues('en', en, { 'en-XA': pseudo })).toEqual([]);
    for (const message of Object.values(pseudo)) expect(() => parse(message)).not.toThrow();
    // No plain ASCII letter survives: a string the UI shows unchanged is easy to spot among these.
    const intl = createIntl({ locale: 'en', messages: pseudo });
    for (const key of Object.keys(pseudo) as (keyof typeof en)[]) {
      // Every argument the message takes, as a number (plurals need one; selects fall to "other").
      const values: Record<string, number | ((chunks: string[]) => string)> = Object.fromEntries([...messageArguments(en[key]).keys()].map((name) => [name, 3]));
      // Markup (<FormattedMessage> with <code>, <strong>): each tag as its text, as the UI renders it.
      for (const [, tag] of en[key].matchAll(/<(\w+)>/g)) values[tag!] = (chunks: string[]) => chunks.join('');
      expect(intl.formatMessage({ id: key }, values), key).not.toMatch(/[A-Za-z]/);
    }
  });
});
