/**
 * Retry-After in milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * HelpCrunch does not document the header; null when it is absent or unreadable.
 */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}
