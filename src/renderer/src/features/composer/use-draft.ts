import { useCallback, useState } from 'react';
import type { EventDraft } from '../../../../shared/event.ts';

const STORAGE_KEY = 'event-desk:draft';
export const EMPTY_DRAFT: EventDraft = { name: '', customer: '', data: '{\n  \n}' };

function readDraft(): EventDraft {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<EventDraft> | null;
    if (stored && typeof stored.name === 'string' && typeof stored.customer === 'string' && typeof stored.data === 'string') {
      return { name: stored.name, customer: stored.customer, data: stored.data };
    }
  } catch {
    // A damaged stored draft is replaced by an empty one.
  }
  return EMPTY_DRAFT;
}

/** The composer's text, kept across restarts and crashes so nothing typed is lost. */
export function useDraft(): [EventDraft, (next: EventDraft) => void] {
  const [draft, setDraftState] = useState(readDraft);
  const setDraft = useCallback((next: EventDraft) => {
    setDraftState(next);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  }, []);
  return [draft, setDraft];
}
