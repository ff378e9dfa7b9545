import { memo, useEffect, useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Input, Label, ListBox, ListBoxItem, Popover, SearchField, Select, SelectValue, TextField } from 'react-aria-components';
import { asCustomerId } from '../../../../shared/customer.ts';
import { EMPTY_FILTER, hasSearchWords, HISTORY_CUSTOMER_MAX, HISTORY_TEXT_MAX, OUTCOME_CLASSES, type HistoryFilter, type OutcomeClass } from '../../../../shared/history.ts';
import { useEventNames } from '../../api/history-hooks.ts';
import { useSettledText } from '../../hooks/use-settled-text.ts';
import { useT, type Translate } from '../../i18n/use-t.ts';
import { outcomeGroupWords } from './outcome-words.ts';

interface FilterFields {
  text: string;
  outcomes: OutcomeClass[];
  name: string | null;
  customer: string;
  from: string;
  to: string;
}

const EMPTY_FIELDS: FilterFields = { text: '', outcomes: [], name: null, customer: '', from: '', to: '' };
const ANY_EVENT = '__any__';

/** Local midnight of a yyyy-mm-dd date, or the last millisecond of that day for an end date. */
function dayBoundary(text: string, end: boolean): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return end ? new Date(year, month - 1, day + 1).getTime() - 1 : new Date(year, month - 1, day).getTime();
}

/**
 * The customer field: an id, or part of a name or email. Text that starts with a digit and has no
 * "@" is meant as an id, so a typo in one is said rather than searched for as a name.
 */
function readCustomer(t: Translate, typed: string): { customer: number | null; customerText: string | null; problem?: string } {
  const text = typed.trim();
  if (text === '') return { customer: null, customerText: null };
  const id = asCustomerId(text);
  if (id !== null) return { customer: id, customerText: null };
  if (/^\d/.test(text) && !text.includes('@')) return { customer: null, customerText: null, problem: t('history.customerIdWhole') };
  if (text.length > HISTORY_CUSTOMER_MAX) return { customer: null, customerText: null, problem: t('history.customerTooLong', { max: HISTORY_CUSTOMER_MAX }) };
  return { customer: null, customerText: text };
}

function checkFields(t: Translate, fields: FilterFields, text: string): { filter: HistoryFilter | null; errors: Partial<Record<'customer' | 'to' | 'text', string>> } {
  const errors: Partial<Record<'customer' | 'to' | 'text', string>> = {};
  const { customer, customerText, problem } = readCustomer(t, fields.customer);
  if (problem) errors.customer = problem;
  const from = dayBoundary(fields.from, false);
  const to = dayBoundary(fields.to, true);
  if (from !== null && to !== null && from > to) errors.to = t('history.endBeforeStart');
  if (text.length > HISTORY_TEXT_MAX) errors.text = t('history.searchTooLong', { max: HISTORY_TEXT_MAX });
  if (Object.keys(errors).length > 0) return { filter: null, errors };
  const filter = { ...EMPTY_FILTER, outcomes: fields.outcomes, name: fields.name, customer, customerText, from, to, text: text.trim() === '' ? null : text.trim() };
  // Still applied (it matches nothing, as main decides too), but said where it was typed.
  if (filter.text !== null && !hasSearchWords(filter.text)) errors.text = t('history.noSearchWords');
  return { filter, errors };
}

/**
 * The history's filters: each checked where it is typed; the list follows once they are valid.
 * Memoized: it renders when its own fields change, not with every page the table loads.
 */
export const HistoryFilters = memo(function HistoryFilters({ onChange }: { onChange: (filter: HistoryFilter) => void }) {
  const t = useT();
  const [fields, setFields] = useState<FilterFields>(EMPTY_FIELDS);
  const [settledText] = useSettledText(fields.text);
  const names = useEventNames();
  const { filter, errors } = checkFields(t, fields, settledText);
  const set = <K extends keyof FilterFields>(key: K, value: FilterFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    if (filter) onChange(filter);
    // filterKey stands for filter's value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey]);

  return (
    <div className="history-filters" role="search" aria-label={t('history.filterLabel')}>
      <SearchField className="field grow" value={fields.text} onChange={(value) => set('text', value)} isInvalid={!!errors.text} aria-label={t('history.searchLabel')}>
        <Label>{t('history.search')}</Label>
        <Input placeholder={t('history.searchPlaceholder')} />
        <FieldError>{errors.text}</FieldError>
      </SearchField>
      <Select
        className="field"
        selectedKey={fields.name ?? ANY_EVENT}
        onSelectionChange={(key) => set('name', key === ANY_EVENT || key === null ? null : String(key))}
      >
        <Label>{t('history.event')}</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="popover">
          <ListBox className="select-list">
            <ListBoxItem id={ANY_EVENT} className="select-option">
              {t('history.anyEvent')}
            </ListBoxItem>
            {(names.data ?? []).map((name) => (
              <ListBoxItem key={name} id={name} className="select-option">
                {name}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>
      <TextField className="field" value={fields.customer} onChange={(value) => set('customer', value)} isInvalid={!!errors.customer}>
        <Label>{t('history.customerField')}</Label>
        <Input placeholder={t('history.anyCustomer')} maxLength={HISTORY_CUSTOMER_MAX * 2} />
        <FieldError>{errors.customer}</FieldError>
      </TextField>
      <TextField className="field narrow" value={fields.from} onChange={(value) => set('from', value)}>
        <Label>{t('history.from')}</Label>
        <Input type="date" />
      </TextField>
      <TextField className="field narrow" value={fields.to} onChange={(value) => set('to', value)} isInvalid={!!errors.to}>
        <Label>{t('history.to')}</Label>
        <Input type="date" />
        <FieldError>{errors.to}</FieldError>
      </TextField>
      <CheckboxGroup className="outcome-filter" value={fields.outcomes} onChange={(value) => set('outcomes', value as OutcomeClass[])}>
        <Label>{t('history.outcome')}</Label>
        <div className="checkbox-row">
          {(Object.keys(OUTCOME_CLASSES) as OutcomeClass[]).map((key) => (
            <Checkbox key={key} value={key} className="chip-checkbox">
              {outcomeGroupWords(t, key)}
            </Checkbox>
          ))}
        </div>
      </CheckboxGroup>
      <Button className="button" onPress={() => setFields(EMPTY_FIELDS)} isDisabled={JSON.stringify(fields) === JSON.stringify(EMPTY_FIELDS)}>
        {t('history.clearFilters')}
      </Button>
    </div>
  );
});
