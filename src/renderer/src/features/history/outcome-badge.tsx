import { OUTCOME_LABELS, type Outcome } from '../../../../shared/history.ts';

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

export function OutcomeBadge({ outcome, unreadable = false }: { outcome: Outcome; unreadable?: boolean }) {
  if (unreadable) return <span className="badge bad">Unreadable entry</span>;
  return <span className={`badge ${TONES[outcome]}`}>{OUTCOME_LABELS[outcome]}</span>;
}
