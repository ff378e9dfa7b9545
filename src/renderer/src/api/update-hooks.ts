import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UpdateStatus } from '../../../shared/updates.ts';
import { unwrap, useApi } from './api-context.tsx';

const UPDATES = ['updates'] as const;
const OPENED = ['opened-file'] as const;

/** What the app does about new versions; main pushes each change (checking, downloading, ready). */
export function useUpdates() {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => api.on('app:updates', (status) => client.setQueryData(UPDATES, status)), [api, client]);
  return useQuery({ queryKey: UPDATES, queryFn: () => unwrap(api.app.updates(undefined)) });
}

function useUpdateMutation<Input>(run: (input: Input) => Promise<UpdateStatus>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: (status) => client.setQueryData(UPDATES, status) });
}

export function useUpdateActions() {
  const api = useApi();
  return {
    setChecks: useUpdateMutation((enabled: boolean) => unwrap(api.app.setUpdateChecks({ enabled }))),
    check: useUpdateMutation(() => unwrap(api.app.checkForUpdates(undefined))),
    install: useUpdateMutation(() => unwrap(api.app.installUpdate(undefined))),
  };
}

/** The name of a file the app was asked to open (a double click on a .ndjson), waiting to be replayed. */
export function useOpenedFile() {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => api.on('app:fileOpened', (file) => client.setQueryData(OPENED, file)), [api, client]);
  return useQuery({ queryKey: OPENED, queryFn: () => unwrap(api.app.openedFile(undefined)) });
}

/** Plans a replay of the opened file (main holds its path); the offer goes away either way. */
export function usePlanOpened() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { sendDuplicates: boolean; retryMaybeLanded: boolean }) => unwrap(api.jobs.planOpened({ ...input, ratePerMinute: null })),
    onSettled: () => client.setQueryData(OPENED, null),
  });
}
