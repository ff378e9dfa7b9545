import { useMemo, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { Customer } from '../../../../shared/customer.ts';
import { EMPTY_FILTER, type HistoryEntry } from '../../../../shared/history.ts';
import { useHistoryCount } from '../../api/history-hooks.ts';
import { useFormat } from '../../format.ts';
import { useT, type Translate } from '../../i18n/use-t.ts';
import { useIntl } from 'react-intl';
import { explainOutcome } from '../response/outcome-explanation.ts';
import { OutcomeBadge } from '../history/outcome-badge.tsx';
import { useCustomerTimeline } from './use-customer-timeline.ts';
import './customer-timeline.css';

/** Who a timeline is about: the id always, a name and email when Event Desk has seen them. */
export type TimelineCustomer = Pick<Customer, 'id' | 'name' | 'email'>;

/** The data shown on one line of a timeline entry; the whole of it is in History. */
const DATA_PREVIEW_MAX = 140;

/** The customer's name, else their email, else their id: what the timeline is titled with. */
export function timelineName(customer: TimelineCustomer, t: Translate): string {
  return customer.name?.trim() || customer.email?.trim() || t('customers.numbered', { id: String(customer.id) });
}

interface TimelineButtonProps {
  customer: TimelineCustomer;
  /** "Log another": the customer is (or becomes) the composer's, and the user goes on from there. */
  onLogAnother: () => void;
}

/** "Timeline" on a customer card: opens the customer's timeline; closing it brings focus back here. */
export function TimelineButton({ customer, onLogAnother }: TimelineButtonProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button className="button" aria-label={t('customers.timelineOf', { name: timelineName(customer, t) })} onPress={() => setOpen(true)}>
        {t('customers.timeline')}
      </Button>
      {/* Mounted only while open: a closed timeline reads nothing. */}
      {open && (
        <CustomerTimeline
          customer={customer}
          isOpen
          onClose={() => setOpen(false)}
          onLogAnother={() => {
            setOpen(false);
            // After the dialog has gone and given focus back to its button: the next step takes it from there.
            requestAnimationFrame(() => requestAnimationFrame(onLogAnother));
          }}
        />
      )}
    </>
  );
}

interface CustomerTimelineProps {
  customer: TimelineCustomer;
  isOpen: boolean;
  onClose: () => void;
  onLogAnother: () => void;
}

/**
 * Every event this account sent to one customer, newest first, with what became of each: what a
 * support agent reads before logging the next one. Escape or Close shuts it.
 */
export function CustomerTimeline({ customer, isOpen, onClose, onLogAnother }: CustomerTimelineProps) {
  const t = useT();
  const format = useFormat();
  const name = timelineName(customer, t);
  const pages = useCustomerTimeline(customer.id, isOpen);
  const total = useHistoryCount({ ...EMPTY_FILTER, customer: customer.id });
  const entries = useMemo(() => pages.data?.pages.flatMap((page) => page.entries) ?? [], [pages.data]);
  const who = [customer.email && customer.email !== name ? customer.email : null, t('customers.id', { id: String(customer.id) })].filter(Boolean).join(' · ');
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal wide-modal">
        <Dialog className="dialog customer-timeline" data-testid="customer-timeline">
          <Heading slot="title">{t('customers.timelineTitle', { name })}</Heading>
          <p className="muted">
            {t('customers.timelineIntro', { name, who })}
            {total.data !== undefined && total.data > 0 && ` ${t('customers.timelineTotal', { count: total.data })}`}
          </p>
          {pages.isPending && <p className="muted">{t('common.loading')}</p>}
          {pages.isError && (
            <p className="notice error" role="alert">
              {t('customers.timelineUnreadable', { reason: pages.error.message })}
            </p>
          )}
          {pages.isSuccess && entries.length === 0 && <p className="muted empty">{t('customers.timelineEmpty', { name })}</p>}
          {entries.length > 0 && (
            <ol className="timeline-list" aria-label={t('customers.timelineList', { name })}>
              {entries.map((entry) => (
                <TimelineEntry key={entry.id} entry={entry} dateTime={format.dateTime} />
              ))}
            </ol>
          )}
          {pages.hasNextPage && (
            <Button className="button" onPress={() => void pages.fetchNextPage()} isPending={pages.isFetchingNextPage}>
              {t('customers.showOlder')}
            </Button>
          )}
          <div className="button-row end">
            <Button className="button" onPress={onClose}>
              {t('action.close')}
            </Button>
            <Button className="button primary" aria-label={t('customers.logAnotherFor', { name })} onPress={onLogAnother} autoFocus>
              {t('customers.logAnother')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function TimelineEntry({ entry, dateTime }: { entry: HistoryEntry; dateTime: (ms: number) => string }) {
  const t = useT();
  const { locale } = useIntl();
  const explanation = explainOutcome(t, locale, entry);
  const facts = [entry.eventId !== null ? t('customers.eventNumber', { id: String(entry.eventId) }) : null, entry.httpStatus !== null ? `HTTP ${entry.httpStatus}` : null, entry.attempts > 1 ? t('response.attempts', { count: entry.attempts }) : null].filter(Boolean).join(' · ');
  const data = JSON.stringify(entry.request.data);
  return (
    <li className="timeline-entry" data-testid="timeline-entry" data-outcome={entry.outcome}>
      <time className="timeline-when muted small" dateTime={new Date(entry.createdAt).toISOString()}>
        {dateTime(entry.createdAt)}
      </time>
      <div className="timeline-what">
        <div className="timeline-title">
          <strong>{entry.request.name}</strong>
          <OutcomeBadge outcome={entry.outcome} disposition={entry.disposition} unreadable={entry.unreadable !== null} outbox={entry.outbox} />
        </div>
        {facts && <span className="muted small">{facts}</span>}
        {explanation && <span className="small">{explanation.text}</span>}
        {data !== '{}' && <code className="timeline-data small">{data.length > DATA_PREVIEW_MAX ? `${data.slice(0, DATA_PREVIEW_MAX)}…` : data}</code>}
      </div>
    </li>
  );
}
