import { useState } from 'react';
import { Button, Checkbox, Dialog, Heading, Label, Modal, ModalOverlay, TextArea, TextField, FieldError } from 'react-aria-components';
import { asCustomerId } from '../../../../shared/customer.ts';
import type { Plan } from '../../../../shared/jobs.ts';
import type { SavedEvent } from '../../../../shared/saved-events.ts';
import { useLibraryActions } from '../../api/library-hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

const MAX_CUSTOMERS = 10_000;

/** One saved event for many customers: paste ids (one per line, or a CSV column) → a replay job's plan. */
export function SendManyDialog({ saved, inputs, onClose, onPlanned }: { saved: SavedEvent | null; inputs: Record<string, string>; onClose: () => void; onPlanned: (plan: Plan) => void }) {
  const t = useT();
  const words = useFailureWords();
  const [text, setText] = useState('');
  const [sendDuplicates, setSendDuplicates] = useState(false);
  const { sendMany } = useLibraryActions();
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const ids = tokens.map(asCustomerId);
  const bad = tokens.filter((_token, index) => ids[index] === null);
  const valid = [...new Set(ids.filter((id): id is number => id !== null))];
  const error = bad.length > 0 ? t('library.notCustomerIds', { ids: `${bad.slice(0, 5).join(', ')}${bad.length > 5 ? '…' : ''}` }) : valid.length > MAX_CUSTOMERS ? t('library.tooManyCustomers', { max: MAX_CUSTOMERS }) : undefined;
  return (
    <ModalOverlay className="modal-overlay" isOpen={saved !== null} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('library.sendManyTitle', { title: saved?.title ?? '' })}</Heading>
          <p className="muted">{t('library.sendManyIntro')}</p>
          <TextField className="field" value={text} onChange={setText} isInvalid={!!error} autoFocus>
            <Label>{t('library.customerIds')}</Label>
            <TextArea rows={6} />
            <FieldError>{error}</FieldError>
          </TextField>
          <Checkbox className="checkbox spaced" isSelected={sendDuplicates} onChange={setSendDuplicates}>
            {t('library.alsoSendDuplicates')}
          </Checkbox>
          {sendMany.error && <p className="notice error" role="alert">{words(sendMany.error).message}</p>}
          <div className="button-row end">
            <Button className="button" onPress={onClose}>
              {t('action.cancel')}
            </Button>
            <Button
              className="button primary"
              isDisabled={!!error || valid.length === 0}
              isPending={sendMany.isPending}
              onPress={() => saved && sendMany.mutate({ id: saved.id, customers: valid, inputs, sendDuplicates }, { onSuccess: (plan) => { onPlanned(plan); onClose(); } })}
            >
              {t('library.planFor', { count: valid.length })}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
