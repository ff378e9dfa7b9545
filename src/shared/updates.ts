import { z } from 'zod';

/**
 * What the app does about new versions: replace itself (AppImage, Windows, macOS), only say one
 * exists (.deb/.rpm, whose package manager owns the files), nothing (switched off), or cannot
 * (a development run or the test bridge).
 */
export const updateModeSchema = z.enum(['self-update', 'notify', 'off', 'unavailable']);
export type UpdateMode = z.infer<typeof updateModeSchema>;

export const updateStateSchema = z.enum(['idle', 'checking', 'up-to-date', 'downloading', 'ready', 'available', 'failed']);
export type UpdateState = z.infer<typeof updateStateSchema>;

export const updateStatusSchema = z.object({
  mode: updateModeSchema,
  /** The person's choice in Settings (on unless switched off). */
  checksEnabled: z.boolean(),
  state: updateStateSchema,
  /** This app's version. */
  current: z.string().max(64),
  /** The newer version found, when one was. */
  available: z.string().max(64).nullable(),
  /** Where a .deb/.rpm user downloads it (https only); null where the app updates itself. */
  downloadUrl: z.string().max(2048).nullable(),
  /** Why the last check failed, as the updater said it (the window words the rest); null otherwise. */
  problem: z.string().max(2000).nullable(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
