import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DefinitionDraft } from '../../../shared/plan-overview.ts';
import type { PlanCheck } from '../../../shared/plan.ts';
import type { SavedEventDraft } from '../../../shared/saved-events.ts';
import { atMostEvery } from './at-most-every.ts';
import { unwrap, useApi } from './api-context.tsx';

// Not under 'history': a replay pushes history:changed for every send, and the Plan view's counts
// need not follow each one (usePlanOverview reads them again at most every OVERVIEW_REFRESH_MS).
const OVERVIEW = ['plan', 'overview'] as const;
const CHECK = ['plan', 'check'] as const;
const PLAN = ['plan'] as const;
/** While the history keeps changing, the Plan view's counts are read again at most this often. */
const OVERVIEW_REFRESH_MS = 3_000;

/** What a change of the plan's files makes stale: the counts per definition and every verdict (not past marks). */
function planChanged(client: QueryClient): Promise<unknown> {
  return Promise.all([client.invalidateQueries({ queryKey: OVERVIEW }), client.invalidateQueries({ queryKey: CHECK })]);
}

/** Main pushes plan:changed when the workspace's files change (the watcher, a save): the plan's queries are read again. */
function usePlanUpdates(): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => api.on('plan:changed', () => void planChanged(client)), [api, client]);
}

/**
 * The tracking plan at a glance for the active account (definitions, broken files, 30 days). Read
 * afresh each time the view opens and when the plan changes; while sends go out, at most every
 * OVERVIEW_REFRESH_MS (the first change at once, the last one never lost).
 */
export function usePlanOverview() {
  const api = useApi();
  const client = useQueryClient();
  usePlanUpdates();
  useEffect(() => {
    // A read already under way may have begun before the change: invalidating starts it again.
    const refresh = atMostEvery(OVERVIEW_REFRESH_MS, () => void client.invalidateQueries({ queryKey: OVERVIEW }));
    const unsubscribe = api.on('history:changed', refresh.poke);
    return () => {
      unsubscribe();
      refresh.stop();
    };
  }, [api, client]);
  return useQuery({ queryKey: OVERVIEW, queryFn: () => unwrap(api.plan.overview(undefined)), refetchOnMount: 'always' });
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
  usePlanUpdates();
  return useQuery({
    queryKey: [...CHECK, key],
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
    client.setQueryData([...CHECK, key], check);
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
      onSuccess: () => planChanged(client),
    }),
  };
}

/** What the plan says about the event a saved event makes for these inputs (main resolves it as a send would); null: nothing to check. */
export function useSavedPlanCheck(input: { id: number; customer: number; inputs: Record<string, string> } | null) {
  const api = useApi();
  usePlanUpdates();
  return useQuery({
    queryKey: [...CHECK, 'saved', input],
    queryFn: () => unwrap(api.saved.check(input!)),
    enabled: input !== null,
    staleTime: 2_000,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

/**
 * What the plan says about a saved event as the save dialog holds it (null: nothing to check), asked
 * once typing pauses and keyed by what the check reads (name, template, fields: not the title or tags).
 * `check` is the last answer, kept while the next is asked (no flicker, no live region read again);
 * `current` says whether it is about the draft as it is now.
 */
export function useDraftPlanCheck(draft: SavedEventDraft | null): { check: PlanCheck | null; current: boolean } {
  const api = useApi();
  usePlanUpdates();
  const key = draft === null ? null : JSON.stringify({ name: draft.name, template: draft.template, fields: draft.fields });
  const settled = useSettled(key);
  const query = useQuery({
    queryKey: [...CHECK, 'draft', settled],
    queryFn: () => unwrap(api.saved.checkDraft({ draft: { ...draft!, ...(JSON.parse(settled!) as Pick<SavedEventDraft, 'name' | 'template' | 'fields'>) } })),
    enabled: settled !== null && draft !== null,
    staleTime: 2_000,
    gcTime: 30_000,
    retry: false,
    placeholderData: (previous) => previous,
  });
  if (key === null) return { check: null, current: false };
  return { check: query.data ?? null, current: settled === key && query.data !== undefined && !query.isPlaceholderData };
}

/** Asks the plan about a saved event's send once, now (right before it is sent: never a stale verdict). */
export function useSavedPlanCheckNow() {
  const api = useApi();
  return (input: { id: number; customer: number; inputs: Record<string, string> }) => unwrap(api.saved.check(input));
}

/** An event's definition as a form needs it (null: the plan does not define it); read again when the plan changes. */
export function useDefinitionSummary(name: string | null) {
  const api = useApi();
  usePlanUpdates();
  const trimmed = name?.trim() ?? '';
  return useQuery({
    queryKey: [...CHECK, 'definition', trimmed],
    queryFn: () => unwrap(api.plan.definition({ name: trimmed })),
    enabled: trimmed !== '' && trimmed.length <= 255,
    staleTime: 10_000,
  });
}

/** The names the plan defines. */
export function useDefinitionNames() {
  const api = useApi();
  usePlanUpdates();
  return useQuery({ queryKey: [...CHECK, 'names'], queryFn: () => unwrap(api.plan.definitionNames(undefined)), staleTime: 10_000 });
}
