import type { Locale } from '../../shared/i18n/locale.ts';

/**
 * The page's address with the launch's language as `?lang=`: the static shell paints in it before any
 * script of the app runs (shell-language.js, scripts/i18n/shell-words-plugin.ts). Used for the dev
 * server's URL here and by the e2e harness; the built page gets it through loadFile's query.
 */
export function withLanguage(url: string, language: Locale): string {
  const address = new URL(url);
  address.searchParams.set('lang', language);
  return address.href;
}
