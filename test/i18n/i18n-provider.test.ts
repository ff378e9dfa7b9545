import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/shared/i18n/locale.ts';
import { I18nProvider, useLocale } from '../../src/renderer/src/i18n/i18n-provider.ts';
import { browserLocale } from '../../src/renderer/src/i18n/locale.ts';
import { useT } from '../../src/renderer/src/i18n/use-t.ts';

function Nav(): ReactNode {
  const t = useT();
  const { locale } = useLocale();
  return createElement('nav', { 'aria-label': t('nav.views'), 'data-locale': locale }, `${t('nav.history')} · ${t('history.entryCount', { count: 22 })}`);
}

const render = (locale: Locale) => renderToString(createElement(I18nProvider, { locale }, createElement(Nav)));

describe('I18nProvider and useT', () => {
  it('render the chosen language', () => {
    expect(render('pl')).toBe('<nav aria-label="Widoki" data-locale="pl">Historia · 22 wpisy</nav>');
    expect(render('uk')).toBe('<nav aria-label="Розділи" data-locale="uk">Історія · 22 записи</nav>');
    expect(render('en')).toBe('<nav aria-label="Views" data-locale="en">History · 22 entries</nav>');
  });

  it('useLocale says when the provider is missing', () => {
    const Orphan = () => useLocale().locale;
    expect(() => renderToString(createElement(Orphan))).toThrow(/I18nProvider/);
  });
});

describe('browserLocale', () => {
  it("maps the renderer's first preferred language", () => {
    expect(browserLocale(['pl-PL', 'en-US'])).toBe('pl');
    expect(browserLocale(['uk'])).toBe('uk');
    expect(browserLocale(['de-DE', 'pl'])).toBe('en');
    expect(browserLocale([])).toBe('en');
    // The launch's language main put in the page's address wins (the shell painted in it already).
    expect(browserLocale(['en-US'], '?lang=pl')).toBe('pl');
    expect(browserLocale(['pl-PL'], '?lang=xx')).toBe('pl');
  });
});
