import { isArgumentElement, isDateElement, isNumberElement, isPluralElement, isSelectElement, isTagElement, isTimeElement, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * The checks a set of message catalogues must pass (test/i18n/catalogue.test.ts runs them on the app's):
 * the same keys as the source language, messages that parse as ICU MessageFormat, the same arguments in
 * each translation, and plurals that give every CLDR category of the translation's language a form.
 */

export type Catalogue = Readonly<Record<string, unknown>>;

/** Each argument a message uses, by name, with how it is formatted: `count` → `plural`, `name` → `argument`. */
export function messageArguments(message: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (isArgumentElement(element)) found.set(element.value, 'argument');
      else if (isNumberElement(element)) found.set(element.value, 'number');
      else if (isDateElement(element)) found.set(element.value, 'date');
      else if (isTimeElement(element)) found.set(element.value, 'time');
      else if (isPluralElement(element) || isSelectElement(element)) {
        found.set(element.value, isSelectElement(element) ? 'select' : element.pluralType === 'ordinal' ? 'selectordinal' : 'plural');
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (isTagElement(element)) {
        found.set(`<${element.value}>`, 'tag');
        walk(element.children);
      }
    }
  };
  walk(parse(message, { requiresOtherClause: true }));
  return found;
}

/** The plural branches of a message that lack a form for one of `locale`'s CLDR categories, or name one it lacks. */
function pluralProblems(message: string, locale: string): string[] {
  const rules = new Intl.PluralRules(locale);
  const cardinal = new Set<string>(rules.resolvedOptions().pluralCategories);
  const ordinal = new Set<string>(new Intl.PluralRules(locale, { type: 'ordinal' }).resolvedOptions().pluralCategories);
  const problems: string[] = [];
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (isPluralElement(element)) {
        const categories = element.pluralType === 'ordinal' ? ordinal : cardinal;
        const given = Object.keys(element.options).filter((key) => !key.startsWith('='));
        const missing = [...categories].filter((category) => !given.includes(category));
        const unknown = given.filter((category) => !categories.has(category));
        if (missing.length > 0) problems.push(`plural {${element.value}} has no form for ${missing.join(', ')}`);
        if (unknown.length > 0) problems.push(`plural {${element.value}} has ${unknown.join(', ')}, which ${locale} does not use`);
      }
      if (isPluralElement(element) || isSelectElement(element)) for (const option of Object.values(element.options)) walk(option.value);
      if (isTagElement(element)) walk(element.children);
    }
  };
  walk(parse(message));
  return problems;
}

function describe(argumentsByName: Map<string, string>): string {
  return [...argumentsByName].map(([name, kind]) => `${name}:${kind}`).toSorted().join(', ') || 'none';
}

/**
 * Every problem with `translations` measured against `source` (the English catalogue), one line each,
 * e.g. `pl: "history.entryCount": plural {count} has no form for few`. Empty when all is well.
 */
export function checkCatalogues(sourceLocale: string, source: Catalogue, translations: Readonly<Record<string, Catalogue>>): string[] {
  const problems: string[] = [];
  const sourceArguments = new Map<string, Map<string, string>>();
  for (const [key, message] of Object.entries(source)) {
    if (typeof message !== 'string') {
      problems.push(`${sourceLocale}: "${key}" is not a string`);
      continue;
    }
    try {
      sourceArguments.set(key, messageArguments(message));
      for (const problem of pluralProblems(message, sourceLocale)) problems.push(`${sourceLocale}: "${key}": ${problem}`);
    } catch (error) {
      problems.push(`${sourceLocale}: "${key}" is not valid ICU MessageFormat (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  for (const [locale, catalogue] of Object.entries(translations)) {
    for (const key of Object.keys(source)) if (!Object.hasOwn(catalogue, key)) problems.push(`${locale}: "${key}" is missing`);
    for (const [key, message] of Object.entries(catalogue)) {
      if (!Object.hasOwn(source, key)) {
        problems.push(`${locale}: "${key}" is not in the ${sourceLocale} catalogue`);
        continue;
      }
      if (typeof message !== 'string') {
        problems.push(`${locale}: "${key}" is not a string`);
        continue;
      }
      if (message.trim() === '') {
        problems.push(`${locale}: "${key}" is empty`);
        continue;
      }
      try {
        const expected = sourceArguments.get(key);
        const actual = messageArguments(message);
        if (expected !== undefined && describe(expected) !== describe(actual)) {
          problems.push(`${locale}: "${key}" has arguments ${describe(actual)}; ${sourceLocale} has ${describe(expected)}`);
        }
        for (const problem of pluralProblems(message, locale)) problems.push(`${locale}: "${key}": ${problem}`);
      } catch (error) {
        problems.push(`${locale}: "${key}" is not valid ICU MessageFormat (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }
  return problems;
}

/**
 * The keys no source text mentions as a quoted string (`t('nav.compose')`, `id: "nav.compose"`). For the
 * catalogue check once the UI uses the catalogue; a key built at run time (`` `outcome.${kind}` ``) must be
 * listed in the source literally somewhere (e.g. a `satisfies Record<…, MessageKey>` table) to count.
 */
export function findUnusedKeys(keys: Iterable<string>, sources: Iterable<string>): string[] {
  const text = [...sources].join('\n');
  return [...keys].filter((key) => !['"', "'", '`'].some((quote) => text.includes(`${quote}${key}${quote}`)));
}
