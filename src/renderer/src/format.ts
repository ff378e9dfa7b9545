import { useMemo } from 'react';
import type { Locale } from '../../shared/i18n/locale.ts';
import { useLocale } from './i18n/i18n-provider.ts';
import { useT } from './i18n/use-t.ts';

/**
 * The tag dates and numbers are formatted with for the window's language: the system's own regional
 * variant when it speaks that language (an en-GB system keeps "25 Nov 2026", as before translation), else
 * the language itself, so an English window on a Polish system does not mix Polish month names into English.
 * Without a language: the system's (Intl's default), as before.
 */
export function regionalLocale(locale: Locale | undefined, languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): string | undefined {
  if (locale === undefined) return undefined;
  return languages.find((tag) => tag.toLowerCase() === locale || tag.toLowerCase().startsWith(`${locale}-`)) ?? locale;
}

// Intl formatters are costly to build and rows format many dates: one set per locale tag.
const formatters = new Map<string, { dateTime: Intl.DateTimeFormat; time: Intl.DateTimeFormat; day: Intl.DateTimeFormat; relative: Intl.RelativeTimeFormat; tenths: Intl.NumberFormat }>();
function formattersFor(tag: string | undefined) {
  const cacheKey = tag ?? '';
  let found = formatters.get(cacheKey);
  if (!found) {
    found = {
      dateTime: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' }),
      time: new Intl.DateTimeFormat(tag, { timeStyle: 'medium' }),
      day: new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric' }),
      relative: new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }),
      // Like toFixed(1): one decimal, no grouping ("1.5" in English, "1,5" in Polish).
      tenths: new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }),
    };
    formatters.set(cacheKey, found);
  }
  return found;
}

/** A number with a short unit in the language of `tag`: "250 ms", "1,5 с". */
function unitFormat(tag: string | undefined, name: 'millisecond' | 'second', digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

/** A full local date and time, e.g. "25 Nov 2026, 11:58:19". `tag`: a BCP 47 tag (regionalLocale), else the system's. */
export function formatDateTime(ms: number, tag?: string): string {
  return formattersFor(tag).dateTime.format(ms);
}

/** Today's entries show only the time; older ones the day and time. */
export function formatWhen(ms: number, now = Date.now(), tag?: string): string {
  const { day, time } = formattersFor(tag);
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  return sameDay ? time.format(ms) : `${day.format(ms)} ${time.format(ms)}`;
}

/** "250 ms", "1.5 s" (English units; the window's own come from useFormat). */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Pretty-prints JSON bodies; anything else is shown as it came. */
export function prettyBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = isMac ? '⌘' : 'Ctrl';

/**
 * "2 days ago", "last month": when a customer was last seen; null under a minute (the caller says "just
 * now" in the window's language).
 */
export function formatSeen(ms: number, now = Date.now(), tag?: string): string | null {
  const seconds = (ms - now) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['day', 86_400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return formattersFor(tag).relative.format(Math.round(seconds / size), unit);
  return null;
}

/** The formatters above, bound to the window's language. */
export interface WindowFormat {
  dateTime: (ms: number) => string;
  when: (ms: number) => string;
  duration: (ms: number | null) => string;
  seen: (ms: number) => string;
  /** A count or a number with the language's grouping: "12,000", "12 000". */
  number: (value: number) => string;
  /** One decimal, no grouping, like toFixed(1): "1.5", "1,5". */
  tenths: (value: number) => string;
}

/** Dates, times, durations and numbers in the window's language (English output as before translation). */
export function useFormat(): WindowFormat {
  const { locale } = useLocale();
  const t = useT();
  return useMemo(() => {
    const tag = regionalLocale(locale);
    const numbers = new Intl.NumberFormat(tag);
    const milliseconds = unitFormat(tag, 'millisecond', 0);
    const seconds = unitFormat(tag, 'second', 1);
    return {
      dateTime: (ms) => formatDateTime(ms, tag),
      when: (ms) => formatWhen(ms, Date.now(), tag),
      // English keeps its established "1.5 s" (Intl's English says "1.5 sec"); other languages take Intl's
      // own unit words ("1,5 sek.", "1,5 с"), so no catalogue entry has to repeat a symbol.
      duration: (ms) => (locale === 'en' || ms === null ? formatDuration(ms) : ms < 1000 ? milliseconds.format(Math.round(ms)) : seconds.format(ms / 1000)),
      seen: (ms) => formatSeen(ms, Date.now(), tag) ?? t('format.justNow'),
      number: (value) => numbers.format(value),
      tenths: (value) => formattersFor(tag).tenths.format(value),
    };
  }, [locale, t]);
}
