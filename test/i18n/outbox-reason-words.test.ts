import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/index.ts';
import { PlanViolationError } from '../../src/main/plan/plan-checker.ts';
import { failureReason } from '../../src/main/outbox/outbox-reason.ts';
import { failureWords, type WordedFailure } from '../../src/renderer/src/i18n/error-words.ts';
import { outboxReasonWords } from '../../src/renderer/src/features/outbox/outbox-reason-words.ts';
import { startMockServer, type MockServer } from '../../tools/mock-api/server.ts';
import { fixedKeyStore } from '../../tools/secret-stores.ts';
import { freePort } from '../../tools/free-port.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';
import { translators, type TestLocale } from '../support/translate.ts';

// Issue 18: why an outbox item waits, in the window's language, from the structure main keeps beside its English.
type Locale = TestLocale;
const t = translators;
const words = (locale: Locale) => (error: WordedFailure) => failureWords(t[locale], locale, error);
const temp = tempFoldersFor('event-desk-outbox-words-');
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerMinute: 1_000_000 });
});
afterAll(() => mock.close());

describe('outbox reasons', () => {
  it('a send that could not reach HelpCrunch: English as main said it, Polish and Ukrainian from the outcome', async () => {
    const url = `http://127.0.0.1:${await freePort()}/v1`;
    const core = createCore({ userDataDir: temp(), apiBaseUrl: url, secretStore: fixedKeyStore('outbox-words-key-0123456789'), requestsPerMinute: 100_000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalWaitMs: 1 } });
    try {
      await core.activeScope().outbox.sendOrQueue({ name: 'Call made', customer: 1001, data: {} });
      const [item] = core.activeScope().outbox.list();
      expect(item!.lastErrorWords).toMatchObject({ kind: 'send', outcome: 'network_error', disposition: 'not-sent' });
      expect(outboxReasonWords(t.en, 'en', words('en'), item!)).toBe(item!.lastError);
      for (const locale of ['pl', 'uk'] as const) {
        const said = outboxReasonWords(t[locale], locale, words(locale), item!)!;
        expect(said).not.toBe(item!.lastError);
        expect(said).not.toMatch(/[{}]|refused|connection/);
      }
      // Stopped mid-send (a crash): recovered at the next start with its own words.
      const recovered = { ...item!, lastError: 'Event Desk stopped while this was being sent.', lastErrorWords: { kind: 'stopped' as const } };
      expect(outboxReasonWords(t.pl, 'pl', words('pl'), recovered)).toMatch(/^Event Desk zatrzymał się w trakcie wysyłania/);
    } finally {
      core.close();
    }
  });

  it('a plan block and the duplicate guard are worded from their codes; an item from before is shown as written', () => {
    const block = failureReason(new PlanViolationError('Refund issued', [{ path: 'data.amount', message: 'expected number' }]));
    const item = { lastError: block.text, lastErrorWords: block.words!, event: { name: 'Refund issued', customer: 1, data: {} } };
    expect(outboxReasonWords(t.pl, 'pl', words('pl'), item)).toMatch(/plan śledzenia/);
    expect(outboxReasonWords(t.uk, 'uk', words('uk'), item)).toMatch(/план/i);
    expect(outboxReasonWords(t.pl, 'pl', words('pl'), { ...item, lastErrorWords: null })).toBe(block.text);
  });
});
