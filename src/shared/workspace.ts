import { z } from 'zod';

/**
 * The tracking plan's workspace folder in use, for the Plan view: its path, and where it comes from —
 * the launch's --workspace/EVENT_DESK_WORKSPACE (`launch`), the person's "Open workspace folder…"
 * (`chosen`), or the default inside the app's data (`default`).
 */
export const workspaceViewSchema = z.object({
  dir: z.string().max(4096),
  source: z.enum(['launch', 'chosen', 'default']),
});

export type WorkspaceView = z.infer<typeof workspaceViewSchema>;
