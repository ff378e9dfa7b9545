import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { AppError } from '../../../shared/result.ts';
import { formatDateTime } from '../format.ts';
import type { MessageKey } from './catalogue.ts';
import { useT, type Translate } from './use-t.ts';

/** A failure as the window shows it: a sentence and, when there is one, what to do about it. */
export interface FailureWords {
  message: string;
  hint: string | undefined;
}

/** The parts of an ApiError (or a stored AppError such as Settings' keychain problem) the words read. */
export type WordedFailure = Pick<AppError, 'code' | 'message' | 'hint' | 'reason' | 'params'>;

/**
 * Codes main throws whose words stay main's English on purpose, with why. The check in
 * test/i18n/error-words.test.ts fails when a code thrown in src/main is neither mapped below nor here.
 */
export const ENGLISH_ON_PURPOSE: Readonly<Record<string, string>> = {
  invalid_input:
    'many sentences naming what the input was (a file path, a JSON parser\'s message, a schema rule of a file); the window checks its own fields first (validation-words.ts), so what reaches main is a file\'s problem worded with the file\'s own details',
  key_file: 'HELPCRUNCH_API_KEY_FILE is read only by the CLI and headless runs, which speak English',
  usage: 'the CLI\'s command-line mistakes (an unknown --profile), never shown in the window',
  unknown_channel: 'a programming error between the window and main (no such IPC channel), never a user\'s doing',
  untrusted_sender: 'refuses a request from anything but Event Desk\'s own window, which never sees it',
};

/** Pulls a param as text (ids, names: shown as they are). */
function text(error: WordedFailure, name: string): string {
  const value = error.params?.[name];
  return value === undefined ? '' : String(value);
}

function number(error: WordedFailure, name: string): number | undefined {
  const value = error.params?.[name];
  return typeof value === 'number' ? value : undefined;
}

type Worder = (t: Translate, error: WordedFailure, locale: string) => FailureWords | null;

const only = (message: string, hint?: string): FailureWords => ({ message, hint });

const KEYCHAIN_FIX: Record<string, MessageKey> = {
  mac: 'failure.fixMac',
  windows: 'failure.fixWindows',
  unlock: 'failure.fixUnlock',
  install: 'failure.fixInstall',
  reinstall: 'failure.fixReinstall',
};

const KEYCHAIN_REASON: Record<string, MessageKey> = {
  locked: 'failure.keychainLocked',
  no_service: 'failure.keychainNoService',
  no_keyring: 'failure.keychainNoKeyring',
  no_module: 'failure.keychainNoModule',
};

const keychain: Worder = (t, error) => {
  const fix = KEYCHAIN_FIX[text(error, 'fix')];
  const hint = fix ? t(fix) : undefined;
  if (error.reason === 'refused') return only(t('failure.keychainRefused', { detail: text(error, 'detail') }), hint);
  const reason = error.reason === undefined ? undefined : KEYCHAIN_REASON[error.reason];
  if (reason) return only(t(reason), hint);
  return only(error.code === 'keychain_locked' ? t('failure.keychainLocked') : t('failure.keychainUnavailable'), hint);
};

/** Why a chosen workspace folder was refused (src/main/plan/workspace-setting.ts). */
const WORKSPACE_REFUSED: Record<string, MessageKey> = {
  missing: 'failure.workspaceMissing',
  not_folder: 'failure.workspaceNotFolder',
  unreadable: 'failure.workspaceUnreadable',
  app_data: 'failure.workspaceAppData',
};

/** By code, then by the reason main gave: each returns null when it lacks what it needs (then main's English). */
const WORDERS: Readonly<Record<string, Worder>> = {
  keychain_locked: keychain,
  keychain_unavailable: keychain,
  duplicate: (t, error, locale) => {
    const createdAt = number(error, 'createdAt');
    if (createdAt === undefined) return null;
    const values = { when: formatDateTime(createdAt, locale), historyId: text(error, 'historyId'), eventId: text(error, 'eventId') || '?' };
    const hint = t('failure.duplicateHint');
    if (error.reason === 'delivered') return only(t('failure.duplicateDelivered', values), hint);
    if (error.reason === 'in-flight') return only(t('failure.duplicateInFlight', values), hint);
    if (error.reason === 'unknown') return only(t('failure.duplicateUnknown', values), hint);
    return null;
  },
  plan_violation: (t, error) =>
    error.params?.name === undefined
      ? null
      : error.reason === 'saved'
        ? only(t('failure.planViolationSaved', { name: text(error, 'name'), violations: text(error, 'violations'), more: number(error, 'more') ?? 0 }), t('failure.planViolationSavedHint'))
        : only(t('failure.planViolation', { name: text(error, 'name'), violations: text(error, 'violations'), more: number(error, 'more') ?? 0 }), t('failure.planViolationHint')),
  origin_changed: (t, error) => {
    const madeFor = text(error, 'madeFor');
    const now = text(error, 'now');
    return madeFor === '' ? null : only(t('failure.originChanged', { madeFor, now }), t('failure.originChangedHint', { madeFor, now }));
  },
  not_sent: (t, error) => (error.params?.detail === undefined ? null : only(t('failure.notSent', { detail: text(error, 'detail') }))),
  history_write_failed: (t, error) => (error.params?.detail === undefined ? null : only(t('failure.historyWrite', { detail: text(error, 'detail') }))),
  outcome_unrecorded: (t, error) => {
    const detail = text(error, 'detail');
    if (error.reason === 'stopped') return only(t('failure.stoppedInFlight', { detail }));
    if (error.reason === 'unwritten') return only(text(error, 'disposition') === 'delivered' ? t('failure.unrecordedDelivered', { detail }) : t('failure.unrecordedMaybe', { detail }));
    return null;
  },
  workspace_file: (t, error) => {
    if (error.params?.file === undefined) return null;
    if (error.reason === 'title') return only(t('failure.workspaceTitleTaken', { file: text(error, 'file'), title: text(error, 'title') }), t('failure.workspaceTitleTakenHint'));
    return only(t('failure.workspaceFile', { file: text(error, 'file'), detail: text(error, 'detail') }));
  },
  no_key: (t) => only(t('failure.noKey')),
  offline: (t) => only(t('failure.offline')),
  unauthorized: (t) => only(t('failure.unauthorized')),
  rate_limited: (t, error) => {
    const seconds = number(error, 'seconds');
    return only(seconds === undefined ? t('failure.rateLimitedPlain') : t('failure.rateLimited', { seconds }));
  },
  // HelpCrunch's own detail of a refused search is kept verbatim in the sentence's place for it.
  rejected: (t, error) => (error.reason === 'search' ? only(withDetail(t('failure.searchRejected', { status: text(error, 'status') }), text(error, 'detail'))) : null),
  unexpected: (t, error) => (error.reason === 'search' ? only(withDetail(t('failure.searchUnexpected', { status: text(error, 'status') }), text(error, 'detail'))) : only(t('failure.unexpected'))),
  not_found: (t, error) => {
    switch (error.reason) {
      case 'job':
        return only(t('failure.notFoundJob', { jobId: text(error, 'jobId') }));
      case 'history':
        return only(t('failure.notFoundHistory', { id: text(error, 'id') }));
      case 'outbox':
        return only(t('failure.notFoundOutbox', { id: text(error, 'id') }));
      case 'saved':
        return only(t('failure.notFoundSaved', { id: text(error, 'id') }));
      case 'profile':
        return only(t('failure.notFoundProfile', { name: text(error, 'name') }));
      case 'customer':
        return only(t('failure.notFoundCustomer', { id: text(error, 'id') }));
      default:
        return only(t('failure.notFound'));
    }
  },
  busy: (t, error) =>
    error.reason === 'job' ? only(t('failure.busyJob', { jobId: text(error, 'jobId') })) : error.reason === 'profile' ? only(t('failure.busyProfile', { name: text(error, 'name') })) : only(t('failure.busy')),
  held: (t, error) => (error.reason === 'job' ? only(t('failure.heldJob', { jobId: text(error, 'jobId') })) : only(t('failure.held'))),
  invalid_state: (t, error) => {
    if (error.reason === 'job') return only(t('failure.stateJob', { jobId: text(error, 'jobId') }));
    if (error.reason === 'profile_in_use') return only(t('failure.profileInUse', { name: text(error, 'name') }));
    if (error.reason === 'last_profile') return only(t('failure.lastProfile'));
    return only(t('failure.invalidState'));
  },
  title_taken: (t, error) => (error.params?.title === undefined ? null : only(t('failure.titleTaken', { title: text(error, 'title') }), t('failure.titleTakenHint'))),
  name_taken: (t, error) =>
    error.params?.name === undefined ? null : only(error.reason === 'definition' ? t('failure.definitionTaken', { name: text(error, 'name') }) : t('failure.nameTaken', { name: text(error, 'name') })),
  workspace_refused: (t, error) => {
    const key = WORKSPACE_REFUSED[error.reason ?? ''];
    return key === undefined || error.params?.dir === undefined ? null : only(t(key, { dir: text(error, 'dir') }), t('failure.workspaceHint'));
  },
  undo_expired: (t) => only(t('failure.undoExpired')),
  cancelled: (t) => only(t('failure.cancelled')),
  empty: (t) => only(t('failure.empty')),
  write_failed: (t) => only(t('failure.writeFailed')),
  internal: (t) => only(t('failure.internal')),
  // Start-up notices (src/main/core/startup-maintenance.ts, create-core.ts): figures in params.
  outbox_unknown: (t, error) => (number(error, 'count') === undefined ? null : only(t('notice.outboxUnknown', { count: number(error, 'count')! }))),
  job_interrupted: (t, error) =>
    number(error, 'jobs') === undefined ? null : only(t('notice.jobInterrupted', { jobs: number(error, 'jobs')!, items: number(error, 'items') ?? 0 })),
  outcome_unknown: (t, error) => (number(error, 'count') === undefined ? null : only(t('notice.outcomeUnknown', { count: number(error, 'count')! }))),
  retention: (t, error) => (number(error, 'count') === undefined ? null : only(t('notice.retention', { count: number(error, 'count')!, days: number(error, 'days') ?? 0 }))),
  // A stored workspace folder gone at start-up (create-core.ts): the default folder is used for this run.
  workspace_missing: (t, error) => (error.params?.dir === undefined ? null : only(t('notice.workspaceMissing', { dir: text(error, 'dir'), fallback: text(error, 'fallback') }))),
  history_recovered: (t, error) => (error.params?.movedTo === undefined ? null : only(t('notice.historyRecovered', { reason: text(error, 'reason'), movedTo: text(error, 'movedTo') }))),
  history_backfill: (t, error) => {
    if (error.reason === 'done') return only(t('notice.backfillDone', { seconds: number(error, 'seconds') ?? 0 }));
    if (error.reason === 'progress') return only(t('notice.backfillProgress', { left: number(error, 'left') ?? 0, percent: number(error, 'percent') ?? 0 }));
    return null;
  },
};

/** Every code the words know (the coverage test reads it). */
export const MAPPED_CODES: readonly string[] = Object.keys(WORDERS);

/** HelpCrunch's own text after our sentence, as it came (user data: never translated). */
function withDetail(sentence: string, detail: string): string {
  return detail === '' ? sentence : `${sentence} ${detail}`;
}

/**
 * A failure from main in the window's language. English keeps main's own sentence and hint (the
 * CLI's words, and what the e2e suite reads); other languages are worded from the code, the reason
 * and the params main sends, never by parsing its English. A code or case nobody mapped falls back
 * to main's English, so nothing is ever blank.
 */
export function failureWords(t: Translate, locale: string, error: WordedFailure): FailureWords {
  const english = { message: error.message, hint: error.hint };
  if (locale === 'en') return english;
  const worder = Object.hasOwn(WORDERS, error.code) ? WORDERS[error.code] : undefined;
  return worder?.(t, error, locale) ?? english;
}

/** Anything caught from the API (an ApiError carries the code; a plain Error has only its message). */
export function failureOf(error: Error): WordedFailure {
  const coded = error as Error & Partial<WordedFailure>;
  return {
    code: typeof coded.code === 'string' ? coded.code : '',
    message: error.message,
    ...(coded.hint === undefined ? {} : { hint: coded.hint }),
    ...(coded.reason === undefined ? {} : { reason: coded.reason }),
    ...(coded.params === undefined ? {} : { params: coded.params }),
  };
}

/** `words(error)`: a failure's sentence in the window's language (an Error, or a stored AppError). */
export function useFailureWords(): (error: Error | WordedFailure) => FailureWords {
  const t = useT();
  const { locale } = useIntl();
  return useCallback((error) => failureWords(t, locale, error instanceof Error ? failureOf(error) : error), [t, locale]);
}
