import { useFormat } from '../../format.ts';

/**
 * Dates, times and durations of history entries in the window's language: format.ts's useFormat, so
 * history, the timeline and the composer write a moment the same way.
 */
export function useHistoryFormat() {
  const { dateTime, when, duration } = useFormat();
  return { dateTime, when, duration };
}
