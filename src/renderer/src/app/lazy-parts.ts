import { onFirstUse } from './on-first-use.tsx';

// What the first screen (the composer or the quick log, and the recent sends) does not show is loaded on
// first use, so the initial chunk holds only what the window needs to become usable (README, "First paint").

/** The History view (Ctrl/Cmd+2): table, filters, export. */
export const historyView = onFirstUse(() => import('../features/history/history-view.tsx'), (module) => module.HistoryView);
/** The Jobs view (Ctrl/Cmd+3); its chart loads later still, with a job to draw. */
export const jobsView = onFirstUse(() => import('../features/jobs/jobs-view.tsx'), (module) => module.JobsView);
/** The Library view (Ctrl/Cmd+4). */
export const libraryView = onFirstUse(() => import('../features/library/library-view.tsx'), (module) => module.LibraryView);
/** The Plan view (Ctrl/Cmd+5): the tracking plan's events, broken files and lists. */
export const planView = onFirstUse(() => import('../features/plan/plan-view.tsx'), (module) => module.PlanView);
/** A recent send's detail, under the composer's list once one is picked. */
export const historyDetail = onFirstUse(() => import('../features/history/history-detail.tsx'), (module) => module.HistoryDetail);

export const settingsDialog = onFirstUse(() => import('../features/settings/settings-dialog.tsx'), (module) => module.SettingsDialog);
export const saveDialog = onFirstUse(() => import('../features/library/save-dialog.tsx'), (module) => module.SaveDialog);
export const quickOpen = onFirstUse(() => import('../features/library/quick-open.tsx'), (module) => module.QuickOpen);
export const profileSwitcher = onFirstUse(() => import('../features/profiles/profile-switcher.tsx'), (module) => module.ProfileSwitcher);
export const outboxDialog = onFirstUse(() => import('../features/outbox/outbox-dialog.tsx'), (module) => module.OutboxDialog);
export const sendManyDialog = onFirstUse(() => import('../features/library/send-many-dialog.tsx'), (module) => module.SendManyDialog);

/** The views a tab opens, by tab id: fetched when the pointer or the focus reaches the tab. */
export const viewsByTab: Record<string, { load: () => Promise<unknown> }> = { history: historyView, jobs: jobsView, library: libraryView, plan: planView };
