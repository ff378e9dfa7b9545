import { useState } from 'react';
import { Button, Checkbox, Dialog, Heading, Input, Label, Modal, ModalOverlay, TextArea, TextField } from 'react-aria-components';
import { firstMessage } from '../../../../shared/event.ts';
import { savedEventDraftSchema, type SavedEvent } from '../../../../shared/saved-events.ts';
import { INPUT_TYPES, inputsUsed, type InputField, type InputType } from '../../../../shared/template.ts';
import { useLibraryActions } from '../../api/library-hooks.ts';

export interface SaveSource {
  /** Editing an existing saved event, or saving a new one from the composer. */
  existing: SavedEvent | null;
  name: string;
  template: Record<string, unknown>;
  customer: number | null;
}

const TYPE_LABELS: Record<InputType, string> = { text: 'Text', number: 'Number', yesno: 'Yes/no', date: 'Date', choice: 'Choice' };

/** Save as… (Ctrl/Cmd+S) and Edit: title, description, tags, and the form fields its {{input.…}} placeholders ask for. */
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
  const actions = useLibraryActions();
  const existing = source.existing;
  const [title, setTitle] = useState(existing?.title ?? source.name);
  const [description, setDescription] = useState(existing?.description ?? '');
  const [tags, setTags] = useState((existing?.tags ?? []).join(', '));
  const [useCustomer, setUseCustomer] = useState(existing?.defaultCustomer !== null && existing?.defaultCustomer !== undefined);
  // One form field per {{input.<key>}} the template uses, keeping what was declared before.
  const [fields, setFields] = useState<InputField[]>(() =>
    inputsUsed(source.template).map((key) => existing?.fields.find((field) => field.key === key) ?? { key, label: key.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()), type: 'text', required: true, choices: [] }),
  );
  const draft = {
    title,
    name: source.name,
    description,
    template: source.template,
    fields,
    defaultCustomer: useCustomer ? (existing?.defaultCustomer ?? source.customer) : null,
    tags: tags.split(',').map((tag) => tag.trim()).filter(Boolean),
  };
  const parsed = savedEventDraftSchema.safeParse(draft);
  const problem = parsed.success ? null : firstMessage(parsed.error);
  const mutation = existing ? actions.update : actions.create;
  const save = () => {
    if (!parsed.success) return;
    const done = { onSuccess: (saved: SavedEvent) => { onSaved(saved); onClose(); } };
    if (existing) actions.update.mutate({ id: existing.id, draft }, done);
    else actions.create.mutate(draft, done);
  };
  const setField = (index: number, change: Partial<InputField>) => setFields(fields.map((field, at) => (at === index ? { ...field, ...change } : field)));

  return (
    <form onSubmit={(event) => { event.preventDefault(); save(); }}>
      <Heading slot="title">{existing ? `Edit "${existing.title}"` : 'Save as a saved event'}</Heading>
      <p className="muted">Event name: <strong>{source.name || '—'}</strong>. The data is saved as a template: write <code>{'{{input.amount}}'}</code> in a value to ask for it in a form, or <code>{'{{now}}'}</code>, <code>{'{{customer.email}}'}</code>…</p>
      <TextField className="field" value={title} onChange={setTitle} autoFocus isRequired>
        <Label>Title</Label>
        <Input />
      </TextField>
      <TextField className="field" value={description} onChange={setDescription}>
        <Label>Description</Label>
        <TextArea rows={2} />
      </TextField>
      <TextField className="field" value={tags} onChange={setTags}>
        <Label>Tags (comma separated)</Label>
        <Input placeholder="billing, calls" />
      </TextField>
      {source.customer !== null && (
        <Checkbox className="checkbox spaced" isSelected={useCustomer} onChange={setUseCustomer}>
          Use customer #{existing?.defaultCustomer ?? source.customer} by default
        </Checkbox>
      )}
      {fields.length > 0 && (
        <fieldset className="fields-editor">
          <legend>Form fields</legend>
          {fields.map((field, index) => (
            <div key={field.key} className="field-row" role="group" aria-label={`Field ${field.key}`}>
              <code className="field-key">{field.key}</code>
              <TextField className="field grow" value={field.label} onChange={(label) => setField(index, { label })}>
                <Label>Label</Label>
                <Input />
              </TextField>
              <label className="field">
                <span className="label">Type</span>
                <select className="native-select" value={field.type} onChange={(event) => setField(index, { type: event.target.value as InputType })}>
                  {INPUT_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABELS[type]}
                    </option>
                  ))}
                </select>
              </label>
              {field.type === 'choice' && (
                <TextField className="field grow" value={field.choices.join(', ')} onChange={(text) => setField(index, { choices: text.split(',').map((choice) => choice.trim()).filter(Boolean) })}>
                  <Label>Choices</Label>
                  <Input placeholder="Damaged, Late" />
                </TextField>
              )}
              <Checkbox className="checkbox" isSelected={field.required} onChange={(required) => setField(index, { required })}>
                Required
              </Checkbox>
            </div>
          ))}
        </fieldset>
      )}
      {problem && <p className="field-error" role="alert">{problem}</p>}
      {mutation.error && <p className="notice error" role="alert">{mutation.error.message}</p>}
      <div className="button-row end">
        <Button className="button" onPress={onClose}>
          Cancel
        </Button>
        <Button type="submit" className="button primary" isDisabled={!parsed.success} isPending={mutation.isPending}>
          {existing ? 'Save changes' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
