import { outcomeLabel, type Disposition, type Outcome } from '../../../../shared/history.ts';

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
  if (unreadable) return <span className="badge bad">Unreadable entry</span>;
  const tone = outbox === 'waiting' ? 'busy' : outbox === 'delivered' ? 'ok' : disposition === 'maybe-landed' ? 'warn' : TONES[outcome];
  return <span className={`badge ${tone}`}>{outcomeLabel({ outcome, disposition, outbox })}</span>;
}
