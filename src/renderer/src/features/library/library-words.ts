import type { InputType } from '../../../../shared/template.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Translate } from '../../i18n/use-t.ts';
import type { parseTemplateText } from './form-template.ts';

/** form-template.ts's TYPE_LABELS in the window's language. */
const TYPE_KEYS: Record<InputType, MessageKey> = {
  text: 'library.typeText',
  longtext: 'library.typeLongText',
  number: 'library.typeNumber',
  yesno: 'library.typeYesNo',
  date: 'library.typeDate',
  choice: 'library.typeChoice',
};

export function typeWords(t: Translate, type: InputType): string {
  return t(TYPE_KEYS[type]);
}

/** What a new field starts with: its label ("New number field") and, for a choice, two choices to rename. */
export function newFieldWords(t: Translate, type: InputType): { label: string; choices: string[] } {
  return { label: t('library.newFieldLabel', { type }), choices: [t('library.defaultChoice', { n: 1 }), t('library.defaultChoice', { n: 2 })] };
}

/** parseTemplateText's problem in the window's language (the JSON parser's own message stays as it is). */
export function templateProblemWords(t: Translate, problem: Extract<ReturnType<typeof parseTemplateText>, { problem: string }>): string {
  return problem.code === 'syntax' ? t('library.templateNotJson', { detail: problem.detail }) : t('library.templateNotObject', { example: '{"amount": "{{input.amount}}"}' });
}
