/**
 * A reason Event Desk cannot start, in words, with what the user can do. Hosts show it (a native
 * error box in the app, one line on stderr in the CLI) and exit: never an invisible stuck process.
 */
export class StartupError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'StartupError';
    this.hint = hint;
  }
}

/** Any startup failure as a title, a message and a fix; an unexpected error is said as what it is. */
export function describeStartupFailure(error: unknown): { message: string; hint: string } {
  if (error instanceof StartupError) return { message: error.message, hint: error.hint };
  const text = error instanceof Error ? error.message : String(error);
  return { message: `Event Desk could not start: ${text}`, hint: 'Start it again; if this keeps happening, report it with this message.' };
}
