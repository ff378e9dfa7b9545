/**
 * Which startup failure it is, with the details its sentence needs: the app's native error box says it
 * in the window's language from these (src/main/language/main-words.ts); `message` and `hint` stay the
 * English the CLI prints. Details are system text (paths, SQLite's own error) and are shown as they are.
 */
export type StartupWords =
  | { code: 'api_url'; values: { detail: string } }
  | { code: 'busy'; values: { path: string; detail: string } }
  | { code: 'unreadable'; values: { path: string; reason: string; detail: string } }
  | { code: 'backup_failed'; values: { path: string; detail: string } }
  | { code: 'restore_failed'; values: { path: string; copy: string; reason: string; detail: string } }
  | { code: 'upgrade_failed'; values: { reason: string } }
  | { code: 'newer_schema'; values: { current: number; known: number } }
  | { code: 'tables_mismatch'; values: { path: string; version: number; missing: string } };

/**
 * A reason Event Desk cannot start, in words, with what the user can do. Hosts show it (a native
 * error box in the app, one line on stderr in the CLI) and exit: never an invisible stuck process.
 */
export class StartupError extends Error {
  readonly hint: string;
  /** The failure as a code and its details, for hosts that say it in another language. */
  readonly words: StartupWords | undefined;
  constructor(message: string, hint: string, words?: StartupWords) {
    super(message);
    this.name = 'StartupError';
    this.hint = hint;
    this.words = words;
  }
}

/** Any startup failure as a title, a message and a fix; an unexpected error is said as what it is. */
export function describeStartupFailure(error: unknown): { message: string; hint: string } {
  if (error instanceof StartupError) return { message: error.message, hint: error.hint };
  const text = error instanceof Error ? error.message : String(error);
  return { message: `Event Desk could not start: ${text}`, hint: 'Start it again; if this keeps happening, report it with this message.' };
}
