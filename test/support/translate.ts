import { createIntl } from 'react-intl';
import { catalogues, type MessageKey } from '../../src/renderer/src/i18n/catalogue.ts';
import type { Translate } from '../../src/renderer/src/i18n/use-t.ts';

export type TestLocale = 'en' | 'pl' | 'uk';

/** The window's `t` for one language, from the app's own catalogues, for tests of words made outside React. */
export function translator(locale: TestLocale): Translate {
  const intl = createIntl({ locale, messages: catalogues[locale] as Record<string, string> });
  return (key: MessageKey, values) => intl.formatMessage({ id: key }, values);
}

/** `t` in each of the app's languages. */
export const translators: Readonly<Record<TestLocale, Translate>> = { en: translator('en'), pl: translator('pl'), uk: translator('uk') };
