import type { ApiErrorItem, Disposition, Outcome } from '../../../../shared/history.ts';
import type { Translate } from '../../i18n/use-t.ts';

/** What the explanation reads from a history entry or a send result: structure only, never main's sentence. */
export interface ExplainedSend {
  outcome: Outcome;
  disposition?: Disposition | null;
  httpStatus: number | null;
  attempts: number;
  errors: ApiErrorItem[];
  responseBody: string | null;
  /** Main's English sentence: shown as it is in an English window, and when nothing here can word it. */
  message: string | null;
  request: { customer: number };
}

/**
 * How a send ended, in words: `text` is ours (in the window's language); `helpcrunch` is what
 * HelpCrunch itself said, user data shown verbatim beside it (never translated), or null.
 */
export interface Explanation {
  text: string;
  helpcrunch: string | null;
}

/** The longest part of HelpCrunch's own answer quoted beside the words (the raw body is one click away). */
const QUOTE_MAX = 300;

/**
 * A send's outcome (outcome × disposition × status × attempts) in the window's language, or null
 * when there is nothing to explain (delivered, or still in flight). English keeps main's own
 * sentence, exactly as the CLI and the e2e suite read it; Polish and Ukrainian are worded here
 * from the entry's fields, never by parsing main's English.
 */
export function explainOutcome(t: Translate, locale: string, entry: ExplainedSend): Explanation | null {
  if (locale === 'en') return entry.message === null ? null : { text: entry.message, helpcrunch: null };
  if (entry.outcome === 'sent' || entry.outcome === 'sending') return null;
  const text = wordsFor(t, entry);
  // Nothing structured to word it from: main's sentence is better than a blank.
  if (text === null) return entry.message === null ? null : { text: entry.message, helpcrunch: null };
  return { text, helpcrunch: helpcrunchSaid(entry) };
}

function wordsFor(t: Translate, entry: ExplainedSend): string | null {
  const status = entry.httpStatus;
  const attempts = Math.max(1, entry.attempts);
  const maybeLanded = entry.disposition === 'maybe-landed';
  const checkFirst = (sentence: string) => `${sentence} ${t('explain.checkFirst')}`;
  switch (entry.outcome) {
    case 'unauthorized':
      return status === null ? t('explain.noKey') : t('explain.unauthorized', { status });
    case 'not_found':
      return t('explain.notFound', { customer: entry.request.customer, status: status ?? 404 });
    case 'rate_limited':
      return t('explain.rateLimited', { attempts });
    case 'server_error':
      if (status === null) return null;
      return entry.disposition === 'not-sent' ? t('explain.notTaking', { status, attempts }) : checkFirst(t('explain.serverError', { status }));
    case 'rejected':
      if (status === null) return null;
      if (status === 403) return t('explain.refused', { status });
      if (status === 400 || status === 422) return t('explain.rejected', { status });
      return t('explain.otherStatus', { status });
    case 'unexpected_response':
      if (status === null) return null;
      if (status >= 200 && status < 300) return checkFirst(t('explain.noEvent', { status }));
      if (status >= 300 && status < 400) return t('explain.redirect', { status });
      return maybeLanded ? checkFirst(t('explain.unexpected', { status })) : t('explain.unexpected', { status });
    case 'network_error':
      if (maybeLanded) return checkFirst(t('explain.cut'));
      // No attempt made: Event Desk itself stopped before the request left (its reason is in main's sentence).
      return entry.attempts === 0 ? t('explain.stoppedBefore') : t('explain.unreachable');
    case 'timeout':
      return checkFirst(t('explain.timeout'));
    case 'unknown':
      return checkFirst(t('explain.interrupted'));
  }
  return null;
}

/**
 * HelpCrunch's own words, as main quotes them: its error entries ("code: message"), or an excerpt
 * of its body when it listed none. Only for answers HelpCrunch gave (a status); never for a 2xx.
 */
export function helpcrunchSaid(entry: Pick<ExplainedSend, 'httpStatus' | 'errors' | 'responseBody'>): string | null {
  if (entry.httpStatus === null) return null;
  if (entry.errors.length > 0) return entry.errors.map((item) => (item.code ? `${item.code}: ${item.message}` : item.message)).join('; ');
  if (entry.httpStatus < 300 || entry.responseBody === null) return null;
  const body = entry.responseBody.replace(/\s+/g, ' ').trim();
  if (body === '') return null;
  return body.length > QUOTE_MAX ? `${body.slice(0, QUOTE_MAX)}…` : body;
}
