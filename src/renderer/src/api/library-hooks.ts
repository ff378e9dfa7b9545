import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedEventDraft } from '../../../shared/saved-events.ts';
import { unwrap, useApi } from './api-context.tsx';

const LIBRARY = ['library'] as const;

export function useSavedEvents() {
  const api = useApi();
  return useQuery({ queryKey: LIBRARY, queryFn: () => unwrap(api.saved.list(undefined)) });
}

function useLibraryMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: LIBRARY }) });
}

export function useLibraryActions() {
  const api = useApi();
  return {
    create: useLibraryMutation((draft: SavedEventDraft) => unwrap(api.saved.create({ draft }))),
    update: useLibraryMutation((input: { id: number; draft: SavedEventDraft }) => unwrap(api.saved.update(input))),
    duplicate: useLibraryMutation((id: number) => unwrap(api.saved.duplicate({ id }))),
    remove: useLibraryMutation((id: number) => unwrap(api.saved.delete({ id }))),
    undo: useLibraryMutation((id: number) => unwrap(api.saved.undoDelete({ id }))),
    exportLibrary: useMutation({ mutationFn: () => unwrap(api.saved.export(undefined)) }),
    importLibrary: useLibraryMutation((onConflict: 'ask' | 'replace' | 'keep-both') => unwrap(api.saved.import({ onConflict }))),
    sendMany: useMutation({ mutationFn: (input: { id: number; customers: number[]; inputs: Record<string, string>; sendDuplicates: boolean }) => unwrap(api.saved.sendMany(input)) }),
  };
}

/** Sends a saved event for a customer; `again` after the user confirmed a duplicate. */
export function useSendSaved() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; customer: number; inputs: Record<string, string>; again: boolean }) => unwrap(api.saved.send(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['history'] }),
  });
}

/** The usual shape of an event's data; asked once per name (and again after new sends). */
export function useDataShape(name: string) {
  const api = useApi();
  const trimmed = name.trim();
  return useQuery({ queryKey: ['history', 'shape', trimmed], queryFn: () => unwrap(api.history.shape({ name: trimmed })), enabled: trimmed !== '' && trimmed.length <= 255, staleTime: 30_000 });
}
