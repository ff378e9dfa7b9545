import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { BODY_MAX_BYTES, bodyBytes, checkDraft, parseDataText, type DraftField, type HelpCrunchEvent } from '../../../../shared/event.ts';
import { CustomerPicker } from '../customers/customer-picker.tsx';
import type { ComposerDraft } from './use-draft.ts';
import { useEventNames } from '../../api/history-hooks.ts';
import { sendState } from '../sending/send-state.ts';
import { useGuardedSend } from '../sending/use-guarded-send.tsx';
import { useProductionConfirm } from '../profiles/use-production-confirm.tsx';
import { modKey, useFormat, type WindowFormat } from '../../format.ts';
import { useT } from '../../i18n/use-t.ts';
import { ResponsePanel, type ResponseState } from '../response/response-panel.tsx';
import { DataEditor } from './data-editor.tsx';
import { useDataShape } from '../../api/library-hooks.ts';
import { shapeWarnings } from '../../../../shared/shape.ts';
import type { PlanCheck } from '../../../../shared/plan.ts';
import { PlanAskDialog } from '../plan/plan-ask-dialog.tsx';
import { usePlanVerdict, violationText } from './use-plan-verdict.ts';

interface ComposerProps {
  draft: ComposerDraft;
  onDraftChange: (draft: ComposerDraft) => void;
  onOpenSettings: () => void;
  /** Save as… (Ctrl/Cmd+S): the draft becomes a saved event. */
  onSaveAs: () => void;
  hasKey: boolean;
}

/** Name, customer and data of one event, checked as typed; sends with the button or Ctrl/Cmd+Enter. */
export function Composer({ draft, onDraftChange, onOpenSettings, onSaveAs, hasKey }: ComposerProps) {
  const t = useT();
  const format = useFormat();
  const guarded = useGuardedSend();
  const production = useProductionConfirm();
  const shape = useDataShape(draft.name);
  const send = guarded.mutation;
  const eventNames = useEventNames();
  const [touched, setTouched] = useState<Partial<Record<DraftField, boolean>>>({});
  const [attempted, setAttempted] = useState(false);
  const inFlight = useRef(false);
  // The plan is asked once more right before a send: a second Ctrl+Enter meanwhile does nothing.
  const checking = useRef(false);
  const plan = usePlanVerdict(draft.name, draft.data);
  const [askPlan, setAskPlan] = useState<{ event: HelpCrunchEvent; check: PlanCheck } | null>(null);
  const more = (count: number) => t('composer.planMore', { count });
  const planBlocked = plan.check?.verdict === 'block' ? t('composer.planBlocked', { violations: violationText(plan.check, more) }) : null;
  const check = useMemo(() => checkDraft(draft), [draft]);
  const errors = check.ok ? {} : check.errors;
  const shown = (field: DraftField) => (touched[field] || attempted ? errors[field] : undefined);

  const edit = (field: DraftField, value: string) => {
    setTouched((current) => ({ ...current, [field]: true }));
    onDraftChange({ ...draft, [field]: value });
  };

  const sendNow = (event: HelpCrunchEvent, againstPlan: boolean) => {
    // A double activation of a confirm button: the first send is already going.
    if (inFlight.current) return;
    // In a production profile this asks first; otherwise it sends at once (and synchronously marks
    // the send in flight, so a second Ctrl+Enter cannot send twice).
    production.guard(() => {
      inFlight.current = true;
      guarded.send(event, { againstPlan, onSettled: () => (inFlight.current = false) });
    });
  };

  const submit = () => {
    setAttempted(true);
    // A second Ctrl+Enter while the first send is in flight must not send twice.
    if (!check.ok || inFlight.current || checking.current || !hasKey || planBlocked !== null) return;
    const event = check.event;
    const asking = plan.checkNow();
    if (!asking) return sendNow(event, false);
    checking.current = true;
    // The freshest verdict decides: a block stays (shown, not sent); a warning asks "Send against the plan?".
    asking.then(
      (verdict) => {
        checking.current = false;
        if (verdict.verdict === 'warn') setAskPlan({ event, check: verdict });
        else if (verdict.verdict === 'ok') sendNow(event, false);
      },
      // The check could not be asked: main still refuses a block itself, but a warning would go
      // unasked, so the person decides, told why (never sent without asking).
      (error: Error) => {
        checking.current = false;
        setAskPlan({ event, check: { verdict: 'warn', definition: null, violations: [{ path: event.name, message: t('composer.planCheckFailed', { detail: error.message }) }] } });
      },
    );
  };

  const onKeyDownCapture = (event: KeyboardEvent) => {
    // Capture phase, so Monaco never sees Ctrl+Enter (its own binding inserts a line).
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      submit();
    }
  };

  const shapeNotes = useMemo(() => {
    const data = parseDataText(draft.data);
    return shape.data && data.ok ? shapeWarnings(shape.data, data.value) : [];
  }, [shape.data, draft.data]);
  const blockers = Object.values(errors);
  const reason = !hasKey ? t('composer.needKeyReason') : blockers.length > 0 ? blockers.join(' ') : planBlocked;
  const bytes = useMemo(() => {
    if (check.ok) return check.bytes;
    // Show the size as soon as the data parses, even while other fields are still empty.
    const data = parseDataText(draft.data);
    return data.ok ? bodyBytes({ name: draft.name.trim(), customer: Number(draft.customer) || 0, data: data.value }) : null;
  }, [check, draft]);
  const state: ResponseState = sendState(send);

  return (
    <div className="composer-column">
      <section className="composer" aria-labelledby="composer-title" onKeyDownCapture={onKeyDownCapture}>
        <h2 id="composer-title">{t('composer.title')}</h2>
        {!hasKey && (
          <div className="notice warning" role="note">
            {t('composer.needKey')}{' '}
            <Button className="link-button" onPress={onOpenSettings}>
              {t('composer.addKey')}
            </Button>
          </div>
        )}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <div className="field-row">
            <TextField className="field grow" value={draft.name} onChange={(value) => edit('name', value)} isInvalid={!!shown('name')} autoFocus>
              <Label>{t('composer.eventName')}</Label>
              <Input placeholder={t('composer.eventNamePlaceholder')} maxLength={1000} list="event-name-suggestions" autoComplete="off" />
              <Text slot="description">{t('composer.eventNameHelp')}</Text>
              <FieldError>{shown('name')}</FieldError>
            </TextField>
          </div>
          <datalist id="event-name-suggestions">
            {(eventNames.data ?? []).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <CustomerPicker
            value={draft.customer}
            selected={draft.customerCard}
            error={attempted || looksLikeId(draft.customer) ? shown('customer') : undefined}
            onOpenSettings={onOpenSettings}
            onChange={(customer, customerCard) => {
              setTouched((current) => ({ ...current, customer: customer !== '' || current.customer === true }));
              onDraftChange({ ...draft, customer, customerCard });
            }}
          />
          <div className="field data-field">
            <span className="label" id="data-label">
              {t('composer.data')} <span className="muted">{t('composer.dataKind')}</span>
            </span>
            <DataEditor value={draft.data} onChange={(value) => edit('data', value)} invalid={!!shown('data')} describedBy="data-help data-error shape-warnings plan-verdict" shape={shape.data} plan={plan.check ?? undefined} />
            <p className="field-help" id="data-help">
              {bytes === null ? t('composer.bodyLimit', { limit: BODY_MAX_BYTES / 1024 }) : t('composer.bodySize', bodySize(bytes, format))}
            </p>
            {shapeNotes.length > 0 && (
              <ul className="shape-warnings muted small" id="shape-warnings" data-testid="shape-warnings" aria-label={t('composer.shapeWarnings')}>
                {shapeNotes.map((note) => (
                  <li key={note.key}>{note.message}</li>
                ))}
              </ul>
            )}
            {plan.check && plan.check.verdict !== 'ok' && (
              <p className={`plan-verdict ${plan.check.verdict}`} id="plan-verdict" data-testid="plan-verdict" aria-live="polite">
                {plan.check.verdict === 'block' ? planBlocked : t('composer.planWarns', { violations: violationText(plan.check, more) })}
              </p>
            )}
            {shown('data') && (
              <p className="field-error" id="data-error" data-testid="data-error">
                {shown('data')}
              </p>
            )}
          </div>
          <div className="send-row">
            <Button type="submit" className="button primary" isDisabled={reason !== null} isPending={send.isPending} aria-describedby="send-reason">
              {send.isPending ? t('composer.sending') : t('action.sendEvent')}
            </Button>
            <kbd className="shortcut" aria-hidden="true">
              {modKey}+Enter
            </kbd>
            <Button className="button" onPress={onSaveAs} isDisabled={!!errors.name || !!errors.data} aria-keyshortcuts={modKey === '⌘' ? 'Meta+S' : 'Control+S'}>
              {t('composer.saveAs')} <kbd className="shortcut">{modKey}+S</kbd>
            </Button>
            <p id="send-reason" className="send-reason" data-testid="send-reason">
              {reason ?? t('composer.ready')}
            </p>
          </div>
        </form>
      </section>
      <ResponsePanel state={state} onOpenSettings={onOpenSettings} />
      {guarded.dialog}
      {production.dialog}
      <PlanAskDialog
        ask={askPlan ? { name: askPlan.event.name, check: askPlan.check } : null}
        onCancel={() => setAskPlan(null)}
        onConfirm={() => {
          const current = askPlan!;
          setAskPlan(null);
          sendNow(current.event, true);
        }}
      />
    </div>
  );
}

/** Text that is meant as an id (digits, signs, dots), as opposed to a search still being typed. */
function looksLikeId(text: string): boolean {
  return /^[-+\d.eE\s]*\d[-+\d.eE\s]*$/.test(text);
}

/** The message arguments of "Request body: 812 bytes of 64 KiB." / "…: 1.5 KiB of 64 KiB." (one decimal, like toFixed(1)). */
function bodySize(bytes: number, format: WindowFormat) {
  const small = bytes < 1024;
  return { unit: small ? 'bytes' : 'kib', bytes: small ? bytes : 0, size: small ? String(bytes) : format.tenths(bytes / 1024), limit: BODY_MAX_BYTES / 1024 };
}
