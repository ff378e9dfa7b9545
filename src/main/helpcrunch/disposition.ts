import type { Disposition } from '../../shared/history.ts';
import type { CallResult } from './client.ts';
import { createdEventId } from './response-body.ts';

export type { Disposition } from '../../shared/history.ts';

/**
 * What one answer means for the first rule, decided here and nowhere else: the client's retries,
 * the send service, the outbox, the job runner, the CLI's exit codes and the words all read it.
 *
 * | answer                                                        | disposition  |
 * | ------------------------------------------------------------- | ------------ |
 * | 2xx with the created event's id                               | delivered    |
 * | 4xx but 429, a 3xx (never followed), no usable key            | rejected     |
 * | 429, 503, DNS/TLS failure, refused, reset before writing      | not-sent     |
 * | timeout, reset after writing, 500/502/504/other 5xx, bad 2xx  | maybe-landed |
 *
 * Only `not-sent` may be retried or queued automatically. 503 counts as not-sent because HelpCrunch
 * (like any front proxy) answers it when the service is not taking requests; 500/502/504 may come
 * after the event was stored, so they are "Outcome unknown".
 */
export function dispositionOf(result: CallResult): Disposition {
  switch (result.kind) {
    case 'no_key':
      return 'rejected';
    case 'network':
      return result.neverSent ? 'not-sent' : 'maybe-landed';
    case 'timeout':
      return 'maybe-landed';
    case 'response':
      return dispositionOfStatus(result.status, result.body);
  }
}

/** The table above for an HTTP answer; `body` is the parsed JSON body (undefined when unreadable). */
export function dispositionOfStatus(status: number, body: unknown): Disposition {
  if (status >= 200 && status < 300) return createdEventId(body) === null ? 'maybe-landed' : 'delivered';
  if (status === 429 || status === 503) return 'not-sent';
  if (status >= 300 && status < 500) return 'rejected';
  return 'maybe-landed';
}

/** True when the answer may be retried or queued without risking a second event. */
export function safeToRetry(disposition: Disposition): boolean {
  return disposition === 'not-sent';
}
