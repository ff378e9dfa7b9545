import { useEffect, useMemo, useState } from 'react';
import { createDebouncer } from './debouncer.ts';

export const SEARCH_DEBOUNCE_MS = 250;

/** The text once typing has paused for 250 ms: what the picker actually searches for. */
export function useSettledText(text: string): [string, (value: string) => void] {
  const [settled, setSettled] = useState(text);
  const debouncer = useMemo(() => createDebouncer<string>(SEARCH_DEBOUNCE_MS, setSettled), []);
  useEffect(() => {
    if (text.trim() === '') debouncer.flush(text);
    else debouncer.push(text);
  }, [text, debouncer]);
  useEffect(() => () => debouncer.cancel(), [debouncer]);
  return [settled, (value) => debouncer.flush(value)];
}
