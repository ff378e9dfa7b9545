import type { HelpCrunchEvent } from '../../shared/event.ts';
import type { ApiErrorItem, Disposition, Outcome } from '../../shared/history.ts';
import { classify } from './classify.ts';
import type { CallResult } from './client.ts';
import { dispositionOf } from './disposition.ts';
import { createdAtMs, createdEventId, excerpt } from './response-body.ts';

/** Everything history records about how a send ended. */
export interface SendOutcome {
  outcome: Exclude<Outcome, 'sending' | 'unknown'>;
  /** What it means (delivered, rejected, not-sent, maybe-landed): decided by disposition.ts, read by everyone else. */
  disposition: Disposition;
  httpStatus: number | null;
  responseBody: string | null;
  message: string | null;
  errors: ApiErrorItem[];
  eventId: number | null;
  eventCreatedAt: number | null;
  attempts: number;
  durationMs: number;
}

/** A send's result in history's terms, worded for the person who sent it. */
export function interpretSend(result: CallResult, event: HelpCrunchEvent, now = Date.now()): SendOutcome {
  const disposition = dispositionOf(result);
  return { ...describe(result, event, now, disposition), disposition };
}

/** May-have-landed answers all end with the same advice: the one thing the user must not do is resend blindly. */
const CHECK_FIRST = 'It may or may not have been created: check the customer\'s profile in HelpCrunch before sending it again.';

function describe(result: CallResult, event: HelpCrunchEvent, now: number, disposition: Disposition): Omit<SendOutcome, 'disposition'> {
  const base = { httpStatus: null, responseBody: null, errors: [], eventId: null, eventCreatedAt: null, attempts: result.attempts, durationMs: result.durationMs };
  const withBody = result.kind === 'response' ? { ...base, httpStatus: result.status, responseBody: result.bodyText } : base;
  const host = result.kind === 'response' ? result.host : '';
  const tries = result.attempts > 1 ? ` after ${result.attempts} attempts` : '';
  const verdict = classify(result, now);
  switch (verdict.kind) {
    case 'no_key':
      return { ...base, outcome: 'unauthorized', message: verdict.message };
    case 'network':
      return { ...base, outcome: 'network_error', message: disposition === 'maybe-landed' ? `${verdict.message.replace(/ The event may or may not have been created.*$/, '')} ${CHECK_FIRST}` : verdict.message };
    case 'timeout':
      return { ...base, outcome: 'timeout', message: `${verdict.message.replace(/ The event may or may not have been created.*$/, '')} ${CHECK_FIRST}` };
    case 'ok': {
      const created = verdict.body as { createdAt?: unknown } | undefined;
      const eventId = createdEventId(verdict.body);
      if (eventId === null) {
        const text = result.kind === 'response' ? result.bodyText : '';
        return { ...withBody, outcome: 'unexpected_response', message: `HelpCrunch answered ${verdict.status} but not with the created event (${excerpt(text)}). ${CHECK_FIRST}` };
      }
      return { ...withBody, outcome: 'sent', message: null, eventId, eventCreatedAt: createdAtMs(created?.createdAt) };
    }
    case 'unauthorized': {
      const listed = verdict.errors.map((item) => (item.code ? `${item.code}: ${item.message}` : item.message)).join('; ').replace(/\.$/, '');
      return { ...withBody, errors: verdict.errors, outcome: 'unauthorized', message: `HelpCrunch did not accept the API key (401${listed ? `: ${listed}` : ''}). Check or replace the key in Settings.` };
    }
    case 'not_found':
      return { ...withBody, errors: verdict.errors, outcome: 'not_found', message: `HelpCrunch has no customer with id ${event.customer} (404). Check the customer id.` };
    case 'rate_limited':
      return { ...withBody, outcome: 'rate_limited', message: `HelpCrunch's rate limit was still exceeded${tries}, so the event was not created.` };
    case 'server_error':
      if (disposition === 'not-sent') return { ...withBody, outcome: 'server_error', message: `HelpCrunch is not taking requests right now (${verdict.status})${tries}, so the event was not created: ${verdict.detail}.` };
      return { ...withBody, outcome: 'server_error', message: `HelpCrunch had a server error (${verdict.status}): ${verdict.detail}. ${CHECK_FIRST}` };
    case 'rejected': {
      const { status, detail, errors } = verdict;
      const message =
        status === 403
          ? `HelpCrunch refused the request (403): ${detail}. The key may lack access to this account.`
          : status === 400 || status === 422
            ? `HelpCrunch rejected the event (${status}): ${detail}. Correct it before sending again.`
            : `HelpCrunch answered with an unexpected status ${status}: ${detail}`;
      return { ...withBody, errors, outcome: 'rejected', message };
    }
    case 'unexpected':
      return { ...withBody, outcome: 'unexpected_response', message: `Unexpected answer from ${host} (${verdict.status}): ${verdict.detail}. Check the API base URL.` };
  }
}
