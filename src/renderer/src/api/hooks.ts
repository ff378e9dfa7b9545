import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { HelpCrunchEvent } from '../../../shared/event.ts';
import type { Customer } from '../../../shared/customer.ts';
import { ApiError, unwrap, useApi } from './api-context.tsx';

const keys = {
  settings: ['settings'] as const,
  history: ['history'] as const,
  entry: (id: number) => ['history', 'entry', id] as const,
  search: (query: string) => ['customers', 'search', query] as const,
  recent: ['customers', 'recent'] as const,
};

const RATE_LIMIT_RETRIES = 3;

/**
 * Searches HelpCrunch for `query` (null: no search). Identical queries are answered from the cache
 * for 30 s; a 429 is retried after the wait main reports, up to 3 times.
 */
export function useCustomerSearch(query: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.search(query ?? ''),
    queryFn: () => unwrap(api.customers.search({ query: query! })),
    enabled: query !== null,
    staleTime: 30_000,
    gcTime: 60_000,
    retry: (count, error) => error instanceof ApiError && error.code === 'rate_limited' && count < RATE_LIMIT_RETRIES,
    retryDelay: (_count, error) => (error instanceof ApiError && error.retryInMs) || 2000,
  });
}

/** The last 20 customers picked, from the local database (no API call). */
export function useRecentCustomers() {
  const api = useApi();
  return useQuery({ queryKey: keys.recent, queryFn: () => unwrap(api.customers.recent(undefined)) });
}

export function useRememberCustomer() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (customer: Customer) => unwrap(api.customers.remember({ id: customer.id })),
    onSuccess: (recent) => client.setQueryData(keys.recent, recent),
  });
}

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: keys.settings, queryFn: () => unwrap(api.settings.get(undefined)) });
}

/** Mutations that answer with fresh settings put them straight into the cache. */
function useSettingsMutation<Input>(run: (input: Input) => ReturnType<ReturnType<typeof useApi>['settings']['get']>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => unwrap(run(input)),
    onSuccess: (settings) => client.setQueryData(keys.settings, settings),
  });
}

export function useSaveKey() {
  const api = useApi();
  return useSettingsMutation((input: { key: string; sessionOnly: boolean }) => api.key.set(input));
}

export function useRemoveKey() {
  const api = useApi();
  return useSettingsMutation(() => api.key.remove(undefined));
}

export function useSaveBaseUrl() {
  const api = useApi();
  return useSettingsMutation((baseUrl: string | null) => api.settings.setBaseUrl({ baseUrl }));
}

export function useSaveRetention() {
  const api = useApi();
  return useSettingsMutation((days: number | null) => api.settings.setRetention({ days }));
}

export function useTestConnection() {
  const api = useApi();
  return useMutation({ mutationFn: () => unwrap(api.key.test(undefined)) });
}

/** Sends an event; `again` sends even when the same event was already delivered (after the user said so). */
export function useSendEvent() {
  const api = useApi();
  // againstPlan: the user confirmed sending despite the tracking plan's warning (history records it).
  return useMutation({
    mutationFn: ({ event, again, againstPlan }: { event: HelpCrunchEvent; again: boolean; againstPlan?: boolean }) =>
      unwrap(againstPlan ? api.events.sendAgainstPlan({ event, again }) : again ? api.events.sendAgain(event) : api.events.send(event)),
  });
}

export function useHistoryPage(limit = 200) {
  const api = useApi();
  return useQuery({ queryKey: [...keys.history, 'page', limit], queryFn: () => unwrap(api.history.list({ limit, beforeId: null })) });
}

export function useHistoryEntry(id: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.entry(id ?? -1),
    queryFn: () => unwrap(api.history.get({ id: id! })),
    enabled: id !== null,
  });
}

/** Main pushes history changes; refetch what shows them. */
export function useHistoryUpdates(): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => api.on('history:changed', () => void client.invalidateQueries({ queryKey: keys.history })), [api, client]);
}
