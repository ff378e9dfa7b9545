import type { ApiErrorItem } from '../../shared/history.ts';
import type { CallResult } from './client.ts';
import { errorItems, excerpt } from './response-body.ts';
import { retryAfterMs } from './retry-after.ts';

/**
 * What one call to HelpCrunch came to, decided once, on the HTTP status (not the error codes, as
 * the API notes advise). Sending, the connection test and customer search each word it their way.
 */
export type Classified =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'no_key'; message: string }
  | { kind: 'unauthorized'; status: 401; errors: ApiErrorItem[] }
  | { kind: 'not_found'; status: 404; errors: ApiErrorItem[] }
  | { kind: 'rejected'; status: number; errors: ApiErrorItem[]; detail: string }
  | { kind: 'rate_limited'; status: 429; retryInMs: number | null }
  | { kind: 'server_error'; status: number; detail: string }
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'unexpected'; status: number; detail: string };

export function classify(result: CallResult, now: number): Classified {
  switch (result.kind) {
    case 'no_key':
      return { kind: 'no_key', message: result.message };
    case 'network':
      return { kind: 'network', message: result.message };
    case 'timeout':
      return { kind: 'timeout', message: result.message };
    case 'response':
      break;
  }
  const { status, body, bodyText } = result;
  if (status >= 200 && status < 300) return { kind: 'ok', status, body };
  const errors = errorItems(body);
  // Without a final period, so each wording can end its own sentence.
  const detail = errors.map((item) => (item.code ? `${item.code}: ${item.message}` : item.message)).join('; ').replace(/\.$/, '') || excerpt(bodyText);
  if (status >= 300 && status < 400) {
    const location = result.headers.get('location');
    return {
      kind: 'unexpected',
      status,
      detail: `a redirect${location ? ` to ${excerpt(location, 120)}` : ''}, which Event Desk never follows`,
    };
  }
  if (status === 401) return { kind: 'unauthorized', status, errors };
  if (status === 404) return { kind: 'not_found', status, errors };
  if (status === 429) return { kind: 'rate_limited', status, retryInMs: retryAfterMs(result.headers.get('retry-after'), now) };
  if (status >= 500) return { kind: 'server_error', status, detail };
  if (status === 400 || status === 422 || status === 403 || body !== undefined) return { kind: 'rejected', status, errors, detail };
  return { kind: 'unexpected', status, detail };
}
