// createElement rather than JSX: test/i18n renders this under the Node tsconfig, which has no JSX.
import { createContext, createElement, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/i18n/locale.ts';
import { catalogues } from './catalogue.ts';
import { pseudoMessages } from './pseudo-messages.ts';

interface LocaleState {
  locale: Locale;
  /** Switches the whole window's language at once, without a restart (the Settings picker); null follows the system. */
  setLocale: (locale: Locale | null) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

/**
 * Gives everything below it the messages, plurals and `Intl` formats of one language, and keeps the page's
 * `lang` attribute in step (screen readers choose their voice by it; axe checks it). The language is
 * main's (app:language): `onChange` asks main to keep a new choice, and main's answer comes back as `locale`.
 */
export function I18nProvider({
  locale,
  onChange = () => {},
  pseudo = false,
  children,
}: {
  locale: Locale;
  onChange?: (locale: Locale | null) => void;
  /** Layout tests only: English in the pseudo-locale (main's Language.pseudo). */
  pseudo?: boolean;
  children?: ReactNode;
}): ReactNode {
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const state = useMemo(() => ({ locale, setLocale: onChange }), [locale, onChange]);
  const messages = useMemo(() => (pseudo ? pseudoMessages(catalogues.en) : catalogues[locale]), [pseudo, locale]);
  return createElement(
    LocaleContext.Provider,
    { value: state },
    createElement(IntlProvider, { locale, defaultLocale: DEFAULT_LOCALE, messages }, children),
  );
}

/** The window's language and the way to change it. */
export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (state === null) throw new Error('useLocale needs an I18nProvider above it.');
  return state;
}
