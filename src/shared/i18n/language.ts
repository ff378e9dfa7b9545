import { z } from 'zod';
import { localeSchema } from './locale.ts';

/** The window's language and where it comes from (Settings shows which, and offers "Follow the system"). */
export const languageSchema = z.object({
  locale: localeSchema,
  /** env: EVENT_DESK_LANG for this launch (the choice in Settings waits until it is unset). */
  source: z.enum(['env', 'settings', 'system']),
  /** The person's choice in Settings, or null to follow the system. */
  chosen: localeSchema.nullable(),
  /** What the system's language maps to. */
  system: localeSchema,
  /**
   * Layout tests only: the English messages in the pseudo-locale (accented, ~40% longer, bracketed). Set
   * by EVENT_DESK_LANG=pseudo together with EVENT_DESK_TEST_LOCALES=1; never offered in Settings.
   */
  pseudo: z.boolean().optional(),
});

export type Language = z.infer<typeof languageSchema>;
