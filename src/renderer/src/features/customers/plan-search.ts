import { customerQuerySchema, SEARCH_MAX_LENGTH } from '../../../../shared/customer.ts';

export type SearchPlan =
  | { kind: 'idle' }
  | { kind: 'too_short'; message: string }
  | { kind: 'too_long'; message: string }
  | { kind: 'search'; query: string };

/** Decides whether typed text is worth a request: nothing is sent for 1 letter or 200+ characters. */
export function planSearch(text: string): SearchPlan {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'idle' };
  const parsed = customerQuerySchema.safeParse(trimmed);
  if (parsed.success) return { kind: 'search', query: parsed.data };
  const message = parsed.error.issues[0]?.message ?? 'Keep typing.';
  return trimmed.length > SEARCH_MAX_LENGTH ? { kind: 'too_long', message } : { kind: 'too_short', message };
}
