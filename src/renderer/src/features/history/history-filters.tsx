import { memo, useEffect, useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Input, Label, ListBox, ListBoxItem, Popover, SearchField, Select, SelectValue, TextField } from 'react-aria-components';
import { asCustomerId } from '../../../../shared/customer.ts';
import { EMPTY_FILTER, hasSearchWords, HISTORY_CUSTOMER_MAX, HISTORY_TEXT_MAX, OUTCOME_CLASSES, type HistoryFilter, type OutcomeClass } from '../../../../shared/history.ts';
import { useEventNames } from '../../api/history-hooks.ts';
import { useSettledText } from '../../hooks/use-settled-text.ts';

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
function readCustomer(typed: string): { customer: number | null; customerText: string | null; problem?: string } {
  const text = typed.trim();
  if (text === '') return { customer: null, customerText: null };
  const id = asCustomerId(text);
  if (id !== null) return { customer: id, customerText: null };
  if (/^\d/.test(text) && !text.includes('@')) return { customer: null, customerText: null, problem: 'A customer id is a whole number, like 1001.' };
  if (text.length > HISTORY_CUSTOMER_MAX) return { customer: null, customerText: null, problem: `Keep the customer to ${HISTORY_CUSTOMER_MAX} characters.` };
  return { customer: null, customerText: text };
}

function checkFields(fields: FilterFields, text: string): { filter: HistoryFilter | null; errors: Partial<Record<'customer' | 'to' | 'text', string>> } {
  const errors: Partial<Record<'customer' | 'to' | 'text', string>> = {};
  const { customer, customerText, problem } = readCustomer(fields.customer);
  if (problem) errors.customer = problem;
  const from = dayBoundary(fields.from, false);
  const to = dayBoundary(fields.to, true);
  if (from !== null && to !== null && from > to) errors.to = 'The end date is before the start date.';
  if (text.length > HISTORY_TEXT_MAX) errors.text = `Keep the search to ${HISTORY_TEXT_MAX} characters.`;
  if (Object.keys(errors).length > 0) return { filter: null, errors };
  const filter = { ...EMPTY_FILTER, outcomes: fields.outcomes, name: fields.name, customer, customerText, from, to, text: text.trim() === '' ? null : text.trim() };
  // Still applied (it matches nothing, as main decides too), but said where it was typed.
  if (filter.text !== null && !hasSearchWords(filter.text)) errors.text = 'No words to search for: type letters or digits.';
  return { filter, errors };
}

/**
 * The history's filters: each checked where it is typed; the list follows once they are valid.
 * Memoized: it renders when its own fields change, not with every page the table loads.
 */
export const HistoryFilters = memo(function HistoryFilters({ onChange }: { onChange: (filter: HistoryFilter) => void }) {
  const [fields, setFields] = useState<FilterFields>(EMPTY_FIELDS);
  const [settledText] = useSettledText(fields.text);
  const names = useEventNames();
  const { filter, errors } = checkFields(fields, settledText);
  const set = <K extends keyof FilterFields>(key: K, value: FilterFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    if (filter) onChange(filter);
    // filterKey stands for filter's value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey]);

  return (
    <div className="history-filters" role="search" aria-label="Filter history">
      <SearchField className="field grow" value={fields.text} onChange={(value) => set('text', value)} isInvalid={!!errors.text} aria-label="Search history">
        <Label>Search</Label>
        <Input placeholder="Event name, data, response or error text" />
        <FieldError>{errors.text}</FieldError>
      </SearchField>
      <Select
        className="field"
        selectedKey={fields.name ?? ANY_EVENT}
        onSelectionChange={(key) => set('name', key === ANY_EVENT || key === null ? null : String(key))}
      >
        <Label>Event</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="popover">
          <ListBox className="select-list">
            <ListBoxItem id={ANY_EVENT} className="select-option">
              Any event
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
        <Label>Customer id, name or email</Label>
        <Input placeholder="Any" maxLength={HISTORY_CUSTOMER_MAX * 2} />
        <FieldError>{errors.customer}</FieldError>
      </TextField>
      <TextField className="field narrow" value={fields.from} onChange={(value) => set('from', value)}>
        <Label>From</Label>
        <Input type="date" />
      </TextField>
      <TextField className="field narrow" value={fields.to} onChange={(value) => set('to', value)} isInvalid={!!errors.to}>
        <Label>To</Label>
        <Input type="date" />
        <FieldError>{errors.to}</FieldError>
      </TextField>
      <CheckboxGroup className="outcome-filter" value={fields.outcomes} onChange={(value) => set('outcomes', value as OutcomeClass[])}>
        <Label>Outcome</Label>
        <div className="checkbox-row">
          {(Object.keys(OUTCOME_CLASSES) as OutcomeClass[]).map((key) => (
            <Checkbox key={key} value={key} className="chip-checkbox">
              {OUTCOME_CLASSES[key].label}
            </Checkbox>
          ))}
        </div>
      </CheckboxGroup>
      <Button className="button" onPress={() => setFields(EMPTY_FIELDS)} isDisabled={JSON.stringify(fields) === JSON.stringify(EMPTY_FIELDS)}>
        Clear filters
      </Button>
    </div>
  );
});
