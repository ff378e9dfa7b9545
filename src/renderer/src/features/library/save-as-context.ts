import { createContext, useContext } from 'react';
import type { SaveSource } from './save-dialog.tsx';

/** Opens the Save as… dialog from anywhere an event is shown (a history entry, a job item's entry). */
export const SaveAsContext = createContext<((source: SaveSource) => void) | null>(null);

export function useSaveAs(): ((source: SaveSource) => void) | null {
  return useContext(SaveAsContext);
}
