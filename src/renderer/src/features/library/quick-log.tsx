import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { checkDraft } from '../../../../shared/event.ts';
import type { SavedEvent } from '../../../../shared/saved-events.ts';
import { resolveTemplate } from '../../../../shared/template.ts';
import { ApiError } from '../../api/api-context.tsx';
import { useSendSaved } from '../../api/library-hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { modKey } from '../../format.ts';
import type { ComposerDraft } from '../composer/use-draft.ts';
import { CustomerPicker } from '../customers/customer-picker.tsx';
import { ResponsePanel } from '../response/response-panel.tsx';
import { FieldInputs } from './field-inputs.tsx';
import { initialInputs } from './form-template.ts';
import { StarterOffer } from './starter-offer.tsx';
import { useProductionConfirm } from '../profiles/use-production-confirm.tsx';
import { sendState } from '../sending/send-state.ts';

interface QuickLogProps {
  saved: SavedEvent[];
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  inputs: Record<string, string>;
  onInputs: (inputs: Record<string, string>) => void;
  /** The customer is shared with the JSON view, so switching keeps it. */
  draft: ComposerDraft;
  onDraftChange: (draft: ComposerDraft) => void;
  onOpenSettings: () => void;
  onSendMany: (saved: SavedEvent) => void;
  hasKey: boolean;
}

/** Pick a saved event, a customer, fill its fields, Ctrl/Cmd+Enter: no JSON on screen. */
export function QuickLog({ saved, selectedId, onSelect, inputs, onInputs, draft, onDraftChange, onOpenSettings, onSendMany, hasKey }: QuickLogProps) {
  const send = useSendSaved();
  const production = useProductionConfirm();
  const [attempted, setAttempted] = useState(false);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const inFlight = useRef(false);
  // The preview's clock: {{now}} and {{today}} as they would be now, refreshed every few seconds.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 5000);
    return () => clearInterval(timer);
  }, []);
  const event = saved.find((item) => item.id === selectedId) ?? null;
  // What the form shows and sends: each field's default (and "no" for a yes/no) until the agent
  // answers it, whichever way the event was chosen (the list, "Use", just saved).
  const values = useMemo(() => ({ ...initialInputs(event?.fields ?? []), ...inputs }), [event, inputs]);
  const customer = checkDraft({ name: 'x', customer: draft.customer, data: '{}' });
  const customerId = customer.ok ? customer.event.customer : null;
  // The preview: exactly what will be sent (main resolves it again from the stored template).
  const preview = useMemo(() => {
    if (!event) return null;
    return resolveTemplate(event.template, event.fields, {
      now,
      uuid: () => '(a new id for each send)',
      customer: customerId === null ? null : { id: customerId, email: draft.customerCard?.email ?? null, name: draft.customerCard?.name ?? null, userId: draft.customerCard?.userId ?? null },
      inputs: values,
    });
  }, [event, values, customerId, draft.customerCard, now]);
  const problems = preview && !preview.ok ? preview.problems.map((problem) => problem.message) : [];
  const blocker = !hasKey ? 'Add your HelpCrunch API key in Settings first.' : !event ? 'Choose a saved event.' : customerId === null ? 'Choose a customer.' : null;

  const submit = (again = false) => {
    setAttempted(true);
    if (blocker || !event || customerId === null || inFlight.current) return;
    if (problems.length > 0 && !problems.every((message) => message.startsWith('HelpCrunch has no'))) return;
    const go = () => {
      inFlight.current = true;
      send.mutate(
      { id: event.id, customer: customerId, inputs: values, again },
      {
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'duplicate') setDuplicate(error.message);
        },
        onSettled: () => (inFlight.current = false),
      },
    );
    };
    // A send after "send again" was already confirmed; a first send in production asks first.
    if (again) go();
    else production.guard(go);
  };
  const onKeyDownCapture = (key: KeyboardEvent) => {
    if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) {
      key.preventDefault();
      key.stopPropagation();
      submit();
    }
  };
  const state = sendState(send);

  return (
    <div className="composer-column">
      <section className="composer quick-log" aria-labelledby="quick-log-title" onKeyDownCapture={onKeyDownCapture} data-testid="quick-log">
        <h2 id="quick-log-title">Quick log</h2>
        {saved.length === 0 ? (
          <StarterOffer />
        ) : (
          <>
            <Select className="field" selectedKey={selectedId} onSelectionChange={(key) => { onSelect(key === null ? null : Number(key)); onInputs({}); setAttempted(false); send.reset(); }} placeholder="Choose a saved event…">
              <Label>Saved event ({modKey}+P to search)</Label>
              <Button className="button select-button">
                <SelectValue />
                <span aria-hidden="true">▾</span>
              </Button>
              <Popover className="popover">
                <ListBox className="select-list" items={saved}>
                  {(item) => (
                    <ListBoxItem id={item.id} className="select-option" textValue={item.title}>
                      {item.title}
                    </ListBoxItem>
                  )}
                </ListBox>
              </Popover>
            </Select>
            {event?.description && <p className="muted">{event.description}</p>}
            <CustomerPicker value={draft.customer} selected={draft.customerCard} error={attempted && customerId === null ? 'Choose a customer: search by name or email, or type their id.' : undefined} onOpenSettings={onOpenSettings} onChange={(text, card) => onDraftChange({ ...draft, customer: text, customerCard: card })} />
            {event && <FieldInputs fields={event.fields} values={values} onChange={onInputs} attempted={attempted} />}
            {event && (
              <details className="preview">
                <summary>Preview: exactly what will be sent</summary>
                {preview?.ok ? <pre className="code" aria-label="Preview of the data">{JSON.stringify({ name: event.name, customer: customerId, data: preview.data }, null, 2)}</pre> : <ul className="field-error">{problems.map((message) => <li key={message}>{message}</li>)}</ul>}
              </details>
            )}
            <div className="send-row">
              <Button className="button primary" onPress={() => submit()} isDisabled={blocker !== null} isPending={send.isPending}>
                {send.isPending ? 'Sending…' : event ? `Log "${event.name}"` : 'Send'}
              </Button>
              <kbd className="shortcut" aria-hidden="true">
                {modKey}+Enter
              </kbd>
              {event && (
                <Button className="button" onPress={() => onSendMany(event)}>
                  Send to many customers…
                </Button>
              )}
              <p className="send-reason" data-testid="quick-log-reason">{blocker ?? (attempted && problems.length > 0 ? problems[0] : 'Ready to send.')}</p>
            </div>
          </>
        )}
      </section>
      <ResponsePanel state={state} onOpenSettings={onOpenSettings} />
      <ConfirmDialog
        isOpen={duplicate !== null}
        title="Send this event again?"
        message={`${duplicate ?? ''} HelpCrunch cannot undo it: sending again creates a second event in the customer's profile.`}
        confirmLabel="Send again"
        onCancel={() => { setDuplicate(null); send.reset(); }}
        onConfirm={() => { setDuplicate(null); submit(true); }}
      />
      {production.dialog}
    </div>
  );
}
