import { extraParts, type AppError, type AppErrorExtra } from '../shared/result.ts';

/**
 * The one failure shape every service throws when it cannot do what was asked: a stable code, a
 * sentence, and optionally how to fix it or when to ask again. IPC dispatch turns it into a
 * Result; the CLI turns it into an exit code and a line on stderr. Anything else thrown is a bug.
 */
export class Failure extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly retryInMs: number | undefined;
  /** Optional structure for the window's own words (see AppError); the CLI reads `message`. */
  readonly reason: string | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: string, message: string, extra: AppErrorExtra = {}) {
    super(message);
    this.name = 'Failure';
    this.code = code;
    this.hint = extra.hint;
    this.retryInMs = extra.retryInMs;
    this.reason = extra.reason;
    this.params = extra.params;
  }

  static from(error: AppError): Failure {
    return new Failure(error.code, error.message, error);
  }

  toAppError(): AppError {
    return { code: this.code, message: this.message, ...extraParts(this) };
  }
}
