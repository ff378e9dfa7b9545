import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import { asCustomerId, customerLabel } from '../../../../shared/customer.ts';
import { ApiError } from '../../api/api-context.tsx';
import type { useCustomerSearch } from '../../api/hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import type { SearchPlan } from './plan-search.ts';

// The catalogue's <strong> markup, drawn the same on every render.
const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

interface SearchStatusProps {
  plan: SearchPlan;
  search: ReturnType<typeof useCustomerSearch>;
  shownCount: number;
  onOpenSettings: () => void;
}

/** One line saying what the picker is doing or why it cannot, announced politely to screen readers. */
export function SearchStatus({ plan, search, shownCount, onOpenSettings }: SearchStatusProps) {
  return (
    <p className="search-status" role="status" aria-live="polite" data-testid="customer-search-status">
      <StatusText plan={plan} search={search} shownCount={shownCount} onOpenSettings={onOpenSettings} />
    </p>
  );
}

function StatusText({ plan, search, shownCount, onOpenSettings }: SearchStatusProps) {
  const t = useT();
  const words = useFailureWords();
  if (plan.kind === 'idle') return null;
  if (plan.kind === 'too_long') return <span className="field-error">{plan.message}</span>;
  if (plan.kind === 'too_short') return <span className="muted">{plan.message}</span>;
  const failure = search.error ?? search.failureReason;
  if (failure instanceof ApiError && failure.code === 'rate_limited') {
    return search.isError ? (
      <span className="field-error">{t('customers.stillRateLimited')}</span>
    ) : (
      <span className="warning-text">{words(failure).message}</span>
    );
  }
  if (search.isFetching) return <span className="muted">{t('customers.searching')}</span>;
  if (search.error) {
    const code = search.error instanceof ApiError ? search.error.code : 'unexpected';
    return (
      <span className="field-error">
        {words(search.error).message}{' '}
        {(code === 'unauthorized' || code === 'no_key') && (
          <Button className="link-button" onPress={onOpenSettings}>
            {t('response.openSettings')}
          </Button>
        )}
      </span>
    );
  }
  const typedId = asCustomerId(plan.query);
  if (search.data && typedId !== null) {
    // A typed id is sent as is: say whose it is, so nobody sends to a customer they did not see.
    const match = search.data.customers.find((customer) => customer.id === typedId);
    if (match) {
      return (
        <span data-testid="typed-id-owner">
          <FormattedMessage
            id="customers.typedIdOwner"
            values={{ id: String(typedId), name: customerLabel(match), email: match.email && match.email !== customerLabel(match) ? ` · ${match.email}` : '', strong }}
          />
        </span>
      );
    }
    return <span className="warning-text">{t('customers.typedIdNobody', { id: String(typedId) })}</span>;
  }
  if (search.data && shownCount === 0) return <span>{t('customers.noMatch', { query: plan.query })}</span>;
  if (search.data) return <span className="muted">{search.data.total !== null && search.data.total > search.data.customers.length ? t('customers.showingOf', { shown: search.data.customers.length, total: search.data.total }) : t('customers.found', { count: search.data.customers.length })}</span>;
  return null;
}
