import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { checkDraft } from '../../../../shared/event.ts';
import type { SavedEvent } from '../../../../shared/saved-events.ts';
import { resolveTemplate } from '../../../../shared/template.ts';
import { ApiError } from '../../api/api-context.tsx';
import { useSendSaved } from '../../api/library-hooks.ts';
import { ConfirmDialog } from '../../app/confirm-dialog.tsx';
import { modKey } from '../../format.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import type { ComposerDraft } from '../composer/use-draft.ts';
import { CustomerPicker } from '../customers/customer-picker.tsx';
import { ResponsePanel } from '../response/response-panel.tsx';
import { FieldInputs } from './field-inputs.tsx';
import { initialInputs } from './form-template.ts';
import { StarterOffer } from './starter-offer.tsx';
import { useProductionConfirm } from '../profiles/use-production-confirm.tsx';
import { sendState } from '../sending/send-state.ts';
import { useDefinitionSummary, useSavedPlanCheck, useSavedPlanCheckNow, useSettled } from '../../api/plan-hooks.ts';
import type { PlanCheck } from '../../../../shared/plan.ts';
import { PlanAskDialog } from '../plan/plan-ask-dialog.tsx';
import { violationText } from '../composer/use-plan-verdict.ts';
import { planChoicesFor } from './plan-fields.ts';

// Keyboard shortcuts are the same in every language.
const SEND_SHORTCUT = `${modKey}+Enter`;
const OPEN_SHORTCUT = `${modKey}+P`;

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
  const t = useT();
  const failure = useFailureWords();
  const send = useSendSaved();
  const production = useProductionConfirm();
  const [attempted, setAttempted] = useState(false);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const inFlight = useRef(false);
  // The plan is asked once more right before a send: a second Ctrl+Enter meanwhile does nothing.
  const checking = useRef(false);
  // Whether the send under way was confirmed against the plan (a "send again" after it keeps that answer).
  const againstPlan = useRef(false);
  const [askPlan, setAskPlan] = useState<{ name: string; check: PlanCheck } | null>(null);
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
      uuid: () => t('library.previewUuid'),
      customer: customerId === null ? null : { id: customerId, email: draft.customerCard?.email ?? null, name: draft.customerCard?.name ?? null, userId: draft.customerCard?.userId ?? null },
      inputs: values,
    });
  }, [event, values, customerId, draft.customerCard, now, t]);
  const problems = preview && !preview.ok ? preview.problems.map((problem) => problem.message) : [];
  const sendable = problems.every((message) => message.startsWith('HelpCrunch has no'));
  // What the plan says about the event main would make of this form (main resolves it from the stored
  // template, as the send will), asked once typing pauses; the send asks again right before it goes.
  const checkKey = event && customerId !== null && sendable ? JSON.stringify({ id: event.id, customer: customerId, inputs: values }) : null;
  const settledKey = useSettled(checkKey);
  const settledInput = useMemo(() => (settledKey === null ? null : (JSON.parse(settledKey) as { id: number; customer: number; inputs: Record<string, string> })), [settledKey]);
  const planCheck = useSavedPlanCheck(settledInput);
  const checkNow = useSavedPlanCheckNow();
  // A verdict about a form that can no longer be sent (no customer, a field main would refuse) is not shown.
  const verdict = checkKey !== null && settledInput && planCheck.data ? planCheck.data : null;
  const more = (count: number) => t('composer.planMore', { count });
  const planBlocked = verdict?.verdict === 'block' ? t('composer.planBlocked', { violations: violationText(verdict, more) }) : null;
  const definition = useDefinitionSummary(event?.name ?? null);
  const planChoices = useMemo(() => (event ? planChoicesFor(event.fields, event.template, definition.data) : {}), [event, definition.data]);
  const blocker = !hasKey ? t('library.needKey') : !event ? t('library.chooseSavedEvent') : customerId === null ? t('library.chooseCustomer') : planBlocked;

  const submit = (again = false, confirmed: boolean | null = null) => {
    setAttempted(true);
    if (blocker || !event || customerId === null || inFlight.current || checking.current) return;
    if (!sendable) return;
    const input = { id: event.id, customer: customerId, inputs: values };
    // A first send asks the plan now (never a verdict one pause old); "send again" and a confirmed
    // warning were asked already, and main checks once more inside the send whatever the window says.
    if (!again && confirmed === null) {
      checking.current = true;
      checkNow(input).then(
        (check) => {
          checking.current = false;
          if (check.verdict === 'warn') setAskPlan({ name: event.name, check });
          else if (check.verdict === 'ok') submit(false, false);
          // A block: the live verdict shows it (Send disabled with the rule's words); nothing is sent.
          else void planCheck.refetch();
        },
        (error: Error) => {
          checking.current = false;
          // The form cannot be resolved (a field main refuses): the send would be refused with the same words, before anything is written.
          if (error instanceof ApiError && error.code === 'invalid_input') return submit(false, false);
          // The check could not be asked: main still refuses a block itself, but a warning would go unasked, so the person decides, told why.
          setAskPlan({ name: event.name, check: { verdict: 'warn', definition: null, violations: [{ path: event.name, message: t('composer.planCheckFailed', { detail: error.message }) }] } });
        },
      );
      return;
    }
    if (confirmed !== null) againstPlan.current = confirmed;
    const go = () => {
      inFlight.current = true;
      send.mutate(
      { ...input, again, ...(againstPlan.current ? { againstPlan: true } : {}) },
      {
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'duplicate') setDuplicate(failure(error).message);
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
        <h2 id="quick-log-title">{t('library.quickLog')}</h2>
        {saved.length === 0 ? (
          <StarterOffer />
        ) : (
          <>
            <Select className="field" selectedKey={selectedId} onSelectionChange={(key) => { onSelect(key === null ? null : Number(key)); onInputs({}); setAttempted(false); send.reset(); }} placeholder={t('library.chooseSavedPlaceholder')}>
              <Label>{t('library.savedEventLabel', { shortcut: OPEN_SHORTCUT })}</Label>
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
            <CustomerPicker value={draft.customer} selected={draft.customerCard} error={attempted && customerId === null ? t('library.customerError') : undefined} onOpenSettings={onOpenSettings} onChange={(text, card) => onDraftChange({ ...draft, customer: text, customerCard: card })} />
            {event && <FieldInputs fields={event.fields} values={values} onChange={onInputs} attempted={attempted} planChoices={planChoices} />}
            {verdict && verdict.verdict === 'warn' && (
              <p className="plan-verdict warn" data-testid="quick-log-plan" aria-live="polite">
                {t('composer.planWarns', { violations: violationText(verdict, more) })}
              </p>
            )}
            {event && (
              <details className="preview">
                <summary>{t('library.preview')}</summary>
                {preview?.ok ? <pre className="code" aria-label={t('library.previewLabel')}>{JSON.stringify({ name: event.name, customer: customerId, data: preview.data }, null, 2)}</pre> : <ul className="field-error">{problems.map((message) => <li key={message}>{message}</li>)}</ul>}
              </details>
            )}
            <div className="send-row">
              <Button className="button primary" onPress={() => submit()} isDisabled={blocker !== null} isPending={send.isPending}>
                {send.isPending ? t('library.sending') : event ? t('library.logEvent', { name: event.name }) : t('library.send')}
              </Button>
              <kbd className="shortcut" aria-hidden="true">
                {SEND_SHORTCUT}
              </kbd>
              {event && (
                <Button className="button" onPress={() => onSendMany(event)}>
                  {t('library.sendToMany')}
                </Button>
              )}
              <p className="send-reason" data-testid="quick-log-reason">{blocker ?? (attempted && problems.length > 0 ? problems[0] : t('library.ready'))}</p>
            </div>
          </>
        )}
      </section>
      <ResponsePanel state={state} onOpenSettings={onOpenSettings} />
      <ConfirmDialog
        isOpen={duplicate !== null}
        title={t('library.againTitle')}
        message={t('library.againMessage', { reason: duplicate ?? '' })}
        confirmLabel={t('library.sendAgain')}
        onCancel={() => { setDuplicate(null); send.reset(); }}
        onConfirm={() => { setDuplicate(null); submit(true); }}
      />
      {production.dialog}
      <PlanAskDialog
        ask={askPlan}
        onCancel={() => setAskPlan(null)}
        onConfirm={() => {
          setAskPlan(null);
          submit(false, true);
        }}
      />
    </div>
  );
}
