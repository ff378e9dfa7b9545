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

export function OutcomeBadge({ outcome, disposition = null, unreadable = false }: { outcome: Outcome; disposition?: Disposition | null; unreadable?: boolean }) {
  if (unreadable) return <span className="badge bad">Unreadable entry</span>;
  return <span className={`badge ${disposition === 'maybe-landed' ? 'warn' : TONES[outcome]}`}>{outcomeLabel({ outcome, disposition })}</span>;
}
