import type { HistoryEntry } from '../../../../shared/history.ts';
import { ApiError } from '../../api/api-error.ts';
import { failureOf, type WordedFailure } from '../../i18n/error-words.ts';

/** The headline of a failed send, as a catalogue key: the response panel says it in the window's language. */
export type FailureTitle = 'sending.deliveredUnrecorded' | 'sending.outcomeUnknown' | 'sending.notSent';

/**
 * The response panel's state for a guarded send (the composer's or the quick log's): a duplicate
 * waiting for an answer is not a failure, and an answer main could not record is not "Not sent".
 */
export function sendState<Entry extends HistoryEntry>(mutation: { isPending: boolean; error: Error | null; data?: Entry | undefined }): { kind: 'idle' } | { kind: 'sending' } | { kind: 'failed'; message: string; maybeLanded: boolean; title: FailureTitle; failure: WordedFailure } | { kind: 'done'; entry: Entry } {
  if (mutation.isPending) return { kind: 'sending' };
  if (mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === 'duplicate')) {
    // An answer main could not record may still have created the event (its message says which).
    const unrecorded = mutation.error instanceof ApiError && mutation.error.code === 'outcome_unrecorded';
    // The disposition main sends with it; older mains said it only in the sentence.
    const disposition = mutation.error instanceof ApiError ? mutation.error.params?.disposition : undefined;
    const delivered = unrecorded && (disposition === undefined ? /The event was delivered\./.test(mutation.error.message) : disposition === 'delivered');
    const maybeLanded = unrecorded && !delivered;
    return { kind: 'failed', message: mutation.error.message, maybeLanded, title: delivered ? 'sending.deliveredUnrecorded' : maybeLanded ? 'sending.outcomeUnknown' : 'sending.notSent', failure: failureOf(mutation.error) };
  }
  if (mutation.data) return { kind: 'done', entry: mutation.data };
  return { kind: 'idle' };
}
