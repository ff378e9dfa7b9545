import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { profileDraftSchema } from '../../src/shared/profiles.ts';
import { savedEventDraftSchema } from '../../src/shared/saved-events.ts';
import { apiKeySchema, baseUrlSchema } from '../../src/shared/settings.ts';
import { validationWords, type ValidatedForm, type ValidationIssue } from '../../src/renderer/src/i18n/validation-words.ts';
import { translators } from '../support/translate.ts';

// The shared schemas' messages under the window's fields: English exactly as the schema says it,
// Polish and Ukrainian from the issue's structure (form, path, code, limits, params.rule).

const t = translators;

const savedDraft = { title: 'Refund', name: 'refund_issued', template: {} };

/** Inputs that break each rule, with the schema and form they belong to. */
const CASES: Record<string, { form: ValidatedForm; schema: z.ZodType; input: unknown }> = {
  'base URL empty': { form: 'baseUrl', schema: baseUrlSchema, input: '  ' },
  'base URL too long': { form: 'baseUrl', schema: baseUrlSchema, input: `https://a.example/${'x'.repeat(5000)}` },
  'base URL not a URL': { form: 'baseUrl', schema: baseUrlSchema, input: 'api.helpcrunch' },
  'base URL plain http': { form: 'baseUrl', schema: baseUrlSchema, input: 'http://api.helpcrunch.com/v1' },
  'base URL with a query': { form: 'baseUrl', schema: baseUrlSchema, input: 'https://api.helpcrunch.com/v1?x=1' },
  'key empty': { form: 'apiKey', schema: apiKeySchema, input: '' },
  'key with Bearer': { form: 'apiKey', schema: apiKeySchema, input: 'Bearer abcdefghijklmnopqrstuv' },
  'key in quotes': { form: 'apiKey', schema: apiKeySchema, input: '"abcdefghijklmnopqrstuv"' },
  'key with a space': { form: 'apiKey', schema: apiKeySchema, input: 'abcdefgh ijklmnopqrstuv' },
  'key with a Cyrillic letter': { form: 'apiKey', schema: apiKeySchema, input: 'abcdefghijklmnopqrstuк' },
  'key too short': { form: 'apiKey', schema: apiKeySchema, input: 'abc123' },
  'key far too long': { form: 'apiKey', schema: apiKeySchema, input: 'a'.repeat(9000) },
  'key too long': { form: 'apiKey', schema: apiKeySchema, input: 'a'.repeat(5000) },
  'profile without a name': { form: 'profile', schema: profileDraftSchema, input: { name: ' ', perMinute: 10 } },
  'profile name too long': { form: 'profile', schema: profileDraftSchema, input: { name: 'x'.repeat(61), perMinute: 10 } },
  'profile pace zero': { form: 'profile', schema: profileDraftSchema, input: { name: 'Staging', perMinute: 0 } },
  'saved event without a title': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, title: '' } },
  'saved event title too long': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, title: 'x'.repeat(121) } },
  'saved event without a name': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, name: '' } },
  'saved event name too long': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, name: 'x'.repeat(256) } },
  'saved event description too long': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, description: 'x'.repeat(1001) } },
  'saved event template not an object': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, template: [] } },
  'saved event two fields with one key': {
    form: 'savedEvent',
    schema: savedEventDraftSchema,
    input: { ...savedDraft, fields: [{ key: 'amount', label: 'Amount', type: 'number', required: false }, { key: 'amount', label: 'Amount 2', type: 'number', required: false }] },
  },
  'saved event choice without choices': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, fields: [{ key: 'plan', label: 'Plan', type: 'choice', required: true, choices: [] }] } },
  'saved event template over 64 KiB': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, template: { big: 'x'.repeat(70_000) } } },
  'saved event default customer not whole': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, defaultCustomer: 1.5 } },
  'saved event default customer zero': { form: 'savedEvent', schema: savedEventDraftSchema, input: { ...savedDraft, defaultCustomer: 0 } },
};

function firstIssue(name: string): ValidationIssue {
  const { schema, input } = CASES[name]!;
  const parsed = schema.safeParse(input);
  expect(parsed.success, name).toBe(false);
  return parsed.error!.issues[0] as ValidationIssue;
}

describe('validation words', () => {
  it('say in English exactly what the schema says', () => {
    for (const [name, { form }] of Object.entries(CASES)) {
      const issue = firstIssue(name);
      expect(validationWords(t.en, 'en', form, issue), name).toBe(issue.message);
    }
  });

  for (const locale of ['pl', 'uk'] as const) {
    it(`word every rule of the settings, profile and saved-event forms in ${locale}`, () => {
      for (const [name, { form }] of Object.entries(CASES)) {
        const issue = firstIssue(name);
        const said = validationWords(t[locale], locale, form, issue);
        expect(said, name).not.toBe(issue.message);
        expect(said, name).not.toMatch(/[{}]/);
        expect(said, name).not.toMatch(/\b(the|is|give|keep|enter|paste)\b/i);
      }
    });
  }

  it('carry the rule\'s own values: the position and the character, a limit, a field\'s label', () => {
    expect(validationWords(t.pl, 'pl', 'apiKey', firstIssue('key with a Cyrillic letter'))).toBe('Na pozycji 22 klucz ma znak, którego nie może być w kluczu API ("к", U+043A). Skopiuj klucz ponownie z HelpCrunch.');
    expect(validationWords(t.uk, 'uk', 'savedEvent', firstIssue('saved event title too long'))).toBe('Назва може мати не більше 120 символів.');
    expect(validationWords(t.pl, 'pl', 'profile', firstIssue('profile name too long'))).toBe('Nazwa może mieć najwyżej 60 znaków.');
    expect(validationWords(t.pl, 'pl', 'savedEvent', firstIssue('saved event choice without choices'))).toBe('Dodaj do „Plan” co najmniej jedną opcję.');
  });

  it('keep the schema\'s English for an issue nobody mapped, so nothing is blank', () => {
    const issue: ValidationIssue = { code: 'custom', path: ['template'], message: 'amount: a placeholder names no field.' };
    expect(validationWords(t.pl, 'pl', 'savedEvent', issue)).toBe('amount: a placeholder names no field.');
  });
});
