import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkspaceView } from '../../../shared/workspace.ts';
import { unwrap, useApi } from './api-context.tsx';

const WORKSPACE = ['workspace'] as const;

/** The workspace folder in use and where it comes from (the launch's, chosen in the app, the default). */
export function useWorkspaceFolder() {
  const api = useApi();
  return useQuery({ queryKey: WORKSPACE, queryFn: () => unwrap(api.plan.workspace(undefined)), refetchOnMount: 'always' });
}

/**
 * "Open workspace folder…" (main's own dialog: the window never names a path) and "Use the default
 * folder". After a switch, everything the plan decides is read again: the view's counts and every verdict.
 */
export function useWorkspaceActions() {
  const api = useApi();
  const client = useQueryClient();
  const switched = (view: WorkspaceView | null) => {
    if (view === null) return;
    client.setQueryData(WORKSPACE, view);
    // plan:changed follows from main too; this makes the view follow even when the push is late.
    void client.invalidateQueries({ queryKey: ['plan'] });
  };
  return {
    choose: useMutation({ mutationFn: () => unwrap(api.plan.chooseWorkspace(undefined)), onSuccess: switched }),
    backToDefault: useMutation({ mutationFn: () => unwrap(api.plan.resetWorkspace(undefined)), onSuccess: switched }),
  };
}
