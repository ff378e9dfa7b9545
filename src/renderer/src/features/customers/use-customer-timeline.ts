import { useInfiniteQuery } from '@tanstack/react-query';
import { EMPTY_FILTER } from '../../../../shared/history.ts';
import { unwrap, useApi } from '../../api/api-context.tsx';

/** Entries per page of a timeline: a customer's sends are few; "Show older" reads more. */
const TIMELINE_PAGE = 50;

/**
 * Every send this account made to one customer, newest first: the History query with a customer
 * filter (no second query path). Under the ['history'] keys, so a send's push refreshes it.
 */
export function useCustomerTimeline(customerId: number, enabled: boolean) {
  const api = useApi();
  const filter = { ...EMPTY_FILTER, customer: customerId };
  return useInfiniteQuery({
    queryKey: ['history', 'timeline', customerId],
    queryFn: ({ pageParam }) => unwrap(api.history.list({ limit: TIMELINE_PAGE, beforeId: pageParam, filter })),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
    enabled,
  });
}
