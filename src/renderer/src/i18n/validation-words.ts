import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { z } from 'zod';
import type { MessageKey } from './catalogue.ts';
import { useT, type Translate } from './use-t.ts';

/** Which shared schema an issue came from: the same zod code means different things in each. */
export type ValidatedForm = 'baseUrl' | 'apiKey' | 'profile' | 'savedEvent';

/** A zod issue as the words read it: its code, where, its limits and, for our own rules, `params.rule`. */
export type ValidationIssue = Pick<z.core.$ZodIssue, 'code' | 'path' | 'message'> & { maximum?: unknown; minimum?: unknown; params?: Record<string, unknown> };

/** Rules the shared schemas name in `params.rule` (ruleIssue in src/shared/settings.ts, saved-events.ts). */
const RULES: Readonly<Record<string, MessageKey>> = {
  url_full: 'validation.urlFull',
  url_https: 'validation.urlHttps',
  url_extras: 'validation.urlExtras',
  key_bearer: 'validation.keyBearer',
  key_wrapped: 'validation.keyWrapped',
  key_spaces: 'validation.keySpaces',
  key_character: 'validation.keyCharacter',
  key_short: 'validation.keyShort',
  key_long: 'validation.keyLong',
  fields_repeated: 'validation.fieldsRepeated',
  choice_missing: 'validation.choiceMissing',
  template_large: 'validation.templateLarge',
};

/** The schemas' own limits (`.min(1, …)`, `.max(n, …)`, a wrong type) per form and field: form, first path part, code. */
const LIMITS: Readonly<Record<string, MessageKey>> = {
  'baseUrl::too_small': 'validation.urlEmpty',
  'baseUrl::too_big': 'validation.urlTooLong',
  'apiKey::too_small': 'validation.keyEmpty',
  'apiKey::too_big': 'validation.keyLong',
  'profile:name:too_small': 'validation.profileNameEmpty',
  'profile:name:too_big': 'validation.profileNameLong',
  'profile:perMinute:too_small': 'validation.perMinuteMin',
  'savedEvent:title:too_small': 'validation.titleEmpty',
  'savedEvent:title:too_big': 'validation.titleLong',
  'savedEvent:name:too_small': 'validation.eventNameEmpty',
  'savedEvent:name:too_big': 'validation.eventNameLong',
  'savedEvent:description:too_big': 'validation.descriptionLong',
  'savedEvent:template:invalid_type': 'validation.templateObject',
  'savedEvent:fields:too_big': 'validation.fieldsMax',
  'savedEvent:defaultCustomer:invalid_type': 'validation.customerWhole',
  'savedEvent:defaultCustomer:too_small': 'validation.customerPositive',
  'savedEvent:defaultCustomer:too_big': 'validation.customerLarge',
};

/**
 * A shared schema's issue in the window's language, from its structure (form, path, code, limits,
 * `params.rule`), never from its English. English keeps the schema's own message (the CLI's words,
 * and what the e2e suite reads); an issue nobody mapped keeps it too, so nothing is blank.
 */
export function validationWords(t: Translate, locale: string, form: ValidatedForm, issue: ValidationIssue): string {
  if (locale === 'en') return issue.message;
  const values = issueValues(issue);
  const rule = typeof issue.params?.rule === 'string' && Object.hasOwn(RULES, issue.params.rule) ? RULES[issue.params.rule] : undefined;
  if (rule) return t(rule, values);
  const limit = `${form}:${typeof issue.path[0] === 'string' ? issue.path[0] : ''}:${issue.code}`;
  if (Object.hasOwn(LIMITS, limit)) return t(LIMITS[limit]!, values);
  // A plain limit of some other field: still said in the window's language.
  if (issue.code === 'too_big' && typeof issue.maximum === 'number' && issue.maximum <= Number.MAX_SAFE_INTEGER) return t('validation.tooLong', { maximum: issue.maximum });
  if (issue.code === 'too_small' && issue.minimum === 1) return t('validation.required');
  return issue.message;
}

/** The values the words may need: a limit, and the rule's own params (a position, a field's label). */
function issueValues(issue: ValidationIssue): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  if (typeof issue.maximum === 'number') values.maximum = issue.maximum;
  for (const [name, value] of Object.entries(issue.params ?? {})) if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  return values;
}

/** `words(error)`: the first issue of a failed parse of `form`'s schema, in the window's language. */
export function useValidationWords(form: ValidatedForm): (error: z.ZodError) => string {
  const t = useT();
  const { locale } = useIntl();
  return useCallback(
    (error) => {
      const issue = error.issues[0];
      return issue ? validationWords(t, locale, form, issue as ValidationIssue) : t('validation.invalid');
    },
    [t, locale, form],
  );
}
