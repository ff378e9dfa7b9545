import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { OUTBOX_STATE_LABELS, type OutboxItem } from '../../../../shared/outbox.ts';
import { useOutbox, useOutboxActions } from '../../api/outbox-hooks.ts';
import { formatDateTime } from '../../format.ts';

/** What waits to be sent because HelpCrunch could not be reached: send now, load to edit, remove (with undo). */
export function OutboxDialog({ isOpen, onClose, onLoad }: { isOpen: boolean; onClose: () => void; onLoad: (item: OutboxItem) => void }) {
  const outbox = useOutbox();
  const actions = useOutboxActions();
  const [removed, setRemoved] = useState<OutboxItem | null>(null);
  const items = outbox.data ?? [];
  const error = [actions.sendNow, actions.remove, actions.undo, actions.resolve].find((mutation) => mutation.error)?.error;
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal wide-modal">
        <Dialog className="dialog" data-testid="outbox-dialog">
          <Heading slot="title">Outbox</Heading>
          <p className="muted">Sends that could not reach HelpCrunch (offline, or HelpCrunch busy). They go by themselves, oldest first, as soon as it can be reached; nothing here was sent.</p>
          {items.length === 0 && <p className="muted empty">The outbox is empty.</p>}
          <ul className="library-list">
            {items.map((item) => (
              <li key={item.id} className="library-item" data-testid="outbox-item" data-state={item.state}>
                <div className="library-item-text">
                  <strong>
                    {item.event.name} → #{item.event.customer}
                  </strong>
                  <span className="muted small">
                    {OUTBOX_STATE_LABELS[item.state]} · logged {formatDateTime(item.createdAt)} · {item.attempts} attempt{item.attempts === 1 ? '' : 's'}
                    {item.state === 'queued' && ` · next try ${formatDateTime(item.nextAttemptAt)}`}
                  </span>
                  {item.lastError && <span className="small">{item.lastError}</span>}
                </div>
                <div className="button-row">
                  {item.state === 'unknown' && (
                    <>
                      <Button className="button" onPress={() => actions.resolve.mutate({ id: item.id, decision: 'resend' })}>
                        Send again
                      </Button>
                      <Button className="button" onPress={() => actions.resolve.mutate({ id: item.id, decision: 'delivered' })}>
                        Count as delivered
                      </Button>
                    </>
                  )}
                  <Button className="button" onPress={() => { onLoad(item); actions.remove.mutate(item.id); onClose(); }} isDisabled={item.state === 'sending'}>
                    Edit in composer
                  </Button>
                  <Button className="button danger-outline" onPress={() => actions.remove.mutate(item.id, { onSuccess: () => setRemoved(item) })} isDisabled={item.state === 'sending'} aria-label={`Remove ${item.event.name} for #${item.event.customer}`}>
                    Remove
                  </Button>
                </div>
              </li>
            ))}
          </ul>
          {removed && (
            <p className="notice warning" role="status">
              Removed "{removed.event.name}".{' '}
              <Button className="link-button" onPress={() => actions.undo.mutate(removed.id, { onSuccess: () => setRemoved(null) })}>
                Undo
              </Button>
            </p>
          )}
          {actions.sendNow.data !== undefined && <p className="notice success" role="status">Delivered {actions.sendNow.data}.</p>}
          {error && <p className="notice error" role="alert">{error.message}</p>}
          <div className="button-row end">
            <Button className="button" onPress={onClose}>
              Close
            </Button>
            <Button className="button primary" onPress={() => actions.sendNow.mutate()} isDisabled={!items.some((item) => item.state === 'queued')} isPending={actions.sendNow.isPending}>
              Send now
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
