import { useEffect, useRef, useState } from 'react';
import { foldText } from '../../../../shared/fold.ts';
import { Button, ComboBox, FieldError, Header, Input, Label, ListBox, ListBoxSection, Popover, Text, type Key } from 'react-aria-components';
import { asCustomerId, customerLabel, type Customer } from '../../../../shared/customer.ts';
import { useCustomerSearch, useRecentCustomers, useRememberCustomer } from '../../api/hooks.ts';
import { modKey } from '../../format.ts';
import { useT } from '../../i18n/use-t.ts';
import { CustomerOption } from './customer-option.tsx';
import { planSearch } from './plan-search.ts';
import { SearchStatus } from './search-status.tsx';
import { TimelineButton } from './customer-timeline.tsx';
import { PickerProblem } from './picker-problem.tsx';
import { useSettledText } from '../../hooks/use-settled-text.ts';

interface CustomerPickerProps {
  /** The customer id as text (the draft's value). */
  value: string;
  /** The customer the user picked and saw, if any. */
  selected: Customer | null;
  error: string | undefined;
  onChange: (customerText: string, selected: Customer | null) => void;
  onOpenSettings: () => void;
  /** The timeline's "Log another" (the customer stays picked); by default the form's first field takes focus. */
  onLogAnother?: () => void;
}

/**
 * Finds a customer by name, email, user id or id, and shows who is selected. Typing a plain id
 * still works. Recent picks are offered at once, without a request.
 */
export function CustomerPicker({ value, selected, error, onChange, onOpenSettings, onLogAnother }: CustomerPickerProps) {
  const t = useT();
  const [text, setText] = useState(selected ? '' : value);
  const [settled, settleNow] = useSettledText(text);
  const inputRef = useRef<HTMLInputElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const picking = useRef(false);
  const plan = planSearch(text);
  const settledPlan = planSearch(settled);
  const search = useCustomerSearch(settledPlan.kind === 'search' && settled === text ? settledPlan.query : null);
  const recent = useRecentCustomers();
  const remember = useRememberCustomer();

  // The draft can change from outside (history's "Load into composer"): show its id.
  useEffect(() => {
    if (!selected && value !== text.trim()) setText(value);
    // Only outside changes of `value` matter here; `text` follows the user's typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, selected]);

  // Ctrl/Cmd+K from anywhere: back to searching, focus in the field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        if (selected) onChange('', null);
        requestAnimationFrame(() => inputRef.current?.focus());
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [selected, onChange]);

  // Accents and case folded on both sides: "jose" finds José.
  const needle = foldText(text.trim());
  const recentShown = (recent.data ?? []).filter((customer) => needle === '' || matches(customer, needle));
  const recentIds = new Set(recentShown.map((customer) => customer.id));
  const results = search.data && settled === text ? search.data.customers.filter((customer) => !recentIds.has(customer.id)) : [];
  const byKey = new Map<Key, Customer>([...recentShown.map((c) => [`recent-${c.id}`, c] as const), ...results.map((c) => [`result-${c.id}`, c] as const)]);

  const pick = (key: Key | null) => {
    const customer = key === null ? undefined : byKey.get(key);
    if (!customer) return;
    picking.current = true;
    setText('');
    onChange(String(customer.id), customer);
    remember.mutate(customer);
  };

  if (selected) {
    return (
      <div className="field customer-field">
        <span className="label" id="customer-label">
          {t('customers.customer')}
        </span>
        <div className="customer-card" role="group" aria-labelledby="customer-label" data-testid="customer-card" ref={cardRef}>
          <div>
            <strong>{customerLabel(selected)}</strong>
            <div className="muted small">{[selected.email !== customerLabel(selected) ? selected.email : null, t('customers.id', { id: String(selected.id) }), selected.userId ? t('customers.userId', { userId: selected.userId }) : null].filter(Boolean).join(' · ')}</div>
          </div>
          <TimelineButton customer={selected} onLogAnother={onLogAnother ?? (() => firstField(cardRef.current)?.focus())} />
          <Button className="button" aria-label={t('customers.change', { shortcut: `${modKey}+K` })} onPress={() => { onChange('', null); requestAnimationFrame(() => inputRef.current?.focus()); }}>
            {t('customers.changeShort')}
          </Button>
          <Button className="icon-button" aria-label={t('customers.clear')} onPress={() => onChange('', null)}>
            ×
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="customer-picker">
    <ComboBox
      className="field customer-field"
      inputValue={text}
      onInputChange={(next) => {
        // Picking an option also rewrites the input; that text is not a new search.
        if (picking.current) return;
        setText(next);
        onChange(next.trim(), null);
      }}
      onSelectionChange={pick}
      selectedKey={null}
      allowsCustomValue
      allowsEmptyCollection
      menuTrigger="focus"
      defaultFilter={() => true}
      isInvalid={!!error}
      onKeyDown={(event) => {
        picking.current = false;
        if (event.key === 'Enter' && asCustomerId(text) === null) settleNow(text);
      }}
      onFocus={() => (picking.current = false)}
    >
      <Label>{t('customers.customer')}</Label>
      <div className="combo-input">
        <Input ref={inputRef} placeholder={t('customers.placeholder')} />
        <kbd className="shortcut" aria-hidden="true">
          {modKey}+K
        </kbd>
      </div>
      <Text slot="description">{t('customers.help')}</Text>
      <FieldError>{error}</FieldError>
      <Popover className="popover" placement="bottom start">
        <PickerProblem search={search} onOpenSettings={onOpenSettings} />
        {/* With a failed search, "no matches" would be untrue: the problem above says what happened. */}
        <ListBox className="customer-list" renderEmptyState={() => (search.error ? null : <p className="muted empty">{plan.kind === 'idle' ? t('customers.emptyIdle') : search.isFetching ? t('customers.searching') : t('customers.noMatchesYet')}</p>)}>
          {recentShown.length > 0 && (
            <ListBoxSection>
              <Header className="list-header">{t('customers.recent')}</Header>
              {recentShown.map((customer) => (
                <CustomerOption key={`recent-${customer.id}`} id={`recent-${customer.id}`} customer={customer} query={text} />
              ))}
            </ListBoxSection>
          )}
          {results.length > 0 && (
            <ListBoxSection>
              <Header className="list-header">HelpCrunch</Header>
              {results.map((customer) => (
                <CustomerOption key={`result-${customer.id}`} id={`result-${customer.id}`} customer={customer} query={text} />
              ))}
            </ListBoxSection>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
    {/* Outside the ComboBox: a Button inside it would become the combobox's own trigger. */}
    <SearchStatus plan={plan} search={search} shownCount={recentShown.length + results.length} onOpenSettings={onOpenSettings} />
    </div>
  );
}

function matches(customer: Customer, needle: string): boolean {
  return [customer.name, customer.email, customer.userId, String(customer.id)].some((field) => field !== null && field !== undefined && foldText(field).includes(needle));
}

/** The first field of the form (or section) the card is in: where logging the next event starts. */
function firstField(card: HTMLElement | null): HTMLElement | null {
  const fields = card?.closest('form, section')?.querySelectorAll<HTMLElement>('input:not([type="hidden"]), button, select, textarea') ?? [];
  // Skips the hidden native parts widgets keep for autofill (aria-hidden, out of the tab order).
  return [...fields].find((field) => field.tabIndex >= 0 && !field.closest('[aria-hidden="true"]') && !field.matches(':disabled')) ?? null;
}
