import { useEffect, useState } from 'react';
import { useOutbox } from '../../api/outbox-hooks.ts';
import { useFormat, type WindowFormat } from '../../format.ts';
import { useT, type Translate } from '../../i18n/use-t.ts';

/**
 * A send that provably did not reach HelpCrunch and waits in the outbox. It says so, why, and when the
 * next try is, and never asks the user to send it again: a second send would be a second event.
 */
export function QueuedNotice({ outboxId, reason }: { outboxId: number; reason: string | null }) {
  const t = useT();
  const format = useFormat();
  const outbox = useOutbox();
  const now = useNow();
  const item = outbox.data?.find((candidate) => candidate.id === outboxId);
  const gone = outbox.data !== undefined && item === undefined;
  return (
    <div className="notice warning" role="status" data-outcome="queued" data-testid="queued-in-outbox">
      <p className="outcome-title">
        <strong>{gone ? t('response.queuedGone') : t('response.queuedTitle')}</strong>
      </p>
      {reason && <p data-testid="queued-reason">{t('response.queuedWhy', { reason })}</p>}
      <p data-testid="queued-next">
        {gone
          ? t('response.queuedGoneNext')
          : item?.state === 'unknown'
            ? t('response.queuedUnknown')
            : `${nextTry(item?.nextAttemptAt, now, t, format)} ${t('response.queuedNothingToDo')}`}
      </p>
    </div>
  );
}

function nextTry(at: number | undefined, now: number, t: Translate, format: WindowFormat): string {
  if (at === undefined) return t('response.nextTrySoon');
  const seconds = Math.round((at - now) / 1000);
  if (seconds <= 1) return t('response.tryingNow');
  return seconds < 120 ? t('response.nextTryIn', { seconds }) : t('response.nextTryAt', { when: format.dateTime(at) });
}

/** The time, once a second, so the countdown to the next try moves. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
