import { Button } from 'react-aria-components';
import { useIntl } from 'react-intl';
import type { HistoryEntry } from '../../../../shared/history.ts';
import { prettyBody, useFormat } from '../../format.ts';
import { useFailureWords, type WordedFailure } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { outcomeWords } from '../history/outcome-words.ts';
import type { FailureTitle } from '../sending/send-state.ts';
import { explainOutcome } from './outcome-explanation.ts';
import { OutcomeExplanation } from './outcome-message.tsx';
import { QueuedNotice } from './queued-notice.tsx';

export type ResponseState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; entry: HistoryEntry & { outboxId?: number | null } }
  | { kind: 'failed'; message: string; maybeLanded?: boolean; title?: FailureTitle; failure?: WordedFailure };

interface ResponsePanelProps {
  state: ResponseState;
  onOpenSettings: () => void;
}

/** What HelpCrunch answered to the last send, in words first and raw body second. */
export function ResponsePanel({ state, onOpenSettings }: ResponsePanelProps) {
  const t = useT();
  return (
    <section className="response-panel" aria-labelledby="response-title" aria-live="polite" data-testid="response-panel">
      <h2 id="response-title">{t('response.title')}</h2>
      <ResponseBody state={state} onOpenSettings={onOpenSettings} />
    </section>
  );
}

function ResponseBody({ state, onOpenSettings }: ResponsePanelProps) {
  const t = useT();
  const words = useFailureWords();
  switch (state.kind) {
    case 'idle':
      return <p className="muted empty">{t('response.idle')}</p>;
    case 'sending':
      return (
        <p className="notice sending" role="status">
          <span className="spinner" aria-hidden="true" /> {t('response.sending')}
        </p>
      );
    case 'failed':
      return (
        <div className="notice error" role="alert" data-outcome={state.maybeLanded ? 'unknown' : 'failed'}>
          {/* "Not sent" only when it provably was not: an answer that could not be recorded may have landed. */}
          <strong>{t(state.title ?? 'sending.notSent')}</strong> {state.failure ? words(state.failure).message : state.message}
        </div>
      );
    case 'done':
      return <Outcome entry={state.entry} onOpenSettings={onOpenSettings} />;
  }
}

function Outcome({ entry, onOpenSettings }: { entry: HistoryEntry & { outboxId?: number | null }; onOpenSettings: () => void }) {
  const t = useT();
  const { locale } = useIntl();
  const format = useFormat();
  const success = entry.outcome === 'sent';
  if (entry.outboxId !== null && entry.outboxId !== undefined) return <QueuedNotice outboxId={entry.outboxId} reason={explainOutcome(t, locale, entry)?.text ?? entry.message} />;
  return (
    <div className={`notice ${success ? 'success' : 'error'}`} role={success ? 'status' : 'alert'} data-outcome={entry.outcome}>
      <p className="outcome-title">
        <strong>{success ? t('response.eventCreated') : outcomeWords(t, entry, locale)}</strong>
        {entry.httpStatus !== null && <span className="status-code">HTTP {entry.httpStatus}</span>}
      </p>
      {success ? (
        <dl className="facts">
          <dt>{t('response.eventId')}</dt>
          <dd data-testid="event-id">{entry.eventId}</dd>
          <dt>{t('response.created')}</dt>
          <dd>{entry.eventCreatedAt === null ? t('response.notGiven') : format.dateTime(entry.eventCreatedAt)}</dd>
          <dt>{t('response.customer')}</dt>
          <dd>{entry.request.customer}</dd>
        </dl>
      ) : (
        <OutcomeExplanation entry={entry} />
      )}
      {entry.errors.length > 0 && !success && (
        <ul className="api-errors" aria-label={t('response.apiErrors')}>
          {entry.errors.map((item, index) => (
            <li key={index}>
              {item.code && <code>{item.code}</code>} {item.message}
            </li>
          ))}
        </ul>
      )}
      {entry.outcome === 'unauthorized' && (
        <Button className="button" onPress={onOpenSettings}>
          {t('response.openSettings')}
        </Button>
      )}
      <p className="muted small">
        {t('response.attempts', { count: entry.attempts })} · {format.duration(entry.durationMs)}
      </p>
      {entry.responseBody !== null && (
        <details>
          <summary>{t('response.raw')}</summary>
          <pre className="code">{prettyBody(entry.responseBody)}</pre>
        </details>
      )}
    </div>
  );
}
