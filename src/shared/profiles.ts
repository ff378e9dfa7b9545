import { z } from 'zod';

export const PROFILE_COLOURS = ['#1f6feb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'] as const;

export const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  perMinute: z.number().int(),
  colour: z.string(),
  /** Sends from the composer ask first, naming the account; batch plans say it in red. */
  production: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

/** A profile as the user edits it. */
export const profileDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the profile a name, like "Production" or "Staging".').max(60, 'Keep the name to 60 characters.'),
  perMinute: z.number().int().min(1, 'At least 1 request a minute.').max(100_000).default(120),
  colour: z.enum(PROFILE_COLOURS).default(PROFILE_COLOURS[0]),
  production: z.boolean().default(false),
});
export type ProfileDraft = z.input<typeof profileDraftSchema>;

export const profilesViewSchema = z.object({ active: z.string(), profiles: z.array(profileSchema) });
export type ProfilesView = z.infer<typeof profilesViewSchema>;
