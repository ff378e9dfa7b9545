import { Checkbox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Button, Text, TextArea, TextField } from 'react-aria-components';
import { inputValue, type InputField } from '../../../../shared/template.ts';
import { useT } from '../../i18n/use-t.ts';
import './field-inputs.css';

interface FieldInputsProps {
  fields: InputField[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  /** Show "required" errors once the user tried to send. */
  attempted: boolean;
  /** Choices the tracking plan allows for text fields that offer none, by field key: shown as a choice. */
  planChoices?: Record<string, string[]>;
}

/** A saved event's fields as a form, each checked where it is typed: no JSON on screen. */
export function FieldInputs({ fields, values, onChange, attempted, planChoices = {} }: FieldInputsProps) {
  const t = useT();
  const set = (key: string, value: string) => onChange({ ...values, [key]: value });
  return (
    <div className="field-inputs">
      {fields.map((declared) => {
        // A free-text field whose key the plan limits to a few values offers exactly those.
        const allowed = declared.type === 'text' && declared.choices.length === 0 ? planChoices[declared.key] : undefined;
        const field: InputField = allowed ? { ...declared, type: 'choice', choices: allowed } : declared;
        const value = values[field.key] ?? '';
        const checked = inputValue(field, value);
        const error = 'problem' in checked && (value.trim() !== '' || attempted) ? checked.problem : undefined;
        const help = field.help ? <Text slot="description">{field.help}</Text> : null;
        if (field.type === 'yesno') {
          // Always answered: unticked is "no" (inputValue reads an empty answer as no, too).
          return (
            <div key={field.key} className="field">
              <Checkbox className="checkbox spaced" isSelected={/^(yes|true)$/i.test(value)} onChange={(on) => set(field.key, on ? 'yes' : 'no')}>
                {field.label}
              </Checkbox>
              {field.help && <p className="field-help">{field.help}</p>}
            </div>
          );
        }
        if (field.type === 'choice') {
          return (
            <Select key={field.key} className="field" selectedKey={value === '' ? null : value} onSelectionChange={(key) => set(field.key, String(key ?? ''))} isInvalid={!!error} placeholder={t('library.choose')}>
              <Label>
                {field.label}
                {field.required ? ' *' : ''}
              </Label>
              <Button className="button select-button">
                <SelectValue />
                <span aria-hidden="true">▾</span>
              </Button>
              {help}
              {error && <Text slot="errorMessage" className="field-error">{error}</Text>}
              <Popover className="popover">
                <ListBox className="select-list">
                  {field.choices.map((choice) => (
                    <ListBoxItem key={choice} id={choice} className="select-option">
                      {choice}
                    </ListBoxItem>
                  ))}
                </ListBox>
              </Popover>
            </Select>
          );
        }
        return (
          <TextField key={field.key} className={field.type === 'longtext' ? 'field long-field' : 'field'} value={value} onChange={(text) => set(field.key, text)} isInvalid={!!error} isRequired={field.required} type={field.type === 'date' ? 'date' : 'text'}>
            <Label>
              {field.label}
              {field.required ? ' *' : ''}
            </Label>
            {field.type === 'longtext' ? <TextArea rows={3} /> : <Input inputMode={field.type === 'number' ? 'decimal' : undefined} placeholder={field.type === 'number' ? t('library.numberExample') : field.required ? undefined : t('library.optional')} />}
            {help}
            <FieldError>{error}</FieldError>
          </TextField>
        );
      })}
    </div>
  );
}
