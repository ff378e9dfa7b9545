import { useState } from 'react';
import { Button } from 'react-aria-components';
import { toCurl, toPowerShellCurl } from '../../../../shared/curl.ts';
import type { HistoryEntry } from '../../../../shared/history.ts';
import { useHistoryEntry } from '../../api/hooks.ts';
import { useGuardedSend } from '../sending/use-guarded-send.tsx';
import { useSaveAs } from '../library/save-as-context.ts';
import { prettyBody } from '../../format.ts';
import { useIntl } from 'react-intl';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { explainOutcome } from '../response/outcome-explanation.ts';
import { OutcomeExplanation } from '../response/outcome-message.tsx';
import { OutcomeBadge } from './outcome-badge.tsx';
import { outcomeWords } from './outcome-words.ts';
import { useHistoryFormat } from './use-history-format.ts';
import { TimelineButton, type TimelineCustomer } from '../customers/customer-timeline.tsx';
import { PlanMarkNote } from '../plan/plan-mark-note.tsx';

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
  const t = useT();
  const { locale } = useIntl();
  const words = useFailureWords();
  const { dateTime, duration } = useHistoryFormat();
  const query = useHistoryEntry(id);
  const [copied, setCopied] = useState<string | null>(null);
  const again = useGuardedSend();
  const saveAs = useSaveAs();
  if (query.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (query.isError) return <p className="notice error">{words(query.error).message}</p>;
  const entry = query.data;
  const customer = { id: entry.request.customer, name: entry.customerName, email: entry.customerEmail };
  const copy = (text: string, done: string) => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(done),
      (error: unknown) => setCopied(t('history.copyFailed', { message: (error as Error).message })),
    );
  };
  return (
    <section className="history-detail" aria-labelledby="detail-title" data-testid="history-detail">
      <header className="detail-header">
        <h3 id="detail-title">{entry.request.name}</h3>
        <OutcomeBadge outcome={entry.outcome} disposition={entry.disposition} unreadable={entry.unreadable !== null} outbox={entry.outbox} />
        <Button className="icon-button" aria-label={t('history.closeDetails')} onPress={onClose}>
          ×
        </Button>
      </header>
      {entry.unreadable && (
        <p className="notice error" role="alert">
          {t('history.unreadableNotice', { reason: entry.unreadable })}
        </p>
      )}
      {/* HelpCrunch's own words are quoted here: the detail lists no error entries of its own. */}
      <OutcomeExplanation entry={entry} quoteErrors />
      <PlanMarkNote id={entry.id} />
      <dl className="facts">
        <dt>{t('history.factSent')}</dt>
        <dd>{dateTime(entry.createdAt)}</dd>
        <dt>{t('history.factCustomer')}</dt>
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
            <dt>{t('history.factEventId')}</dt>
            <dd>{entry.eventId}</dd>
          </>
        )}
        {entry.eventCreatedAt !== null && (
          <>
            <dt>{t('history.factCreated')}</dt>
            <dd>{dateTime(entry.eventCreatedAt)}</dd>
          </>
        )}
        <dt>{t('history.factHttpStatus')}</dt>
        <dd>{entry.httpStatus ?? t('history.noAnswer')}</dd>
        <dt>{t('history.factAttempts')}</dt>
        <dd>
          {entry.attempts} · {duration(entry.durationMs)}
        </dd>
      </dl>
      <h4>{t('history.request')}</h4>
      <pre className="code" aria-label={t('history.requestBody')}>
        {JSON.stringify(entry.request, null, 2)}
      </pre>
      {entry.responseBody !== null && (
        <>
          <h4>{t('history.response')}</h4>
          <pre className="code" aria-label={t('history.responseBody')}>
            {prettyBody(entry.responseBody)}
          </pre>
        </>
      )}
      <div className="button-row">
        <Button className="button primary" onPress={() => onLoad(entry)}>
          {t('history.loadIntoComposer')}
        </Button>
        <Button className="button" onPress={() => again.send(entry.request)} isPending={again.mutation.isPending} isDisabled={entry.unreadable !== null}>
          {t('history.sendAgain')}
        </Button>
        {saveAs && (
          <Button className="button" onPress={() => saveAs({ existing: null, name: entry.request.name, template: entry.request.data, customer: entry.request.customer })} isDisabled={entry.unreadable !== null}>
            {t('history.saveAs')}
          </Button>
        )}
        <Button className="button" onPress={() => copy(JSON.stringify(entry.request, null, 2), t('history.copiedJson'))}>
          {t('history.copyJson')}
        </Button>
        <Button className="button" onPress={() => copy(toCurl(baseUrl, entry.request), t('history.copiedCurlBash'))}>
          {t('history.copyCurlBash')}
        </Button>
        <Button className="button" onPress={() => copy(toPowerShellCurl(baseUrl, entry.request), t('history.copiedCurlPowerShell'))}>
          {t('history.copyCurlPowerShell')}
        </Button>
      </div>
      <p className="muted small" role="status" data-testid="detail-status">
        {again.mutation.data
          ? t('history.sentAgain', { outcome: outcomeWords(t, again.mutation.data, locale), event: again.mutation.data.eventId === null ? 'none' : String(again.mutation.data.eventId), ...againMessage(explainOutcome(t, locale, again.mutation.data)?.text) })
          : again.mutation.error && again.duplicate === null && again.mutation.error.message !== '' && !again.mutation.isPending
            ? words(again.mutation.error).message
            : copied}
      </p>
      {again.dialog}
    </section>
  );
}

/** The explanation of a send made again, for the status line's `{hasMessage}`/`{message}`. */
function againMessage(text: string | undefined): { hasMessage: 'yes' | 'no'; message: string } {
  return text ? { hasMessage: 'yes', message: text } : { hasMessage: 'no', message: '' };
}
