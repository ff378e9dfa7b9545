import type { HistoryEntry } from '../../shared/history.ts';
import type { OutboxReasonWords } from '../../shared/outbox.ts';
import type { Failure } from '../failure.ts';

/** Why an outbox item waits or was settled: main's English (the CLI's) and its structure (the window's). */
export interface OutboxReason {
  /** Null only for an answer main had no sentence for (as before, when last_error was the entry's message). */
  text: string | null;
  words?: OutboxReasonWords;
}

/** A send's answer: worded in the window from the outcome, as History words it. */
export function sendReason(entry: Pick<HistoryEntry, 'message' | 'outcome' | 'disposition' | 'httpStatus' | 'attempts' | 'errors'>, fallback: string | null = null): OutboxReason {
  return {
    text: entry.message ?? fallback,
    words: { kind: 'send', outcome: entry.outcome, disposition: entry.disposition ?? null, httpStatus: entry.httpStatus, attempts: entry.attempts, errors: entry.errors.slice(0, 20) },
  };
}

/** What the window words a failure from: its code, reason and params (never its English). */
function failureFields(error: Failure): { code: string; reason?: string; params?: Record<string, string | number> } {
  const { code, reason, params } = error.toAppError();
  return { code, ...(reason === undefined ? {} : { reason }), ...(params === undefined ? {} : { params }) };
}

/** A failure main threw (plan violation, history not writable): worded from its code like any failure. */
export function failureReason(error: Failure): OutboxReason {
  return { text: error.message, words: { kind: 'failure', ...failureFields(error) } };
}

/** The duplicate guard held it: "Not sent: <why>. Send again only if it is not in the customer's profile." */
export function duplicateReason(error: Failure): OutboxReason {
  return { text: `Not sent: ${error.message} Send again only if it is not in the customer's profile.`, words: { kind: 'duplicate', ...failureFields(error) } };
}

/** Anything else thrown (a bug, an I/O error without a code): its words as they came. */
export function plainReason(text: string): OutboxReason {
  return { text };
}
