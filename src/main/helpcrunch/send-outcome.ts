import type { HelpCrunchEvent } from '../../shared/event.ts';
import type { ApiErrorItem, Outcome } from '../../shared/history.ts';
import type { CallResult } from './client.ts';
import { createdAtMs, errorItems, excerpt } from './response-body.ts';

/** Everything history records about how a send ended. */
export interface SendOutcome {
  outcome: Exclude<Outcome, 'sending' | 'unknown'>;
  httpStatus: number | null;
  responseBody: string | null;
  message: string | null;
  errors: ApiErrorItem[];
  eventId: number | null;
  eventCreatedAt: number | null;
  attempts: number;
  durationMs: number;
}

/** Decides on the HTTP status (not the error codes), as the API notes advise. */
export function interpretSend(result: CallResult, event: HelpCrunchEvent): SendOutcome {
  const base = { httpStatus: null, responseBody: null, errors: [], eventId: null, eventCreatedAt: null, attempts: result.attempts, durationMs: result.durationMs };
  switch (result.kind) {
    case 'no_key':
      return { ...base, outcome: 'unauthorized', message: result.message };
    case 'network':
      return { ...base, outcome: 'network_error', message: result.message };
    case 'timeout':
      return { ...base, outcome: 'timeout', message: result.message };
    case 'response':
      return interpretResponse(result, event, base);
  }
}

function interpretResponse(result: Extract<CallResult, { kind: 'response' }>, event: HelpCrunchEvent, base: Omit<SendOutcome, 'outcome' | 'message'>): SendOutcome {
  const { status, bodyText, body } = result;
  const withBody = { ...base, httpStatus: status, responseBody: bodyText, errors: errorItems(body) };
  const tries = result.attempts > 1 ? ` after ${result.attempts} attempts` : '';
  // Without a final period, so each message can end its own sentence.
  const listed = withBody.errors.map((item) => (item.code ? `${item.code}: ${item.message}` : item.message)).join('; ').replace(/\.$/, '');
  if (status >= 200 && status < 300) {
    const created = body as { id?: unknown; createdAt?: unknown } | undefined;
    const eventId = typeof created?.id === 'number' ? created.id : typeof created?.id === 'string' && /^\d+$/.test(created.id) ? Number(created.id) : null;
    if (eventId === null) {
      return {
        ...withBody,
        outcome: 'unexpected_response',
        message: `HelpCrunch answered ${status} but not with the created event, so it is unclear whether it landed: ${excerpt(bodyText)}`,
      };
    }
    return { ...withBody, outcome: 'sent', message: null, eventId, eventCreatedAt: createdAtMs(created?.createdAt) };
  }
  if (status === 401) {
    return { ...withBody, outcome: 'unauthorized', message: `HelpCrunch did not accept the API key (401${listed ? `: ${listed}` : ''}). Check or replace the key in Settings.` };
  }
  if (status === 404) {
    return { ...withBody, outcome: 'not_found', message: `HelpCrunch has no customer with id ${event.customer} (404). Check the customer id.` };
  }
  if (status === 429) {
    return { ...withBody, outcome: 'rate_limited', message: `HelpCrunch's rate limit (120 requests per minute for the account) was still exceeded${tries}. Wait a minute, then send again.` };
  }
  if (status >= 500) {
    return { ...withBody, outcome: 'server_error', message: `HelpCrunch had a server error (${status})${tries}: ${listed || excerpt(bodyText)}. Try again later.` };
  }
  if (status === 400 || status === 422) {
    return { ...withBody, outcome: 'rejected', message: `HelpCrunch rejected the event (${status}): ${listed || excerpt(bodyText)}. Correct it before sending again.` };
  }
  if (status === 403) {
    return { ...withBody, outcome: 'rejected', message: `HelpCrunch refused the request (403): ${listed || excerpt(bodyText)}. The key may lack access to this account.` };
  }
  return { ...withBody, outcome: body === undefined ? 'unexpected_response' : 'rejected', message: `HelpCrunch answered with an unexpected status ${status}: ${listed || excerpt(bodyText)}` };
}
