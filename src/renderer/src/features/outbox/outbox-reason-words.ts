import type { OutboxItem } from '../../../../shared/outbox.ts';
import type { FailureWords, WordedFailure } from '../../i18n/error-words.ts';
import type { Translate } from '../../i18n/use-t.ts';
import { explainOutcome } from '../response/outcome-explanation.ts';

/**
 * Why an outbox item waits or was settled, in the window's language, from the structure main kept
 * beside its English (lastErrorWords). English shows main's sentence; an item from before the
 * structure was kept shows it too. HelpCrunch's own text is quoted as it came.
 */
export function outboxReasonWords(t: Translate, locale: string, failure: (error: WordedFailure) => FailureWords, item: Pick<OutboxItem, 'lastError' | 'lastErrorWords' | 'event'>): string | null {
  const words = item.lastErrorWords;
  if (item.lastError === null || locale === 'en' || !words) return item.lastError;
  switch (words.kind) {
    case 'send': {
      const explained = explainOutcome(t, locale, { ...words, responseBody: null, message: item.lastError, request: { customer: item.event.customer } });
      if (!explained) return item.lastError;
      return explained.helpcrunch ? `${explained.text} ${t('outbox.helpcrunchSaid', { text: explained.helpcrunch })}` : explained.text;
    }
    case 'failure':
      return failure({ ...words, message: item.lastError }).message;
    case 'duplicate': {
      const detail = failure({ ...words, message: item.lastError }).message;
      // The failure's own words fell back to main's English: then the whole English sentence reads better.
      return detail === item.lastError ? item.lastError : t('outbox.reasonDuplicate', { detail });
    }
    case 'stopped':
      return t('outbox.reasonStopped');
  }
}
