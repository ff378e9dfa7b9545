import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HistoryFilter } from '../../../shared/history.ts';
import { unwrap, useApi } from './api-context.tsx';

const PAGE_SIZE = 100;

/** Filtered history, newest first, a keyset page at a time as the table scrolls. */
export function useHistoryPages(filter: HistoryFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['history', 'pages', filter],
    queryFn: ({ pageParam }) => unwrap(api.history.list({ limit: PAGE_SIZE, beforeId: pageParam, filter })),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
}

export function useHistoryCount(filter: HistoryFilter) {
  const api = useApi();
  return useQuery({ queryKey: ['history', 'count', filter], queryFn: () => unwrap(api.history.count({ filter })) });
}

export function useEventNames() {
  const api = useApi();
  return useQuery({ queryKey: ['history', 'eventNames'], queryFn: () => unwrap(api.history.eventNames(undefined)) });
}

function useHistoryMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: ['history'] }) });
}

export function useDeleteEntries() {
  const api = useApi();
  return useHistoryMutation((ids: number[]) => unwrap(api.history.delete({ ids })));
}

export function useClearHistory() {
  const api = useApi();
  return useHistoryMutation((filter: HistoryFilter) => unwrap(api.history.clear({ filter })));
}

export function useExportHistory() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: { filter: HistoryFilter; ids: number[] | null; format: 'json' | 'ndjson' }) => unwrap(api.history.export(input)),
  });
}

export function useCancelExport() {
  const api = useApi();
  return useMutation({ mutationFn: () => unwrap(api.history.cancelExport(undefined)) });
}

/** The running export's progress, pushed by main. */
export function useExportProgress(): { written: number; total: number } | null {
  const api = useApi();
  const [progress, setProgress] = useState<{ written: number; total: number } | null>(null);
  useEffect(() => api.on('export:progress', setProgress), [api]);
  return progress;
}

/** Messages main kept for the user from startup (history recovered, interrupted sends). */
export function useNotices() {
  const api = useApi();
  return useQuery({ queryKey: ['notices'], queryFn: () => unwrap(api.app.notices(undefined)), staleTime: Infinity });
}
