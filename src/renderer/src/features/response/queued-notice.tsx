import { useEffect, useState } from 'react';
import { useOutbox } from '../../api/outbox-hooks.ts';
import { formatDateTime } from '../../format.ts';

/**
 * A send that provably did not reach HelpCrunch and waits in the outbox. It says so, why, and when the
 * next try is, and never asks the user to send it again: a second send would be a second event.
 */
export function QueuedNotice({ outboxId, reason }: { outboxId: number; reason: string | null }) {
  const outbox = useOutbox();
  const now = useNow();
  const item = outbox.data?.find((candidate) => candidate.id === outboxId);
  const gone = outbox.data !== undefined && item === undefined;
  return (
    <div className="notice warning" role="status" data-outcome="queued" data-testid="queued-in-outbox">
      <p className="outcome-title">
        <strong>{gone ? 'No longer in the outbox' : 'In the outbox — will be sent automatically'}</strong>
      </p>
      {reason && <p data-testid="queued-reason">Why: {reason}</p>}
      <p data-testid="queued-next">
        {gone
          ? 'The outbox has dealt with it: Recent sends shows how it ended. Do not send it again from here.'
          : item?.state === 'unknown'
            ? 'Outcome unknown: check the customer\'s profile in HelpCrunch before sending it again.'
            : `${nextTry(item?.nextAttemptAt, now)} Nothing to do: do not send it again, or it may arrive twice.`}
      </p>
    </div>
  );
}

function nextTry(at: number | undefined, now: number): string {
  if (at === undefined) return 'Next try in a few seconds.';
  const seconds = Math.round((at - now) / 1000);
  if (seconds <= 1) return 'Trying again now.';
  return seconds < 120 ? `Next try in ${seconds} s.` : `Next try at ${formatDateTime(at)}.`;
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
