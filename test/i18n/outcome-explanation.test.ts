import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src/main/helpcrunch/client.ts';
import { interpretSend } from '../../src/main/helpcrunch/send-outcome.ts';
import { UNKNOWN_OUTCOME_MESSAGE } from '../../src/main/history/history-repository.ts';
import { dispositionSchema, outcomeSchema, type ApiErrorItem } from '../../src/shared/history.ts';
import { explainOutcome, type ExplainedSend } from '../../src/renderer/src/features/response/outcome-explanation.ts';
import { translators } from '../support/translate.ts';

// A send's outcome in words, from its structure: English is main's own sentence (unchanged), Polish
// and Ukrainian are worded in the renderer, and HelpCrunch's own text is quoted verbatim beside them.


const t = translators;
const CHECK_FIRST = { pl: 'sprawdź profil klienta w HelpCrunch', uk: 'перевірте профіль клієнта в HelpCrunch' };

const event = { name: 'Refund issued', customer: 1001, data: { amount: 5 } };

function response(status: number, body: unknown, attempts = 1, headers: Record<string, string> = {}): CallResult {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return { kind: 'response', status, bodyText, body: typeof body === 'string' ? undefined : body, headers: new Headers(headers), attempts, durationMs: 120, host: 'api.helpcrunch.com' };
}

const helpcrunchErrors = (message: string, code = 'invalid_field'): { errors: ApiErrorItem[] } => ({ errors: [{ code, message }] });

/** Every kind of answer main words, through main's own interpretSend (the history entry a send produces). */
const CASES: Record<string, CallResult> = {
  'delivered (200 with id)': response(200, { id: 77, createdAt: '2026-12-05T10:00:00Z' }),
  'a 2xx without the event': response(200, { ok: true }),
  'a redirect': response(301, '', 1, { location: 'https://elsewhere.example/v1/events' }),
  'rejected 400 with HelpCrunch errors': response(400, helpcrunchErrors('Event name is too long, it must be at most 255 chars.')),
  'rejected 422 without errors': response(422, 'Unprocessable: data.amount must be a number'),
  'refused 403': response(403, helpcrunchErrors('Access denied for this organization', 'forbidden')),
  'another 4xx (409)': response(409, helpcrunchErrors('Conflict on the customer record', 'conflict')),
  'wrong key 401': response(401, helpcrunchErrors('Invalid token', 'unauthorized')),
  'unknown customer 404': response(404, helpcrunchErrors('Customer not found', 'not_found')),
  'rate limited after 5 attempts': response(429, helpcrunchErrors('Too many requests', 'rate_limit'), 5),
  'rate limited once': response(429, '', 1),
  'server error 500': response(500, 'Internal Server Error'),
  'bad gateway 502': response(502, '<html>bad gateway</html>'),
  'not taking requests 503 after 3 attempts': response(503, 'Service Unavailable', 3),
  'gateway timeout 504': response(504, ''),
  'network, never sent': { kind: 'network', message: 'Could not find api.helpcrunch.com (DNS lookup failed). Check your internet connection or the API base URL.', attempts: 1, durationMs: 20, neverSent: true },
  'network, cut after sending': { kind: 'network', message: 'The connection to api.helpcrunch.com was cut before an answer arrived. The event may or may not have been created: check the customer\'s profile before sending it again.', attempts: 1, durationMs: 20, neverSent: false },
  timeout: { kind: 'timeout', message: 'HelpCrunch did not answer within 15 s. The event may or may not have been created.', attempts: 1, durationMs: 15_000 },
  'no key': { kind: 'no_key', message: 'No API key is set. Add one in Settings.', attempts: 0, durationMs: 0 },
};

function entryFor(result: CallResult): ExplainedSend {
  const outcome = interpretSend(result, event, Date.parse('2026-12-05T10:00:00Z'));
  return { ...outcome, request: event };
}

describe('explainOutcome', () => {
  it('keeps main\'s English sentence exactly in an English window', () => {
    for (const [name, result] of Object.entries(CASES)) {
      const entry = entryFor(result);
      const explained = explainOutcome(t.en, 'en', entry);
      expect(explained?.text ?? null, name).toBe(entry.message);
      expect(explained?.helpcrunch ?? null, name).toBeNull();
    }
  });

  for (const locale of ['pl', 'uk'] as const) {
    it(`words every answer in ${locale}, never in main's English`, () => {
      for (const [name, result] of Object.entries(CASES)) {
        const entry = entryFor(result);
        const explained = explainOutcome(t[locale], locale, entry);
        if (entry.outcome === 'sent') {
          expect(explained, name).toBeNull();
          continue;
        }
        expect(explained, name).not.toBeNull();
        expect(explained!.text, name).not.toBe(entry.message);
        expect(explained!.text, name).not.toMatch(/\b(the|was|not|check|could)\b/i);
        expect(explained!.text, name).not.toMatch(/[{}]/);
        // Anything that may have landed says so, and says to check before sending again.
        if (entry.disposition === 'maybe-landed') expect(explained!.text, name).toContain(CHECK_FIRST[locale]);
        else expect(explained!.text, name).not.toContain(CHECK_FIRST[locale]);
      }
    });

    it(`quotes HelpCrunch's own text verbatim in ${locale}`, () => {
      const rejected = explainOutcome(t[locale], locale, entryFor(CASES['rejected 400 with HelpCrunch errors']!))!;
      expect(rejected.helpcrunch).toBe('invalid_field: Event name is too long, it must be at most 255 chars.');
      expect(rejected.text).toContain('400');
      const body = explainOutcome(t[locale], locale, entryFor(CASES['rejected 422 without errors']!))!;
      expect(body.helpcrunch).toBe('Unprocessable: data.amount must be a number');
      const server = explainOutcome(t[locale], locale, entryFor(CASES['bad gateway 502']!))!;
      expect(server.helpcrunch).toBe('<html>bad gateway</html>');
      expect(server.text).toContain('502');
      // Not HelpCrunch's answer: nothing to quote.
      expect(explainOutcome(t[locale], locale, entryFor(CASES.timeout!))!.helpcrunch).toBeNull();
      expect(explainOutcome(t[locale], locale, entryFor(CASES['no key']!))!.helpcrunch).toBeNull();
    });
  }

  it('says the numbers in the window\'s own grammar (attempts, statuses, the customer)', () => {
    expect(explainOutcome(t.pl, 'pl', entryFor(CASES['rate limited after 5 attempts']!))!.text).toBe('Limit zapytań HelpCrunch był nadal przekroczony po 5 próbach, więc zdarzenie nie zostało utworzone.');
    expect(explainOutcome(t.uk, 'uk', entryFor(CASES['rate limited after 5 attempts']!))!.text).toBe('Ліміт запитів HelpCrunch усе ще було перевищено після 5 спроб, тому подію не створено.');
    expect(explainOutcome(t.pl, 'pl', entryFor(CASES['rate limited once']!))!.text).toBe('Przekroczono limit zapytań HelpCrunch, więc zdarzenie nie zostało utworzone.');
    expect(explainOutcome(t.pl, 'pl', entryFor(CASES['not taking requests 503 after 3 attempts']!))!.text).toBe('HelpCrunch nie przyjmuje teraz zapytań (503) po 3 próbach, więc zdarzenie nie zostało utworzone.');
    expect(explainOutcome(t.uk, 'uk', entryFor(CASES['unknown customer 404']!))!.text).toBe('У HelpCrunch немає клієнта з id 1001 (404). Перевірте id клієнта.');
    expect(explainOutcome(t.pl, 'pl', entryFor(CASES['refused 403']!))!.text).toBe('HelpCrunch odmówił wykonania żądania (403). Klucz może nie mieć dostępu do tego konta.');
  });

  it('words every outcome × disposition in pl and uk (and falls back to main\'s English only when it has no structure)', () => {
    for (const locale of ['pl', 'uk'] as const) {
      for (const outcome of outcomeSchema.options) {
        for (const disposition of [null, ...dispositionSchema.options]) {
          for (const httpStatus of [null, 200, 301, 400, 403, 404, 429, 500, 503]) {
            const entry: ExplainedSend = { outcome, disposition, httpStatus, attempts: 2, errors: [], responseBody: null, message: 'English from main.', request: { customer: 7 } };
            const explained = explainOutcome(t[locale], locale, entry);
            const label = `${locale} ${outcome} ${disposition} ${httpStatus}`;
            if (outcome === 'sent' || outcome === 'sending') {
              expect(explained, label).toBeNull();
              continue;
            }
            expect(explained, label).not.toBeNull();
            // Main's English only where the outcome needs a status it does not have.
            const needsStatus = ['server_error', 'rejected', 'unexpected_response'].includes(outcome) && httpStatus === null;
            if (needsStatus) expect(explained!.text, label).toBe('English from main.');
            else expect(explained!.text, label).not.toBe('English from main.');
          }
        }
      }
    }
  });

  it('explains an attempt interrupted by a crash ("unknown") with the check-first advice', () => {
    const entry: ExplainedSend = { outcome: 'unknown', disposition: 'maybe-landed', httpStatus: null, attempts: 1, errors: [], responseBody: null, message: UNKNOWN_OUTCOME_MESSAGE, request: { customer: 1 } };
    expect(explainOutcome(t.en, 'en', entry)!.text).toBe(UNKNOWN_OUTCOME_MESSAGE);
    expect(explainOutcome(t.pl, 'pl', entry)!.text).toBe('Wysyłanie zostało przerwane, zanim zapisano odpowiedź. Zdarzenie mogło zostać utworzone albo nie: zanim wyślesz je ponownie, sprawdź profil klienta w HelpCrunch.');
  });
});
