import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { OutboxItem, OutboxState } from '../../../../shared/outbox.ts';
import { useOutbox, useOutboxActions } from '../../api/outbox-hooks.ts';
import { useFormat } from '../../format.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { outboxReasonWords } from './outbox-reason-words.ts';

/** Each state's words (src/shared's OUTBOX_STATE_LABELS are the CLI's English ones). */
const STATE_LABELS: Record<OutboxState, MessageKey> = {
  queued: 'outbox.stateQueued',
  sending: 'outbox.stateSending',
  unknown: 'outbox.stateUnknown',
  rejected: 'outbox.stateRejected',
};

/** What waits to be sent because HelpCrunch could not be reached: send now, load to edit, remove (with undo). */
export function OutboxDialog({ isOpen, onClose, onLoad }: { isOpen: boolean; onClose: () => void; onLoad: (item: OutboxItem) => void }) {
  const t = useT();
  const words = useFailureWords();
  const { locale } = useIntl();
  const format = useFormat();
  const outbox = useOutbox();
  const actions = useOutboxActions();
  const [removed, setRemoved] = useState<OutboxItem | null>(null);
  const items = outbox.data ?? [];
  const error = [actions.sendNow, actions.remove, actions.undo, actions.resolve].find((mutation) => mutation.error)?.error;
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal wide-modal">
        <Dialog className="dialog" data-testid="outbox-dialog">
          <Heading slot="title">{t('outbox.title')}</Heading>
          <p className="muted">{t('outbox.intro')}</p>
          {items.length === 0 && <p className="muted empty">{t('outbox.empty')}</p>}
          <ul className="library-list">
            {items.map((item) => (
              <li key={item.id} className="library-item" data-testid="outbox-item" data-state={item.state}>
                <div className="library-item-text">
                  <strong>
                    {item.event.name} → #{item.event.customer}
                  </strong>
                  <span className="muted small">
                    {t(STATE_LABELS[item.state])} · {t('outbox.logged', { when: format.dateTime(item.createdAt) })} · {t('response.attempts', { count: item.attempts })}
                    {item.state === 'queued' && ` · ${t('outbox.nextTry', { when: format.dateTime(item.nextAttemptAt) })}`}
                  </span>
                  {item.lastError && <span className="small">{outboxReasonWords(t, locale, words, item)}</span>}
                </div>
                <div className="button-row">
                  {item.state === 'unknown' && (
                    <>
                      <Button className="button" onPress={() => actions.resolve.mutate({ id: item.id, decision: 'resend' })}>
                        {t('sending.sendAgain')}
                      </Button>
                      <Button className="button" onPress={() => actions.resolve.mutate({ id: item.id, decision: 'delivered' })}>
                        {t('outbox.countDelivered')}
                      </Button>
                    </>
                  )}
                  <Button className="button" onPress={() => { onLoad(item); actions.remove.mutate(item.id); onClose(); }} isDisabled={item.state === 'sending'}>
                    {t('outbox.edit')}
                  </Button>
                  <Button className="button danger-outline" onPress={() => actions.remove.mutate(item.id, { onSuccess: () => setRemoved(item) })} isDisabled={item.state === 'sending'} aria-label={t('outbox.removeLabel', { name: item.event.name, customer: String(item.event.customer) })}>
                    {t('outbox.remove')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
          {removed && (
            <p className="notice warning" role="status">
              {t('outbox.removed', { name: removed.event.name })}{' '}
              <Button className="link-button" onPress={() => actions.undo.mutate(removed.id, { onSuccess: () => setRemoved(null) })}>
                {t('outbox.undo')}
              </Button>
            </p>
          )}
          {actions.sendNow.data !== undefined && <p className="notice success" role="status">{t('outbox.delivered', { count: actions.sendNow.data })}</p>}
          {error && <p className="notice error" role="alert">{words(error).message}</p>}
          <div className="button-row end">
            <Button className="button" onPress={onClose}>
              {t('action.close')}
            </Button>
            <Button className="button primary" onPress={() => actions.sendNow.mutate()} isDisabled={!items.some((item) => item.state === 'queued')} isPending={actions.sendNow.isPending}>
              {t('outbox.sendNow')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
