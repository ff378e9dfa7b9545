import { localeForSystem, parseLocale, type Locale } from '../../shared/i18n/locale.ts';
import type { Language } from '../../shared/i18n/language.ts';

/** The app-wide state the choice is kept in (app_state: the language is not an account's). */
export interface LanguageStore {
  state(key: string): string | null;
  setState(key: string, value: string): void;
}

export interface LanguageServiceDeps {
  store: LanguageStore;
  /** `EVENT_DESK_LANG` of this launch, when set: it wins over the stored choice (tests use it). */
  override: string | undefined;
  /** The system's language tag (Electron's app.getLocale(); the OS locale elsewhere). */
  systemLocale: () => string;
  /** Layout tests: the window shows English in the pseudo-locale (see languageSchema's `pseudo`). */
  pseudo?: boolean;
  /** Tells the host the choice changed (the Electron host rebuilds its menu in the new language). */
  changed?: () => void;
}

const KEY = 'language';

/**
 * Which language the window speaks: the launch's override, else the person's choice in Settings,
 * else the system's language (Polish and Ukrainian variants to pl and uk, anything else English).
 * What was stored is read through parseLocale: a crafted value is ignored, never shown.
 */
export class LanguageService {
  readonly #deps: LanguageServiceDeps;

  constructor(deps: LanguageServiceDeps) {
    this.#deps = deps;
  }

  view(): Language {
    const { store, override, systemLocale } = this.#deps;
    const forced = parseLocale(override);
    const chosen = parseLocale(store.state(KEY));
    const system = localeForSystem(systemLocale());
    // The pseudo-locale is English made longer: dates and plurals stay English's.
    if (this.#deps.pseudo === true) return { locale: 'en', source: 'env', chosen: chosen ?? null, system, pseudo: true };
    const locale = forced ?? chosen ?? system;
    return { locale, source: forced ? 'env' : chosen ? 'settings' : 'system', chosen: chosen ?? null, system };
  }

  /** Keeps the person's choice (null: follow the system again). */
  choose(locale: Locale | null): Language {
    this.#deps.store.setState(KEY, locale ?? '');
    this.#deps.changed?.();
    return this.view();
  }
}
