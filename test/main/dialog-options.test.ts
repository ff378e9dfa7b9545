import { describe, expect, it } from 'vitest';
import { exportDialog, keyOriginBox, originChangeBox, productionBox, quitBox, replayDialog, startupErrorBox } from '../../src/main/electron/dialog-options.ts';
import { currentWords, mainWords } from '../../src/main/language/main-words.ts';
import { StartupError } from '../../src/main/storage/startup-error.ts';
import type { Locale } from '../../src/shared/i18n/locale.ts';

// Main's native dialogs in each language, built in plain Node: what index.ts hands to Electron.

const en = mainWords('en');
const pl = mainWords('pl');
const uk = mainWords('uk');

describe('the save and open dialogs', () => {
  it('are titled in the language, with format names left as they are', () => {
    expect(exportDialog(en, '/home/ada/Documents', 'history.ndjson')).toEqual({
      title: 'Export history',
      defaultPath: '/home/ada/Documents/history.ndjson',
      filters: [{ name: 'NDJSON', extensions: ['ndjson'] }],
    });
    expect(exportDialog(pl, '/d', 'history.csv')).toMatchObject({ title: 'Eksportuj historię', filters: [{ name: 'CSV', extensions: ['csv'] }] });
    expect(exportDialog(uk, '/d', 'history.json')).toMatchObject({ title: 'Експортувати історію', filters: [{ name: 'JSON', extensions: ['json'] }] });
    expect(exportDialog(en, '/d', 'history')).toMatchObject({ filters: [{ name: 'JSON', extensions: ['json'] }] });

    expect(replayDialog(en)).toEqual({
      title: 'Replay events from a file',
      properties: ['openFile'],
      filters: [
        { name: 'Events (NDJSON, JSON, CSV)', extensions: ['ndjson', 'jsonl', 'json', 'csv'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(replayDialog(pl).filters!.map((filter) => filter.name)).toEqual(['Zdarzenia (NDJSON, JSON, CSV)', 'Wszystkie pliki']);
    expect(replayDialog(uk)).toMatchObject({ title: 'Відтворити події з файлу' });
  });
});

describe('the questions before something goes to another address', () => {
  const key = { keyOrigin: 'https://api.helpcrunch.com', newOrigin: 'http://127.0.0.1:4010', last4: 'cdef' };

  it('say in English exactly what they said before', () => {
    expect(keyOriginBox(en, key)).toEqual({
      type: 'warning',
      title: 'Send the API key to a new address?',
      message: 'Send the API key ending in cdef to http://127.0.0.1:4010?',
      detail:
        'The key was saved for https://api.helpcrunch.com. Whoever runs http://127.0.0.1:4010 could use it to write into every customer profile of your HelpCrunch account. Choose "Keep it" unless you set this address up yourself; you can also enter the key again in Settings.',
      buttons: ['Keep it for https://api.helpcrunch.com', 'Send it to http://127.0.0.1:4010'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    expect(keyOriginBox(en, { ...key, last4: null }).message).toBe('Send the API key ending in ???? to http://127.0.0.1:4010?');
    const production = productionBox(en, { account: "Ada's shop", origin: 'http://127.0.0.1:4010', own: 'https://api.helpcrunch.com' });
    expect(production.message).toBe('Send the production account "Ada\'s shop"\'s API key to http://127.0.0.1:4010?');
    expect(production.detail).toBe(
      'HELPCRUNCH_API_URL points this launch at http://127.0.0.1:4010; "Ada\'s shop" is a production account whose own address is https://api.helpcrunch.com. Choose "Don\'t send" unless you set http://127.0.0.1:4010 up yourself for this account.',
    );
    expect(production.buttons).toEqual(["Don't send", 'Send it to http://127.0.0.1:4010']);
    const change = { account: 'Shop', madeFor: 'https://a.example', now: 'https://b.example' };
    expect(originChangeBox(en, { ...change, what: 'Job 7', subject: { kind: 'job', id: 7 } })).toMatchObject({
      type: 'question',
      title: 'Send it to the new address?',
      message: 'Job 7 of "Shop" was made for https://a.example; the account now points at https://b.example. Send it there?',
      detail: 'Choose "Keep waiting" to leave it until the account points at https://a.example again.',
      buttons: ['Keep waiting', 'Send to https://b.example'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(originChangeBox(en, { ...change, what: 'An outbox item', subject: { kind: 'outbox', count: 1 } }).message).toMatch(/^An outbox item of "Shop" was made for/);
    expect(originChangeBox(en, { ...change, what: '3 outbox items', subject: { kind: 'outbox', count: 3 } }).message).toMatch(/^3 outbox items of "Shop" were made for/);
    // A caller with only English words: they are shown as they are.
    expect(originChangeBox(pl, { ...change, what: 'Something' }).message).toMatch(/^Something \(konto „Shop”\) przygotowano dla https:\/\/a\.example/);
  });

  it('are in Polish and Ukrainian, with addresses and account names as they are, and "no" the safe default', () => {
    const polish = keyOriginBox(pl, key);
    expect(polish.title).toBe('Wysłać klucz API pod nowy adres?');
    expect(polish.message).toBe('Wysłać klucz API kończący się na cdef do http://127.0.0.1:4010?');
    expect(polish.buttons).toEqual(['Zachowaj dla https://api.helpcrunch.com', 'Wyślij do http://127.0.0.1:4010']);
    expect(keyOriginBox(uk, key).buttons).toEqual(['Залишити для https://api.helpcrunch.com', 'Надіслати на http://127.0.0.1:4010']);
    expect(productionBox(pl, { account: 'Sklep', origin: 'http://x', own: 'https://y' }).message).toBe('Wysłać klucz API konta produkcyjnego „Sklep” do http://x?');
    expect(productionBox(uk, { account: 'Крамниця', origin: 'http://x', own: 'https://y' }).buttons).toEqual(['Не надсилати', 'Надіслати на http://x']);
    const change = { account: 'Sklep', madeFor: 'https://a', now: 'https://b' };
    const outbox = (say: typeof pl, count: number) => originChangeBox(say, { ...change, what: 'x', subject: { kind: 'outbox', count } }).message;
    expect(outbox(pl, 1)).toBe('Zdarzenie z listy Do wysłania konta „Sklep” przygotowano dla https://a; konto wskazuje teraz na https://b. Wysłać tam?');
    expect(outbox(pl, 3)).toMatch(/^3 zdarzenia z listy/);
    expect(outbox(pl, 5)).toMatch(/^5 zdarzeń z listy/);
    expect(outbox(uk, 1)).toMatch(/^Подію з вихідних облікового запису «Sklep» підготовлено/);
    expect(outbox(uk, 22)).toMatch(/^22 події з вихідних/);
    expect(outbox(uk, 25)).toMatch(/^25 подій з вихідних/);
    expect(originChangeBox(uk, { ...change, what: 'Job 4', subject: { kind: 'job', id: 4 } }).buttons).toEqual(['Чекати далі', 'Надіслати на https://b']);
    for (const say of [en, pl, uk]) {
      for (const box of [keyOriginBox(say, key), productionBox(say, { account: 'a', origin: 'b', own: 'c' }), originChangeBox(say, { ...change, what: 'x' })]) {
        expect(box).toMatchObject({ defaultId: 0, cancelId: 0, noLink: true });
        expect(box.buttons).toHaveLength(2);
      }
    }
  });
});

describe('quitting with replay jobs running', () => {
  it('counts the jobs with each language’s plural forms', () => {
    expect(quitBox(en, 1)).toEqual({
      type: 'question',
      title: 'A replay job is running',
      message: 'A replay job is still sending. Quit and pause it?',
      detail: 'Events in flight finish first. You can resume from the Jobs view (or event-desk jobs resume) later; nothing is sent twice.',
      buttons: ['Keep running', 'Pause and quit'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(quitBox(en, 3).message).toBe('3 replay jobs are still sending. Quit and pause them?');
    expect(quitBox(pl, 1).message).toBe('Zadanie odtwarzania wciąż wysyła zdarzenia. Zamknąć aplikację i wstrzymać je?');
    expect(quitBox(pl, 2).message).toMatch(/^2 zadania odtwarzania wciąż wysyłają/);
    expect(quitBox(pl, 5).message).toMatch(/^5 zadań odtwarzania/);
    expect(quitBox(pl, 2).buttons).toEqual(['Nie zamykaj', 'Wstrzymaj i zamknij']);
    expect(quitBox(uk, 1).message).toBe('Завдання відтворення ще надсилає події. Вийти й призупинити його?');
    expect(quitBox(uk, 3).message).toMatch(/^3 завдання відтворення ще надсилають/);
    expect(quitBox(uk, 11).message).toMatch(/^11 завдань/);
    expect(quitBox(uk, 2).buttons).toEqual(['Не виходити', 'Призупинити й вийти']);
  });
});

describe('the startup error box', () => {
  const busy = new StartupError('The history database /h.sqlite is kept busy by another Event Desk process (database is locked).', 'Wait for the other window or command to finish, then try again.', {
    code: 'busy',
    values: { path: '/h.sqlite', detail: 'database is locked' },
  });

  it('says in English what the CLI prints', () => {
    expect(startupErrorBox(en, busy)).toEqual({ title: 'Event Desk cannot start', content: `${busy.message}\n\n${busy.hint}` });
    expect(startupErrorBox(en, new Error('boom'))).toEqual({
      title: 'Event Desk cannot start',
      content: 'Event Desk could not start: boom\n\nStart it again; if this keeps happening, report it with this message.',
    });
  });

  it('says each failure in Polish and Ukrainian, with paths and system text as they are', () => {
    expect(startupErrorBox(pl, busy)).toEqual({
      title: 'Nie można uruchomić Event Desk',
      content: 'Bazę historii /h.sqlite blokuje inny proces Event Desk (database is locked).\n\nPoczekaj, aż drugie okno lub polecenie skończy pracę, i spróbuj ponownie.',
    });
    expect(startupErrorBox(uk, busy).title).toBe('Не вдається запустити Event Desk');
    const newer = new StartupError('m', 'h', { code: 'newer_schema', values: { current: 12, known: 9 } });
    expect(startupErrorBox(uk, newer).content).toMatch(/^Базу історії записала новіша версія Event Desk \(схема 12; ця версія знає 9\)\./);
    expect(startupErrorBox(pl, new Error('{boom}')).content).toMatch(/^Nie udało się uruchomić Event Desk: \{boom\}/);
  });

  it('words every code, and keeps the English of a StartupError without one', () => {
    const samples = [
      { code: 'api_url', values: { detail: 'Invalid URL' } },
      { code: 'busy', values: { path: '/p', detail: 'd' } },
      { code: 'unreadable', values: { path: '/p', reason: 'r', detail: 'd' } },
      { code: 'backup_failed', values: { path: '/p', detail: 'd' } },
      { code: 'restore_failed', values: { path: '/p', copy: '/c', reason: 'r', detail: 'd' } },
      { code: 'upgrade_failed', values: { reason: 'r' } },
      { code: 'newer_schema', values: { current: 3, known: 2 } },
      { code: 'tables_mismatch', values: { path: '/p', version: 5, missing: 'jobs, sends' } },
    ] as const;
    for (const locale of ['en', 'pl', 'uk'] as const satisfies Locale[]) {
      for (const words of samples) {
        const { content } = startupErrorBox(mainWords(locale), new StartupError('m', 'h', words));
        for (const value of Object.values(words.values)) expect(content, `${locale} ${words.code}`).toContain(String(value));
        expect(content).not.toMatch(/\{|undefined/);
      }
    }
    expect(startupErrorBox(pl, new StartupError('English message', 'English hint')).content).toBe('English message\n\nEnglish hint');
  });
});

describe('currentWords', () => {
  it('follows the language at each call (a switch in Settings applies to the next dialog)', () => {
    let locale: Locale = 'en';
    const say = currentWords({ view: () => ({ locale }) });
    expect(say('main.quitKeep')).toBe('Keep running');
    locale = 'pl';
    expect(say('main.quitKeep')).toBe('Nie zamykaj');
    locale = 'uk';
    expect(say('main.quitKeep')).toBe('Не виходити');
  });
});
