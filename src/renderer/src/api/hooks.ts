import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { HelpCrunchEvent } from '../../../shared/event.ts';
import { unwrap, useApi } from './api-context.tsx';

const keys = {
  settings: ['settings'] as const,
  history: ['history'] as const,
  entry: (id: number) => ['history', 'entry', id] as const,
};

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

export function useTestConnection() {
  const api = useApi();
  return useMutation({ mutationFn: () => unwrap(api.key.test(undefined)) });
}

export function useSendEvent() {
  const api = useApi();
  return useMutation({ mutationFn: (event: HelpCrunchEvent) => unwrap(api.events.send(event)) });
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
