import { useCallback, type ReactNode } from 'react';
import type { Locale } from '../../../shared/i18n/locale.ts';
import { useChooseLanguage, useLanguage } from '../api/language-hooks.ts';
import { I18nProvider } from './i18n-provider.ts';
import { browserLocale } from './locale.ts';

/**
 * The window in main's language (EVENT_DESK_LANG, the Settings choice, or the system's). Until main
 * answers — a few milliseconds after start — Chromium's own idea of the system language is used.
 */
export function LanguageRoot({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const { mutate } = useChooseLanguage();
  const onChange = useCallback((locale: Locale | null) => mutate(locale), [mutate]);
  return (
    <I18nProvider locale={language.data?.locale ?? browserLocale()} onChange={onChange} pseudo={language.data?.pseudo === true}>
      {children}
    </I18nProvider>
  );
}
