import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/main/failure.ts';
import { PlanViolationError } from '../../src/main/plan/plan-checker.ts';
import { OriginChanged } from '../../src/main/profiles/origin-guard.ts';
import { describeKeychainProblem } from '../../src/main/secrets/keychain-problem.ts';
import { DuplicateError, HistoryWriteError, NotSentError, OutcomeUnrecordedError } from '../../src/main/sending/send-service.ts';
import type { AppError } from '../../src/shared/result.ts';
import { ENGLISH_ON_PURPOSE, failureWords, MAPPED_CODES } from '../../src/renderer/src/i18n/error-words.ts';
import { translators, type TestLocale } from '../support/translate.ts';

// Failures from main in the window's language, from their code, reason and params (never main's
// English); English stays main's sentence; an unmapped code falls back to it, so nothing is blank.

type Locale = TestLocale;
const t = translators;
const words = (locale: Locale, error: AppError) => failureWords(t[locale], locale, error);

const fromFailure = (failure: Failure): AppError => failure.toAppError();

/** One failure per case main words, made the way main makes it (its own classes where there are some). */
const EXAMPLES: Record<string, AppError> = {
  'workspace title taken': { code: 'workspace_file', reason: 'title', message: 'The workspace already has a saved event titled "Refund" (saved/refund.yaml).', params: { file: 'saved/refund.yaml', title: 'Refund' } },
  'workspace file': { code: 'workspace_file', message: 'saved/refund.yaml in the workspace folder cannot be removed (EACCES).', params: { file: 'saved/refund.yaml', detail: 'EACCES' } },
  'workspace refused': { code: 'workspace_refused', message: '/tmp/x is not a folder.', reason: 'not_folder', params: { dir: '/tmp/x' } },
  'workspace missing': { code: 'workspace_missing', message: 'The workspace folder /tmp/x cannot be used.', params: { dir: '/tmp/x', fallback: '/tmp/default' } },
  'saved draft blocked': { code: 'plan_violation', message: 'Not saved: the tracking plan blocks "Refund".', reason: 'saved', params: { name: 'Refund', violations: 'data.amount: expected number', more: 0 } },
  // Start-up notices (test/i18n/notice-words.test.ts checks their plurals).
  'notice: outbox unknown': { code: 'outbox_unknown', message: '2 outbox items were being sent when Event Desk stopped.', params: { count: 2 } },
  'notice: job interrupted': { code: 'job_interrupted', message: '1 replay job was interrupted.', params: { jobs: 1, items: 0 } },
  'notice: outcome unknown': { code: 'outcome_unknown', message: '3 sends were interrupted.', params: { count: 3 } },
  'notice: retention': { code: 'retention', message: '4 history entries older than 30 days were removed.', params: { count: 4, days: 30 } },
  'notice: history recovered': { code: 'history_recovered', message: 'The history database could not be read.', params: { reason: 'not a database', movedTo: '/tmp/h.sqlite' } },
  'notice: backfill': { code: 'history_backfill', message: 'Preparing older entries.', reason: 'progress', params: { left: 10, percent: 5 } },
  'keychain locked': describeKeychainProblem(new Error('Cannot create an item in a locked collection'), 'linux'),
  'keychain: no Secret Service': describeKeychainProblem(new Error('The name org.freedesktop.secrets was not provided by any .service files'), 'linux'),
  'keychain: no login keyring': describeKeychainProblem(new Error('Object does not exist at path "/org/freedesktop/secrets/collection/login"'), 'linux'),
  'keychain: module': describeKeychainProblem(new Error('Cannot find module keytar.node'), 'linux'),
  'keychain refused (macOS)': describeKeychainProblem(new Error('User canceled the operation.'), 'darwin'),
  'keychain refused (Windows)': describeKeychainProblem(new Error('Access is denied.'), 'win32'),
  'duplicate: delivered': fromFailure(new DuplicateError({ id: 12, eventId: 9001, createdAt: Date.UTC(2026, 11, 5, 9, 30), state: 'delivered' })),
  'duplicate: in flight': fromFailure(new DuplicateError({ id: 13, eventId: null, createdAt: Date.UTC(2026, 11, 5, 9, 30), state: 'in-flight' })),
  'duplicate: unknown': fromFailure(new DuplicateError({ id: 14, eventId: null, createdAt: Date.UTC(2026, 11, 5, 9, 30), state: 'unknown' })),
  'plan violation': fromFailure(new PlanViolationError('order_paid', [{ path: 'data.amount', message: 'expected number' }])),
  'plan violation, more': fromFailure(new PlanViolationError('order_paid', Array.from({ length: 7 }, (_, index) => ({ path: `data.f${index}`, message: 'required' })))),
  'origin changed': fromFailure(new OriginChanged('Outbox item 3', { madeFor: 'https://api.helpcrunch.com', now: 'http://127.0.0.1:4010' })),
  'not sent': fromFailure(new NotSentError('Not sent: Event Desk stopped before the request left (database is locked).', 'database is locked')),
  'history write failed': fromFailure(new HistoryWriteError('The event was NOT sent: it could not be written to history first (disk full). Free some disk space and try again.', 'disk full')),
  'unrecorded, delivered': fromFailure(new OutcomeUnrecordedError('delivered', 'HelpCrunch answered, but Event Desk could not write the answer to history (disk full). The event was delivered.', { reason: 'unwritten', detail: 'disk full' })),
  'unrecorded, maybe': fromFailure(new OutcomeUnrecordedError('maybe-landed', 'HelpCrunch answered, but … (disk full). It may or may not have been created.', { reason: 'unwritten', detail: 'disk full' })),
  'stopped in flight': fromFailure(new OutcomeUnrecordedError('maybe-landed', 'The send was stopped while the request was in flight (aborted).', { reason: 'stopped', detail: 'aborted' })),
  'no key': fromFailure(new Failure('no_key', 'No API key is set. Add one in Settings.')),
  offline: fromFailure(new Failure('offline', 'Could not find api.helpcrunch.com (DNS lookup failed).')),
  unauthorized: fromFailure(new Failure('unauthorized', 'HelpCrunch did not accept the API key (401). Check it in Settings.')),
  'rate limited': fromFailure(new Failure('rate_limited', 'HelpCrunch\'s rate limit was reached. Retrying in 3 s…', { retryInMs: 2500, reason: 'search', params: { seconds: 3 } })),
  'search rejected': fromFailure(new Failure('rejected', 'HelpCrunch could not run this search (400: bad_filter: Filter is invalid).', { reason: 'search', params: { status: 400, detail: 'bad_filter: Filter is invalid' } })),
  'search unexpected': fromFailure(new Failure('unexpected', 'HelpCrunch answered the search with status 502: Bad gateway', { reason: 'search', params: { status: 502, detail: 'Bad gateway' } })),
  'not found: job': fromFailure(new Failure('not_found', 'There is no job 4.', { reason: 'job', params: { jobId: 4 } })),
  'not found: history': fromFailure(new Failure('not_found', 'History entry 8 does not exist.', { reason: 'history', params: { id: 8 } })),
  'not found: outbox': fromFailure(new Failure('not_found', 'Outbox item 2 cannot be removed (it is being sent, or gone).', { reason: 'outbox', params: { id: 2 } })),
  'not found: saved': fromFailure(new Failure('not_found', 'There is no saved event 5.', { reason: 'saved', params: { id: 5 } })),
  'not found: profile': fromFailure(new Failure('not_found', 'There is no profile "staging".', { reason: 'profile', params: { name: 'staging' } })),
  'not found: customer': fromFailure(new Failure('not_found', 'Customer 7 was not found by a search in this session: search for them first.', { reason: 'customer', params: { id: 7 } })),
  'not found': fromFailure(new Failure('not_found', 'There are no delivered sends of "x" in this account\'s history to learn from.')),
  'busy: job': fromFailure(new Failure('busy', 'Job 4 is running; pause it first.', { reason: 'job', params: { jobId: 4 } })),
  'busy: profile': fromFailure(new Failure('busy', '"Staging" has a replay job running: pause or cancel it first.', { reason: 'profile', params: { name: 'Staging' } })),
  'held: job': fromFailure(new Failure('held', 'Job 4 is held by another Event Desk process that has gone quiet (pid 1 on host).', { reason: 'job', params: { jobId: 4 } })),
  'invalid state: job': fromFailure(new Failure('invalid_state', 'Job 4 has started; cancel it instead.', { reason: 'job', params: { jobId: 4 } })),
  'invalid state: profile in use': fromFailure(new Failure('invalid_state', '"Main" is the profile in use: switch to another one first.', { reason: 'profile_in_use', params: { name: 'Main' } })),
  'invalid state: last profile': fromFailure(new Failure('invalid_state', 'The last profile cannot be deleted.', { reason: 'last_profile' })),
  'title taken': fromFailure(new Failure('title_taken', 'A saved event is already titled "Refund".', { hint: 'Choose another title, or edit that one.', params: { title: 'Refund' } })),
  'name taken': fromFailure(new Failure('name_taken', 'A profile is already called "Staging".', { params: { name: 'Staging' } })),
  'definition taken': fromFailure(new Failure('name_taken', '"Refund issued" is defined in the tracking plan already: edit its file in the workspace folder instead.', { reason: 'definition', params: { name: 'Refund issued' } })),
  'undo expired': fromFailure(new Failure('undo_expired', 'It is too late to undo that.')),
  cancelled: fromFailure(new Failure('cancelled', 'A newer search replaced this one.')),
  empty: fromFailure(new Failure('empty', 'The source has no events to replay.')),
  'write failed': fromFailure(new Failure('write_failed', 'The results could not be written: EACCES')),
  internal: { code: 'internal', message: 'Something went wrong in Event Desk: boom' },
};

/** Every code src/main can put in a Failure (new Failure('…'), a subclass's super('…'), fail('…'), a keychain problem). */
function codesThrownInMain(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const pattern of [/new Failure\('([a-z_]+)'/g, /\bsuper\('([a-z_]+)'/g, /\bfail\('([a-z_]+)'/g, /\bcode: '(keychain_[a-z_]+)'/g]) {
          for (const match of source.matchAll(pattern)) codes.add(match[1]!);
        }
      }
    }
  };
  walk(join(import.meta.dirname, '../../src/main'));
  return codes;
}

describe('failure words', () => {
  it('map every code main throws, or list it as English on purpose with a reason', () => {
    const thrown = codesThrownInMain();
    expect(thrown.size).toBeGreaterThan(25);
    const unmapped = [...thrown].filter((code) => !MAPPED_CODES.includes(code) && !Object.hasOwn(ENGLISH_ON_PURPOSE, code));
    expect(unmapped, 'codes thrown in src/main with no words in error-words.ts (map them, or add them to ENGLISH_ON_PURPOSE with why)').toEqual([]);
    for (const [code, why] of Object.entries(ENGLISH_ON_PURPOSE)) {
      expect(MAPPED_CODES, code).not.toContain(code);
      expect(why.length, code).toBeGreaterThan(20);
    }
    // Every mapped code has an example here, so each is checked in three languages below.
    const exampled = new Set(Object.values(EXAMPLES).map((error) => error.code));
    expect(MAPPED_CODES.filter((code) => !exampled.has(code))).toEqual([]);
  });

  it('keep main\'s English sentence and hint exactly in an English window', () => {
    for (const [name, error] of Object.entries(EXAMPLES)) {
      expect(words('en', error), name).toEqual({ message: error.message, hint: error.hint });
    }
  });

  for (const locale of ['pl', 'uk'] as const) {
    it(`word every mapped case in ${locale}`, () => {
      for (const [name, error] of Object.entries(EXAMPLES)) {
        const said = words(locale, error);
        expect(said.message, name).not.toBe(error.message);
        expect(said.message, name).not.toMatch(/[{}]/);
        // Our words are not English; the params (the system's own error, HelpCrunch's text) are kept as they came.
        const ours = Object.values(error.params ?? {}).reduce<string>((text, value) => text.replace(String(value), ''), said.message);
        expect(ours, name).not.toMatch(/\b(the|was|is|there|cannot)\b/i);
        if (error.hint !== undefined) {
          expect(said.hint, name).toBeDefined();
          expect(said.hint, name).not.toBe(error.hint);
        }
      }
    });

    it(`keep what is not ours verbatim in ${locale}: HelpCrunch's text, names, ids, the system's own error`, () => {
      expect(words(locale, EXAMPLES['search rejected']!).message).toContain('bad_filter: Filter is invalid');
      expect(words(locale, EXAMPLES['search unexpected']!).message).toContain('Bad gateway');
      expect(words(locale, EXAMPLES['keychain refused (macOS)']!).message).toContain('User canceled the operation.');
      expect(words(locale, EXAMPLES['plan violation']!).message).toContain('order_paid');
      expect(words(locale, EXAMPLES['plan violation']!).message).toContain('data.amount: expected number');
      expect(words(locale, EXAMPLES['plan violation, more']!).message).toMatch(/ 2\.$/);
      expect(words(locale, EXAMPLES['origin changed']!).message).toContain('http://127.0.0.1:4010');
      expect(words(locale, EXAMPLES['duplicate: delivered']!).message).toMatch(/#9001.*12/);
      expect(words(locale, EXAMPLES['title taken']!).message).toContain('Refund');
      expect(words(locale, EXAMPLES['not sent']!).message).toContain('database is locked');
    });

    it(`fall back to main's English for an unknown code or a case without its structure in ${locale}`, () => {
      const unknown = { code: 'brand_new_code', message: 'Something new happened.', hint: 'Do the new thing.' };
      expect(words(locale, unknown)).toEqual({ message: 'Something new happened.', hint: 'Do the new thing.' });
      const bare = { code: 'duplicate', message: 'Already delivered (an older main).' };
      expect(words(locale, bare).message).toBe('Already delivered (an older main).');
      const noCode = { code: '', message: 'A plain error.' };
      expect(words(locale, noCode).message).toBe('A plain error.');
    });
  }

  it('says the keychain problem and its fix for each system in Polish and Ukrainian', () => {
    expect(words('pl', EXAMPLES['keychain locked']!)).toEqual({
      message: 'Systemowy pęk kluczy jest zablokowany, więc nie można zapisać klucza API.',
      hint: 'Odblokuj bazę kluczy „Login” (Seahorse: „Hasła i klucze” albo zaloguj się ponownie) i spróbuj jeszcze raz.',
    });
    expect(words('uk', EXAMPLES['keychain: no Secret Service']!).message).toBe('Не запущено жодного системного сховища ключів (Secret Service), тому ключ API не можна зберегти.');
    expect(words('pl', EXAMPLES['keychain refused (Windows)']!).hint).toContain('Windows');
    expect(words('uk', EXAMPLES['keychain: module']!).hint).toContain('npm ci');
  });
});

describe('a failed send in the response panel', () => {
  it('carries the failure for the words, and reads "delivered" from its structure, not its English', async () => {
    const { ApiError } = await import('../../src/renderer/src/api/api-error.ts');
    const { sendState } = await import('../../src/renderer/src/features/sending/send-state.ts');
    const delivered = new ApiError(EXAMPLES['unrecorded, delivered']!);
    const state = sendState({ isPending: false, error: delivered });
    expect(state).toMatchObject({ kind: 'failed', title: 'sending.deliveredUnrecorded', maybeLanded: false, failure: { code: 'outcome_unrecorded', params: { disposition: 'delivered' } } });
    expect(state.kind === 'failed' && words('pl', state.failure).message).toBe('HelpCrunch odpowiedział, ale Event Desk nie mógł zapisać odpowiedzi w historii (disk full). Zdarzenie zostało dostarczone.');
    const maybe = sendState({ isPending: false, error: new ApiError(EXAMPLES['unrecorded, maybe']!) });
    expect(maybe).toMatchObject({ kind: 'failed', title: 'sending.outcomeUnknown', maybeLanded: true });
  });
});
