import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import type { AppError } from '../../src/shared/result.ts';
import { failureWords } from '../../src/renderer/src/i18n/error-words.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { translators } from '../support/translate.ts';

// Start-up notices (made in main at start) in the window's language, from their figures; English stays main's.
const t = translators;
const temp = tempFoldersFor('event-desk-notices-');

const notice = (code: string, params: Record<string, number | string>, reason?: string): AppError => ({ code, message: `English of ${code}`, params, ...(reason ? { reason } : {}) });

describe('start-up notices in the window language', () => {
  it.each([
    [notice('outbox_unknown', { count: 2 }), '2 zdarzenia z kolejki Do wysłania były', '2 події з вихідних'],
    [notice('outbox_unknown', { count: 5 }), '5 zdarzeń z kolejki Do wysłania było', '5 подій з вихідних'],
    [notice('job_interrupted', { jobs: 1, items: 3 }), '1 zadanie odtwarzania zostało przerwane', '1 завдання відтворення перервано'],
    [notice('outcome_unknown', { count: 22 }), '22 wysyłki zostały przerwane', '22 надсилання перервано'],
    [notice('retention', { count: 25, days: 30 }), 'Usunięto 25 wpisów historii starsze niż 30 dni', 'Видалено 25 записів історії'],
    [notice('history_recovered', { reason: 'file is not a database', movedTo: '/data/history.unreadable-1.sqlite' }), 'Przeniesiono ją do /data/history.unreadable-1.sqlite', 'перенесено до /data/history.unreadable-1.sqlite'],
    [notice('history_backfill', { left: 120000, percent: 40 }, 'progress'), '40%', '40%'],
    [notice('history_backfill', { seconds: 12 }, 'done'), '12 s', '12 с'],
  ])('%o', (error, polish, ukrainian) => {
    expect(failureWords(t.pl, 'pl', error).message).toContain(polish);
    expect(failureWords(t.uk, 'uk', error).message).toContain(ukrainian);
    expect(failureWords(t.en, 'en', error).message).toBe(error.message);
  });

  it('main gives every notice it makes the figures the words need', () => {
    // A damaged history is moved aside at start: the notice carries where to.
    const folder = temp();
    writeFileSync(join(folder, 'history.sqlite'), 'not a database '.repeat(500));
    const core = createCore({ userDataDir: folder, secretStore: fixedKeyStore('notice-test-key-0123456789') });
    const recovered = core.notices.find((item) => item.code === 'history_recovered')!;
    expect(recovered.params).toMatchObject({ movedTo: expect.stringContaining(folder), reason: expect.any(String) });
    expect(failureWords(t.pl, 'pl', recovered).message).toMatch(/^Nie udało się odczytać bazy historii/);
    core.close();
  });
});
