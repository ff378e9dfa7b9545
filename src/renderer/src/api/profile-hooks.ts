import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ProfileDraft } from '../../../shared/profiles.ts';
import { unwrap, useApi } from './api-context.tsx';

/** The profiles and the active one. When the active profile changes, every view refreshes. */
export function useProfiles() {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => api.on('profile:changed', () => void client.invalidateQueries()), [api, client]);
  return useQuery({ queryKey: ['profiles'], queryFn: () => unwrap(api.profiles.list(undefined)) });
}

export function useProfileActions() {
  const api = useApi();
  const client = useQueryClient();
  const refresh = { onSettled: () => client.invalidateQueries({ queryKey: ['profiles'] }) };
  return {
    use: useMutation({ mutationFn: (id: string) => unwrap(api.profiles.use({ id })), onSuccess: () => client.invalidateQueries() }),
    create: useMutation({ mutationFn: (draft: ProfileDraft) => unwrap(api.profiles.create({ draft })), ...refresh }),
    update: useMutation({ mutationFn: (input: { id: string; draft: ProfileDraft }) => unwrap(api.profiles.update(input)), ...refresh }),
    remove: useMutation({ mutationFn: (id: string) => unwrap(api.profiles.delete({ id })), ...refresh }),
    exportHistory: useMutation({ mutationFn: (id: string) => unwrap(api.profiles.exportHistory({ id })) }),
  };
}
