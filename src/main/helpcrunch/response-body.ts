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
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/** createdAt is UNIX seconds as a number (older docs) or a numeric string (newer docs). */
export function createdAtMs(value: unknown): number | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}
