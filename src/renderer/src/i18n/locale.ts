import { resolveLocale, type Locale } from '../../../shared/i18n/locale.ts';

/**
 * The language to start in before main has said which one to use: the renderer's own idea of the system
 * language (Chromium's, which Electron sets from the OS). Main's answer — which also honours
 * `EVENT_DESK_LANG` and the Settings choice — replaces it once the app is wired to ask.
 */
export function browserLocale(languages: readonly string[] = navigator.languages): Locale {
  return resolveLocale(languages[0]);
}
