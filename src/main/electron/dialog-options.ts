import type { MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { OriginChange, OriginSubject } from '../profiles/origin-guard.ts';
import { StartupError, type StartupWords } from '../storage/startup-error.ts';
import type { MainKey, MainWords } from '../language/main-words.ts';

// The native dialogs' contents, built from main's words in the window's language. Pure functions, so
// each language's dialogs are checked in plain Node (test/main/dialog-options.test.ts); index.ts only
// shows them. Addresses, paths and account names go in as arguments and are shown as they are.

/** Every dialog that asks before something leaves for another address: "no" is the first button, the default and Escape. */
const SAFE_ANSWER = { defaultId: 0, cancelId: 0, noLink: true } as const;

/** Format names stay as they are in every language. */
const FORMAT_NAMES: Readonly<Record<string, string>> = { ndjson: 'NDJSON', csv: 'CSV', json: 'JSON' };

/** "Export history": the save dialog, suggesting `suggestedName` (history.ndjson…) in `folder`. */
export function exportDialog(say: MainWords, folder: string, suggestedName: string): SaveDialogOptions {
  const dot = suggestedName.lastIndexOf('.');
  const extension = dot > 0 ? suggestedName.slice(dot + 1).toLowerCase() : 'json';
  return { title: say('main.exportTitle'), defaultPath: join(folder, suggestedName), filters: [{ name: FORMAT_NAMES[extension] ?? 'JSON', extensions: [extension] }] };
}

/** "Replay events from a file": the open dialog. */
export function replayDialog(say: MainWords): OpenDialogOptions {
  return {
    title: say('main.replayTitle'),
    properties: ['openFile'],
    filters: [
      { name: say('main.replayFilter'), extensions: ['ndjson', 'jsonl', 'json', 'csv'] },
      { name: say('main.allFiles'), extensions: ['*'] },
    ],
  };
}

/** Before a saved key goes to an address it was not saved for (the only way it ever does). */
export function keyOriginBox(say: MainWords, { keyOrigin, newOrigin, last4 }: { keyOrigin: string; newOrigin: string; last4: string | null }): MessageBoxOptions {
  return {
    type: 'warning',
    title: say('main.keyOriginTitle'),
    message: say('main.keyOriginMessage', { last4: last4 ?? '????', newOrigin }),
    detail: say('main.keyOriginDetail', { keyOrigin, newOrigin }),
    buttons: [say('main.keyOriginKeep', { keyOrigin }), say('main.keyOriginSend', { newOrigin })],
    ...SAFE_ANSWER,
  };
}

/** Before a production account's key goes to this launch's HELPCRUNCH_API_URL. */
export function productionBox(say: MainWords, { account, origin, own }: { account: string; origin: string; own: string }): MessageBoxOptions {
  return {
    type: 'warning',
    title: say('main.productionTitle'),
    message: say('main.productionMessage', { account, origin }),
    detail: say('main.productionDetail', { account, origin, own }),
    buttons: [say('main.productionKeep'), say('main.productionSend', { origin })],
    ...SAFE_ANSWER,
  };
}

/** Before outbox items or a job made for one address go to the account's new one. */
export function originChangeBox(say: MainWords, { account, madeFor, now, what, subject }: OriginChange & { account: string; what: string; subject?: OriginSubject | undefined }): MessageBoxOptions {
  // Without a subject (a caller that only has English words), `what` is shown as it is.
  const about = subject?.kind === 'job' ? { kind: 'job', id: subject.id, count: 1 } : subject?.kind === 'outbox' ? { kind: 'outbox', id: '', count: subject.count } : { kind: 'other', id: '', count: 1 };
  return {
    type: 'question',
    title: say('main.originTitle'),
    message: say('main.originMessage', { ...about, what, account, madeFor, now }),
    detail: say('main.originDetail', { madeFor }),
    buttons: [say('main.originKeep'), say('main.originSend', { now })],
    ...SAFE_ANSWER,
  };
}

/** Quitting while replay jobs send: they are paused cleanly only after a yes. */
export function quitBox(say: MainWords, running: number): MessageBoxOptions {
  return {
    type: 'question',
    title: say('main.quitTitle'),
    message: say('main.quitMessage', { count: running }),
    detail: say('main.quitDetail'),
    buttons: [say('main.quitKeep'), say('main.quitPause')],
    defaultId: 0,
    cancelId: 0,
  };
}

/** Each startup failure's message and hint keys; a new StartupWords code without a row is a type error. */
const STARTUP_KEYS = {
  api_url: ['main.startupApiUrl', 'main.startupApiUrlHint'],
  busy: ['main.startupBusy', 'main.startupBusyHint'],
  unreadable: ['main.startupUnreadable', 'main.startupUnreadableHint'],
  backup_failed: ['main.startupBackup', 'main.startupBackupHint'],
  restore_failed: ['main.startupRestore', 'main.startupRestoreHint'],
  upgrade_failed: ['main.startupUpgrade', 'main.startupUpgradeHint'],
  newer_schema: ['main.startupNewer', 'main.startupNewerHint'],
  tables_mismatch: ['main.startupTables', 'main.startupTablesHint'],
} as const satisfies Record<StartupWords['code'], readonly [MainKey, MainKey]>;

/**
 * The startup error box: its title and text. A StartupError without a code (one added later and not yet
 * worded) keeps its English message and hint rather than saying nothing.
 */
export function startupErrorBox(say: MainWords, error: unknown): { title: string; content: string } {
  const title = say('main.startupTitle');
  if (error instanceof StartupError) {
    if (error.words === undefined) return { title, content: `${error.message}\n\n${error.hint}` };
    const [message, hint] = STARTUP_KEYS[error.words.code];
    return { title, content: `${say(message, error.words.values)}\n\n${say(hint, error.words.values)}` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { title, content: `${say('main.startupUnexpected', { detail })}\n\n${say('main.startupUnexpectedHint')}` };
}

/** "Open workspace folder…": a folder, which may be made here (a new plan for a team). */
export function workspaceDialog(say: MainWords): OpenDialogOptions {
  return { title: say('main.workspaceTitle'), buttonLabel: say('main.workspaceButton'), properties: ['openDirectory', 'createDirectory'] };
}
