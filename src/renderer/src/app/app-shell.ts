import { useEffect, useLayoutEffect } from 'react';
import { useHistoryPage } from '../api/hooks.ts';

/**
 * Hands the window over from the static shell in index.html (painted before any script runs) to React.
 * The shell covers the app until the data its first screen shows has `settled` (loaded or failed: the
 * account chip, the key, start-up notices, the recent sends), then goes in the frame React draws all of it, so nothing
 * moves after the hand-over; `ready` then marks the window usable:
 * `body[data-app-ready]` for tests and a performance mark `app-ready` for bench/first-paint.ts.
 */
export function useShellHandover({ settled, ready }: { settled: boolean; ready: boolean }): void {
  useLayoutEffect(() => {
    performance.mark('app-rendered');
  }, []);
  // A layout effect runs before the browser paints this commit: the shell never shows over a later frame.
  useLayoutEffect(() => {
    if (settled) document.getElementById('app-shell')?.remove();
  }, [settled]);
  useEffect(() => {
    if (!settled || !ready || document.body.dataset.appReady === 'true') return;
    document.body.dataset.appReady = 'true';
    performance.mark('app-ready');
  }, [settled, ready]);
}

/**
 * Calls `onSettled` (in a layout effect: before that frame is painted) once the recent sends' first page
 * has loaded or failed. A component of its own, so that later history changes re-render it, not the app.
 */
export function RecentSendsSettled({ onSettled }: { onSettled: () => void }): null {
  const page = useHistoryPage();
  useLayoutEffect(() => {
    if (!page.isPending) onSettled();
  }, [page.isPending, onSettled]);
  return null;
}
