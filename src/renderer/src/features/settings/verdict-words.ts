import type { ConnectionVerdict } from '../../../../shared/settings.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Translate } from '../../i18n/use-t.ts';

const VERDICT_KEYS: Record<ConnectionVerdict['verdict'], MessageKey> = {
  works: 'verdict.works',
  no_key: 'verdict.noKey',
  wrong_key: 'verdict.wrongKey',
  rate_limited: 'verdict.rateLimited',
  offline: 'verdict.offline',
  unexpected: 'verdict.unexpected',
};

/**
 * "Test connection"'s verdict in the window's language, from its kind; English keeps main's sentence
 * (which also quotes what HelpCrunch said, shown in the raw response elsewhere).
 */
export function verdictWords(t: Translate, locale: string, verdict: ConnectionVerdict): string {
  return locale === 'en' ? verdict.message : t(VERDICT_KEYS[verdict.verdict]);
}
