import type { ApiErrorItem } from '../../shared/history.ts';

/** Parses JSON when it is JSON; HelpCrunch's 403/5xx bodies are undocumented and may be HTML. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The specific entries of `{"errors":[{code,message}]}`. Newer docs put a generic
 * `invalid_request` first; the user needs the specific ones after it.
 */
export function errorItems(body: unknown): ApiErrorItem[] {
  const list = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list)) return [];
  const items = list
    .filter((item): item is { code?: unknown; message?: unknown } => typeof item === 'object' && item !== null)
    .map((item) => ({ code: String(item.code ?? ''), message: String(item.message ?? '') }))
    .filter((item) => item.code !== '' || item.message !== '');
  const specific = items.filter((item) => item.code !== 'invalid_request');
  return specific.length > 0 ? specific : items;
}

/** A short, single-line piece of a body for messages. */
export function excerpt(text: string, length = 160): string {
  // A proxy's HTML error page (nginx's 502/503) is read for its words, not its markup.
  const words = /^\s*</.test(text) ? text.replace(/<(script|style)\b[^]*?<\/\1>/gi, ' ').replace(/<[^<>]{0,500}>/g, ' ') : text;
  const flat = words.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/** createdAt is UNIX seconds as a number (older docs) or a numeric string (newer docs). */
export function createdAtMs(value: unknown): number | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}

/** The created event's id in a 2xx body (a safe integer, or a numeric string), or null when there is none. */
export function createdEventId(body: unknown): number | null {
  const id = (body as { id?: unknown } | null | undefined)?.id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  if (typeof id === 'string' && /^\d{1,15}$/.test(id)) return Number(id);
  return null;
}

/** A server that echoes the Authorization header must not put the key into history, exports or the screen. */
export function redactKey(text: string, key: string): string {
  return key.length >= 4 && text.includes(key) ? text.replaceAll(key, '[API key removed by Event Desk]') : text;
}
