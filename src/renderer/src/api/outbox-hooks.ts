import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { HelpCrunchEvent } from '../../../shared/event.ts';
import { unwrap, useApi } from './api-context.tsx';

const OUTBOX = ['outbox'] as const;

/** What waits in the outbox; refreshed whenever main says it changed. */
export function useOutbox() {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => api.on('outbox:changed', () => void client.invalidateQueries({ queryKey: OUTBOX })), [api, client]);
  return useQuery({ queryKey: OUTBOX, queryFn: () => unwrap(api.outbox.list(undefined)) });
}

function useOutboxMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSettled: () => client.invalidateQueries({ queryKey: OUTBOX }) });
}

export function useOutboxActions() {
  const api = useApi();
  return {
    sendNow: useOutboxMutation(() => unwrap(api.outbox.sendNow(undefined))),
    remove: useOutboxMutation((id: number) => unwrap(api.outbox.remove({ id }))),
    undo: useOutboxMutation((id: number) => unwrap(api.outbox.undoRemove({ id }))),
    update: useOutboxMutation((input: { id: number; event: HelpCrunchEvent }) => unwrap(api.outbox.update(input))),
    resolve: useOutboxMutation((input: { id: number; decision: 'resend' | 'delivered' }) => unwrap(api.outbox.resolveUnknown(input))),
  };
}
