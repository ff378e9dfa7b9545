import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HistoryFilter } from '../../../shared/history.ts';
import type { ItemState, Job, JobEvent } from '../../../shared/jobs.ts';
import { unwrap, useApi } from './api-context.tsx';
import { withProgress } from './job-list-progress.ts';

const ITEMS_PAGE = 200;

/** Every job; refreshed when main says the list changed or a job stopped, its counts on each progress. */
export function useJobs() {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => api.on('jobs:changed', () => void client.invalidateQueries({ queryKey: ['jobs'] })), [api, client]);
  useEffect(
    () =>
      api.on('job:event', (event) => {
        if (event.type === 'finished' || event.type === 'started') void client.invalidateQueries({ queryKey: ['jobs'] });
        else if (event.type === 'progress') client.setQueryData<Job[]>(['jobs', 'list'], (list) => withProgress(list, event));
      }),
    [api, client],
  );
  return useQuery({ queryKey: ['jobs', 'list'], queryFn: () => unwrap(api.jobs.list(undefined)) });
}

/** One job's items, a page at a time as the table scrolls, optionally in one state. */
export function useJobItems(jobId: number, state: ItemState | null) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['jobs', 'items', jobId, state],
    queryFn: ({ pageParam }) => unwrap(api.jobs.items({ id: jobId, afterSeq: pageParam, limit: ITEMS_PAGE, state })),
    initialPageParam: 0,
    getNextPageParam: (page) => (page.length < ITEMS_PAGE ? undefined : page.at(-1)!.seq),
  });
}

/** A running job's events as they arrive: the latest progress, and the history of it for the chart. */
export function useJobEvents(jobId: number | null): { latest: Extract<JobEvent, { type: 'progress' }> | null; series: JobEvent[] } {
  const api = useApi();
  const [state, setState] = useState<{ jobId: number | null; latest: Extract<JobEvent, { type: 'progress' }> | null; series: JobEvent[] }>({ jobId, latest: null, series: [] });
  useEffect(
    () =>
      api.on('job:event', (event) => {
        if (event.jobId !== jobId) return;
        setState((current) => {
          const base = current.jobId === jobId ? current : { jobId, latest: null, series: [] };
          // Keep the chart's memory bounded on very long jobs.
          const series = [...base.series.slice(-2000), event];
          return { jobId, latest: event.type === 'progress' ? event : base.latest, series };
        });
      }),
    [api, jobId],
  );
  return state.jobId === jobId ? { latest: state.latest, series: state.series } : { latest: null, series: [] };
}

function useJobMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSettled: () => client.invalidateQueries({ queryKey: ['jobs'] }) });
}

export function usePlanFile() {
  const api = useApi();
  return useJobMutation((input: { sendDuplicates: boolean; retryMaybeLanded?: boolean }) => unwrap(api.jobs.planFile({ retryMaybeLanded: false, ...input, ratePerMinute: null })));
}

export function usePlanHistory() {
  const api = useApi();
  return useJobMutation((input: { ids: number[] | null; filter: HistoryFilter | null; sendDuplicates: boolean }) => unwrap(api.jobs.planHistory({ retryMaybeLanded: false, ...input, ratePerMinute: null })));
}

export function useJobControl() {
  const api = useApi();
  return {
    // takeOver only after the user confirmed taking the job from a process that went quiet.
    start: useJobMutation((input: { id: number; takeOver?: boolean }) => unwrap(api.jobs.start({ id: input.id, takeOver: input.takeOver === true }))),
    pause: useJobMutation((id: number) => unwrap(api.jobs.pause({ id }))),
    cancel: useJobMutation((id: number) => unwrap(api.jobs.cancel({ id }))),
    discard: useJobMutation((id: number) => unwrap(api.jobs.discard({ id }))),
    retry: useJobMutation((input: { id: number; which: 'failed' | 'rejected' }) => unwrap(api.jobs.retry(input))),
    resolve: useJobMutation((input: { id: number; decision: 'resend' | 'delivered' }) => unwrap(api.jobs.resolveUnknown({ ...input, seqs: 'all' }))),
    exportResults: useMutation({ mutationFn: (input: { id: number; format: 'json' | 'ndjson' | 'csv' }) => unwrap(api.jobs.export(input)) }),
  };
}
