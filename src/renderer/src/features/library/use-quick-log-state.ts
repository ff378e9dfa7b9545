import { useCallback, useState } from 'react';

const STORAGE_KEY = 'event-desk:quick-log';

interface QuickLogState {
  mode: 'form' | 'json';
  savedId: number | null;
  inputs: Record<string, string>;
}

function read(): QuickLogState {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<QuickLogState> | null;
    if (stored && (stored.mode === 'form' || stored.mode === 'json')) {
      const inputs = stored.inputs && typeof stored.inputs === 'object' ? Object.fromEntries(Object.entries(stored.inputs).filter(([, value]) => typeof value === 'string')) : {};
      return { mode: stored.mode, savedId: typeof stored.savedId === 'number' ? stored.savedId : null, inputs: inputs as Record<string, string> };
    }
  } catch {
    // A damaged stored state starts fresh.
  }
  return { mode: 'json', savedId: null, inputs: {} };
}

/** The quick-log form's choice and typed values, kept across restarts (and across switching to JSON and back). */
export function useQuickLogState() {
  const [state, setState] = useState(read);
  const update = useCallback((change: Partial<QuickLogState>) => {
    setState((current) => {
      const next = { ...current, ...change };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return {
    ...state,
    setMode: useCallback((mode: 'form' | 'json') => update({ mode }), [update]),
    select: useCallback((savedId: number | null) => update({ savedId }), [update]),
    setInputs: useCallback((inputs: Record<string, string>) => update({ inputs }), [update]),
  };
}
