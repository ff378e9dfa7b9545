import { parseLocale, resolveLocale, type Locale } from '../../../shared/i18n/locale.ts';

/**
 * The language to start in before main has answered app:language: the launch's language main put in the
 * page's address (`?lang=pl`, which the static shell already painted in), else the renderer's own idea of
 * the system language (Chromium's, which Electron sets from the OS). Main's answer — which also honours
 * the Settings choice — replaces it a few milliseconds later.
 */
export function browserLocale(languages: readonly string[] = navigator.languages, search: string = globalThis.location?.search ?? ''): Locale {
  return parseLocale(new URLSearchParams(search).get('lang')) ?? resolveLocale(languages[0]);
}
