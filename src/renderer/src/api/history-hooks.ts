import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HistoryFilter, HistoryPage } from '../../../shared/history.ts';
import { unwrap, useApi } from './api-context.tsx';

/**
 * Entries per page of the history table. Small pages keep each delivery a short task (the e2e and
 * benchmark bridge hands a page over in about 0.5 ms per entry), and the table asks for the next one
 * 150 rows ahead of the view, so a fling never waits at the end of what is loaded.
 */
const PAGE_SIZE = 30;

/**
 * The table's pages live outside the ['history'] keys on purpose: those are invalidated by every
 * send's push, and refetching an infinite query refetches every page loaded (hundreds, deep in a
 * fling, for each send of a running job). Sends are refreshed precisely instead (see below); deletes
 * and a filter change reload everything.
 */
const pagesKey = (filter: HistoryFilter) => ['history-table', filter] as const;

/** Filtered history, newest first, a keyset page at a time as the table scrolls. */
export function useHistoryPages(filter: HistoryFilter) {
  const api = useApi();
  const client = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: pagesKey(filter),
    queryFn: ({ pageParam }) => unwrap(api.history.list({ limit: PAGE_SIZE, beforeId: pageParam, filter })),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
  useEffect(() => {
    // A send writes or completes its row at the top of the history: reading the first page again
    // and putting it in front of the older rows already loaded brings the table up to date. Pushes
    // that arrive while a refresh runs are folded into one more refresh.
    let running = false;
    let again = false;
    const refresh = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const first = await unwrap(api.history.list({ limit: PAGE_SIZE, beforeId: null, filter }));
          client.setQueryData<InfiniteData<HistoryPage, number | null>>(pagesKey(filter), (data) => data && withFirstPage(data, first));
        } while (again);
      } catch {
        // The next push, or opening the view again, reads it again; the rows shown stay as they were.
      } finally {
        running = false;
      }
    };
    return api.on('history:changed', () => void refresh());
  }, [api, client, filter]);
  return query;
}

/** The loaded pages with `first` in front: older rows it does not cover stay as they were. */
function withFirstPage(data: InfiniteData<HistoryPage, number | null>, first: HistoryPage): InfiniteData<HistoryPage, number | null> {
  // The first page reaches the end of the history: it is all there is.
  if (first.nextBeforeId === null) return { pages: [first], pageParams: [null] };
  const oldest = first.nextBeforeId;
  const older = data.pages.map((page) => ({ ...page, entries: page.entries.filter((entry) => entry.id < oldest) })).filter((page) => page.entries.length > 0);
  // Only the first page param is read again (a full refetch derives the others from each page).
  return { pages: [first, ...older], pageParams: [null, ...data.pageParams.slice(data.pageParams.length - older.length)] };
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
  return useMutation({
    mutationFn: run,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['history'] }), client.invalidateQueries({ queryKey: ['history-table'] })]),
  });
}

export function useDeleteEntries() {
  const api = useApi();
  return useHistoryMutation((ids: number[]) => unwrap(api.history.delete({ ids })));
}

export function useClearHistory() {
  const api = useApi();
  return useHistoryMutation((filter: HistoryFilter) => unwrap(api.history.clear({ filter })));
}

/** What History exports to: a spreadsheet (CSV) for people, JSON or one entry per line for programs. */
export type ExportFormat = 'csv' | 'json' | 'ndjson';

export function useExportHistory() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: { filter: HistoryFilter; ids: number[] | null; format: ExportFormat }) => unwrap(api.history.export(input)),
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
