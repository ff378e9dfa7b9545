import type { z } from 'zod';

/**
 * A JSON column read defensively: text that does not parse, or does not match its schema (a damaged
 * row, a newer version's shape), reads as null and the caller shows what it has instead.
 */
export function readStoredJson<T extends z.ZodType>(schema: T, text: string | null): z.infer<T> | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
