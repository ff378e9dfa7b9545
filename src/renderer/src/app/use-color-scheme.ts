import { useSyncExternalStore } from 'react';

const query = window.matchMedia('(prefers-color-scheme: dark)');

/** Follows the OS theme live, for the pieces (Monaco) that CSS alone cannot theme. */
export function useColorScheme(): 'dark' | 'light' {
  return useSyncExternalStore(
    (notify) => {
      query.addEventListener('change', notify);
      return () => query.removeEventListener('change', notify);
    },
    () => (query.matches ? 'dark' : 'light'),
  );
}
