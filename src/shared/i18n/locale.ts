import { z } from 'zod';

/**
 * The languages Event Desk speaks. English is the source language: its catalogue defines the keys, and any
 * system language we do not translate falls back to it.
 */
export const LOCALES = ['en', 'pl', 'uk'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Overrides the system language for one launch: `EVENT_DESK_LANG=pl|uk|en` (main reads it; tests set it). */
export const LANGUAGE_ENV = 'EVENT_DESK_LANG';

/** Each language's name in that language, as a language picker shows it (a Pole looks for "Polski"). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', pl: 'Polski', uk: 'Українська' };

/** A stored or transmitted language choice (settings, IPC): one of {@link LOCALES}, nothing else. */
export const localeSchema = z.enum(LOCALES);

// A BCP 47 tag or a POSIX locale name is a few dozen characters; anything longer is not one, and is not
// worth scanning (the system locale and the environment come from outside the app).
const LOCALE_TEXT_MAX_LENGTH = 64;

/**
 * The language tag's primary subtag, lower-cased, from a BCP 47 tag (`pl-PL`, `uk`), a POSIX name
 * (`uk_UA.UTF-8`, `pl_PL@euro`) or an Electron locale; `undefined` when `text` is not one.
 */
function primaryLanguage(text: string | null | undefined): string | undefined {
  if (typeof text !== 'string' || text.length > LOCALE_TEXT_MAX_LENGTH) return undefined;
  const language = text.trim().toLowerCase().split(/[-_.@]/, 1)[0];
  return language !== undefined && /^[a-z]{2,8}$/.test(language) ? language : undefined;
}

/** The locale Event Desk uses for a system language tag: Polish and Ukrainian variants map to pl and uk. */
export function localeForSystem(systemLocale: string | null | undefined): Locale {
  switch (primaryLanguage(systemLocale)) {
    case 'pl':
      return 'pl';
    // "ua" is Ukraine's country code, not a language, but some systems and people write it for Ukrainian.
    case 'uk':
    case 'ua':
      return 'uk';
    default:
      return DEFAULT_LOCALE;
  }
}

/** `text` as a supported locale if it names one exactly (`pl`, ` UK `), else `undefined`. */
export function parseLocale(text: string | null | undefined): Locale | undefined {
  if (typeof text !== 'string' || text.length > LOCALE_TEXT_MAX_LENGTH) return undefined;
  const result = localeSchema.safeParse(text.trim().toLowerCase());
  return result.success ? result.data : undefined;
}

/**
 * The language to show: the override (`EVENT_DESK_LANG`, later also the Settings choice) when it names a
 * supported locale, otherwise the system's language mapped by {@link localeForSystem}. An override that
 * names no supported locale (a typo, `de`) is ignored rather than forcing English, so the system still wins.
 */
export function resolveLocale(systemLocale: string | null | undefined, override?: string | null): Locale {
  return parseLocale(override) ?? localeForSystem(systemLocale);
}
