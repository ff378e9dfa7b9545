import type { AppError } from '../../../shared/result.ts';

/** An IPC failure carried through TanStack Query; `code` lets screens react (e.g. keychain_locked). */
export class ApiError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly retryInMs: number | undefined;
  /** Optional structure main adds so the window can word the failure in its language (error-words.ts). */
  readonly reason: string | undefined;
  readonly params: Record<string, string | number> | undefined;
  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
    this.hint = error.hint;
    this.retryInMs = error.retryInMs;
    this.reason = error.reason;
    this.params = error.params;
  }
}
