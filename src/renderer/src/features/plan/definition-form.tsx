import { useState } from 'react';
import { Button, Dialog, Heading, Input, Label, Modal, ModalOverlay, TextArea, TextField } from 'react-aria-components';
import type { DefinitionDraft } from '../../../../shared/plan-overview.ts';
import { usePlanActions } from '../../api/plan-hooks.ts';
import { useT } from '../../i18n/use-t.ts';
import { KEY_TYPES, rowsOf, schemaOf, type KeyRow } from './definition-rows.ts';

interface DefinitionFormProps {
  /** The proposal from history (or a definition to edit); null: closed. */
  draft: DefinitionDraft | null;
  onClose: () => void;
  onSaved: (file: string) => void;
}

/** "Create from history": the proposed definition in a form (keys, types, required, choices), or as JSON for those who want it. */
export function DefinitionDialog({ draft, onClose, onSaved }: DefinitionFormProps) {
  const t = useT();
  return (
    <ModalOverlay className="modal-overlay" isOpen={draft !== null} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal wide-modal">
        <Dialog className="dialog definition-dialog" aria-label={t('plan.formTitle', { name: draft?.name ?? '' })}>
          {draft && <DefinitionForm draft={draft} onClose={onClose} onSaved={onSaved} />}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function DefinitionForm({ draft, onClose, onSaved }: { draft: DefinitionDraft; onClose: () => void; onSaved: (file: string) => void }) {
  const t = useT();
  const actions = usePlanActions();
  const [name, setName] = useState(draft.name);
  const [description, setDescription] = useState(draft.description);
  const [owner, setOwner] = useState(draft.owner);
  const [status, setStatus] = useState(draft.status);
  const [enforcement, setEnforcement] = useState(draft.enforcement);
  const [rows, setRows] = useState<KeyRow[]>(() => rowsOf(draft.schema));
  const [otherKeys, setOtherKeys] = useState(draft.schema.additionalProperties !== false);
  // "Edit as JSON": the schema as text; the rows are read back from it when the form is shown again.
  const [jsonText, setJsonText] = useState<string | null>(null);
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);

  const schemaFromRows = () => {
    const schema = schemaOf(draft.schema, rows);
    if (otherKeys) delete schema.additionalProperties;
    else schema.additionalProperties = false;
    return schema;
  };
  const readJson = (): Record<string, unknown> | null => {
    try {
      const value = JSON.parse(jsonText ?? '') as unknown;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(t('plan.jsonNotObject'));
      setJsonProblem(null);
      return value as Record<string, unknown>;
    } catch (error) {
      setJsonProblem((error as Error).message);
      return null;
    }
  };
  const toggleJson = () => {
    if (jsonText === null) return setJsonText(JSON.stringify(schemaFromRows(), null, 2));
    const schema = readJson();
    if (!schema) return;
    setRows(rowsOf(schema));
    setOtherKeys(schema.additionalProperties !== false);
    setJsonText(null);
  };
  const edit = (index: number, change: Partial<KeyRow>) => setRows((current) => current.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const save = () => {
    const schema = jsonText === null ? schemaFromRows() : readJson();
    if (!schema) return;
    actions.save.mutate({ name, description, owner, status, enforcement, schema }, { onSuccess: ({ file }) => onSaved(file) });
  };

  return (
    <form
      className="definition-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Heading slot="title">{t('plan.formTitle', { name: draft.name })}</Heading>
      <p className="muted small">{t('plan.formIntro')}</p>
      <div className="field-row">
        <TextField className="field grow" value={name} onChange={setName} maxLength={255} isRequired>
          <Label>{t('plan.eventName')}</Label>
          <Input />
        </TextField>
        <TextField className="field" value={owner} onChange={setOwner} maxLength={200}>
          <Label>{t('plan.owner')}</Label>
          <Input placeholder={t('plan.ownerPlaceholder')} />
        </TextField>
      </div>
      <TextField className="field" value={description} onChange={setDescription} maxLength={2000}>
        <Label>{t('plan.description')}</Label>
        <TextArea rows={2} />
      </TextField>
      <div className="field-row">
        <label className="field">
          <span className="label">{t('plan.status')}</span>
          <select value={status} onChange={(event) => setStatus(event.currentTarget.value as DefinitionDraft['status'])}>
            <option value="draft">{t('plan.statusDraft')}</option>
            <option value="active">{t('plan.statusActive')}</option>
            <option value="deprecated">{t('plan.statusDeprecated')}</option>
          </select>
        </label>
        <label className="field">
          <span className="label">{t('plan.enforcement')}</span>
          <select value={enforcement} onChange={(event) => setEnforcement(event.currentTarget.value as DefinitionDraft['enforcement'])}>
            <option value="warn">{t('plan.enforcementWarn')}</option>
            <option value="block">{t('plan.enforcementBlock')}</option>
          </select>
        </label>
      </div>
      <p className="muted small">{t('plan.enforcementHelp')}</p>
      {jsonText === null ? (
        <>
          <table className="definition-keys">
            <caption>{t('plan.keysCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.key')}</th>
                <th scope="col">{t('plan.type')}</th>
                <th scope="col">{t('plan.required')}</th>
                <th scope="col">{t('plan.choices')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('plan.rowActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  <td>
                    <input aria-label={t('plan.keyOf', { index: index + 1 })} value={row.key} maxLength={200} onChange={(event) => edit(index, { key: event.currentTarget.value })} />
                  </td>
                  <td>
                    <select aria-label={t('plan.typeOf', { key: row.key })} value={row.type} onChange={(event) => edit(index, { type: event.currentTarget.value })}>
                      {!(KEY_TYPES as readonly string[]).includes(row.type) && <option value={row.type}>{row.type}</option>}
                      {KEY_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {type === 'any' ? t('plan.typeAny') : type}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" checked={row.required} onChange={(event) => edit(index, { required: event.currentTarget.checked })} aria-label={t('plan.requiredOf', { key: row.key })} />
                  </td>
                  <td>
                    <textarea aria-label={t('plan.choicesOf', { key: row.key })} rows={Math.min(4, Math.max(2, row.choices.split('\n').length))} value={row.choices} placeholder={t('plan.choicesPlaceholder')} onChange={(event) => edit(index, { choices: event.currentTarget.value })} />
                  </td>
                  <td>
                    <Button className="link-button" onPress={() => setRows((current) => current.filter((_row, at) => at !== index))} aria-label={t('plan.removeKey', { key: row.key })}>
                      {t('action.delete')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            <Button className="button" onPress={() => setRows((current) => [...current, { key: '', type: 'string', required: false, choices: '', rest: {} }])}>
              {t('plan.addKey')}
            </Button>
            <label className="inline-check">
              <input type="checkbox" checked={otherKeys} onChange={(event) => setOtherKeys(event.currentTarget.checked)} />
              {t('plan.allowOtherKeys')}
            </label>
          </div>
        </>
      ) : (
        <label className="field">
          <span className="label">{t('plan.schemaJson')}</span>
          <textarea className="mono definition-json" rows={14} value={jsonText} spellCheck={false} onChange={(event) => setJsonText(event.currentTarget.value)} />
          {jsonProblem && <span className="field-error">{jsonProblem}</span>}
        </label>
      )}
      {actions.save.error && (
        <p className="notice error" role="alert">
          {actions.save.error.message}
        </p>
      )}
      <div className="button-row end">
        <Button className="button" onPress={toggleJson}>
          {jsonText === null ? t('plan.editAsJson') : t('plan.editAsForm')}
        </Button>
        <span className="spacer" />
        <Button className="button" onPress={onClose}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" className="button primary" isPending={actions.save.isPending}>
          {t('plan.saveDefinition')}
        </Button>
      </div>
    </form>
  );
}
