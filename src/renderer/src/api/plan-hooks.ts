import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DefinitionDraft } from '../../../shared/plan-overview.ts';
import { unwrap, useApi } from './api-context.tsx';

// Under 'history': a send (pushed as history:changed) refreshes the Plan view's counts with the rest.
const OVERVIEW = ['history', 'plan', 'overview'] as const;
const PLAN = ['plan'] as const;

/** The tracking plan at a glance for the active account (definitions, broken files, 30 days). */
export function usePlanOverview() {
  const api = useApi();
  return useQuery({ queryKey: OVERVIEW, queryFn: () => unwrap(api.plan.overview(undefined)) });
}

/** A value that follows `value` once it has stopped changing for `ms` (a check per pause, not per key). */
export function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** What the plan says about a draft's name and data (null: nothing to check yet). Main checks; nothing is sent. */
export function usePlanCheck(event: { name: string; data: Record<string, unknown> } | null, key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...PLAN, 'check', key],
    queryFn: () => unwrap(api.plan.check(event!)),
    enabled: event !== null,
    staleTime: 2_000,
    // The verdict of the previous text stays shown while the next one is asked.
    placeholderData: (previous) => previous,
  });
}

/** Checks once, now (the send button asks the freshest verdict before it sends); the answer is kept under `key`. */
export function usePlanCheckNow() {
  const api = useApi();
  const client = useQueryClient();
  return async (event: { name: string; data: Record<string, unknown> }, key: string) => {
    const check = await unwrap(api.plan.check(event));
    client.setQueryData([...PLAN, 'check', key], check);
    return check;
  };
}

/** What the plan said about one history entry that went out anyway. */
export function usePlanMark(id: number) {
  const api = useApi();
  return useQuery({ queryKey: [...PLAN, 'mark', id], queryFn: () => unwrap(api.plan.mark({ id })), staleTime: Infinity });
}

export function usePlanActions() {
  const api = useApi();
  const client = useQueryClient();
  return {
    propose: useMutation({ mutationFn: (name: string) => unwrap(api.plan.propose({ name })) }),
    save: useMutation({
      mutationFn: (definition: DefinitionDraft) => unwrap(api.plan.saveDefinition({ definition })),
      onSuccess: async () => {
        await client.invalidateQueries({ queryKey: OVERVIEW });
        await client.invalidateQueries({ queryKey: PLAN });
      },
    }),
  };
}
