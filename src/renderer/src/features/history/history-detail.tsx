import { useState } from 'react';
import { Button } from 'react-aria-components';
import { toCurl, toPowerShellCurl } from '../../../../shared/curl.ts';
import type { HistoryEntry } from '../../../../shared/history.ts';
import { useHistoryEntry } from '../../api/hooks.ts';
import { outcomeLabel } from '../../../../shared/history.ts';
import { useGuardedSend } from '../sending/use-guarded-send.tsx';
import { useSaveAs } from '../library/save-as-context.ts';
import { formatDateTime, formatDuration, prettyBody } from '../../format.ts';
import { OutcomeBadge } from './outcome-badge.tsx';
import { TimelineButton, type TimelineCustomer } from '../customers/customer-timeline.tsx';

interface HistoryDetailProps {
  id: number;
  /** For "Copy as curl": where the request goes. */
  baseUrl: string;
  onLoad: (entry: HistoryEntry) => void;
  onClose: () => void;
  /**
   * The customer timeline's "Log another": the composer with this customer picked, the draft's name
   * and data kept. Without it, the composer gets an empty event for the customer (through onLoad).
   */
  onLogAnother?: (customer: TimelineCustomer) => void;
}

/** One past send: what went out, what came back, and a way to send it again from the composer. */
export function HistoryDetail({ id, baseUrl, onLoad, onClose, onLogAnother }: HistoryDetailProps) {
  const query = useHistoryEntry(id);
  const [copied, setCopied] = useState<string | null>(null);
  const again = useGuardedSend();
  const saveAs = useSaveAs();
  if (query.isPending) return <p className="muted">Loading…</p>;
  if (query.isError) return <p className="notice error">{query.error.message}</p>;
  const entry = query.data;
  const customer = { id: entry.request.customer, name: entry.customerName, email: entry.customerEmail };
  const copy = (text: string, done: string) => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(done),
      (error: unknown) => setCopied(`Could not copy: ${(error as Error).message}`),
    );
  };
  return (
    <section className="history-detail" aria-labelledby="detail-title" data-testid="history-detail">
      <header className="detail-header">
        <h3 id="detail-title">{entry.request.name}</h3>
        <OutcomeBadge outcome={entry.outcome} disposition={entry.disposition} unreadable={entry.unreadable !== null} outbox={entry.outbox} />
        <Button className="icon-button" aria-label="Close details" onPress={onClose}>
          ×
        </Button>
      </header>
      {entry.unreadable && (
        <p className="notice error" role="alert">
          Unreadable entry. {entry.unreadable}
        </p>
      )}
      {entry.message && <p className="outcome-message">{entry.message}</p>}
      <dl className="facts">
        <dt>Sent</dt>
        <dd>{formatDateTime(entry.createdAt)}</dd>
        <dt>Customer</dt>
        <dd className="detail-customer">
          <span>{entry.customerName || entry.customerEmail ? `${[entry.customerName, entry.customerEmail].filter(Boolean).join(' · ')} · ` : ''}#{entry.request.customer}</span>
          {entry.unreadable === null && (
            <TimelineButton
              customer={customer}
              onLogAnother={() => (onLogAnother ? onLogAnother(customer) : onLoad({ ...entry, request: { name: '', customer: customer.id, data: {} } }))}
            />
          )}
        </dd>
        {entry.eventId !== null && (
          <>
            <dt>Event id</dt>
            <dd>{entry.eventId}</dd>
          </>
        )}
        {entry.eventCreatedAt !== null && (
          <>
            <dt>Created</dt>
            <dd>{formatDateTime(entry.eventCreatedAt)}</dd>
          </>
        )}
        <dt>HTTP status</dt>
        <dd>{entry.httpStatus ?? 'none (no answer)'}</dd>
        <dt>Attempts</dt>
        <dd>
          {entry.attempts} · {formatDuration(entry.durationMs)}
        </dd>
      </dl>
      <h4>Request</h4>
      <pre className="code" aria-label="Request body">
        {JSON.stringify(entry.request, null, 2)}
      </pre>
      {entry.responseBody !== null && (
        <>
          <h4>Response</h4>
          <pre className="code" aria-label="Response body">
            {prettyBody(entry.responseBody)}
          </pre>
        </>
      )}
      <div className="button-row">
        <Button className="button primary" onPress={() => onLoad(entry)}>
          Load into composer
        </Button>
        <Button className="button" onPress={() => again.send(entry.request)} isPending={again.mutation.isPending} isDisabled={entry.unreadable !== null}>
          Send again
        </Button>
        {saveAs && (
          <Button className="button" onPress={() => saveAs({ existing: null, name: entry.request.name, template: entry.request.data, customer: entry.request.customer })} isDisabled={entry.unreadable !== null}>
            Save as…
          </Button>
        )}
        <Button className="button" onPress={() => copy(JSON.stringify(entry.request, null, 2), 'Request copied as JSON.')}>
          Copy as JSON
        </Button>
        <Button className="button" onPress={() => copy(toCurl(baseUrl, entry.request), 'Copied as curl for bash/zsh; it reads the key from $HELPCRUNCH_API_KEY.')}>
          Copy as curl (bash/zsh)
        </Button>
        <Button className="button" onPress={() => copy(toPowerShellCurl(baseUrl, entry.request), 'Copied as curl for PowerShell; it reads the key from $env:HELPCRUNCH_API_KEY.')}>
          Copy as curl (PowerShell)
        </Button>
      </div>
      <p className="muted small" role="status" data-testid="detail-status">
        {again.mutation.data
          ? `Sent again: ${outcomeLabel(again.mutation.data)}${again.mutation.data.eventId !== null ? ` as event #${again.mutation.data.eventId}` : ''}${again.mutation.data.message ? ` — ${again.mutation.data.message}` : ''}`
          : again.mutation.error && again.duplicate === null && again.mutation.error.message !== '' && !again.mutation.isPending
            ? again.mutation.error.message
            : copied}
      </p>
      {again.dialog}
    </section>
  );
}
