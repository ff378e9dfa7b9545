import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../../shared/i18n/locale.ts';
import en from '../../renderer/src/i18n/messages/en.json';
import pl from '../../renderer/src/i18n/messages/pl.json';
import uk from '../../renderer/src/i18n/messages/uk.json';

// Main speaks from the renderer's catalogues (one file per language for the whole app): its own keys
// are the `main.*` ones. The CLI never comes here: it stays English.

type CatalogueKey = keyof typeof en;

/** A message main shows itself (native dialogs, the startup error box). */
export type MainKey = Extract<CatalogueKey, `main.${string}`>;

/** A message's arguments; text given here (paths, addresses, account names) is shown as it is. */
export type MainValues = Readonly<Record<string, string | number>>;

/** Formats one of main's messages in one language: `say('main.quitMessage', { count: 2 })`. */
export type MainWords = (key: MainKey, values?: MainValues) => string;

const catalogues: Readonly<Record<Locale, Readonly<Record<CatalogueKey, string>>>> = { en, pl, uk };

// Each message is parsed once per language, the first time a dialog needs it.
const parsed = new Map<string, IntlMessageFormat>();

function format(locale: Locale, key: MainKey, values: MainValues | undefined): string {
  const id = `${locale}\u0000${key}`;
  let message = parsed.get(id);
  if (message === undefined) {
    message = new IntlMessageFormat(catalogues[locale][key], locale);
    parsed.set(id, message);
  }
  return String(message.format(values));
}

/** Main's words in `locale`. A message that cannot be formatted falls back to English: a dialog is never blank. */
export function mainWords(locale: Locale): MainWords {
  return (key, values) => {
    try {
      return format(locale, key, values);
    } catch (error) {
      if (locale === 'en') throw error;
      return format('en', key, values);
    }
  };
}

/**
 * Main's words in the window's language at the moment of each call (LanguageService.view()), so a switch in
 * Settings applies to the next dialog without a restart.
 */
export function currentWords(language: { view(): { locale: Locale } }): MainWords {
  return (key, values) => mainWords(language.view().locale)(key, values);
}
