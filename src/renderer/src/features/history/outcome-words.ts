import type { Disposition, Outcome, OutcomeClass } from '../../../../shared/history.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Translate } from '../../i18n/use-t.ts';

/** The catalogue key of each outcome's label (the English is src/shared/history.ts's OUTCOME_LABELS). */
const OUTCOME_KEYS: Record<Outcome, MessageKey> = {
  sending: 'outcome.sending',
  sent: 'outcome.sent',
  rejected: 'outcome.rejected',
  unauthorized: 'outcome.unauthorized',
  not_found: 'outcome.notFound',
  rate_limited: 'outcome.rateLimited',
  server_error: 'outcome.serverError',
  network_error: 'outcome.networkError',
  timeout: 'outcome.timeout',
  unexpected_response: 'outcome.unexpectedResponse',
  unknown: 'outcome.unknown',
};

/** The history filter's groups (the English is OUTCOME_CLASSES' labels). */
const GROUP_KEYS: Record<OutcomeClass, MessageKey> = {
  sent: 'outcome.groupSent',
  outbox: 'outcome.groupOutbox',
  rejected: 'outcome.groupRejected',
  rate_limited: 'outcome.groupRateLimited',
  server_error: 'outcome.groupServerError',
  network_error: 'outcome.groupNetworkError',
  unknown: 'outcome.groupUnknown',
};

/**
 * outcomeLabel (src/shared/history.ts) in the window's language, with the same logic: what a send
 * means first ("Outcome unknown" for anything that may have landed), then the cause.
 */
export function outcomeWords(t: Translate, entry: { outcome: Outcome; disposition?: Disposition | null; outbox?: 'waiting' | 'delivered' | null }, locale?: string): string {
  if (entry.outbox === 'waiting') return t('outcome.inOutbox');
  if (entry.outbox === 'delivered') return t('outcome.sentLater');
  if (entry.disposition === 'maybe-landed' && entry.outcome !== 'unknown') return t('outcome.unknownBecause', { cause: t(OUTCOME_KEYS[entry.outcome]).toLocaleLowerCase(locale) });
  return t(OUTCOME_KEYS[entry.outcome]);
}

/** One outcome group's name in the history filter. */
export function outcomeGroupWords(t: Translate, group: OutcomeClass): string {
  return t(GROUP_KEYS[group]);
}
