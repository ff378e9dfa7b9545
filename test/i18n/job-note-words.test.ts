import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { jobNotes, type JobNote } from '../../src/main/replay/job-note.ts';
import { jobNoteWords } from '../../src/renderer/src/features/jobs/job-words.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { translators } from '../support/translate.ts';

// Issue 18: a job's note (stored by main) in the window's language, from its code and figures.
const t = translators;
const temp = tempFoldersFor('event-desk-job-notes-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());

const notes: JobNote[] = [
  jobNotes.paused(),
  jobNotes.cancelled(),
  jobNotes.originMoved('https://api.helpcrunch.com', 'http://127.0.0.1:4010'),
  jobNotes.keyRejected(null),
  jobNotes.couldNotStart('database is locked'),
  jobNotes.requeued(1, 'failed'),
  jobNotes.requeued(5, 'rejected'),
  jobNotes.requeuedResend(22),
];

describe('job notes', () => {
  it('English in the catalogue says what main says (kept in step), Polish and Ukrainian are worded from the figures', () => {
    for (const note of notes) {
      const job = { note: note.text, noteWords: note.words ?? null };
      // The catalogue's English is main's sentence, so a window that words English itself would agree.
      expect(jobNoteWords(t.en, 'pl', { ...job })?.length).toBeGreaterThan(0);
      expect(jobNoteWords(t.en, 'en', job)).toBe(note.text);
      for (const locale of ['pl', 'uk'] as const) {
        const said = jobNoteWords(t[locale], locale, job)!;
        expect(said, note.text).not.toBe(note.text);
        expect(said).not.toMatch(/[{}]/);
      }
    }
    expect(jobNoteWords(t.pl, 'pl', { note: jobNotes.requeued(5, 'rejected').text, noteWords: jobNotes.requeued(5, 'rejected').words! })).toBe('5 elementów odrzuconych wróciło do kolejki. Wznów, aby je wysłać.');
    expect(jobNoteWords(t.uk, 'uk', { note: 'x', noteWords: jobNotes.requeuedResend(22).words! })).toBe('22 елементи чекають на повторне надсилання. Відновіть, щоб надіслати.');
    // The English template of each code matches main's text for the same figures.
    for (const note of notes.filter((item) => item.words!.code !== 'key_rejected')) {
      const english = jobNoteWords(t.en, 'xx', { note: note.text, noteWords: note.words! });
      expect(english).toBe(note.text);
    }
    // A note stored before codes existed is shown as written.
    expect(jobNoteWords(t.pl, 'pl', { note: 'Old English note.', noteWords: null })).toBe('Old English note.');
  });

  it('main stores the code with the note', async () => {
    const core = createCore({ userDataDir: temp(), apiBaseUrl: mock.url, secretStore: fixedKeyStore(mock.apiKey), requestsPerMinute: 100_000 });
    try {
      const file = join(temp(), 'events.ndjson');
      writeFileSync(file, '{"name":"A","customer":1,"data":{}}\n{"name":"A","customer":2,"data":{}}\n');
      const scope = core.activeScope();
      const plan = await scope.replay.planFile(file, { sendDuplicates: false, ratePerMinute: null });
      scope.replay.start(plan.job.id);
      await scope.replay.cancel(plan.job.id);
      const job = scope.replay.get(plan.job.id);
      expect(job.note).toBe('Cancelled; the remaining items were not sent.');
      expect(job.noteWords).toEqual({ code: 'cancelled', params: {} });
    } finally {
      core.close();
    }
  });
});
