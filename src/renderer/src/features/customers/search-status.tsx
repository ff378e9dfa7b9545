import { Button } from 'react-aria-components';
import { asCustomerId, customerLabel } from '../../../../shared/customer.ts';
import { ApiError } from '../../api/api-context.tsx';
import type { useCustomerSearch } from '../../api/hooks.ts';
import type { SearchPlan } from './plan-search.ts';

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
  if (plan.kind === 'idle') return null;
  if (plan.kind === 'too_long') return <span className="field-error">{plan.message}</span>;
  if (plan.kind === 'too_short') return <span className="muted">{plan.message}</span>;
  const failure = search.error ?? search.failureReason;
  if (failure instanceof ApiError && failure.code === 'rate_limited') {
    return search.isError ? (
      <span className="field-error">HelpCrunch is still rate limiting searches. Wait a minute, then type again.</span>
    ) : (
      <span className="warning-text">{failure.message}</span>
    );
  }
  if (search.isFetching) return <span className="muted">Searching HelpCrunch…</span>;
  if (search.error) {
    const code = search.error instanceof ApiError ? search.error.code : 'unexpected';
    return (
      <span className="field-error">
        {search.error.message}{' '}
        {(code === 'unauthorized' || code === 'no_key') && (
          <Button className="link-button" onPress={onOpenSettings}>
            Open settings
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
          Id {typedId} is <strong>{customerLabel(match)}</strong>
          {match.email && match.email !== customerLabel(match) ? ` · ${match.email}` : ''}. Pick it from the list, or send as typed.
        </span>
      );
    }
    return <span className="warning-text">No HelpCrunch customer has id {typedId}: HelpCrunch would answer "Customer not found".</span>;
  }
  if (search.data && shownCount === 0) return <span>No customers match "{plan.query}".</span>;
  if (search.data) return <span className="muted">{search.data.total !== null && search.data.total > search.data.customers.length ? `Showing ${search.data.customers.length} of ${search.data.total} customers, most recently seen first.` : `${search.data.customers.length} found.`}</span>;
  return null;
}
