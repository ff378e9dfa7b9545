import { useCallback, useState } from 'react';
import { customerSchema, type Customer } from '../../../../shared/customer.ts';
import type { EventDraft } from '../../../../shared/event.ts';

const STORAGE_KEY = 'event-desk:draft';

/** The composer's fields, plus the customer the user picked (and so saw) when there is one. */
export type ComposerDraft = EventDraft & { customerCard: Customer | null };

export const EMPTY_DRAFT: ComposerDraft = { name: '', customer: '', data: '{\n  \n}', customerCard: null };

function readDraft(): ComposerDraft {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<ComposerDraft> | null;
    if (stored && typeof stored.name === 'string' && typeof stored.customer === 'string' && typeof stored.data === 'string') {
      const card = customerSchema.safeParse(stored.customerCard);
      // A card only counts while it still names the id that will be sent.
      const customerCard = card.success && String(card.data.id) === stored.customer ? card.data : null;
      return { name: stored.name, customer: stored.customer, data: stored.data, customerCard };
    }
  } catch {
    // A damaged stored draft is replaced by an empty one.
  }
  return EMPTY_DRAFT;
}

/** The composer's text, kept across restarts and crashes so nothing typed is lost. */
export function useDraft(): [ComposerDraft, (next: ComposerDraft) => void] {
  const [draft, setDraftState] = useState(readDraft);
  const setDraft = useCallback((next: ComposerDraft) => {
    setDraftState(next);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  }, []);
  return [draft, setDraft];
}
