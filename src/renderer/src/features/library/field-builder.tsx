import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Checkbox, Input, Label, Menu, MenuItem, MenuTrigger, Popover, TextArea, TextField } from 'react-aria-components';
import { INPUT_TYPES, type InputField, type InputType } from '../../../../shared/template.ts';
import { useT } from '../../i18n/use-t.ts';
import { addField, moveField, removeField, updateField, type FormTemplate } from './form-template.ts';
import { newFieldWords, typeWords } from './library-words.ts';
import { unwrap, useApi } from '../../api/api-context.tsx';
import { useDefinitionNames } from '../../api/plan-hooks.ts';
import { fieldsFromPlan } from './plan-fields.ts';
import './field-builder.css';

interface FieldBuilderProps {
  form: FormTemplate;
  onChange: (form: FormTemplate) => void;
  /** The saved event's name: its definition in the plan, if any, is offered first under "Fields from the plan". */
  eventName?: string;
}

/**
 * "Add field", then label, type, required, default and help text per field; reorder with the
 * buttons or Alt+↑/↓ anywhere in a field's card; remove. Writes the data template as it goes.
 */
export function FieldBuilder({ form, onChange, eventName }: FieldBuilderProps) {
  const t = useT();
  const list = useRef<HTMLDivElement>(null);
  // After a move, focus follows the field to its new place (rows are keyed by position).
  const focusAfterMove = useRef<{ row: number; control: string } | null>(null);
  // After every render: the one that follows a move puts the focus back (a DOM effect, no state).
  useEffect(() => {
    const pending = focusAfterMove.current;
    if (!pending) return;
    focusAfterMove.current = null;
    const row = list.current?.querySelector(`[data-row="${pending.row}"]`);
    const target = row?.querySelector<HTMLElement>(`[data-control="${pending.control}"]:not([disabled])`) ?? row?.querySelector<HTMLElement>('[data-control="label"]');
    target?.focus();
  });

  const move = (index: number, delta: -1 | 1, control: string) => {
    const target = index + delta;
    if (target < 0 || target >= form.fields.length) return;
    onChange(moveField(form, index, delta));
    focusAfterMove.current = { row: target, control };
  };
  const onKeyDown = (index: number) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const control = (event.target as HTMLElement).closest('[data-control]')?.getAttribute('data-control') ?? 'label';
    move(index, event.key === 'ArrowUp' ? -1 : 1, control);
  };

  return (
    <fieldset className="fields-editor">
      <legend>{t('library.formFields')}</legend>
      {form.fields.length === 0 ? <p className="muted small">{t('library.noFieldsYet')}</p> : <p className="muted small">{t('library.fieldsOrder')}</p>}
      <div className="field-builder" ref={list}>
        {form.fields.map((field, index) => (
          <FieldCard
            key={index}
            index={index}
            count={form.fields.length}
            field={field}
            onKeyDown={onKeyDown(index)}
            onChange={(change) => onChange(updateField(form, index, change, newFieldWords(t, 'choice').choices))}
            onMove={(delta, control) => move(index, delta, control)}
            onRemove={() => onChange(removeField(form, index))}
          />
        ))}
      </div>
      <MenuTrigger>
        <Button className="button spaced">{t('library.addField')}</Button>
        <Popover className="popover menu-popover">
          <Menu
            className="menu"
            aria-label={t('library.fieldType')}
            onAction={(type) => {
              const words = newFieldWords(t, type as InputType);
              onChange(addField(form, type as InputType, words.label, words.choices));
            }}
          >
            {INPUT_TYPES.map((type) => (
              <MenuItem key={type} id={type} className="menu-item">
                {typeWords(t, type)}
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      </MenuTrigger>
      <PlanFieldsOffer form={form} onChange={onChange} eventName={eventName} />
      <p className="builder-note">{t('library.builderNote')}</p>
    </fieldset>
  );
}

interface FieldCardProps {
  index: number;
  count: number;
  field: InputField;
  onKeyDown: (event: KeyboardEvent) => void;
  onChange: (change: Partial<InputField>) => void;
  onMove: (delta: -1 | 1, control: string) => void;
  onRemove: () => void;
}

function FieldCard({ index, count, field, onKeyDown, onChange, onMove, onRemove }: FieldCardProps) {
  const t = useT();
  const name = field.label.trim() || t('library.fieldFallback', { n: index + 1 });
  return (
    <div className="field-card" role="group" aria-label={t('library.fieldGroup', { n: index + 1, name })} data-row={index} onKeyDown={onKeyDown}>
      <div className="field-card-head">
        <span className="field-number" aria-hidden="true">
          {index + 1}.
        </span>
        <strong>{typeWords(t, field.type)}</strong>
        <span className="spacer" />
        <Button className="button icon-button" data-control="up" aria-label={t('library.moveUp', { name })} isDisabled={index === 0} onPress={() => onMove(-1, 'up')}>
          ↑
        </Button>
        <Button className="button icon-button" data-control="down" aria-label={t('library.moveDown', { name })} isDisabled={index === count - 1} onPress={() => onMove(1, 'down')}>
          ↓
        </Button>
        <Button className="button danger-outline" aria-label={t('library.removeField', { name })} onPress={onRemove}>
          {t('library.remove')}
        </Button>
      </div>
      <div className="field-card-grid">
        <TextField className="field" value={field.label} onChange={(label) => onChange({ label })}>
          <Label>{t('library.label')}</Label>
          <Input data-control="label" placeholder={t('library.labelPlaceholder')} />
        </TextField>
        <label className="field">
          <span className="label">{t('library.type')}</span>
          <select className="native-select" data-control="type" value={field.type} onChange={(event) => onChange({ type: event.target.value as InputType })}>
            {INPUT_TYPES.map((type) => (
              <option key={type} value={type}>
                {typeWords(t, type)}
              </option>
            ))}
          </select>
        </label>
        {field.type === 'choice' && (
          <TextField className="field wide" value={field.choices.join(', ')} onChange={(text) => onChange({ choices: text.split(',').map((choice) => choice.trim()).filter(Boolean) })}>
            <Label>{t('library.choices')}</Label>
            <Input data-control="choices" placeholder={t('library.choicesPlaceholder')} />
          </TextField>
        )}
        <DefaultInput field={field} onChange={(value) => onChange({ default: value })} />
        {field.type === 'yesno' ? (
          <p className="muted small">{t('library.yesNoNote')}</p>
        ) : (
          <Checkbox className="checkbox" isSelected={field.required} onChange={(required) => onChange({ required })}>
            {t('library.required')}
          </Checkbox>
        )}
        <TextField className="field wide" value={field.help ?? ''} onChange={(help) => onChange({ help: help === '' ? undefined : help })}>
          <Label>{t('library.helpText')}</Label>
          <Input data-control="help" placeholder={t('library.helpPlaceholder')} />
        </TextField>
        <TextField className="field" value={field.key} onChange={(key) => onChange({ key })}>
          <Label>{t('library.keyInData')}</Label>
          <Input data-control="key" spellCheck={false} />
        </TextField>
      </div>
    </div>
  );
}

/** The default in the form the field itself takes: a box for yes/no, the choices for a choice. */
function DefaultInput({ field, onChange }: { field: InputField; onChange: (value: string | undefined) => void }) {
  const t = useT();
  if (field.type === 'yesno') {
    return (
      <Checkbox className="checkbox" isSelected={field.default === 'yes'} onChange={(on) => onChange(on ? 'yes' : undefined)}>
        {t('library.tickedAtFirst')}
      </Checkbox>
    );
  }
  if (field.type === 'choice') {
    return (
      <label className="field">
        <span className="label">{t('library.default')}</span>
        <select className="native-select" data-control="default" value={field.default ?? ''} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}>
          <option value="">{t('library.none')}</option>
          {field.choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <TextField className="field" value={field.default ?? ''} onChange={(value) => onChange(value === '' ? undefined : value)} type={field.type === 'date' ? 'date' : 'text'}>
      <Label>{t('library.default')}</Label>
      {field.type === 'longtext' ? <TextArea data-control="default" rows={2} /> : <Input data-control="default" inputMode={field.type === 'number' ? 'decimal' : undefined} placeholder={t('library.none')} />}
    </TextField>
  );
}

/**
 * "Fields from the plan": the fields an event's definition proposes (its keys' types, allowed values
 * and required keys), each bound to its data key. Offered when the plan defines any event; the saved
 * event's own name comes first. Main reads the definition; the window never sees the plan's files.
 */
function PlanFieldsOffer({ form, onChange, eventName }: FieldBuilderProps) {
  const t = useT();
  const api = useApi();
  const names = useDefinitionNames();
  const [note, setNote] = useState<string | null>(null);
  const listed = names.data ?? [];
  if (listed.length === 0) return null;
  const own = eventName?.trim() ?? '';
  const ordered = listed.includes(own) ? [own, ...listed.filter((name) => name !== own)] : listed;
  const apply = async (name: string) => {
    try {
      const summary = await unwrap(api.plan.definition({ name }));
      if (!summary) return setNote(t('library.planFieldsGone', { name }));
      const result = fieldsFromPlan(form, summary, t('library.planFieldsDateTime'));
      onChange(result.form);
      setNote(t('library.planFieldsDone', { name, added: result.added.length, updated: result.updated.length, skipped: result.skipped.length }));
    } catch (error) {
      setNote((error as Error).message);
    }
  };
  return (
    <>
      <MenuTrigger>
        <Button className="button spaced plan-fields-button">{t('library.planFields')}</Button>
        <Popover className="popover menu-popover">
          <Menu className="menu" aria-label={t('library.planFieldsMenu')} onAction={(name) => void apply(String(name))}>
            {ordered.slice(0, 200).map((name) => (
              <MenuItem key={name} id={name} className="menu-item" textValue={name}>
                {name === own ? t('library.planFieldsOwn', { name }) : name}
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      </MenuTrigger>
      <p className="muted small plan-fields-note" role="status" data-testid="plan-fields-note">
        {note ?? ''}
      </p>
    </>
  );
}
