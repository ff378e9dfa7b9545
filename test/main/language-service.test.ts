import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { LanguageService } from '../../src/main/language/language-service.ts';
import { createServices } from '../../src/main/services.ts';
import { migrate } from '../../src/main/storage/database.ts';
import { StartupError } from '../../src/main/storage/startup-error.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';

function store(initial: Record<string, string> = {}) {
  const state = new Map(Object.entries(initial));
  return { state: (key: string) => state.get(key) ?? null, setState: (key: string, value: string) => void state.set(key, value) };
}

describe('the pseudo-locale (layout tests only)', () => {
  it('is English made longer, and says so', () => {
    const language = new LanguageService({ store: store({ language: 'pl' }), override: 'pseudo', systemLocale: () => 'uk-UA', pseudo: true });
    expect(language.view()).toEqual({ locale: 'en', source: 'env', chosen: 'pl', system: 'uk', pseudo: true });
    // Without the flag, "pseudo" names no language: the Settings choice decides, as for any typo.
    expect(new LanguageService({ store: store({ language: 'pl' }), override: 'pseudo', systemLocale: () => 'uk-UA' }).view()).toEqual({ locale: 'pl', source: 'settings', chosen: 'pl', system: 'uk' });
  });

  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('needs EVENT_DESK_TEST_LOCALES=1 beside EVENT_DESK_LANG=pseudo in the host environment', async () => {
    const language = async (env: Record<string, string>) => {
      const folder = mkdtempSync(join(tmpdir(), 'event-desk-language-'));
      folders.push(folder);
      const services = createServices({ userDataDir: folder, env, secretStore: fixedKeyStore('k'), emit: () => {}, systemLocale: () => 'en-US' });
      try {
        const result = await services.handlers['app:language'](undefined);
        return result.ok ? result.value : null;
      } finally {
        services.close();
      }
    };
    expect(await language({ EVENT_DESK_LANG: 'pseudo' })).toEqual({ locale: 'en', source: 'system', chosen: null, system: 'en' });
    expect(await language({ EVENT_DESK_LANG: 'pseudo', EVENT_DESK_TEST_LOCALES: '1' })).toMatchObject({ locale: 'en', pseudo: true });
    expect(await language({ EVENT_DESK_LANG: 'pl', EVENT_DESK_TEST_LOCALES: '1' })).toEqual({ locale: 'pl', source: 'env', chosen: null, system: 'en' });
  });
});

describe('startup failures carry a code for the app to word', () => {
  it('a database from a newer version', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA user_version = 7');
    try {
      migrate(db, ['SELECT 1']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StartupError);
      expect((error as StartupError).words).toEqual({ code: 'newer_schema', values: { current: 7, known: 1 } });
    }
  });
});

describe('choosing a language', () => {
  it('tells the host, which builds its menu again in the new language', () => {
    const told: string[] = [];
    const language = new LanguageService({ store: store(), override: undefined, systemLocale: () => 'en-US', changed: () => told.push(language.view().locale) });
    language.choose('uk');
    language.choose(null);
    expect(told).toEqual(['uk', 'en']);
  });
});
