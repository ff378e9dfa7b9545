import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { applyShellWords, shellDictionary, shellKeys, shellScript, type ShellPage } from '../../scripts/i18n/shell-words-plugin.ts';

const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
const MESSAGES = new URL('../../src/renderer/src/i18n/messages/', import.meta.url);
const read = (locale: string): Record<string, string> => JSON.parse(readFileSync(new URL(`${locale}.json`, MESSAGES), 'utf8')) as Record<string, string>;
const catalogues = { en: read('en'), pl: read('pl'), uk: read('uk') };

/** A marked element as the script sees it: text nodes (3) and other elements (1). */
function element(key: string, ...nodes: { nodeType: number; nodeValue: string | null }[]) {
  return { getAttribute: (name: string) => (name === 'data-i18n' ? key : null), childNodes: nodes };
}

function page(search: string, elements: ReturnType<typeof element>[]): ShellPage & { document: { documentElement: { lang: string } } } {
  return { location: { search }, document: { documentElement: { lang: 'en' }, querySelectorAll: () => elements } };
}

describe("the static shell's words", () => {
  it('are marked in index.html with catalogue keys whose English is exactly what the shell shows', () => {
    const keys = shellKeys(html);
    expect(keys).toEqual(expect.arrayContaining(['shell.starting', 'nav.compose', 'nav.history', 'nav.jobs', 'nav.library', 'nav.settings', 'composer.title', 'action.sendEvent', 'nav.recentSends']));
    for (const key of keys) {
      const shown = new RegExp(`data-i18n="${key.replace('.', '\\.')}"[^>]*>([^<]*)`).exec(html)?.[1]?.trim();
      expect(shown, key).toBe(catalogues.en[key]);
    }
  });

  it('come from the catalogues for Polish and Ukrainian, nothing for English (the markup is English)', () => {
    const words = shellDictionary(shellKeys(html), catalogues);
    expect(Object.keys(words)).toEqual(['pl', 'uk']);
    expect(words.pl).toMatchObject({ 'shell.starting': 'Uruchamianie Event Desk…', 'nav.compose': 'Tworzenie', 'nav.settings': 'Ustawienia' });
    expect(words.uk).toMatchObject({ 'shell.starting': 'Запуск Event Desk…', 'nav.history': 'Історія' });
    // Small enough to load before the first paint without a thought.
    expect(shellScript(words).length).toBeLessThan(4000);
  });

  it('refuse a key a catalogue lacks and a message with arguments', () => {
    expect(() => shellDictionary(['x.missing'], catalogues)).toThrow(/"x.missing", which the en catalogue/);
    expect(() => shellDictionary(['a'], { en: { a: 'A' }, pl: {} })).toThrow(/which the pl catalogue/);
    expect(() => shellDictionary(['a'], { en: { a: 'A' }, pl: { a: 'Konto {name}' } })).toThrow(/must be plain text/);
    // ICU quoting is undone: the shell shows the text, not the source.
    expect(shellDictionary(['a'], { en: { a: 'A' }, pl: { a: "'{'x'}' it's" } })).toEqual({ pl: { a: "{x} it's" } });
  });
});

describe('applyShellWords', () => {
  const words = { pl: { 'nav.compose': 'Tworzenie', 'shell.starting': 'Uruchamianie…' } };

  it('sets lang and replaces the first text of each marked element, keeping its markup and spaces', () => {
    const kbd = { nodeType: 1, nodeValue: null };
    const tab = element('nav.compose', { nodeType: 3, nodeValue: '\n  ' }, { nodeType: 3, nodeValue: 'Compose ' }, kbd);
    const status = element('shell.starting', { nodeType: 3, nodeValue: 'Starting Event Desk…' });
    const unknown = element('nav.other', { nodeType: 3, nodeValue: 'Other' });
    const shell = page('?lang=pl', [tab, status, unknown]);
    applyShellWords(words, shell);
    expect(shell.document.documentElement.lang).toBe('pl');
    expect(tab.childNodes.map((node) => node.nodeValue)).toEqual(['\n  ', 'Tworzenie ', null]);
    expect(status.childNodes[0]!.nodeValue).toBe('Uruchamianie…');
    expect(unknown.childNodes[0]!.nodeValue).toBe('Other');
  });

  it('leaves the page as it is for English, no language or one it does not know', () => {
    for (const search of ['', '?lang=en', '?lang=de', '?lang=toString', '?lang=__proto__']) {
      const tab = element('nav.compose', { nodeType: 3, nodeValue: 'Compose' });
      const shell = page(search, [tab]);
      applyShellWords(words, shell);
      expect(shell.document.documentElement.lang).toBe('en');
      expect(tab.childNodes[0]!.nodeValue).toBe('Compose');
    }
  });

  it('runs as the generated classic script, with nothing but the page', () => {
    const tab = element('nav.compose', { nodeType: 3, nodeValue: 'Compose ' });
    const shell = page('?lang=pl', [tab]);
    runInNewContext(shellScript(words), { location: shell.location, document: shell.document, URLSearchParams });
    expect(tab.childNodes[0]!.nodeValue).toBe('Tworzenie ');
    expect(shell.document.documentElement.lang).toBe('pl');
  });
});
