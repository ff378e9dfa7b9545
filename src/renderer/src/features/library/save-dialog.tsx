import { useState, type ReactNode } from 'react';
import { Button, Checkbox, CheckboxGroup, Dialog, Heading, Input, Label, Modal, ModalOverlay, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import { savedEventDraftSchema, type SavedEvent } from '../../../../shared/saved-events.ts';
import { useLibraryActions } from '../../api/library-hooks.ts';
import { useDraftPlanCheck } from '../../api/plan-hooks.ts';
import { useProfiles } from '../../api/profile-hooks.ts';
import { FieldBuilder } from './field-builder.tsx';
import { fieldsFor, parseTemplateText, type FormTemplate } from './form-template.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { useValidationWords } from '../../i18n/validation-words.ts';
import { templateProblemWords } from './library-words.ts';
import { violationText } from '../composer/use-plan-verdict.ts';

/** Wraps a message's <code>…</code> part. */
const asCode = (chunks: ReactNode[]) => <code>{chunks}</code>;

export interface SaveSource {
  /** Editing an existing saved event, or saving a new one from the composer. */
  existing: SavedEvent | null;
  name: string;
  template: Record<string, unknown>;
  customer: number | null;
}

/** Save as… (Ctrl/Cmd+S), New and Edit: title, event name, who sees it, and the form the agent fills in (a builder; the JSON stays in step). */
export function SaveDialog({ source, onClose, onSaved }: { source: SaveSource | null; onClose: () => void; onSaved: (saved: SavedEvent) => void }) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={source !== null} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal wide-modal">
        <Dialog className="dialog save-dialog">{source && <SaveForm source={source} onClose={onClose} onSaved={onSaved} />}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function SaveForm({ source, onClose, onSaved }: { source: SaveSource; onClose: () => void; onSaved: (saved: SavedEvent) => void }) {
  const t = useT();
  const issueWords = useValidationWords('savedEvent');
  const words = useFailureWords();
  const actions = useLibraryActions();
  const profiles = useProfiles();
  const existing = source.existing;
  const [title, setTitle] = useState(existing?.title ?? source.name);
  const [name, setName] = useState(source.name);
  const [description, setDescription] = useState(existing?.description ?? '');
  const [tags, setTags] = useState((existing?.tags ?? []).join(', '));
  const [useCustomer, setUseCustomer] = useState(existing?.defaultCustomer !== null && existing?.defaultCustomer !== undefined);
  const [accounts, setAccounts] = useState<string[]>(existing?.accounts ?? []);
  const [limited, setLimited] = useState((existing?.accounts ?? []).length > 0);
  // The builder's fields and the template they write; one form field per {{input.<key>}} the template uses.
  const [form, setForm] = useState<FormTemplate>(() => ({ template: source.template, fields: fieldsFor(source.template, existing?.fields ?? []) }));
  // The JSON view's text: rewritten when the builder changes, left as typed while a developer edits it.
  const [jsonText, setJsonText] = useState(() => JSON.stringify(source.template, null, 2));
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const fromBuilder = (next: FormTemplate) => {
    setForm(next);
    setJsonText(JSON.stringify(next.template, null, 2));
    setJsonProblem(null);
  };
  const fromJson = (text: string) => {
    setJsonText(text);
    const parsedText = parseTemplateText(text);
    if ('problem' in parsedText) return setJsonProblem(templateProblemWords(t, parsedText));
    setJsonProblem(null);
    setForm({ template: parsedText.template, fields: fieldsFor(parsedText.template, form.fields) });
  };
  const draft = {
    title,
    name: name.trim(),
    description,
    template: form.template,
    fields: form.fields,
    defaultCustomer: useCustomer ? (existing?.defaultCustomer ?? source.customer) : null,
    tags: tags.split(',').map((tag) => tag.trim()).filter(Boolean),
    accounts: limited ? accounts : [],
  };
  const parsed = savedEventDraftSchema.safeParse(draft);
  const problem = jsonProblem ?? (limited && accounts.length === 0 ? t('library.chooseAccount') : parsed.success ? null : issueWords(parsed.error));
  // The tracking plan, asked as the form is typed (main checks what the template would make, as the save will):
  // a warning is said and the save goes on (a send asks); Save waits only for a block about the draft as it
  // is now, and main checks again on save either way.
  const plan = useDraftPlanCheck(parsed.success && problem === null ? parsed.data : null);
  const more = (count: number) => t('composer.planMore', { count });
  const planBlocked = plan.current && plan.check?.verdict === 'block';
  const planWords = plan.check?.verdict === 'block' ? t('library.planBlocksSave', { violations: violationText(plan.check, more) }) : plan.check?.verdict === 'warn' ? t('library.planWarnsSave', { violations: violationText(plan.check, more) }) : null;
  const mutation = existing ? actions.update : actions.create;
  const save = () => {
    if (!parsed.success || problem || planBlocked) return;
    const done = { onSuccess: (saved: SavedEvent) => { onSaved(saved); onClose(); } };
    if (existing) actions.update.mutate({ id: existing.id, draft }, done);
    else actions.create.mutate(draft, done);
  };
  const heading = existing ? t('library.editHeading', { title: existing.title }) : source.name === '' ? t('library.newHeading') : t('library.saveAsHeading');

  return (
    <form onSubmit={(event) => { event.preventDefault(); save(); }}>
      <Heading slot="title">{heading}</Heading>
      <p className="muted">{t('library.saveIntro')}</p>
      <div className="field-row">
        <TextField className="field grow" value={title} onChange={setTitle} autoFocus isRequired>
          <Label>{t('library.title')}</Label>
          <Input placeholder={t('library.titlePlaceholder')} />
        </TextField>
        <TextField className="field grow" value={name} onChange={setName} isRequired>
          <Label>{t('library.eventName')}</Label>
          <Input placeholder={t('library.titlePlaceholder')} />
        </TextField>
      </div>
      <TextField className="field" value={description} onChange={setDescription}>
        <Label>{t('library.description')}</Label>
        <TextArea rows={2} />
      </TextField>
      <TextField className="field" value={tags} onChange={setTags}>
        <Label>{t('library.tags')}</Label>
        <Input placeholder={t('library.tagsPlaceholder')} />
      </TextField>
      {source.customer !== null && (
        <Checkbox className="checkbox spaced" isSelected={useCustomer} onChange={setUseCustomer}>
          {t('library.useCustomer', { customer: existing?.defaultCustomer ?? source.customer })}
        </Checkbox>
      )}
      <AccountsChoice profiles={profiles.data?.profiles ?? []} limited={limited} onLimited={setLimited} accounts={accounts} onAccounts={setAccounts} />
      <FieldBuilder form={form} onChange={fromBuilder} eventName={name} />
      <details className="json-view">
        <summary>{t('library.templateSummary')}</summary>
        <p className="muted small">
          <FormattedMessage
            id="library.templateHelp"
            values={{ input: '{{input.<key>}}', now: '{{now}}', today: '{{today}}', uuid: '{{uuid}}', email: '{{customer.email}}', code: asCode }}
          />
        </p>
        <TextField className="field" value={jsonText} onChange={fromJson} isInvalid={jsonProblem !== null}>
          <Label>{t('library.template')}</Label>
          <TextArea rows={8} spellCheck={false} />
        </TextField>
      </details>
      {problem && <p className="field-error" role="alert">{problem}</p>}
      {/* One live region, always there: a screen reader hears a verdict when it changes, not at every pause in typing. */}
      <div role="status" aria-live="polite">
        {planWords && <p className={plan.check?.verdict === 'block' ? 'field-error' : 'notice warning'} data-testid="save-plan">{planWords}</p>}
      </div>
      {mutation.error && <p className="notice error" role="alert">{words(mutation.error).message}</p>}
      <div className="button-row end">
        <Button className="button" onPress={onClose}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" className="button primary" isDisabled={!parsed.success || problem !== null || planBlocked} isPending={mutation.isPending}>
          {existing ? t('library.saveChanges') : t('library.save')}
        </Button>
      </div>
    </form>
  );
}

/** Every account (the default), or only the ones ticked. */
function AccountsChoice({ profiles, limited, onLimited, accounts, onAccounts }: { profiles: { id: string; name: string }[]; limited: boolean; onLimited: (limited: boolean) => void; accounts: string[]; onAccounts: (accounts: string[]) => void }) {
  const t = useT();
  if (profiles.length < 2 && !limited) return null;
  return (
    <RadioGroup className="accounts-choice" value={limited ? 'some' : 'all'} onChange={(value) => onLimited(value === 'some')}>
      <Label className="label">{t('library.whichAccounts')}</Label>
      <Radio value="all" className="radio">
        {t('library.everyAccount')}
      </Radio>
      <Radio value="some" className="radio">
        {t('library.someAccounts')}
      </Radio>
      {limited && (
        <CheckboxGroup className="checkbox-row" value={accounts} onChange={onAccounts} aria-label={t('library.accountsLabel')}>
          {profiles.map((profile) => (
            <Checkbox key={profile.id} value={profile.id} className="checkbox">
              {profile.name}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
    </RadioGroup>
  );
}
