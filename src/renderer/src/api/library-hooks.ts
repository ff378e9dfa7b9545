import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedEvent, SavedEventDraft } from '../../../shared/saved-events.ts';
import { STARTER_EVENTS } from '../../../shared/starter-events.ts';
import { unwrap, useApi } from './api-context.tsx';

const LIBRARY = ['library'] as const;

export function useSavedEvents() {
  const api = useApi();
  const client = useQueryClient();
  // The workspace's saved/ changed (git pull, another editor): main has synced the library by then.
  useEffect(() => api.on('plan:changed', () => void client.invalidateQueries({ queryKey: LIBRARY })), [api, client]);
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
    /** Into the workspace folder: a file the team shares. */
    share: useLibraryMutation((id: number) => unwrap(api.saved.share({ id }))),
    exportLibrary: useMutation({ mutationFn: () => unwrap(api.saved.export(undefined)) }),
    importLibrary: useLibraryMutation((onConflict: 'ask' | 'replace' | 'keep-both') => unwrap(api.saved.import({ onConflict }))),
    /** Adds the starter events (all, or those titled): each an ordinary saved event; a title already taken is left alone. */
    addStarters: useLibraryMutation(async (titles: readonly string[] | null) => {
      const existing = new Set(((await unwrap(api.saved.list(undefined))) as SavedEvent[]).map((item) => item.title));
      const added: SavedEvent[] = [];
      const skipped: string[] = [];
      for (const starter of STARTER_EVENTS.filter((item) => titles === null || titles.includes(item.title))) {
        if (existing.has(starter.title)) skipped.push(starter.title);
        else added.push(await unwrap(api.saved.create({ draft: starter })));
      }
      return { added, skipped };
    }),
    sendMany: useMutation({ mutationFn: (input: { id: number; customers: number[]; inputs: Record<string, string>; sendDuplicates: boolean }) => unwrap(api.saved.sendMany(input)) }),
  };
}

/** Sends a saved event for a customer; `again` after the user confirmed a duplicate. */
export function useSendSaved() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; customer: number; inputs: Record<string, string>; again: boolean; againstPlan?: boolean }) => unwrap(api.saved.send(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['history'] }),
  });
}

/** The usual shape of an event's data; asked once per name (and again after new sends). */
export function useDataShape(name: string) {
  const api = useApi();
  const trimmed = name.trim();
  return useQuery({ queryKey: ['history', 'shape', trimmed], queryFn: () => unwrap(api.history.shape({ name: trimmed })), enabled: trimmed !== '' && trimmed.length <= 255, staleTime: 30_000 });
}
