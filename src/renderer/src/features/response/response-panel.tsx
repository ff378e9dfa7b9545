import { Button } from 'react-aria-components';
import { outcomeLabel, type HistoryEntry } from '../../../../shared/history.ts';
import { formatDateTime, formatDuration, prettyBody } from '../../format.ts';
import { QueuedNotice } from './queued-notice.tsx';

export type ResponseState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; entry: HistoryEntry & { outboxId?: number | null } }
  | { kind: 'failed'; message: string; maybeLanded?: boolean; title?: string };

interface ResponsePanelProps {
  state: ResponseState;
  onOpenSettings: () => void;
}

/** What HelpCrunch answered to the last send, in words first and raw body second. */
export function ResponsePanel({ state, onOpenSettings }: ResponsePanelProps) {
  return (
    <section className="response-panel" aria-labelledby="response-title" aria-live="polite" data-testid="response-panel">
      <h2 id="response-title">Response</h2>
      <ResponseBody state={state} onOpenSettings={onOpenSettings} />
    </section>
  );
}

function ResponseBody({ state, onOpenSettings }: ResponsePanelProps) {
  switch (state.kind) {
    case 'idle':
      return <p className="muted empty">Send an event to see HelpCrunch's answer here.</p>;
    case 'sending':
      return (
        <p className="notice sending" role="status">
          <span className="spinner" aria-hidden="true" /> Sending to HelpCrunch…
        </p>
      );
    case 'failed':
      return (
        <div className="notice error" role="alert" data-outcome={state.maybeLanded ? 'unknown' : 'failed'}>
          {/* "Not sent" only when it provably was not: an answer that could not be recorded may have landed. */}
          <strong>{state.title ?? 'Not sent.'}</strong> {state.message}
        </div>
      );
    case 'done':
      return <Outcome entry={state.entry} onOpenSettings={onOpenSettings} />;
  }
}

function Outcome({ entry, onOpenSettings }: { entry: HistoryEntry & { outboxId?: number | null }; onOpenSettings: () => void }) {
  const success = entry.outcome === 'sent';
  if (entry.outboxId !== null && entry.outboxId !== undefined) return <QueuedNotice outboxId={entry.outboxId} reason={entry.message} />;
  return (
    <div className={`notice ${success ? 'success' : 'error'}`} role={success ? 'status' : 'alert'} data-outcome={entry.outcome}>
      <p className="outcome-title">
        <strong>{success ? 'Event created' : outcomeLabel(entry)}</strong>
        {entry.httpStatus !== null && <span className="status-code">HTTP {entry.httpStatus}</span>}
      </p>
      {success ? (
        <dl className="facts">
          <dt>Event id</dt>
          <dd data-testid="event-id">{entry.eventId}</dd>
          <dt>Created</dt>
          <dd>{entry.eventCreatedAt === null ? 'not given' : formatDateTime(entry.eventCreatedAt)}</dd>
          <dt>Customer</dt>
          <dd>{entry.request.customer}</dd>
        </dl>
      ) : (
        <p className="outcome-message">{entry.message}</p>
      )}
      {entry.errors.length > 0 && !success && (
        <ul className="api-errors" aria-label="Errors from HelpCrunch">
          {entry.errors.map((item, index) => (
            <li key={index}>
              {item.code && <code>{item.code}</code>} {item.message}
            </li>
          ))}
        </ul>
      )}
      {entry.outcome === 'unauthorized' && (
        <Button className="button" onPress={onOpenSettings}>
          Open settings
        </Button>
      )}
      <p className="muted small">
        {entry.attempts} {entry.attempts === 1 ? 'attempt' : 'attempts'} · {formatDuration(entry.durationMs)}
      </p>
      {entry.responseBody !== null && (
        <details>
          <summary>Raw response</summary>
          <pre className="code">{prettyBody(entry.responseBody)}</pre>
        </details>
      )}
    </div>
  );
}
