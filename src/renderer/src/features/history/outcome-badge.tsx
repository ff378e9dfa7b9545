import { useIntl } from 'react-intl';
import type { Disposition, Outcome } from '../../../../shared/history.ts';
import { useT } from '../../i18n/use-t.ts';
import { outcomeWords } from './outcome-words.ts';

const TONES: Record<Outcome, 'ok' | 'bad' | 'warn' | 'busy'> = {
  sending: 'busy',
  sent: 'ok',
  rejected: 'bad',
  unauthorized: 'bad',
  not_found: 'bad',
  rate_limited: 'warn',
  server_error: 'warn',
  network_error: 'warn',
  timeout: 'warn',
  unexpected_response: 'warn',
  unknown: 'warn',
};

/** `outbox`: the attempt did not reach HelpCrunch and its event went to the outbox: it reads as waiting (or sent later), not as a failure to send again. */
export function OutcomeBadge({ outcome, disposition = null, unreadable = false, outbox = null }: { outcome: Outcome; disposition?: Disposition | null; unreadable?: boolean; outbox?: 'waiting' | 'delivered' | null }) {
  const t = useT();
  const { locale } = useIntl();
  if (unreadable) return <span className="badge bad">{t('outcome.unreadable')}</span>;
  const tone = outbox === 'waiting' ? 'busy' : outbox === 'delivered' ? 'ok' : disposition === 'maybe-landed' ? 'warn' : TONES[outcome];
  const words = outcomeWords(t, { outcome, disposition, outbox }, locale);
  // The title shows a label cut short by a narrow column (longer in some languages).
  return (
    <span className={`badge ${tone}`} title={words}>
      {words}
    </span>
  );
}
